import Foundation
import MetricxPostgres
import MetricxSemantics

/// Aggregates the base measures of a workspace's fact rows over a day range, optionally grouped:
/// the one SQL shape behind totals, breakdowns and timeseries.
struct FactQuery {
    enum Grouping {
        case none
        case dimension(Dimension)
        /// Day-aligned buckets of the daily rollup.
        case day, week, month
        /// Fixed-width buckets of raw snapshots, aligned to `origin` (local midnight of the range start).
        case instant(seconds: Int, origin: Date)
    }

    var workspaceID: UUID
    var range: DayRange
    var filters: [FilterPlan]
    var grouping: Grouping
    var timeZoneName: String

    /// One group: its key (nil for `.none`) and the sums of the ten measures.
    struct Group {
        var key: String?
        var sums: MeasureSums
    }

    func run(on connection: PostgresConnection) async throws -> [Group] {
        var sql = SQLBuilder()
        let workspace = sql.bind(workspaceID)
        let start = sql.bind(range.start.description)
        let end = sql.bind(range.end.description)

        let keyExpression: String?
        var fromClause: String
        let timeClause: String
        // Day-aligned queries that need nothing below a campaign read the campaign rollup.
        let campaignRollup = usesCampaignRollup
        func column(_ dimension: Dimension) -> String {
            campaignRollup ? dimension.campaignRollupColumn! : dimension.column
        }
        switch grouping {
        case .instant(let seconds, let origin):
            let interval = sql.bind("\(seconds) seconds")
            let originValue = sql.bind(origin)
            keyExpression = "extract(epoch FROM date_bin(\(interval)::interval, f.bucket_start, \(originValue)::timestamptz))::float8::text"
            fromClause = "metrics.snapshots f"
            let zone = sql.bind(timeZoneName)
            timeClause = """
                f.bucket_start >= (\(start)::date::timestamp AT TIME ZONE \(zone))
                AND f.bucket_start < ((\(end)::date + 1)::timestamp AT TIME ZONE \(zone))
                """
        default:
            fromClause = campaignRollup ? "metrics.campaign_daily f" : "metrics.ad_daily f"
            timeClause = "f.day BETWEEN \(start)::date AND \(end)::date"
            switch grouping {
            case .none: keyExpression = nil
            case .dimension(let dimension): keyExpression = "\(column(dimension))::text"
            case .day: keyExpression = "f.day::text"
            case .week: keyExpression = "date_trunc('week', f.day)::date::text"
            case .month: keyExpression = "date_trunc('month', f.day)::date::text"
            case .instant: fatalError("handled above")
            }
        }

        let sums = Measure.allCases.map { "coalesce(sum(f.\($0.column)), 0)::float8" }.joined(separator: ", ")
        let filterClauses = filters.map { clause(for: $0, column: column($0.dimension), workspace: workspace, sql: &sql) }
        let conditions = (["f.workspace_id = \(workspace)", timeClause] + filterClauses).joined(separator: "\n  AND ")
        let selectKey = keyExpression.map { "\($0) AS key, " } ?? ""
        let groupBy = keyExpression == nil ? "" : "\nGROUP BY 1"
        if !campaignRollup {
            fromClause += "\nJOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id"
        }
        let text = """
            SELECT \(selectKey)\(sums)
            FROM \(fromClause)
            WHERE \(conditions)\(groupBy)
            """
        let result = try await connection.query(text, bindings: sql.bindings)
        let offset = keyExpression == nil ? 0 : 1
        return try result.rows.map { row in
            var values: [Double] = []
            values.reserveCapacity(Measure.allCases.count)
            for index in 0..<Measure.allCases.count {
                values.append(try row.decode(Double.self, at: index + offset))
            }
            let key = offset == 1 ? try row.decode(String?.self, at: 0) : nil
            return Group(key: key, sums: MeasureSums(values: values))
        }
    }

    /// Whether the campaign rollup can answer: a day-aligned grain and no dimension below a campaign.
    var usesCampaignRollup: Bool {
        if case .instant = grouping { return false }
        if case .dimension(let dimension) = grouping, dimension.campaignRollupColumn == nil { return false }
        return filters.allSatisfy { $0.dimension.campaignRollupColumn != nil }
    }

    /// A filter as SQL: provider by name; entity levels by name (case-insensitive) or external id.
    private func clause(for filter: FilterPlan, column: String, workspace: String, sql: inout SQLBuilder) -> String {
        let lowered = filter.values.map { $0.lowercased() }
        if filter.dimension == .provider {
            // Providers are stored lowercase (ingest enforces it), so the column is compared as
            // it is: a lower() here would hide it from the planner's statistics.
            switch filter.op {
            case .in: return "\(column) = ANY(\(sql.bind(lowered))::text[])"
            case .notIn: return "NOT (\(column) = ANY(\(sql.bind(lowered))::text[]))"
            case .contains: return "\(column) LIKE ANY(\(sql.bind(lowered.map(Self.likePattern)))::text[])"
            }
        }
        let level = sql.bind(filter.dimension.rawValue)
        let match: String
        switch filter.op {
        case .in, .notIn:
            let names = sql.bind(lowered)
            let ids = sql.bind(filter.values)
            match = "(lower(m.name) = ANY(\(names)::text[]) OR m.external_id = ANY(\(ids)::text[]))"
        case .contains:
            match = "lower(m.name) LIKE ANY(\(sql.bind(lowered.map(Self.likePattern)))::text[])"
        }
        let subquery = "SELECT m.id FROM metrics.entities m WHERE m.workspace_id = \(workspace) AND m.level = \(level) AND \(match)"
        if filter.op == .notIn {
            // An ad without an ancestor at this level is not "in" any of the values.
            return "(\(column) IS NULL OR \(column) NOT IN (\(subquery)))"
        }
        return "\(column) IN (\(subquery))"
    }

    /// `%text%` with LIKE's wildcards escaped, for `contains`.
    static func likePattern(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }
}
