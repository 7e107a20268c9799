import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import SyncSvc

/// Each connector against a local server speaking the provider's documented JSON, end to end:
/// queue -> worker -> connector -> MetricsSvc over gRPC -> Postgres.
@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct ConnectorTests {
    static var days: [String] {
        let window = DayWindow.trailing(days: 2, endingAt: Date(), timeZone: TimeZone(identifier: "UTC")!)
        return window.days
    }

    /// Queues a sync of `connection`, runs it to the end, and returns the run.
    func sync(_ harness: SyncHarness, _ connection: ConnectionRecord, fakeURL: String, apps: [Provider: OAuthApp] = [:]) async throws
        -> RunRecord
    {
        try await withMetrics(harness.postgres) { metrics in
            let (run, _) = try await harness.enqueuer.enqueueReturningRun(
                kind: .sync, workspaceID: connection.workspaceID, connectionID: connection.id, trigger: "manual",
                idempotencyKey: UUID().uuidString)
            try await harness.drain(harness.worker(harness.runner(metrics: metrics, fakeURL: fakeURL, apps: apps)))
            return try #require(try await harness.runs.get(workspaceID: connection.workspaceID, id: run.id))
        }
    }

    static let metaThrottle = FakeProvider.Reply(
        status: 400, body: #"{"error":{"message":"User request limit reached","type":"OAuthException","code":80004,"fbtrace_id":"x"}}"#,
        headers: [
            "X-Business-Use-Case-Usage":
                #"{"111":[{"type":"ads_insights","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":0}]}"#
        ])

    @Test func metaPagesAreAllReadThrottlingIsWaitedOutAndPurchasesAreCountedOnce() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(.meta, account: "act_111", token: "meta-token", settings: ["granularity": "day"])
        let days = Self.days
        let fake = FakeProvider { call in
            // The second request is throttled once: the connector waits and asks again.
            if call.number == 2 { return Self.metaThrottle }
            guard call.headers["authorization"] == "Bearer meta-token", call.path == "/v21.0/act_111/insights",
                call.query["level"] == "ad", call.query["time_increment"] == "1"
            else { return .init(status: 400, body: #"{"error":{"message":"bad request","code":100}}"#) }
            return .init(body: MetaFixtures.page(call.query["after"], days: days))
        }
        let run = try await fake.serve { url in try await sync(harness, connection, fakeURL: url) }
        #expect(run.status == .succeeded && run.rows == 5, "\(run)")
        #expect(fake.callCount == 4) // three pages and one throttled retry
        let totals = try await harness.totals(connection.workspaceID)
        #expect(totals.rows == 5)
        #expect(abs(totals.spend - 52.5) < 1e-9)
        // purchase, omni_purchase and the pixel's purchase are one purchase, not three.
        #expect(totals.purchases == 10)
        #expect(abs(totals.revenue - 401.25) < 1e-9)
        let stored = try #require(try await harness.connections.get(workspaceID: connection.workspaceID, id: connection.id))
        #expect(stored.status == .active && stored.rowsSynced == 5 && stored.lastSuccessAt != nil && stored.lastError == nil)

        // Re-pulling the same window changes nothing: no row is duplicated.
        _ = try await fake.serve { url in try await sync(harness, connection, fakeURL: url) }
        let again = try await harness.totals(connection.workspaceID)
        #expect(again.rows == 5 && again.spend == totals.spend)
        await harness.shutdown()
    }

    @Test func aRevokedTokenMarksTheConnectionAsNeedingReauthorization() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(.meta, account: "act_111", token: "revoked")
        let fake = FakeProvider { _ in
            .init(
                status: 400,
                body:
                    #"{"error":{"message":"Error validating access token: The user has not authorized application","type":"OAuthException","code":190,"error_subcode":458}}"#
            )
        }
        let run = try await fake.serve { url in try await sync(harness, connection, fakeURL: url) }
        #expect(run.status == .failed)
        #expect(fake.callCount == 1, "an authorization failure is not retried")
        let stored = try #require(try await harness.connections.get(workspaceID: connection.workspaceID, id: connection.id))
        #expect(stored.status == .needsReauth)
        #expect(stored.lastError?.contains("reconnect") == true)
        #expect(stored.lastError?.contains("revoked") == true)
        #expect(try await harness.queue.depth() == .init(ready: 0, inflight: 0, dead: 0))
        await harness.shutdown()
    }

    /// One hourly row a day; today's at midnight, since the connector drops hours still ahead
    /// (a later hour made this test fail whenever it ran in the first hours of a UTC day).
    static func googleResults(days: [String]) -> String {
        let rows = days.enumerated().map { index, day in
            let hour = index == days.count - 1 ? 0 : index + 3
            return """
                {"customer":{"id":"1234567890","descriptiveName":"Shop"},"campaign":{"id":"9","name":"Search","status":"ENABLED"},
                 "adGroup":{"id":"7","name":"Group"},"adGroupAd":{"ad":{"id":"55","name":"Ad 55"},"status":"ENABLED"},
                 "metrics":{"costMicros":"12500000","clicks":"40","impressions":"900","conversions":3.0,"conversionsValue":150.5},
                 "segments":{"date":"\(day)","hour":\(hour)}}
                """
        }
        return #"[{"results":[\#(rows.joined(separator: ","))],"fieldMask":"x","requestId":"r1"}]"#
    }

    @Test func googleAdsSearchStreamWaitsOutA429AndRefreshesAnExpiredToken() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(
            .google, account: "1234567890", token: "old-token", refreshToken: "refresh-1", expiresAt: Date().addingTimeInterval(-60),
            settings: ["login_customer_id": "999-000-1111"])
        let days = Self.days
        let fake = FakeProvider { call in
            if call.path == "/token" {
                guard call.body.contains("grant_type=refresh_token"), call.body.contains("refresh_token=refresh-1") else {
                    return .init(status: 400, body: #"{"error":"invalid_grant"}"#)
                }
                return .init(body: #"{"access_token":"new-token","expires_in":3599,"token_type":"Bearer"}"#)
            }
            guard call.headers["authorization"] == "Bearer new-token" else {
                return .init(status: 401, body: #"{"error":{"code":401,"message":"invalid","status":"UNAUTHENTICATED"}}"#)
            }
            guard call.headers["developer-token"] == "dev-token", call.headers["login-customer-id"] == "9990001111",
                call.path == "/v17/customers/1234567890/googleAds:searchStream", call.body.contains("FROM ad_group_ad")
            else { return .init(status: 400, body: #"{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}"#) }
            if call.number == 2 {
                return .init(
                    status: 429, body: #"{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}"#)
            }
            return .init(body: Self.googleResults(days: days))
        }
        let run = try await fake.serve { url in
            let app = OAuthApp(
                provider: .google, clientID: "client", clientSecret: "secret", authorizeURL: "\(url)/auth", tokenURL: "\(url)/token",
                scopes: [], usesPKCE: true)
            return try await sync(harness, connection, fakeURL: url, apps: [.google: app])
        }
        #expect(run.status == .succeeded && run.rows == 2, "\(run)")
        let totals = try await harness.totals(connection.workspaceID)
        #expect(totals.rows == 2 && abs(totals.spend - 25) < 1e-9 && abs(totals.revenue - 301) < 1e-9)
        let sealed = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        let stored = try harness.cipher.open(sealed, workspaceID: connection.workspaceID, ownerID: connection.id)
        #expect(stored.accessToken == "new-token" && stored.refreshToken == "refresh-1" && stored.expiresAt! > Date())
        await harness.shutdown()
    }

    static func order(
        _ id: Int, day: String, amount: String, source: String?, campaign: String?, cancelled: Bool = false, test: Bool = false
    ) -> String {
        let utm =
            source.map {
                #"{"lastVisit":{"landingPage":"https://shop.example/?utm_source=\#($0)&utm_campaign=\#(campaign ?? "")","utmParameters":null}}"#
            } ?? "null"
        return """
            {"node":{"id":"gid://shopify/Order/\(id)","createdAt":"\(day)T10:15:00Z","cancelledAt":\(cancelled ? "\"\(day)T11:00:00Z\"" : "null"),"test":\(test),
             "currentTotalPriceSet":{"shopMoney":{"amount":"\(amount)","currencyCode":"USD"}},"customerJourneySummary":\(utm)}}
            """
    }

    @Test func shopifyOrdersArePagedThrottledAndAttributedByUTM() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(
            .shopify, account: "demo-store.myshopify.com", token: "shpat_1", settings: ["granularity": "day"])
        let day = Self.days.last!
        let orders = [
            Self.order(1, day: day, amount: "100.00", source: "facebook", campaign: "Spring"),
            Self.order(2, day: day, amount: "50.00", source: "facebook", campaign: "Spring"),
            Self.order(3, day: day, amount: "30.00", source: nil, campaign: nil),
            Self.order(4, day: day, amount: "999.00", source: "google", campaign: "Brand", cancelled: true),
            Self.order(5, day: day, amount: "20.00", source: "google", campaign: "Brand"),
            Self.order(6, day: day, amount: "999.00", source: "google", campaign: "Brand", test: true),
        ]
        let fake = FakeProvider { call in
            guard call.headers["x-shopify-access-token"] == "shpat_1", call.path == "/admin/api/2024-10/graphql.json" else {
                return .init(status: 401, body: #"{"errors":"[API] Invalid API key or access token"}"#)
            }
            if call.number == 1 {
                return .init(
                    body:
                        #"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/limits"}}],"extensions":{"cost":{"requestedQueryCost":202,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":200,"restoreRate":100.0}}}}"#
                )
            }
            let page = call.number - 2
            let slice = orders[(page * 2)..<min(page * 2 + 2, orders.count)]
            let more = page * 2 + 2 < orders.count
            return .init(
                body:
                    #"{"data":{"orders":{"edges":[\#(slice.joined(separator: ","))],"pageInfo":{"hasNextPage":\#(more),"endCursor":"c\#(page)"}}},"extensions":{"cost":{"requestedQueryCost":202,"actualQueryCost":12,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}"#
            )
        }
        let run = try await fake.serve { url in try await sync(harness, connection, fakeURL: url) }
        #expect(run.status == .succeeded, "\(run)")
        #expect(fake.callCount == 4)
        let totals = try await harness.totals(connection.workspaceID)
        #expect(totals.revenue == 200 && totals.purchases == 4)
        let campaigns = try await harness.postgres.query(
            "SELECT name FROM metrics.entities WHERE workspace_id = $1 AND level = 'campaign' ORDER BY name", connection.workspaceID
        ).column(String.self)
        #expect(campaigns == ["(none)", "Brand", "Spring"])
        await harness.shutdown()
    }

    @Test func theDemoConnectorIsDeterministic() async throws {
        let window = DayWindow.trailing(
            days: 2, endingAt: Date(timeIntervalSince1970: 1_790_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let request = PullRequest(
            connection: ConnectionRecord(
                workspaceID: UUID(), id: UUID(), provider: .demo, name: "d", accountRef: "demo", status: .active, settings: [:],
                timezone: "Europe/Berlin", currency: "EUR", createdAt: Date(), lastSuccessAt: nil, lastError: nil, rowsSynced: 0),
            credentials: nil, window: window, granularity: .hour, now: Date(timeIntervalSince1970: 1_790_000_000))
        let collect = { @Sendable () async throws -> [String] in
            let pages = PageCollector()
            try await DemoConnector().pull(request) { await pages.add($0) }
            return await pages.rows.map { "\($0.adExternalID) \($0.bucketStart) \($0.measures.spend) \($0.measures.revenue)" }
        }
        let first = try await collect()
        #expect(first.count > 24 * 24)
        #expect(try await collect() == first)
    }
}

actor PageCollector {
    var rows: [MetricxProtos.Metricx_V1_SnapshotRow] = []
    func add(_ page: ConnectorPage) { rows += page.rows }
}
