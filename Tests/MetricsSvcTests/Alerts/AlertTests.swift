import Foundation
import GRPCCore
import MetricxOutbound
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct AlertTests {
    /// The fake receivers listen on loopback, which a deployment's webhooks may not reach.
    static let loopbackAllowed = OutboundHTTPClient(policy: AddressPolicy(allowing: ["127.0.0.0/8", "::1/128"])!)

    /// A webhook pointed at this host (or anything private) is never called, and the log says
    /// why in a word rather than with the connection's error.
    @Test func aWebhookToAPrivateAddressIsRefusedAndLoggedAsACategory() async throws {
        let harness = try await MetricsHarness.make()
        let receiver = FakeProvider { _ in .init(status: 200, body: "ok") }
        try await receiver.serve { url in
            _ = try await createRule(harness) {
                $0.webhookURL = url + "/hook"
                $0.entityKey = "meta"
            }
            try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
            _ = try await MonitorFixture.monitor(harness)
            let dispatcher = WebhookDispatcher(
                postgres: harness.postgres, config: .init(maximumAttempts: 1, firstBackoff: 0, workspaceID: harness.workspace))
            _ = try await dispatcher.deliverDue(now: Date().addingTimeInterval(60))
            let log = try await deliveries(harness)
            #expect(log.count == 1)
            #expect(log.first?.lastError == "refused address")
            #expect(log.first?.lastStatusCode == 0)
            #expect(receiver.callCount == 0)
        }
        await harness.postgres.shutdown()
    }

    /// A redirect is not followed (it could point anywhere) and the answer's body is not kept.
    @Test func aWebhookThatRedirectsIsNotFollowed() async throws {
        let harness = try await MetricsHarness.make()
        let receiver = FakeProvider { call in
            call.path == "/hook"
                ? .init(status: 307, body: "", headers: ["Location": "http://169.254.169.254/latest/meta-data"]) : .init(body: "")
        }
        try await receiver.serve { url in
            _ = try await createRule(harness) {
                $0.webhookURL = url + "/hook"
                $0.entityKey = "meta"
            }
            try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
            _ = try await MonitorFixture.monitor(harness)
            let dispatcher = WebhookDispatcher(
                postgres: harness.postgres, client: Self.loopbackAllowed,
                config: .init(maximumAttempts: 1, firstBackoff: 0, workspaceID: harness.workspace))
            _ = try await dispatcher.deliverDue(now: Date().addingTimeInterval(60))
            let log = try await deliveries(harness)
            #expect(log.first?.status == "failed")
            #expect(log.first?.lastError == "redirect not followed")
            #expect(receiver.callCount == 1)
        }
        await harness.postgres.shutdown()
    }
    func createRule(_ harness: MetricsHarness, _ build: (inout Metricx_V1_AlertRule) -> Void) async throws -> Metricx_V1_AlertRule {
        var rule = Metricx_V1_AlertRule.with {
            $0.name = "Spend watch"
            $0.kind = "anomaly"
            $0.metric = "spend"
            $0.webhookURL = "http://127.0.0.1:9/hook"
        }
        build(&rule)
        let request = rule
        return try await harness.inWorkspace {
            try await harness.service.createAlertRule(request: request, context: MetricsHarness.context)
        }
    }

    func deliveries(_ harness: MetricsHarness) async throws -> [Metricx_V1_AlertDelivery] {
        try await harness.inWorkspace {
            try await harness.service.listAlertDeliveries(request: .init(), context: MetricsHarness.context)
        }.deliveries
    }

    @Test func anAnomalyRuleNotifiesItsWebhookAndRetriesUntilDelivered() async throws {
        let harness = try await MetricsHarness.make()
        // The receiver fails the first attempt, then accepts.
        let receiver = FakeProvider { call in call.number == 1 ? .init(status: 503, body: "busy") : .init(body: "ok") }
        try await receiver.serve { url in
            let json = try await createRule(harness) {
                $0.webhookURL = url + "/hooks/json"
                $0.minSeverity = "medium"
            }
            _ = try await createRule(harness) {
                $0.webhookURL = url + "/hooks/slack"
                $0.webhookFormat = "slack"
                $0.entityKey = "meta"
            }
            // Muted rules and rules on other metrics stay quiet.
            let muted = try await createRule(harness) { $0.webhookURL = url + "/hooks/muted" }
            _ = try await harness.inWorkspace {
                try await harness.service.muteAlertRule(
                    request: .with {
                        $0.id = muted.id
                        $0.until = "2099-01-01T00:00:00Z"
                    }, context: MetricsHarness.context)
            }
            _ = try await createRule(harness) {
                $0.webhookURL = url + "/hooks/ctr"
                $0.metric = "ctr"
            }

            try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
            let outcome = try await MonitorFixture.monitor(harness)
            // Spend broke for the workspace, for meta and for its campaign: three for the json rule
            // (any entity), one for the Slack rule (meta only).
            #expect(outcome.notificationsQueued == 4)
            // Replaying the same buckets queues nothing twice.
            #expect(try await MonitorFixture.monitor(harness).notificationsQueued == 0)

            let dispatcher = WebhookDispatcher(
                postgres: harness.postgres, client: Self.loopbackAllowed, config: .init(firstBackoff: 0, workspaceID: harness.workspace))
            var passes = 0
            while try await deliveries(harness).contains(where: { $0.status == "pending" }), passes < 5 {
                _ = try await dispatcher.deliverDue(now: Date().addingTimeInterval(60))
                passes += 1
            }
            let log = try await deliveries(harness)
            #expect(log.count == 4)
            #expect(log.allSatisfy { $0.status == "delivered" && $0.lastStatusCode == 200 })
            #expect(log.map(\.attempts).sorted() == [1, 1, 1, 2])
            #expect(log.contains { $0.ruleID == json.id && $0.summary.contains("SPEND for the workspace rose to") })

            let calls = receiver.calls.withLock { $0 }
            #expect(Set(calls.map(\.path)) == ["/hooks/json", "/hooks/slack"])
            let slack = try #require(calls.first { $0.path == "/hooks/slack" })
            let message = try JSONSerialization.jsonObject(with: Data(slack.body.utf8)) as! [String: Any]
            #expect((message["text"] as? String)?.contains("Spring Sale") == false)
            #expect((message["text"] as? String)?.contains("SPEND for meta rose to") == true)
            #expect(message["blocks"] is [Any])
            let event =
                try JSONSerialization.jsonObject(with: Data(try #require(calls.last { $0.path == "/hooks/json" }).body.utf8))
                as! [String: Any]
            #expect(event["event"] as? String == "anomaly")
            #expect((event["details"] as? [String: Any])?["ts"] as? String == "2026-11-19T14:00:00Z")
        }
        await harness.postgres.shutdown()
    }

    @Test func aWebhookThatKeepsFailingIsMarkedFailedAfterTheLastAttempt() async throws {
        let harness = try await MetricsHarness.make()
        let receiver = FakeProvider { _ in .init(status: 500, body: "down") }
        try await receiver.serve { url in
            _ = try await createRule(harness) {
                $0.webhookURL = url + "/hook"
                $0.entityKey = "meta"
            }
            try await MonitorFixture.ingest(harness, lastHourSpendFactor: 4)
            _ = try await MonitorFixture.monitor(harness)
            let dispatcher = WebhookDispatcher(
                postgres: harness.postgres, client: Self.loopbackAllowed,
                config: .init(maximumAttempts: 3, firstBackoff: 0, workspaceID: harness.workspace))
            for _ in 0..<5 { _ = try await dispatcher.deliverDue(now: Date().addingTimeInterval(3_600)) }
            let log = try await deliveries(harness)
            #expect(log.count == 1)
            #expect(log[0].status == "failed")
            #expect(log[0].attempts == 3)
            #expect(log[0].lastStatusCode == 500)
            #expect(receiver.callCount == 3)
        }
        await harness.postgres.shutdown()
    }

    @Test func aThresholdRuleFiresOnceWhenTheMetricStaysPastItForNBuckets() async throws {
        let harness = try await MetricsHarness.make()
        try await MonitorFixture.ingest(harness)
        // Hourly spend peaks near 150 mid-afternoon: above 120 for 2 hours happens once a day.
        let rule = try await createRule(harness) {
            $0.kind = "threshold"
            $0.comparator = "above"
            $0.threshold = 120
            $0.buckets = 2
        }
        _ = try await MonitorFixture.monitor(harness)
        let log = try await deliveries(harness)
        #expect(log.count == 1)
        #expect(log.first?.ruleID == rule.id)
        #expect(log.first?.summary.contains("has been above 120.00 for 2 bucket(s)") == true)
        #expect(log.first?.anomalyID.isEmpty == true)
        _ = try await MonitorFixture.monitor(harness)
        #expect(try await deliveries(harness).count == 1)
        await harness.postgres.shutdown()
    }

    @Test(arguments: [
        ("name", Metricx_V1_AlertRule.with { $0.name = " " }),
        ("kind", .with { $0.kind = "sometimes" }),
        ("metric", .with { $0.metric = "happiness" }),
        (
            "metric",
            .with {
                $0.kind = "threshold"
                $0.metric = "*"
                $0.comparator = "above"
            }
        ),
        ("min_severity", .with { $0.minSeverity = "critical" }),
        ("comparator", .with { $0.kind = "threshold" }),
        (
            "buckets",
            .with {
                $0.kind = "threshold"
                $0.comparator = "below"
                $0.buckets = 500
            }
        ),
        (
            "threshold",
            .with {
                $0.kind = "threshold"
                $0.comparator = "below"
                $0.threshold = .infinity
            }
        ),
        ("webhook_url", .with { $0.webhookURL = "ftp://example.com/x" }),
        ("webhook_url", .with { $0.webhookURL = "not a url" }),
        // Plainly private addresses are refused when saved (tests allow loopback for their fakes).
        ("webhook_url", .with { $0.webhookURL = "http://169.254.169.254/latest/meta-data" }),
        ("webhook_url", .with { $0.webhookURL = "https://10.0.0.5/hook" }),
        ("webhook_url", .with { $0.webhookURL = "http://[fd00::1]:8080/hook" }),
        ("webhook_format", .with { $0.webhookFormat = "xml" }),
    ])
    func badRulesAreRefusedWithTheirFieldAndNothingIsStored(field: String, patch: Metricx_V1_AlertRule) async throws {
        let harness = try await MetricsHarness.make()
        do {
            _ = try await createRule(harness) { rule in
                if !patch.name.isEmpty { rule.name = patch.name }
                if !patch.kind.isEmpty { rule.kind = patch.kind }
                if !patch.metric.isEmpty { rule.metric = patch.metric }
                rule.minSeverity = patch.minSeverity
                rule.comparator = patch.comparator
                rule.threshold = patch.threshold
                rule.buckets = patch.buckets
                if !patch.webhookURL.isEmpty { rule.webhookURL = patch.webhookURL }
                rule.webhookFormat = patch.webhookFormat
            }
            Issue.record("accepted a bad \(field)")
        } catch let error as ServiceError {
            #expect(error.code == .invalidArgument)
            #expect(error.field == field)
        }
        let rules = try await harness.inWorkspace {
            try await harness.service.listAlertRules(request: .init(), context: MetricsHarness.context)
        }
        #expect(rules.rules.isEmpty)
        await harness.postgres.shutdown()
    }

    @Test func rulesBelongToTheirWorkspace() async throws {
        let harness = try await MetricsHarness.make()
        let rule = try await createRule(harness) { _ in }
        let other = MetricsHarness(postgres: harness.postgres, service: harness.service, workspace: UUID(), timezone: "UTC")
        let seen = try await other.inWorkspace { try await other.service.listAlertRules(request: .init(), context: MetricsHarness.context) }
        #expect(seen.rules.isEmpty)
        await #expect(throws: ServiceError.self) {
            try await other.inWorkspace {
                try await other.service.deleteAlertRule(request: .with { $0.id = rule.id }, context: MetricsHarness.context)
            }
        }
        _ = try await harness.inWorkspace {
            try await harness.service.deleteAlertRule(request: .with { $0.id = rule.id }, context: MetricsHarness.context)
        }
        let left = try await harness.inWorkspace {
            try await harness.service.listAlertRules(request: .init(), context: MetricsHarness.context)
        }
        #expect(left.rules.isEmpty)
        await harness.postgres.shutdown()
    }
}
