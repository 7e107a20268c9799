import Crypto
import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import SyncSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct SyncServiceTests {
    static let context = ServerContext(
        descriptor: Metricx_V1_SyncService.Method.GetConnection.descriptor, remotePeer: "test", localPeer: "test", cancellation: .init())

    func service(_ harness: SyncHarness, apps: [Provider: OAuthApp] = [:]) -> SyncService {
        SyncService(
            connections: harness.connections, runs: harness.runs, enqueuer: harness.enqueuer, cipher: harness.cipher,
            oauth: OAuthFlow(postgres: harness.postgres, cipher: harness.cipher, apps: apps))
    }

    func inWorkspace<T>(_ workspace: UUID, _ body: () async throws -> T) async throws -> T {
        try await RequestContext.$current.withValue(RequestContext(requestID: "t", workspaceID: workspace.uuidString.lowercased())) {
            try await body()
        }
    }

    func expectError(
        _ code: ServiceError.Code, field: String?, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            try await body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as ServiceError {
            #expect(error.code == code && error.field == field, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func connectionsLiveInTheirWorkspaceOnly() async throws {
        let harness = try await SyncHarness.make()
        let sync = service(harness)
        let a = UUID()
        let b = UUID()
        let created = try await inWorkspace(a) {
            try await sync.createConnection(request: .with { $0.provider = "demo" }, context: Self.context)
        }
        #expect(created.status == "active" && created.name == "Demo data" && !created.nextRunAt.isEmpty)
        let runs = try await inWorkspace(a) {
            try await sync.listSyncRuns(request: .with { $0.connectionID = created.id }, context: Self.context)
        }
        // Its first run is manual (a scheduler test beside this one scans every connection in the
        // shared database and may have queued a later one).
        #expect(runs.runs.last?.trigger == "manual", "a new connection syncs at once: \(runs.runs.map(\.trigger))")
        let request = Metricx_V1_ConnectionRequest.with { $0.id = created.id }
        try await inWorkspace(b) {
            let listed = try await sync.listConnections(request: .init(), context: Self.context)
            #expect(listed.connections.isEmpty)
            await expectError(.notFound, field: nil) { _ = try await sync.getConnection(request: request, context: Self.context) }
            await expectError(.notFound, field: nil) { _ = try await sync.pauseConnection(request: request, context: Self.context) }
            await expectError(.notFound, field: nil) { _ = try await sync.triggerSync(request: request, context: Self.context) }
            await expectError(.notFound, field: nil) { _ = try await sync.deleteConnection(request: request, context: Self.context) }
            await expectError(.notFound, field: nil) {
                _ = try await sync.listSyncRuns(request: .with { $0.connectionID = created.id }, context: Self.context)
            }
        }
        try await inWorkspace(a) {
            #expect(try await sync.getConnection(request: request, context: Self.context).status == "active")
            #expect(try await sync.pauseConnection(request: request, context: Self.context).status == "paused")
            await expectError(.failedPrecondition, field: "id") { _ = try await sync.triggerSync(request: request, context: Self.context) }
            #expect(try await sync.resumeConnection(request: request, context: Self.context).status == "active")
            _ = try await sync.deleteConnection(request: request, context: Self.context)
            await expectError(.notFound, field: nil) { _ = try await sync.getConnection(request: request, context: Self.context) }
        }
        await harness.shutdown()
    }

    @Test func badInputNamesItsFieldAndCreatesNothing() async throws {
        let harness = try await SyncHarness.make()
        let sync = service(harness)
        let workspace = UUID()
        try await inWorkspace(workspace) {
            let cases: [(String, Metricx_V1_CreateConnectionRequest)] = [
                ("provider", .with { $0.provider = "tiktok" }),
                (
                    "credentials.access_token",
                    .with {
                        $0.provider = "meta"
                        $0.accountRef = "act_1"
                    }
                ),
                (
                    "account_ref",
                    .with {
                        $0.provider = "meta"
                        $0.accountRef = "12ab"
                        $0.credentials.accessToken = "t"
                    }
                ),
                (
                    "account_ref",
                    .with {
                        $0.provider = "shopify"
                        $0.accountRef = "evil.com"
                        $0.credentials.accessToken = "t"
                    }
                ),
                (
                    "settings.colour",
                    .with {
                        $0.provider = "demo"
                        $0.settings = ["colour": "red"]
                    }
                ),
                (
                    "settings.trailing_days",
                    .with {
                        $0.provider = "demo"
                        $0.settings = ["trailing_days": "0"]
                    }
                ),
                (
                    "credentials.expires_at",
                    .with {
                        $0.provider = "google"
                        $0.accountRef = "123-456-7890"
                        $0.credentials.accessToken = "t"
                        $0.credentials.expiresAt = "soon"
                    }
                ),
                (
                    "workspace.timezone",
                    .with {
                        $0.provider = "demo"
                        $0.workspace.timezone = "Mars/Olympus"
                    }
                ),
                (
                    "name",
                    .with {
                        $0.provider = "demo"
                        $0.name = String(repeating: "x", count: 201)
                    }
                ),
            ]
            for (field, request) in cases {
                await expectError(.invalidArgument, field: field) {
                    _ = try await sync.createConnection(request: request, context: Self.context)
                }
            }
            await expectError(.invalidArgument, field: "id") {
                _ = try await sync.getConnection(request: .with { $0.id = "x" }, context: Self.context)
            }
            await expectError(.invalidArgument, field: "page_size") {
                _ = try await sync.listConnections(request: .with { $0.page.pageSize = 500 }, context: Self.context)
            }
            await expectError(.invalidArgument, field: "redirect_uri") {
                _ = try await sync.startOAuth(
                    request: .with {
                        $0.provider = "meta"
                        $0.redirectUri = "javascript:alert(1)"
                        $0.accountRef = "act_1"
                    }, context: Self.context)
            }
            await expectError(.failedPrecondition, field: "provider") {
                _ = try await sync.startOAuth(
                    request: .with {
                        $0.provider = "meta"
                        $0.redirectUri = "https://x.example/cb"
                        $0.accountRef = "act_1"
                    }, context: Self.context)
            }
            let listed = try await sync.listConnections(request: .init(), context: Self.context)
            #expect(listed.connections.isEmpty)
        }
        await harness.shutdown()
    }

    @Test func oauthBindsTheStateToTheWorkspaceUsesPKCEAndWorksOnce() async throws {
        let harness = try await SyncHarness.make()
        let workspace = UUID()
        let fake = FakeProvider { call in
            guard call.path == "/token", call.body.contains("grant_type=authorization_code"), call.body.contains("code=the-code") else {
                return .init(status: 400, body: #"{"error":"invalid_grant"}"#)
            }
            return .init(body: #"{"access_token":"ya29.secret","refresh_token":"1//refresh","expires_in":3599}"#)
        }
        try await fake.serve { url in
            let app = OAuthApp(
                provider: .google, clientID: "client-1", clientSecret: "s3cret", authorizeURL: "\(url)/auth", tokenURL: "\(url)/token",
                scopes: ["https://www.googleapis.com/auth/adwords"], usesPKCE: true)
            let sync = service(harness, apps: [.google: app])
            let started = try await inWorkspace(workspace) {
                try await sync.startOAuth(
                    request: .with {
                        $0.provider = "google"
                        $0.redirectUri = "https://app.example/oauth/google/callback"
                        $0.accountRef = "123-456-7890"
                    }, context: Self.context)
            }
            let query = Dictionary(
                uniqueKeysWithValues: (URLComponents(string: started.authorizeURL)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["state"] == started.state && query["client_id"] == "client-1" && query["code_challenge_method"] == "S256")
            #expect(query["redirect_uri"] == "https://app.example/oauth/google/callback" && query["access_type"] == "offline")

            // The callback carries no workspace: the state alone says whose it is.
            let connection = try await sync.completeOAuth(
                request: .with {
                    $0.state = started.state
                    $0.code = "the-code"
                }, context: Self.context)
            #expect(connection.provider == "google" && connection.accountRef == "1234567890" && connection.status == "active")
            let exchange = try #require(fake.calls.withLock { $0.last })
            let verifier = try #require(exchange.body.split(separator: "&").first { $0.hasPrefix("code_verifier=") }?.dropFirst(14))
            #expect(Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncodedString() == query["code_challenge"])
            let stored = try await inWorkspace(workspace) {
                try await sync.getConnection(request: .with { $0.id = connection.id }, context: Self.context)
            }
            #expect(stored.id == connection.id)
            let sealed = try #require(
                try await harness.connections.credentials(workspaceID: workspace, connectionID: UUID(uuidString: connection.id)!))
            #expect(
                try harness.cipher.open(sealed, workspaceID: workspace, ownerID: UUID(uuidString: connection.id)!).refreshToken
                    == "1//refresh")

            // A state works once; a declined flow creates nothing.
            await expectError(.failedPrecondition, field: "state") {
                _ = try await sync.completeOAuth(
                    request: .with {
                        $0.state = started.state
                        $0.code = "the-code"
                    }, context: Self.context)
            }
            let declined = try await inWorkspace(workspace) {
                try await sync.startOAuth(
                    request: .with {
                        $0.provider = "google"
                        $0.redirectUri = "https://app.example/cb"
                        $0.accountRef = "222-333-4444"
                    }, context: Self.context)
            }
            await expectError(.failedPrecondition, field: "error") {
                _ = try await sync.completeOAuth(
                    request: .with {
                        $0.state = declined.state
                        $0.error = "access_denied"
                    }, context: Self.context)
            }
            let all = try await inWorkspace(workspace) { try await sync.listConnections(request: .init(), context: Self.context) }
            #expect(all.connections.count == 1)
        }
        await harness.shutdown()
    }
}
