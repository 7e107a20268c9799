import Foundation
import MetricxProtos
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct InsightsTests {
    @Test func insightsAreComputedFromTheNumbers() async throws {
        let harness = try await SemanticQueryTests.seeded()
        // Campaign 2 doubles its spend in the last 7 days.
        var lines = [MetricsHarness.header]
        var day = CalendarDay("2026-11-12")!
        while day <= CalendarDay("2026-11-18")! {
            lines.append("\(day),meta,acc_meta,meta account,c2,Campaign 2,s2,Set 2,a2,Ad 2,4,2000,20,2,6,0,0,0,0,0")
            day = day.adding(days: 1)
        }
        _ = try await harness.importCSV(lines.joined(separator: "\n"))
        let planner = try QueryPlanner(
            settings: .with {
                $0.timezone = "UTC"
                $0.currency = "EUR"
            }, asOf: "2026-11-19T15:00:00Z")
        let response = try await InsightsBuilder(engine: SemanticEngine(postgres: harness.postgres)).build(
            timeRange: nil, planner: planner, workspaceID: harness.workspace, currency: "EUR")
        let byKind = Dictionary(grouping: response.insights, by: \.kind)
        let spend = try #require(byKind["total_change"]?.first { $0.metric == "spend" })
        // 7 days: (1+4+3+4+5) = 17 per day now vs 15 per day before.
        #expect(spend.value == 119)
        #expect(spend.text == "Spend was 119.00 EUR, up 13.3% on the previous period (105.00 EUR).")
        let mover = try #require(byKind["biggest_mover"]?.first)
        #expect(mover.entityKey == "c2")
        #expect(mover.text == "Campaign 2 moved most: spend rose from 14.00 EUR to 28.00 EUR.")
        // ROAS is 3 for campaigns 1, 3, 4, 5 and 1.5 for campaign 2.
        #expect(byKind["worst_campaign"]?.first?.entityKey == "c2")
        #expect(byKind["best_campaign"]?.first?.value == 3)

        // This week, at 15:00 on its Thursday, runs only to now: no change of a sum, no mover.
        let running = try await InsightsBuilder(engine: SemanticEngine(postgres: harness.postgres)).build(
            timeRange: .with { $0.preset = "this_week" }, planner: planner, workspaceID: harness.workspace, currency: "EUR")
        let soFar = try #require(running.insights.first { $0.kind == "total_change" && $0.metric == "spend" })
        #expect(soFar.text.hasPrefix("Spend was ") && soFar.text.contains(" so far (today is not over); the whole previous period had "))
        #expect(!running.insights.contains { $0.kind == "biggest_mover" })
        await harness.postgres.shutdown()
    }

    @Test func anEmptyWorkspaceGetsNoInventedInsights() async throws {
        let harness = try await MetricsHarness.make()
        let planner = try QueryPlanner(settings: .init(), asOf: "2026-11-19T15:00:00Z")
        let response = try await InsightsBuilder(engine: SemanticEngine(postgres: harness.postgres)).build(
            timeRange: nil, planner: planner, workspaceID: harness.workspace, currency: "USD")
        #expect(response.insights.map(\.kind) == ["total_change", "total_change"])
        #expect(response.insights.allSatisfy { $0.text.contains("none to compare with") })
        await harness.postgres.shutdown()
    }
}
