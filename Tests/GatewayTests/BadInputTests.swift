import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxServiceHost
import MetricxTestSupport
import Testing

@testable import Gateway

@Suite struct BadInputTests {
    @Test(arguments: [
        (#"{"name": "x""#, HTTPResponse.Status.badRequest, "bad_request", nil as String?),
        (#"[1,2"#, .badRequest, "bad_request", nil),
        (#"{"name": 42}"#, .unprocessableContent, "invalid_argument", "name"),
        (#"{"name": "x", "colour": "red"}"#, .unprocessableContent, "invalid_argument", "colour"),
        (#"{"timezone": "Mars/Olympus"}"#, .unprocessableContent, "invalid_argument", "timezone"),
        // Zones Foundation resolves but cannot format (#23: "CTT" crashed MetricsSvc), and offsets
        // Postgres reads with the opposite sign.
        (#"{"timezone": "CTT"}"#, .unprocessableContent, "invalid_argument", "timezone"),
        (#"{"timezone": "EST"}"#, .unprocessableContent, "invalid_argument", "timezone"),
        (#"{"timezone": "GMT+5"}"#, .unprocessableContent, "invalid_argument", "timezone"),
        (#"{"currency": "dollars"}"#, .unprocessableContent, "invalid_argument", "currency"),
        (#"{"name": ""}"#, .unprocessableContent, "invalid_argument", "name"),
    ])
    func badBodiesNameTheFieldAndChangeNothing(body: String, status: HTTPResponse.Status, code: String, field: String?) async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            try await http.execute(
                uri: "/workspace", method: .patch, headers: GatewayHarness.headers(tenant.adminKey), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == status)
                let error = GatewayHarness.error(response)
                #expect(error?.code == code)
                #expect(error?.field == field)
            }
        }
        #expect(try await store.workspace(id: tenant.workspace.id) == tenant.workspace)
    }

    @Test func aWrongTypeInsideAnArrayNamesItsPath() throws {
        struct Inner: Codable { var op: String }
        struct Outer: Codable { var filters: [Inner] }
        let error = #expect(throws: APIError.self) {
            try StrictJSON.decode(Outer.self, from: Data(#"{"filters": [{"op": "in"}, {"op": 3}]}"#.utf8))
        }
        #expect(error?.field == "filters[1].op")
        let unknown = #expect(throws: APIError.self) {
            try StrictJSON.decode(Outer.self, from: Data(#"{"filters": [{"op": "in", "vals": []}]}"#.utf8))
        }
        #expect(unknown?.field == "filters[0].vals")
    }

    @Test func anOversizedBodyIs413() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        let huge = #"{"name": ""# + String(repeating: "x", count: StrictJSON.defaultLimit + 10) + #""}"#
        try await GatewayHarness.app(store: store).test(.router) { http in
            try await http.execute(
                uri: "/workspace", method: .patch, headers: GatewayHarness.headers(tenant.adminKey), body: ByteBuffer(string: huge)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(GatewayHarness.error(response)?.code == "payload_too_large")
            }
        }
    }

    @Test func anUnknownRouteIsAJSON404AndTheRequestIDIsEchoed() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            var headers = GatewayHarness.headers(tenant.adminKey)
            headers[.requestID] = "trace-42"
            try await http.execute(uri: "/no/such/route", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.requestID] == "trace-42")
                #expect(GatewayHarness.error(response)?.code == "not_found")
            }
            headers[.requestID] = "bad id with spaces"
            try await http.execute(uri: "/workspace", method: .get, headers: headers) { response in
                #expect(response.headers[.requestID] != "bad id with spaces")
                #expect(response.headers[.requestID]?.count == 36)
            }
        }
    }

    @Test func theOperatorCommandValidatesItsArguments() throws {
        let command = try CreateWorkspaceCommand.parse([" Demo ", "--timezone", "Europe/Berlin"])
        #expect(command.name == "Demo")
        #expect(command.timezone == "Europe/Berlin")
        #expect(command.currency == "USD")
        #expect(throws: (any Error).self) { try CreateWorkspaceCommand.parse([]) }
        #expect(throws: (any Error).self) { try CreateWorkspaceCommand.parse(["Demo", "--timezone", "Nowhere/City"]) }
        #expect(throws: (any Error).self) { try CreateWorkspaceCommand.parse(["Demo", "--colour", "red"]) }
        // The message names what is wrong.
        do {
            _ = try CreateWorkspaceCommand.parse(["Demo", "--currency", "euro"])
            Issue.record("an invalid currency was accepted")
        } catch {
            #expect(CreateWorkspaceCommand.message(for: error).contains("currency"))
        }
    }

    /// The binaries' `--help` runs are in ScaleOutTests/CommandLineTests; here, the parts that
    /// need no process: the usage text and the default command.
    @Test func createWorkspaceUsageAndDefaultCommand() {
        let help = GatewayCommand.helpMessage(for: CreateWorkspaceCommand.self)
        #expect(help.contains("--timezone") && help.contains("--currency") && help.contains("<name>"))
        // No command is `serve`.
        #expect((try? GatewayCommand.parseAsRoot([])) is ServeCommand<GatewayCommand>)
    }
}

@Suite(.enabled(if: TestEnvironment.hasRedis, "needs the Redis started by make test"))
struct RateLimitTests {
    @Test func overTheLimitIs429WithRetryAfter() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        let redis = TestEnvironment.redisClient()
        try await GatewayHarness.app(store: store, redis: redis, rateLimit: 3).test(.router) { http in
            let headers = GatewayHarness.headers(tenant.viewerKey)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                try await http.execute(uri: "/workspace", method: .get, headers: headers) { response in
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        let retry = Int(response.headers[.retryAfter] ?? "") ?? 0
                        #expect((1...60).contains(retry))
                        #expect(GatewayHarness.error(response)?.code == "rate_limited")
                    }
                }
            }
            // The window may roll over mid-test; at least the 4th or 5th request is limited.
            #expect(statuses.prefix(3).allSatisfy { $0 == .ok } || statuses.contains(.tooManyRequests))
            #expect(statuses.contains(.tooManyRequests))
            // Another principal has its own budget.
            try await http.execute(uri: "/workspace", method: .get, headers: GatewayHarness.headers(tenant.adminKey)) { response in
                #expect(response.status == .ok)
            }
        }
        await redis.shutdown()
    }
}
