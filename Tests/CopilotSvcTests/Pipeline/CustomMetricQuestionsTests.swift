import Foundation
import GRPCCore
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import CopilotSvc

/// A workspace's own metrics, defined in LineageSvc, are computed by MetricsSvc (which fetches
/// the definitions over gRPC) and understood, explained and traced by the copilot — in that
/// workspace only. Data as in ``AskPipelineTests``: Holiday Push's revenue collapses from Nov 12.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct CustomMetricQuestionsTests {
    static let netROAS = "name: net_roas\nunit: ratio\nformula: (revenue - spend) / spend\ncriticality: high\n"

    private func total(_ harness: CopilotHarness, _ metric: String, workspace: UUID) async throws -> Double? {
        let result = try await harness.inWorkspace(workspace) {
            try await harness.metrics.query(
                .with {
                    $0.settings = .with { $0.timezone = "UTC" }
                    $0.asOf = "2026-11-19T15:00:00Z"
                    $0.query = .with {
                        $0.metrics = [metric]
                        $0.timeRange = .with { $0.preset = "last_7_days" }
                    }
                })
        }
        return result.data.totals.first { $0.metric == metric }.flatMap { $0.hasValue ? $0.value : nil }
    }

    @Test func metricsSvcComputesACustomMetricAndSeesEachNewVersionAtOnce() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(AskPipelineTests.rows(), workspace: workspace)
            try await harness.define(Self.netROAS, workspace: workspace)
            // Nov 12–18: revenue 2,450, spend 1,050.
            #expect(abs(try #require(try await total(harness, "net_roas", workspace: workspace)) - 1400.0 / 1050) < 1e-9)
            try await harness.define(
                Self.netROAS.replacingOccurrences(of: "/ spend", with: "/ revenue"), workspace: workspace, expectedVersion: 1)
            #expect(abs(try #require(try await total(harness, "net_roas", workspace: workspace)) - 1400.0 / 2450) < 1e-9)

            // Another workspace has no such metric.
            let error = await #expect(throws: RPCError.self) { try await total(harness, "net_roas", workspace: UUID()) }
            #expect(error?.code == .invalidArgument)
        }
    }

    @Test func theCopilotAnswersExplainsAndTracesACustomMetric() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(AskPipelineTests.rows(), workspace: workspace)
            try await harness.define(Self.netROAS, workspace: workspace)

            let value = try #require(try await harness.ask("what was my net roas over the past 7 days?", workspace: workspace).answer)
            #expect(value.intent == "metric_value")
            #expect(value.result.query.metrics == ["net_roas"])
            #expect(value.answer.contains("net_roas was 1.33 for Nov 12 – Nov 18, 2026"))

            let why = try #require(try await harness.ask("why did net roas drop in the last 7 days?", workspace: workspace).answer)
            #expect(why.intent == "explain")
            #expect(why.answer.contains("net_roas fell from 2.33 to 1.33"))
            #expect(why.answer.contains("Holiday Push"))
            let details = try #require(JSONSerialization.jsonObject(with: Data(why.extraJson.utf8)) as? [String: Any])
            let effects = try #require(details["decomposition"] as? [[String: Any]]).compactMap { $0["effect"] as? Double }
            #expect(abs(effects.reduce(0, +) - (-1.0)) < 1e-9)

            let made = try #require(try await harness.ask("how is net roas calculated?", workspace: workspace).answer)
            #expect(made.intent == "lineage")
            #expect(made.answer.contains("(revenue - spend) / spend"))
            let users = try #require(try await harness.ask("which metrics depend on revenue?", workspace: workspace).answer)
            #expect(users.answer.contains("net_roas ((revenue - spend) / spend)"))
            #expect(users.answer.contains("roas (revenue / spend)"))

            // Elsewhere the words mean nothing, and revenue's dependents are the catalog's.
            let elsewhere = UUID()
            let unknown = try #require(try await harness.ask("what was my net roas over the past 7 days?", workspace: elsewhere).answer)
            #expect(unknown.result.query.metrics != ["net_roas"])
            let catalog = try #require(try await harness.ask("which metrics depend on revenue?", workspace: elsewhere).answer)
            #expect(!catalog.answer.contains("net_roas"))
        }
    }

    @Test func aMetricDefinedBySQLIsTracedButNotComputed() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(AskPipelineTests.rows(), workspace: workspace)
            try await harness.define(
                "name: raw_clicks\nunit: count\nsql: SELECT c.clicks FROM meta.ads_insights AS c\n", workspace: workspace)
            let value = try #require(try await harness.ask("raw clicks last week", workspace: workspace).answer)
            #expect(value.answer.contains("raw_clicks is defined by SQL over source tables"))
            #expect(!value.hasResult)
            let traced = try #require(try await harness.ask("what is raw clicks made from?", workspace: workspace).answer)
            #expect(traced.intent == "lineage")
            #expect(traced.answer.contains("meta.ads_insights.clicks"))
        }
    }
}
