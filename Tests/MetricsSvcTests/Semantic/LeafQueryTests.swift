import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import MetricsSvc

/// `GetLeaves`: each ad's measures over a range and its comparison, labelled with its provider,
/// campaign and ad set, for LineageSvc's root-cause analysis.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct LeafQueryTests {
    private func leaves(_ harness: MetricsHarness, _ build: (inout Metricx_V1_LeavesRequest) -> Void) async throws
        -> Metricx_V1_LeavesResponse
    {
        var request = Metricx_V1_LeavesRequest.with {
            $0.settings = harness.settings
            $0.asOf = "2026-11-19T15:00:00Z"
            $0.timeRange = .with { $0.preset = "last_7_days" }
        }
        build(&request)
        let frozen = request
        return try await harness.inWorkspace { try await harness.service.getLeaves(request: frozen, context: MetricsHarness.context) }
    }

    @Test func eachAdIsALabelledLeafWithBothPeriods() async throws {
        let harness = try await SemanticQueryTests.seeded()
        let response = try await leaves(harness) {
            $0.filters = [
                .with {
                    $0.dimension = "provider"
                    $0.op = "in"
                    $0.values = ["meta"]
                }
            ]
        }
        #expect(response.resolved.range.start == "2026-11-12")
        #expect(response.resolved.comparison.start == "2026-11-05") // the previous period unless told otherwise
        #expect(response.leaves.map(\.ad).sorted() == ["Ad 1", "Ad 2", "Ad 3"])
        for leaf in response.leaves {
            let k = Double(try #require(Int(leaf.ad.dropFirst(3))))
            #expect(leaf.provider == "meta")
            #expect(leaf.campaign == "Campaign \(Int(k))")
            #expect(leaf.adset == "Set \(Int(k))")
            let current = MeasureSums(values: leaf.current.values)
            let previous = MeasureSums(values: leaf.previous.values)
            #expect(current[.spend] == 7 * k)
            #expect(current[.clicks] == 70 * k)
            #expect(previous[.revenue] == 21 * k)
        }

        let yearAgo = try await leaves(harness) { $0.comparison = .with { $0.type = "year_over_year" } }
        #expect(yearAgo.leaves.count == 5)
        #expect(yearAgo.leaves.allSatisfy { MeasureSums(values: $0.previous.values)[.spend] == 0 })
        await harness.postgres.shutdown()
    }

    @Test func anotherWorkspaceHasNoLeavesAndBadInputIsRefused() async throws {
        let seeded = try await SemanticQueryTests.seeded()
        let other = MetricsHarness(postgres: seeded.postgres, service: seeded.service, workspace: UUID(), timezone: "UTC")
        #expect(try await leaves(other) { _ in }.leaves.isEmpty)

        let badZone = await #expect(throws: ServiceError.self) { try await leaves(seeded) { $0.settings.timezone = "Mars/Olympus" } }
        #expect(badZone?.field == "settings.timezone")
        let badPreset = await #expect(throws: ServiceError.self) {
            try await leaves(seeded) { $0.timeRange = .with { $0.preset = "someday" } }
        }
        #expect(badPreset?.field != nil)
        let badFilter = await #expect(throws: ServiceError.self) {
            try await leaves(seeded) {
                $0.filters = [
                    .with {
                        $0.dimension = "planet"
                        $0.op = "in"
                        $0.values = ["mars"]
                    }
                ]
            }
        }
        #expect(badFilter?.field != nil)
        await seeded.postgres.shutdown()
    }
}
