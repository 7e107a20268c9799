import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct AnomalyMonitorTests {
    @Test func aSpikeInTheLastHourIsStoredOnceGroupedAndListed() async throws {
        let harness = try await MetricsHarness.make()
        try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
        let first = try await MonitorFixture.monitor(harness)
        #expect(first.seriesScored > 0)
        #expect(first.anomaliesFound >= 1)

        let listed = try await harness.inWorkspace {
            try await harness.service.listAnomalies(request: .with { $0.metric = "spend" }, context: MetricsHarness.context)
        }.anomalies
        let workspaceSpend = try #require(listed.first { $0.entityKey == "" })
        #expect(workspaceSpend.ts == "2026-11-19T14:00:00Z")
        #expect(workspaceSpend.direction == "up")
        #expect(workspaceSpend.observed > 3 * workspaceSpend.expected)
        #expect(workspaceSpend.status == "open")
        // The provider's and the campaign's spend broke in the same hour: one incident.
        let sameHour = listed.filter { $0.ts == workspaceSpend.ts }
        #expect(Set(sameHour.map(\.entityKey)) == ["", "meta", "meta:campaign:c1"])
        #expect(Set(sameHour.map(\.incidentID)).count == 1)

        // A replay (the next sync) finds the same anomalies and stores nothing new.
        #expect(try await MonitorFixture.monitor(harness).anomaliesFound == 0)
        let again = try await harness.inWorkspace {
            try await harness.service.listAnomalies(request: .init(), context: MetricsHarness.context)
        }.anomalies
        #expect(again.count == first.anomaliesFound)
        await harness.postgres.shutdown()
    }

    @Test func aNormalDayRaisesNothing() async throws {
        let harness = try await MetricsHarness.make()
        try await MonitorFixture.ingest(harness)
        let outcome = try await MonitorFixture.monitor(harness)
        #expect(outcome.seriesScored >= 7 * 3)
        #expect(outcome.anomaliesFound == 0)
        await harness.postgres.shutdown()
    }

    @Test func listingFiltersAndPagesAndAnotherWorkspaceSeesNothing() async throws {
        let harness = try await MetricsHarness.make()
        try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
        _ = try await MonitorFixture.monitor(harness)
        func list(_ build: (inout Metricx_V1_ListAnomaliesRequest) -> Void) async throws -> Metricx_V1_ListAnomaliesResponse {
            var request = Metricx_V1_ListAnomaliesRequest()
            build(&request)
            return try await harness.inWorkspace {
                try await harness.service.listAnomalies(request: request, context: MetricsHarness.context)
            }
        }
        let all = try await list { _ in }.anomalies
        #expect(all.count >= 3)
        #expect(try await list { $0.since = "2026-11-19T14:30:00Z" }.anomalies.isEmpty)
        #expect(try await list { $0.entityKey = "meta" }.anomalies.allSatisfy { $0.entityKey == "meta" })
        #expect(try await list { $0.minSeverity = "high" }.anomalies.allSatisfy { $0.severity == "high" })

        var paged: [String] = []
        var token = ""
        repeat {
            let page = try await list {
                $0.page = .with {
                    $0.pageSize = 1
                    $0.pageToken = token
                }
            }
            paged += page.anomalies.map(\.id)
            token = page.page.nextPageToken
        } while !token.isEmpty
        #expect(paged == all.map(\.id))

        let other = MetricsHarness(postgres: harness.postgres, service: harness.service, workspace: UUID(), timezone: "UTC")
        let seen = try await other.inWorkspace {
            try await other.service.listAnomalies(request: .init(), context: MetricsHarness.context)
        }
        #expect(seen.anomalies.isEmpty)
        await #expect(throws: ServiceError.self) {
            try await other.inWorkspace {
                try await other.service.updateAnomaly(
                    request: .with {
                        $0.id = all[0].id
                        $0.status = "muted"
                    }, context: MetricsHarness.context)
            }
        }
        let updated = try await harness.inWorkspace {
            try await harness.service.updateAnomaly(
                request: .with {
                    $0.id = all[0].id
                    $0.status = "acknowledged"
                }, context: MetricsHarness.context)
        }
        #expect(updated.status == "acknowledged")
        await harness.postgres.shutdown()
    }

    @Test(arguments: [
        ("since", Metricx_V1_ListAnomaliesRequest.with { $0.since = "yesterday" }),
        (
            "since",
            .with {
                $0.since = "2026-11-20T00:00:00Z"
                $0.until = "2026-11-19T00:00:00Z"
            }
        ),
        ("min_severity", .with { $0.minSeverity = "critical" }),
        ("page.page_size", .with { $0.page.pageSize = 5_000 }),
        ("page.page_token", .with { $0.page.pageToken = "x" }),
    ])
    func badListingInputNamesTheField(field: String, request: Metricx_V1_ListAnomaliesRequest) async throws {
        let harness = try await MetricsHarness.make()
        do {
            _ = try await harness.inWorkspace { try await harness.service.listAnomalies(request: request, context: MetricsHarness.context) }
            Issue.record("accepted a bad \(field)")
        } catch let error as ServiceError {
            #expect(error.code == .invalidArgument)
            #expect(error.field == field)
        }
        await harness.postgres.shutdown()
    }

    @Test func theCheckerRPCNamesTheBadPoint() async throws {
        let harness = try await MetricsHarness.make()
        let request = Metricx_V1_AnomalyCheckRequest.with {
            $0.points = [
                .with {
                    $0.ts = "2026-11-19T14:00:00Z"
                    $0.value = 1
                },
                .with {
                    $0.ts = "not a time"
                    $0.value = 2
                },
            ]
        }
        do {
            _ = try await harness.inWorkspace {
                try await harness.service.checkAnomalies(request: request, context: MetricsHarness.context)
            }
            Issue.record("accepted a bad timestamp")
        } catch let error as ServiceError {
            #expect(error.field == "points[1].ts")
        }
        let good = Metricx_V1_AnomalyCheckRequest.with {
            $0.period = 4
            $0.points = (0..<60).map { i in .with { $0.value = i == 50 ? 500 : [10.0, 20, 15, 12][i % 4] } }
        }
        let response = try await harness.inWorkspace {
            try await harness.service.checkAnomalies(request: good, context: MetricsHarness.context)
        }
        #expect(response.points.count == 60)
        #expect(response.points.indices.filter { response.points[$0].anomaly } == [50])
        #expect(response.points[50].hasExpected && response.points[50].upper < 500)
        await harness.postgres.shutdown()
    }
}
