import Foundation
import Testing

@testable import MetricxLineage

@Suite struct SuspectChangesTests {
    private let graph = LineageGraph(custom: [])
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func changesAreRankedByTheAnomaliesThatFollowThemDownstream() {
        let changes = [
            // Touches spend: cpc, roas, ... are one edge away.
            SuspectChanges.Change(id: "budget", occurredAt: start, nodes: ["metric:spend"]),
            // Touches a source column two edges from roas.
            SuspectChanges.Change(id: "tracking", occurredAt: start, nodes: ["source:meta.ads_insights.action_values"]),
            // Unrelated to roas.
            SuspectChanges.Change(id: "clicks", occurredAt: start, nodes: ["metric:clicks"]),
            // After the anomaly: cannot have caused it.
            SuspectChanges.Change(id: "late", occurredAt: start.addingTimeInterval(7200), nodes: ["metric:spend"]),
        ]
        let anomalies = [SuspectChanges.Anomaly(id: "a1", metric: "roas", at: start.addingTimeInterval(3600), severity: 1)]
        let ranked = SuspectChanges.rank(changes: changes, anomalies: anomalies, graph: graph, window: 86_400)
        #expect(ranked.map(\.changeID) == ["budget", "tracking"])
        #expect(ranked[0].anomalyIDs == ["a1"])
        #expect(ranked[0].metrics == ["roas"])
        #expect(ranked[0].score > ranked[1].score)
    }

    @Test func anomaliesOutsideTheWindowDoNotCount() {
        let changes = [SuspectChanges.Change(id: "budget", occurredAt: start, nodes: ["metric:spend"])]
        let anomalies = [SuspectChanges.Anomaly(id: "a1", metric: "cpc", at: start.addingTimeInterval(2 * 86_400), severity: 1)]
        #expect(SuspectChanges.rank(changes: changes, anomalies: anomalies, graph: graph, window: 86_400).isEmpty)
    }
}
