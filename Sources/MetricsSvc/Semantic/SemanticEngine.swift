import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxSemantics

/// Executes a ``QueryPlan`` against the workspace's facts and shapes DESIGN.md's answer: totals,
/// comparison totals, a top-N breakdown with an "other" row and shares, and a zero-filled
/// timeseries. Ratios are always computed over sums.
struct SemanticEngine: Sendable {
    let postgres: PostgresClient

    func execute(_ plan: QueryPlan, workspaceID: UUID, query: Metricx_V1_SemanticQuery) async throws -> Metricx_V1_QueryResult {
        try await postgres.withConnection { connection in
            var data = Metricx_V1_QueryData()
            func facts(_ range: DayRange, _ grouping: FactQuery.Grouping) async throws -> [FactQuery.Group] {
                try await FactQuery(
                    workspaceID: workspaceID, range: range, filters: plan.filters, grouping: grouping,
                    timeZoneName: plan.timeZoneName
                ).run(on: connection)
            }

            if let breakdown = plan.breakdown {
                let groups = try await facts(plan.range, .dimension(breakdown.dimension))
                let totals = groups.reduce(MeasureSums()) { $0 + $1.sums }
                data.totals = Self.values(plan.metrics, totals)
                var comparisonGroups: [String: MeasureSums] = [:]
                if let comparison = plan.comparison {
                    let previous = try await facts(comparison, .dimension(breakdown.dimension))
                    data.comparisonTotals = Self.values(plan.metrics, previous.reduce(MeasureSums()) { $0 + $1.sums })
                    for group in previous { comparisonGroups[group.key ?? ""] = group.sums }
                }
                data.breakdown = try await rows(
                    groups, totals: totals, comparison: plan.comparison == nil ? nil : comparisonGroups,
                    plan: plan, breakdown: breakdown, workspaceID: workspaceID, connection: connection)
            } else {
                let totals = try await facts(plan.range, .none).first?.sums ?? MeasureSums()
                data.totals = Self.values(plan.metrics, totals)
                if let comparison = plan.comparison {
                    let previous = try await facts(comparison, .none).first?.sums ?? MeasureSums()
                    data.comparisonTotals = Self.values(plan.metrics, previous)
                }
            }

            if let granularity = plan.granularity {
                data.timeseries = try await timeseries(plan, granularity: granularity, facts: facts)
            }

            var result = Metricx_V1_QueryResult()
            result.query = Self.executed(query, plan: plan)
            result.resolved = Self.resolved(plan)
            result.data = data
            return result
        }
    }

    static func resolved(_ plan: QueryPlan) -> Metricx_V1_ResolvedRanges {
        .with {
            $0.range = .with {
                $0.start = plan.range.start.description
                $0.end = plan.range.end.description
            }
            if let comparison = plan.comparison {
                $0.comparison = .with {
                    $0.start = comparison.start.description
                    $0.end = comparison.end.description
                }
            }
        }
    }

    // MARK: - Breakdown

    /// Ties are broken by key: entity ids numerically (the order entities were first seen), other
    /// keys (providers) as text. Comparing ids as text would put "1003" before "999".
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        if let a = Int64(lhs), let b = Int64(rhs) { return a < b }
        return lhs < rhs
    }

    private func rows(
        _ groups: [FactQuery.Group], totals: MeasureSums, comparison: [String: MeasureSums]?, plan: QueryPlan,
        breakdown: BreakdownPlan, workspaceID: UUID, connection: PostgresConnection
    ) async throws -> [Metricx_V1_BreakdownRow] {
        // Ads without an ancestor at the level (nil key) are left out of a breakdown by that level.
        let keyed = groups.filter { $0.key != nil }
        let ordered = keyed.sorted { lhs, rhs in
            let a = breakdown.orderBy.evaluate(lhs.sums)
            let b = breakdown.orderBy.evaluate(rhs.sums)
            switch (a, b) {
            case (nil, nil): return Self.precedes(lhs.key!, rhs.key!)
            case (nil, _): return false // nulls last, whatever the direction
            case (_, nil): return true
            case (let a?, let b?):
                if a == b { return Self.precedes(lhs.key!, rhs.key!) }
                return breakdown.ascending ? a < b : a > b
            }
        }
        let top = Array(ordered.prefix(breakdown.limit))
        let labels = try await self.labels(
            for: top.compactMap(\.key), dimension: breakdown.dimension, workspaceID: workspaceID, connection: connection)
        let orderTotal = breakdown.orderBy.isAdditive ? breakdown.orderBy.evaluate(totals) : nil

        func row(key: String, label: String, sums: MeasureSums, previous: MeasureSums?) -> Metricx_V1_BreakdownRow {
            .with {
                $0.key = key
                $0.label = label
                $0.values = Self.values(plan.metrics, sums)
                if let previous { $0.comparisonValues = Self.values(plan.metrics, previous) }
                if let orderTotal, orderTotal != 0, let value = breakdown.orderBy.evaluate(sums) {
                    $0.share = value / orderTotal
                }
            }
        }

        var rows = top.map { group -> Metricx_V1_BreakdownRow in
            let label = labels[group.key!] ?? (key: group.key!, label: group.key!)
            return row(
                key: label.key, label: label.label, sums: group.sums,
                previous: comparison.map { $0[group.key!] ?? MeasureSums() })
        }
        let rest = ordered.dropFirst(breakdown.limit)
        if !rest.isEmpty {
            let sums = rest.reduce(MeasureSums()) { $0 + $1.sums }
            let previous = comparison.map { groups in rest.reduce(MeasureSums()) { $0 + (groups[$1.key!] ?? MeasureSums()) } }
            rows.append(row(key: "other", label: "Other (\(rest.count))", sums: sums, previous: previous))
        }
        return rows
    }

    /// Entity ids to (external id, name); providers label themselves.
    private func labels(
        for keys: [String], dimension: Dimension, workspaceID: UUID, connection: PostgresConnection
    ) async throws -> [String: (key: String, label: String)] {
        guard dimension != .provider else {
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, (key: $0, label: $0)) })
        }
        let ids = keys.compactMap(Int64.init)
        guard !ids.isEmpty else { return [:] }
        let result = try await connection.query(
            "SELECT id::text, external_id, name FROM metrics.entities WHERE workspace_id = $1 AND id = ANY($2::bigint[])",
            workspaceID, ids.map { String($0) })
        var labels: [String: (key: String, label: String)] = [:]
        for row in result.rows {
            let (id, external, name) = try row.decode(String.self, String.self, String.self)
            labels[id] = (key: external, label: name.isEmpty ? external : name)
        }
        return labels
    }

    // MARK: - Timeseries

    private func timeseries(
        _ plan: QueryPlan, granularity: Granularity,
        facts: (DayRange, FactQuery.Grouping) async throws -> [FactQuery.Group]
    ) async throws -> [Metricx_V1_TimeseriesPoint] {
        let buckets = TimeBuckets(range: plan.range, granularity: granularity, timeZone: plan.timeZone)
        let groups = try await facts(plan.range, buckets.grouping)
        var byKey: [String: MeasureSums] = [:]
        for group in groups { byKey[buckets.normalize(group.key ?? ""), default: MeasureSums()] = group.sums }
        return buckets.keys.map { bucket in
            .with {
                $0.ts = bucket.label
                $0.values = Self.values(plan.metrics, byKey[bucket.key] ?? MeasureSums())
            }
        }
    }

    // MARK: - Shaping

    static func values(_ metrics: [MetricDefinition], _ sums: MeasureSums) -> [Metricx_V1_MetricValue] {
        metrics.map { metric in
            .with {
                $0.metric = metric.name
                if let value = metric.evaluate(sums) { $0.value = value }
            }
        }
    }

    /// The query as executed: time ranges resolved, defaults filled in.
    static func executed(_ query: Metricx_V1_SemanticQuery, plan: QueryPlan) -> Metricx_V1_SemanticQuery {
        var executed = query
        executed.metrics = plan.metrics.map(\.name)
        executed.timeRange = .with {
            $0.dates = .with {
                $0.start = plan.range.start.description
                $0.end = plan.range.end.description
            }
        }
        executed.granularity = plan.granularity?.rawValue ?? ""
        executed.includeTimeseries = plan.granularity != nil
        executed.filters = plan.filters.map { filter in
            .with {
                $0.dimension = filter.dimension.rawValue
                $0.op = filter.op.rawValue
                $0.values = filter.values
            }
        }
        if let breakdown = plan.breakdown {
            executed.breakdown = .with {
                $0.dimension = breakdown.dimension.rawValue
                $0.limit = Int32(breakdown.limit)
                $0.orderBy = breakdown.orderBy.name
                $0.order = breakdown.ascending ? "asc" : "desc"
            }
        }
        if let comparison = plan.comparison, let type = plan.comparisonType {
            executed.comparison = .with {
                $0.type = type.rawValue
                $0.custom = .with {
                    $0.start = comparison.start.description
                    $0.end = comparison.end.description
                }
            }
        }
        return executed
    }
}
