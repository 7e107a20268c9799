import Foundation
import HTTPTypes
import HummingbirdTesting
import MetricxTestSupport
import NIOCore
import Testing

@testable import Gateway

/// `/mcp` in process: the protocol's framing, the API's authentication in front of it, and tool
/// failures as results the model can act on (the MCP client test in `make test` drives it end to end).
@Suite struct MCPRoutesTests {
    static func headers(_ key: String?, origin: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let key { fields[.authorization] = "Bearer \(key)" }
        fields[.contentType] = "application/json"
        fields[.accept] = "application/json, text/event-stream"
        if let origin { fields[HTTPField.Name("Origin")!] = origin }
        return fields
    }

    static func rpc(_ method: String, _ params: String = "{}") -> ByteBuffer {
        ByteBuffer(string: #"{"jsonrpc":"2.0","id":7,"method":"\#(method)","params":\#(params)}"#)
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }

    @Test func toolsAreListedAndAFailingCallIsAToolError() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            try await http.execute(uri: "/mcp", method: .post, headers: Self.headers(tenant.viewerKey), body: Self.rpc("tools/list")) {
                response in
                #expect(response.status == .ok)
                let tools = (Self.json(response.body)["result"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []
                #expect(Set(tools.compactMap { $0["name"] as? String }) == Set(MetricxTools.definitions.map(\.name)))
                #expect(
                    tools.allSatisfy {
                        $0["inputSchema"] != nil && $0["outputSchema"] != nil && ($0["description"] as? String)?.contains("Example") == true
                    })
            }
            let call = Self.rpc("tools/call", #"{"name":"get_lineage","arguments":{"metric":"roas","direction":"sideways"}}"#)
            try await http.execute(uri: "/mcp", method: .post, headers: Self.headers(tenant.viewerKey), body: call) { response in
                let result = Self.json(response.body)["result"] as? [String: Any]
                #expect(result?["isError"] as? Bool == true)
                let text = ((result?["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
                #expect(text.contains("direction") || text.contains("not configured"), "\(text)")
            }
        }
    }

    @Test func authenticationAndOriginsComeBeforeAnyTool() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            try await http.execute(uri: "/mcp", method: .post, headers: Self.headers(nil), body: Self.rpc("tools/list")) { response in
                #expect(response.status == .unauthorized)
            }
            try await http.execute(uri: "/mcp", method: .post, headers: Self.headers("mx_nope_nope"), body: Self.rpc("tools/list")) {
                response in
                #expect(response.status == .unauthorized)
            }
            let foreign = Self.headers(tenant.viewerKey, origin: "https://attacker.example")
            try await http.execute(uri: "/mcp", method: .post, headers: foreign, body: Self.rpc("tools/list")) { response in
                #expect(response.status == .forbidden)
            }
            try await http.execute(uri: "/mcp", method: .get, headers: Self.headers(tenant.viewerKey)) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}
