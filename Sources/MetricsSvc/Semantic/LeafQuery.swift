import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxSemantics

/// Each ad's base measures over a range and its comparison, labelled with its provider, campaign
/// and ad set: the leaves a root-cause analysis localizes over.
struct LeafQuery: Sendable {
    let postgres: PostgresClient

    func run(_ plan: QueryPlan, workspaceID: UUID) async throws -> [Metricx_V1_Leaf] {
        // The two periods are summed at once, each on a connection of its own.
        async let currentFacts = facts(plan, plan.range, workspaceID: workspaceID)
        async let previousFacts = facts(plan, plan.comparison, workspaceID: workspaceID)
        let (current, previous) = try await (currentFacts, previousFacts)
        let ids = Set(current.keys).union(previous.keys).sorted { SemanticEngine.precedes($0, $1) }
        guard !ids.isEmpty else { return [] }
        return try await postgres.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT a.id::text, a.provider,
                       coalesce(nullif(c.name, ''), c.external_id, '(none)'),
                       coalesce(nullif(s.name, ''), s.external_id, '(none)'),
                       coalesce(nullif(a.name, ''), a.external_id)
                FROM metrics.entities a
                LEFT JOIN metrics.entities c ON c.workspace_id = a.workspace_id AND c.id = a.campaign_id
                LEFT JOIN metrics.entities s ON s.workspace_id = a.workspace_id AND s.id = a.adset_id
                WHERE a.workspace_id = $1 AND a.id = ANY($2::bigint[])
                """, workspaceID, ids
            ).rows
            var labels: [String: [String]] = [:]
            for row in rows {
                let (id, provider, campaign, adset, ad) = try row.decode(String.self, String.self, String.self, String.self, String.self)
                labels[id] = [provider, campaign, adset, ad]
            }
            return ids.compactMap { id -> Metricx_V1_Leaf? in
                guard let label = labels[id] else { return nil }
                return .with {
                    $0.provider = label[0]
                    $0.campaign = label[1]
                    $0.adset = label[2]
                    // Two ads may share a name; the id keeps them apart as leaves.
                    $0.ad = label[3]
                    $0.current = Metricx_V1_Measures(values: (current[id] ?? MeasureSums()).values)
                    $0.previous = Metricx_V1_Measures(values: (previous[id] ?? MeasureSums()).values)
                }
            }
        }
    }

    /// Each ad's sums over `range`, by ad id; none without a range.
    private func facts(_ plan: QueryPlan, _ range: DayRange?, workspaceID: UUID) async throws -> [String: MeasureSums] {
        guard let range else { return [:] }
        return try await postgres.withConnection { connection in
            let groups = try await FactQuery(
                workspaceID: workspaceID, range: range, filters: plan.filters, grouping: .dimension(.ad),
                timeZoneName: plan.timeZoneName
            ).run(on: connection)
            var byAd: [String: MeasureSums] = [:]
            for group in groups { if let key = group.key { byAd[key] = group.sums } }
            return byAd
        }
    }
}
