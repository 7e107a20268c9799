import Foundation
import MetricxPostgres
import MetricxSemantics

/// The series the monitor watches in a workspace: each key metric for the whole workspace (ad
/// platforms only, as the dashboard counts it), for each provider, and for the campaigns that
/// spent most in the window.
struct MonitoredSeries: Sendable {
    static let metrics = ["spend", "revenue", "roas", "cpa", "cpc", "ctr", "conversions"]
    static let topCampaigns = 10

    /// Hourly when the workspace syncs sub-daily buckets, daily when it only has days.
    enum Grain: String, Sendable {
        case hour, day

        var seconds: Double { self == .hour ? 3_600 : 86_400 }
        /// History replayed before the newest bucket: four weeks of hours (the weekly season
        /// needs three), sixteen weeks of days.
        var history: Int { self == .hour ? 28 * 24 : 16 * 7 }
    }

    /// One series: whose it is and its values per bucket (nil: a ratio without a denominator).
    struct Series: Sendable {
        var metric: String
        var entityKey: String
        var entityLabel: String
        var times: [Double]
        var values: [Double?]
        /// What chance alone moves a bucket's value by, at this scope's typical volume.
        var samplingError: Double
    }

    let postgres: PostgresClient

    /// The series of a workspace whose buckets end before `end`: an hour boundary, or for days
    /// the workspace-local date written as that date's UTC midnight (how day buckets are timed).
    func load(workspaceID: UUID, grain: Grain, end: Date) async throws -> [Series] {
        let start = end.addingTimeInterval(-Double(grain.history) * grain.seconds)
        let bucket = grain == .hour
            ? "extract(epoch FROM date_trunc('hour', f.bucket_start))::float8"
            : "extract(epoch FROM (f.day::timestamp AT TIME ZONE 'UTC'))::float8"
        let source = grain == .hour
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
            for name in Self.metrics {
                let definition = MetricCatalog.builtin[name]!
                let sums = times.map { scope.buckets[$0] ?? MeasureSums() }
                let values = sums.map(definition.evaluate)
                guard values.contains(where: { ($0 ?? 0) != 0 }) else { continue }
                series.append(Series(
                    metric: name, entityKey: scope.key, entityLabel: scope.label, times: times, values: values,
                    samplingError: Self.samplingError(metric: name, buckets: sums)))
            }
        }
        return series
    }

    /// The noise chance alone puts in a bucket of this scope, from its typical volume: a count
    /// varies by about its square root (Poisson), a value per event by itself over the root of
    /// the events, a rate by its binomial standard error. Spend (a budget being paced) has none.
    /// Without it, a quiet campaign's hour with no purchase reads as revenue collapsing.
    static func samplingError(metric: String, buckets: [MeasureSums]) -> Double {
        guard !buckets.isEmpty else { return 0 }
        func typical(_ measure: Measure) -> Double {
            let sorted = buckets.map { $0[measure] }.sorted()
            return Swift.max(1, sorted[sorted.count / 2])
        }
        let totals = buckets.reduce(MeasureSums(), +)
        func ratio(_ top: Measure, _ bottom: Measure) -> Double { totals[bottom] > 0 ? totals[top] / totals[bottom] : 0 }
        switch metric {
        case "conversions": return typical(.conversions).squareRoot()
        case "revenue": return ratio(.revenue, .conversions) * typical(.conversions).squareRoot()
        case "roas": return ratio(.revenue, .spend) / typical(.conversions).squareRoot()
        case "cpa": return ratio(.spend, .conversions) / typical(.conversions).squareRoot()
        case "cpc": return ratio(.spend, .clicks) / typical(.clicks).squareRoot()
        case "ctr":
            let rate = ratio(.clicks, .impressions)
            return (rate * (1 - rate) / typical(.impressions)).squareRoot()
        default: return 0
        }
    }

    private static func grid(start: Date, end: Date, grain: Grain) -> [Double] {
        let first = (start.timeIntervalSince1970 / grain.seconds).rounded(.up) * grain.seconds
        return Array(stride(from: first, to: end.timeIntervalSince1970, by: grain.seconds))
    }
}
