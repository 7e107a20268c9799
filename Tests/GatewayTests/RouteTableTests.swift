import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxTestSupport
import OpenAPIKit
import Testing

@testable import Gateway
@testable import LineageSvc

/// Tests generated from the router's route table and `/openapi.json`, so that a new route is
/// covered the moment it is registered: it must be documented, enforce its documented role,
/// answer in its documented shapes, and find nothing of another workspace.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct RouteTableTests {
    struct Operation: CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var spec: JSONValue

        var description: String { "\(method) \(path)" }
        var role: String? { spec["x-required-role"]?.stringValue }
        var hasPathParameter: Bool { path.contains("{id}") }

        /// The documented example body and its content type.
        var example: (contentType: String, body: ByteBuffer)? {
            guard case .object(let content)? = spec["requestBody"]?["content"], let (type, media) = content.first,
                let example = media["example"]
            else { return nil }
            if case .string(let text) = example { return (type, ByteBuffer(string: text)) }
            let data = try! JSONEncoder().encode(example)
            return (type, ByteBuffer(bytes: data))
        }

        func uri(id: String) -> String { path.replacingOccurrences(of: "{id}", with: id) }
    }

    /// The contract file in the source tree: what editors and OpenAPI tools read.
    static let specFile = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/Gateway/OpenAPI/openapi.yaml")
    static let specJSON = (try? OpenAPIDocument.load(from: specFile)) ?? ""
    static let document = JSONValue(text: specJSON) ?? .null

    static let operations: [Operation] = {
        var operations: [Operation] = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, spec) in item.objectValue ?? [:] {
                operations.append(Operation(method: HTTPRequest.Method(method.uppercased())!, path: path, spec: spec))
            }
        }
        return operations.sorted { $0.description < $1.description }
    }()

    /// A gateway with every route registered: Postgres store, fake copilot and metrics over gRPC.
    func withGateway(_ body: @Sendable (TestClientProtocol, any WorkspaceStore) async throws -> Void) async throws {
        let (store, client) = try await GatewayHarness.store()
        try await LoopbackRPC.with([CannedMetrics()]) { metricsRPC in
            let lineage = try await GatewayHarness.lineage(
                postgres: client, metrics: Metricx_V1_MetricsService.Client(wrapping: metricsRPC.grpc))
            try await LoopbackRPC.with([ScriptedCopilot(), CannedMetrics(), InMemorySync(), lineage]) { rpc in
                let app = GatewayHarness.app(
                    store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: rpc.grpc),
                    metrics: MetricsPeer(rpc.grpc), sync: Metricx_V1_SyncService.Client(wrapping: rpc.grpc),
                    lineage: Metricx_V1_LineageService.Client(wrapping: rpc.grpc))
                try await app.test(.router) { http in try await body(http, store) }
            }
        }
        await client.shutdown()
    }

    func send(_ http: TestClientProtocol, _ operation: Operation, uri: String, key: String) async throws -> TestResponse {
        var headers = GatewayHarness.headers(key, json: false)
        let example = operation.example
        if let example { headers[.contentType] = example.contentType }
        return try await http.execute(uri: uri, method: operation.method, headers: headers, body: example?.body)
    }

    @Test func theDocumentIsValidOpenAPI31AndServedAsTheFileSays() throws {
        let json = try OpenAPIDocument.load(from: Self.specFile)
        // What the gateway serves is the file as built into its resources.
        #expect(try OpenAPIDocument.json.get() == json)
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(json.utf8))
        #expect(document.openAPIVersion == .v3_1_0)
        try document.validate()
    }

    /// `limit` out of range is a 400 (PageQuery): an operation that takes it must say so, as the
    /// fuzzer found when the versions list gained paging.
    @Test func everyPagedOperationDocumentsTheBadLimitAnswer() {
        let limit = "#/components/parameters/Limit"
        let paged = Self.operations.filter { operation in
            (operation.spec["parameters"]?.arrayValue ?? []).contains { $0["$ref"]?.stringValue == limit }
        }
        #expect(!paged.isEmpty)
        let missing = paged.filter { $0.spec["responses"]?["400"] == nil }.map(\.description)
        #expect(missing == [])
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() throws {
        // Registering routes needs clients, not connections.
        let unconnected = try RPCClient(configuration: .init(target: HostPort(host: "127.0.0.1", port: 1), timeout: .seconds(1)))
        let router = GatewayHarness.router(
            store: InMemoryWorkspaceStore(), copilot: Metricx_V1_CopilotService.Client(wrapping: unconnected.grpc),
            metrics: MetricsPeer(unconnected.grpc),
            sync: Metricx_V1_SyncService.Client(wrapping: unconnected.grpc),
            lineage: Metricx_V1_LineageService.Client(wrapping: unconnected.grpc))
        let registered = Set(
            router.routes.map { route in
                let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method) /" + path.joined(separator: "/")
            })
        let documented = Set(Self.operations.map(\.description))
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
    }

    @Test func anotherWorkspacesIdsAreNotFoundOnEveryRouteAndChangeNothing() async throws {
        try await withGateway { http, store in
            let a = try await GatewayHarness.tenant(store, name: "Route table A")
            let b = try await GatewayHarness.tenant(store, name: "Route table B")
            let member = try await store.addMember(
                workspaceID: b.workspace.id, email: "\(TestEnvironment.uniqueName("m"))@example.com", role: .editor)
            var conversationID = ""
            try await http.execute(
                uri: "/qa/agent/sync", method: .post, headers: GatewayHarness.headers(b.viewerKey),
                body: ByteBuffer(string: #"{"question":"roas?"}"#)
            ) { response in
                conversationID = GatewayHarness.decode([String: JSONValue].self, response)?["conversation_id"]?.stringValue ?? ""
            }
            var connectionID = ""
            try await http.execute(
                uri: "/connections", method: .post, headers: GatewayHarness.headers(b.adminKey),
                body: ByteBuffer(string: #"{"provider":"demo"}"#)
            ) { response in
                connectionID = GatewayHarness.decode([String: JSONValue].self, response)?["id"]?.stringValue ?? ""
            }
            #expect(!connectionID.isEmpty)
            let idsOfB = [b.workspace.id, b.viewerKeyID, member.id, conversationID, connectionID]
            let before = try await snapshot(http, b)
            let check = JSONSchemaCheck(document: Self.document)
            let withIDs = Self.operations.filter(\.hasPathParameter)
            #expect(withIDs.count >= 5)
            for operation in withIDs {
                for id in idsOfB {
                    let response = try await send(http, operation, uri: operation.uri(id: id), key: a.adminKey)
                    #expect(response.status == .notFound, "\(operation) with B's id \(id)")
                    let body = try #require(JSONValue(text: String(buffer: response.body)), "\(operation)")
                    #expect(check.problems(body, .object(["$ref": .string("#/components/schemas/Error")])) == [])
                }
            }
            let after = try await snapshot(http, b)
            #expect(after == before)
        }
    }

    /// What B's admin sees of B: compared before and after A's attempts.
    func snapshot(_ http: TestClientProtocol, _ tenant: GatewayHarness.Tenant) async throws -> [String] {
        var parts: [String] = []
        for uri in ["/workspace", "/members", "/conversations", "/connections"] {
            try await http.execute(uri: uri, method: .get, headers: GatewayHarness.headers(tenant.adminKey)) {
                parts.append(String(buffer: $0.body))
            }
        }
        try await http.execute(uri: "/api-keys", method: .get, headers: GatewayHarness.headers(tenant.adminKey)) { response in
            // `last_used_at` moves with B's own use; the keys themselves must not.
            let keys = GatewayHarness.decode(Page<APIKeyRecord>.self, response)?.items ?? []
            parts.append(keys.map { "\($0.id) \($0.role) \($0.revokedAt ?? "-")" }.sorted().joined(separator: ","))
        }
        return parts
    }

    @Test func everyWriteEnforcesItsDocumentedRole() async throws {
        try await withGateway { http, store in
            let tenant = try await GatewayHarness.tenant(store, name: "Roles")
            let (_, editorKey) = try await store.createAPIKey(workspaceID: tenant.workspace.id, name: "editor", role: .editor)
            let guarded = Self.operations.filter { $0.role == "editor" || $0.role == "admin" }
            #expect(guarded.count >= 8)
            for operation in guarded {
                let uri = operation.uri(id: UUID().uuidString.lowercased())
                let viewer = try await send(http, operation, uri: uri, key: tenant.viewerKey)
                #expect(viewer.status == .forbidden, "viewer on \(operation)")
                if operation.role == "admin" {
                    let editor = try await send(http, operation, uri: uri, key: editorKey)
                    #expect(editor.status == .forbidden, "editor on \(operation)")
                }
            }
        }
    }

    @Test func responsesAreDocumentedAndMatchTheirSchemas() async throws {
        try await withGateway { http, store in
            let tenant = try await GatewayHarness.tenant(store, name: "Shapes")
            let check = JSONSchemaCheck(document: Self.document)
            for operation in Self.operations {
                let uri = operation.uri(id: tenant.workspace.id)
                let response = try await send(http, operation, uri: uri, key: tenant.adminKey)
                let documented = operation.spec["responses"]?[String(response.status.code)]
                #expect(documented != nil, "\(operation) answered \(response.status.code), which is not documented")
                let text = String(buffer: response.body)
                if case .object(let content)? = documented?["content"] ?? Self.resolved(documented)?["content"],
                    let schema = content["application/json"]?["schema"]
                {
                    let body = try #require(JSONValue(text: text), "\(operation): not JSON")
                    #expect(check.problems(body, schema) == [], "\(operation)")
                }
                if let events = documented?["content"]?["text/event-stream"]?["x-event-schema"] {
                    let frames = CopilotRoutesTests.events(text)
                    #expect(!frames.isEmpty)
                    for frame in text.components(separatedBy: "\n\n") where frame.hasPrefix("data: ") {
                        let event = try #require(JSONValue(text: String(frame.dropFirst(6))))
                        #expect(check.problems(event, events) == [], "\(operation) event")
                    }
                }
            }
        }
    }

    /// A response given by `$ref` to `components/responses`.
    static func resolved(_ response: JSONValue?) -> JSONValue? {
        guard let ref = response?["$ref"]?.stringValue, let name = ref.split(separator: "/").last else { return nil }
        return document["components"]?["responses"]?[String(name)]
    }
}
