import Foundation
import MetricxAnomaly
import MetricxPostgres
import MetricxSemantics

/// The series the monitor watches in a workspace: each key metric for the whole workspace (ad
/// platforms only, as the dashboard counts it), for each provider, and for the campaigns that
/// spent most in the window.
struct MonitoredSeries: Sendable {
    /// Each judged as ``AdMetric`` says: spend against its usual hour, alerting when it runs away, every
    /// ratio as its numerator given its denominator.
    static let metrics = AdMetric.allCases.map(\.rawValue)
    static let topCampaigns = 10

    /// Hourly when the workspace syncs sub-daily buckets, daily when it only has days.
    enum Grain: String, Sendable {
        case hour, day

        var seconds: Double { self == .hour ? 3_600 : 86_400 }
        /// History replayed before the newest bucket: four weeks of hours (the weekly season
        /// needs three), sixteen weeks of days.
        var history: Int { self == .hour ? 28 * 24 : 16 * 7 }
    }

    /// One series: whose it is, its values per bucket (nil: a ratio without a denominator) and
    /// the measures behind them, which is what the detector judges.
    struct Series: Sendable {
        var metric: String
        var entityKey: String
        var entityLabel: String
        var times: [Double]
        var values: [Double?]
        var buckets: [AdBucket]
        /// The scope's revenue per conversion over the window: revenue is judged in orders.
        var orderValue: Double
    }

    let postgres: PostgresClient

    /// The series of a workspace whose buckets end before `end`: an hour boundary, or for days
    /// the workspace-local date written as that date's UTC midnight (how day buckets are timed).
    func load(workspaceID: UUID, grain: Grain, end: Date) async throws -> [Series] {
        let start = end.addingTimeInterval(-Double(grain.history) * grain.seconds)
        let bucket =
            grain == .hour
            ? "extract(epoch FROM date_trunc('hour', f.bucket_start))::float8"
            : "extract(epoch FROM (f.day::timestamp AT TIME ZONE 'UTC'))::float8"
        let source =
            grain == .hour
            ? """
            metrics.snapshots f JOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id
            WHERE f.workspace_id = $1 AND f.bucket_start >= $2 AND f.bucket_start < $3 AND f.bucket_minutes < 1440
            """
            : """
            metrics.campaign_daily f
            WHERE f.workspace_id = $1 AND f.day >= ($2 AT TIME ZONE 'UTC')::date AND f.day < ($3 AT TIME ZONE 'UTC')::date
            """
        let campaignColumn = grain == .hour ? "coalesce(e.campaign_id, 0)" : "f.campaign_id"
        let providerColumn = grain == .hour ? "e.provider" : "f.provider"
        let sums = Measure.allCases.map { "sum(f.\($0.column))::float8" }.joined(separator: ", ")
        let rows = try await postgres.query(
            """
            SELECT g.provider, coalesce(c.external_id, ''), coalesce(c.name, ''), g.*
            FROM (SELECT \(providerColumn) AS provider, \(campaignColumn) AS campaign_id, \(bucket) AS bucket, \(sums)
                  FROM \(source)
                  GROUP BY 1, 2, 3) g
            LEFT JOIN metrics.entities c ON c.workspace_id = $1 AND c.id = g.campaign_id
            """,
            workspaceID, start, end
        ).rows
        var total: [Double: MeasureSums] = [:]
        var providers: [String: [Double: MeasureSums]] = [:]
        var campaigns: [String: (label: String, buckets: [Double: MeasureSums], spend: Double)] = [:]
        for row in rows {
            let provider = try row.decode(String.self, at: 0)
            let campaignID = try row.decode(String.self, at: 1)
            let campaignName = try row.decode(String.self, at: 2)
            let time = try row.decode(Double.self, at: 5)
            var sums = MeasureSums()
            for index in Measure.allCases.indices { sums.values[index] = try row.decode(Double.self, at: 6 + index) }
            providers[provider, default: [:]][time, default: MeasureSums()] += sums
            guard !AttributionBuilder.storeProviders.contains(provider) else { continue }
            total[time, default: MeasureSums()] += sums
            if !campaignID.isEmpty {
                let key = "\(provider):campaign:\(campaignID)"
                var entry = campaigns[key] ?? (campaignName.isEmpty ? campaignID : campaignName, [:], 0)
                entry.buckets[time, default: MeasureSums()] += sums
                entry.spend += sums[.spend]
                campaigns[key] = entry
            }
        }
        let grid = Self.grid(start: start, end: end, grain: grain)
        var scopes: [(key: String, label: String, buckets: [Double: MeasureSums])] = [("", "Workspace", total)]
        for provider in providers.keys.sorted() { scopes.append((provider, provider, providers[provider]!)) }
        let top = campaigns.sorted { ($0.value.spend, $1.key) > ($1.value.spend, $0.key) }.prefix(Self.topCampaigns)
        for (key, entry) in top { scopes.append((key, entry.label, entry.buckets)) }

        var series: [Series] = []
        for scope in scopes where !scope.buckets.isEmpty {
            // From the scope's first bucket: before it, it did not exist yet.
            let first = scope.buckets.keys.min()!
            let times = grid.filter { $0 >= first }
            let sums = times.map { scope.buckets[$0] ?? MeasureSums() }
            let buckets = sums.map {
                AdBucket(
                    spend: $0[.spend], impressions: $0[.impressions], clicks: $0[.clicks], conversions: $0[.conversions],
                    revenue: $0[.revenue], purchases: $0[.purchases])
            }
            let total = buckets.reduce(AdBucket(), +)
            let orderValue = total.conversions > 0 ? total.revenue / total.conversions : 1
            for name in Self.metrics {
                let definition = MetricCatalog.builtin[name]!
                let values = sums.map(definition.evaluate)
                guard values.contains(where: { ($0 ?? 0) != 0 }) else { continue }
                series.append(
                    Series(
                        metric: name, entityKey: scope.key, entityLabel: scope.label, times: times, values: values,
                        buckets: buckets, orderValue: orderValue))
            }
        }
        return series
    }

    private static func grid(start: Date, end: Date, grain: Grain) -> [Double] {
        let first = (start.timeIntervalSince1970 / grain.seconds).rounded(.up) * grain.seconds
        return Array(stride(from: first, to: end.timeIntervalSince1970, by: grain.seconds))
    }
}
