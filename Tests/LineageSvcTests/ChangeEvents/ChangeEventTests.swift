import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

/// Guards change events and impact: an event is validated field by field, stored and listed in its
/// own workspace only; impact follows a node (or an event's nodes) downstream; suspect changes are
/// the events followed by anomalies that MetricsSvc reports for the caller's workspace.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct ChangeEventTests {
    /// Whole seconds `days` ago, as the service reports instants.
    static func instant(daysAgo days: Double) -> String { RFC3339.string(Date().addingTimeInterval(-days * 86_400)) }

    static func event(_ build: (inout Metricx_V1_ChangeEvent) -> Void = { _ in }) -> Metricx_V1_ChangeEvent {
        var event = Metricx_V1_ChangeEvent.with {
            $0.kind = "deployment"
            $0.title = "Bid strategy change"
            $0.nodes = ["spend"]
            $0.attributes = ["commit": "abc123"]
            $0.occurredAt = instant(daysAgo: 2)
        }
        build(&event)
        return event
    }

    @discardableResult
    private func record(_ tenant: Tenant, _ event: Metricx_V1_ChangeEvent = event()) async throws -> Metricx_V1_ChangeEvent {
        try await tenant { try await $0.recordChangeEvent(.with { $0.event = event }) }
    }

    @Test func anEventIsRecordedAndListedInItsWorkspaceOnly() async throws {
        try await LineageHarness.with { h in
            let (a, b) = (h.tenant(), h.tenant())
            let occurred = Self.instant(daysAgo: 2)
            let recorded = try await record(a, Self.event { $0.occurredAt = occurred })
            #expect(UUID(uuidString: recorded.id) != nil)
            #expect(recorded.nodes == ["metric:spend"])
            #expect(recorded.actor == a.principal)
            #expect(recorded.occurredAt == occurred)
            #expect(recorded.attributes == ["commit": "abc123"])

            #expect(try await a.events() == [recorded])
            #expect(try await a.events(node: "spend").map(\.id) == [recorded.id])
            #expect(try await a.events(node: "roas").isEmpty)
            #expect(try await a.events(since: Self.instant(daysAgo: 1)).isEmpty)
            #expect(try await a.events(until: Self.instant(daysAgo: 1)).map(\.id) == [recorded.id])
            #expect(try await b.events().isEmpty)
            #expect(try await b.events(node: "spend").isEmpty)

            // Newest first, a page at a time.
            let later = try await record(
                a,
                Self.event {
                    $0.kind = "config"
                    $0.title = "Later"
                    $0.occurredAt = Self.instant(daysAgo: 1)
                })
            let first = try await a { try await $0.listChangeEvents(.with { $0.page.pageSize = 1 }) }
            #expect(first.events.map(\.id) == [later.id])
            let second = try await a {
                try await $0.listChangeEvents(
                    .with {
                        $0.page = .with {
                            $0.pageSize = 1
                            $0.pageToken = first.page.nextPageToken
                        }
                    })
            }
            #expect(second.events.map(\.id) == [recorded.id])
        }
    }

    @Test func badEventsAndFiltersAreInvalidArgumentsNamingTheField() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            let cases: [(String, Metricx_V1_ChangeEvent)] = [
                ("event.id", Self.event { $0.id = UUID().uuidString }),
                ("event.kind", Self.event { $0.kind = "rumour" }),
                ("event.title", Self.event { $0.title = "  " }),
                ("event.title", Self.event { $0.title = String(repeating: "t", count: 201) }),
                ("event.occurred_at", Self.event { $0.occurredAt = "soon" }),
                ("event.occurred_at", Self.event { $0.occurredAt = "2026-13-01T00:00:00Z" }),
                ("event.occurred_at", Self.event { $0.occurredAt = Self.instant(daysAgo: -1) }),
                ("event.nodes", Self.event { $0.nodes = [] }),
                ("event.nodes[1]", Self.event { $0.nodes = ["spend", "nope"] }),
                ("event.attributes", Self.event { $0.attributes = ["": "x"] }),
            ]
            for (field, event) in cases {
                await expectRPCError(.invalidArgument, field: field) { try await record(a, event) }
            }
            await expectRPCError(.invalidArgument, field: "since") { try await a.events(since: "yesterday") }
            await expectRPCError(.invalidArgument, field: "until") { try await a.events(until: "2026-11-19") }
            await expectRPCError(.invalidArgument, field: "page.page_token") {
                try await a { try await $0.listChangeEvents(.with { $0.page.pageToken = "garbage" }) }
            }
            await expectRPCError(.notFound) { try await a.events(node: "nope") }
            // Nothing was written by any of them.
            let written = try await a.events()
            #expect(written.isEmpty)
        }
    }

    @Test func impactListsEverythingDownstream() async throws {
        try await LineageHarness.with { h in
            let (a, b) = (h.tenant(), h.tenant())
            try await a.put("name: roas_doubled\nunit: ratio\nformula: roas * 2\ncriticality: low")
            let impact = try await a { try await $0.getImpact(.with { $0.node = "spend" }) }.impacted
            let byNode = Dictionary(uniqueKeysWithValues: impact.map { ($0.node, $0) })
            #expect(
                Set(byNode.keys) == Set(["cpc", "cpm", "cpa", "cpl", "cpi", "cpp", "roas", "poas", "roas_doubled"].map { "metric:\($0)" }))
            #expect(impact.first?.node == "metric:roas")
            #expect(byNode["metric:roas"]?.distance == 1 && byNode["metric:roas"]?.score == 1)
            #expect(byNode["metric:roas_doubled"]?.distance == 2 && byNode["metric:roas_doubled"]?.score == 0.125)
            #expect(try await a { try await $0.getImpact(.with { $0.node = "roas_doubled" }) }.impacted.isEmpty)

            // An event's impact is its nodes'; another workspace cannot see the event.
            let event = try await record(a)
            let viaEvent = try await a { try await $0.getImpact(.with { $0.changeEventID = event.id }) }.impacted
            #expect(viaEvent.map(\.node) == impact.map(\.node))
            await expectRPCError(.notFound) { try await b { try await $0.getImpact(.with { $0.changeEventID = event.id }) } }
            await expectRPCError(.invalidArgument, field: "change_event_id") {
                try await a { try await $0.getImpact(.with { $0.changeEventID = "x" }) }
            }
            await expectRPCError(.invalidArgument, field: "node") { try await a { try await $0.getImpact(.init()) } }
            await expectRPCError(.notFound) { try await b { try await $0.getImpact(.with { $0.node = "roas_doubled" }) } }
        }
    }

    @Test func suspectsAreChangesFollowedByAnomaliesDownstream() async throws {
        let occurred = Date().addingTimeInterval(-2 * 86_400).addingTimeInterval(-1)
        let anomaly = Metricx_V1_Anomaly.with {
            $0.id = UUID().uuidString.lowercased()
            $0.metric = "roas"
            $0.ts = RFC3339.string(occurred.addingTimeInterval(2 * 3600))
            $0.severity = "high"
        }
        try await LineageHarness.with(metrics: FakeMetrics(anomalies: [anomaly])) { h in
            let (a, b) = (h.tenant(), h.tenant())
            let spend = try await record(a, Self.event { $0.occurredAt = RFC3339.string(occurred) })
            try await record(
                a,
                Self.event {
                    $0.nodes = ["clicks"]
                    $0.title = "Unrelated"
                })
            let request = Metricx_V1_SuspectChangesRequest.with { $0.since = Self.instant(daysAgo: 7) }
            let suspects = try await a { try await $0.suspectChanges(request) }.suspects
            #expect(suspects.map(\.event.id) == [spend.id])
            #expect(suspects.first?.anomalyIds == [anomaly.id])
            #expect(suspects.first?.metrics == ["roas"])
            #expect((suspects.first?.score ?? 0) > 0)
            // MetricsSvc was asked in A's workspace; B has no changes, so nothing to ask.
            #expect(h.metrics.calls.all == ["listAnomalies \(a.workspace.uuidString)"])
            #expect(try await b { try await $0.suspectChanges(request) }.suspects.isEmpty)
            await expectRPCError(.invalidArgument, field: "window_hours") {
                try await a { try await $0.suspectChanges(.with { $0.windowHours = 24 * 31 }) }
            }
        }
    }
}
