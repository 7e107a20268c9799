import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxProtos
import MetricxTestSupport
import NIOCore
import Testing

@testable import Gateway

/// The copilot routes over real gRPC to a scripted CopilotSvc-shaped server.
@Suite struct CopilotRoutesTests {
    /// The `data:` payloads of an event stream, decoded.
    static func events(_ text: String) -> [[String: Any]] {
        text.components(separatedBy: "\n\n").compactMap { frame in
            guard let line = frame.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) as? [String: Any]
        }
    }

    @Test func theStreamDeliversStagesTokensInOrderDataAndTheAnswer() async throws {
        let copilot = ScriptedCopilot()
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await LoopbackRPC.with([copilot]) { client in
            let app = GatewayHarness.app(store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: client.grpc))
            try await app.test(.router) { http in
                try await http.execute(
                    uri: "/qa/agent/sse", method: .post, headers: GatewayHarness.headers(tenant.viewerKey),
                    body: ByteBuffer(string: #"{"question":"What was ROAS on Meta yesterday?"}"#)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                    let events = Self.events(String(buffer: response.body))
                    #expect(
                        events.map { $0["type"] as? String } == ["stage", "stage", "data", "stage"] + Array(repeating: "token", count: 6)
                            + ["done"])
                    #expect(events.compactMap { $0["stage"] as? String } == ["understand", "fetch_data", "respond"])
                    #expect(events.compactMap { $0["text"] as? String }.joined() == ScriptedCopilot.answerTokens.joined())
                    let done = events.last
                    #expect(done?["answer"] as? String == ScriptedCopilot.answerTokens.joined())
                    #expect(done?["intent"] as? String == "metric_value")
                    #expect(((done?["data"] as? [String: Any])?["totals"] as? [String: Any])?["roas"] as? Double == 2.5)
                }
                try await http.execute(
                    uri: "/qa/agent/sync", method: .post, headers: GatewayHarness.headers(tenant.viewerKey),
                    body: ByteBuffer(string: #"{"question":"What was ROAS on Meta yesterday?"}"#)
                ) { response in
                    let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                    #expect(json?["answer"] as? String == ScriptedCopilot.answerTokens.joined())
                    #expect((json?["resolved"] as? [String: Any])?["start"] as? String == "2026-11-09")
                    #expect(json?["visual"] is NSNull)
                }
                // Bad input is a JSON error before any stream starts.
                try await http.execute(
                    uri: "/qa/agent/sse", method: .post, headers: GatewayHarness.headers(tenant.viewerKey),
                    body: ByteBuffer(string: #"{"question":"   "}"#)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(GatewayHarness.error(response)?.field == "question")
                }
            }
        }
        let asks = copilot.state.withLock { $0.asks }
        #expect(asks.count == 2)
        #expect(asks.allSatisfy { $0.workspace == tenant.workspace.id })
    }

    /// The `id:` of each frame, in order.
    static func eventIDs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").compactMap { frame in
            frame.split(separator: "\n").first { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
        }
    }

    @Test func aBrokenStreamResumesFromLastEventIDInItsWorkspaceOnly() async throws {
        let copilot = ScriptedCopilot()
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        let other = try await GatewayHarness.tenant(store, name: "Other")
        try await LoopbackRPC.with([copilot]) { client in
            let app = GatewayHarness.app(store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: client.grpc))
            try await app.test(.router) { http in
                let question = ByteBuffer(string: #"{"question":"What was ROAS on Meta yesterday?"}"#)
                let whole = try await http.execute(
                    uri: "/qa/agent/sse", method: .post, headers: GatewayHarness.headers(tenant.viewerKey), body: question)
                let text = String(buffer: whole.body)
                let ids = Self.eventIDs(text)
                #expect(ids.count == Self.events(text).count)
                // Resume after the fourth event: the other seven, the same as the first time.
                var resume = GatewayHarness.headers(tenant.viewerKey)
                resume[CopilotController.lastEventID] = ids[3]
                let rest = try await http.execute(uri: "/qa/agent/sse", method: .post, headers: resume, body: nil)
                #expect(rest.status == .ok)
                #expect(Self.eventIDs(String(buffer: rest.body)) == Array(ids.dropFirst(4)))
                #expect(Self.events(String(buffer: rest.body)).last?["answer"] as? String == ScriptedCopilot.answerTokens.joined())
                #expect(copilot.state.withLock { $0.asks.count } == 1)

                // Another workspace cannot read it; a malformed id is refused before any stream.
                var foreign = GatewayHarness.headers(other.viewerKey)
                foreign[CopilotController.lastEventID] = ids[3]
                let refused = Self.events(
                    String(buffer: try await http.execute(uri: "/qa/agent/sse", method: .post, headers: foreign, body: nil).body))
                #expect(((refused.first?["error"] as? [String: Any])?["code"] as? String) == "not_found")
                var malformed = GatewayHarness.headers(tenant.viewerKey)
                malformed[CopilotController.lastEventID] = "42"
                let bad = try await http.execute(uri: "/qa/agent/sse", method: .post, headers: malformed, body: nil)
                #expect(bad.status == .unprocessableContent)
                #expect(GatewayHarness.error(bad)?.field == "Last-Event-ID")
            }
        }
    }

    /// Reads `question`'s stream until `until` says stop (then hangs up) or it ends.
    static func read(port: Int, key: String, question: String, until stop: @Sendable (String) -> Bool = { _ in false }) async throws
        -> String
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/qa/agent/sse")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"question":"\#(question)"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var received = ""
        for try await chunk in response.body {
            received += String(buffer: chunk)
            if stop(received) { break }
        }
        return received
    }

    @Test func aClientThatDisconnectsLeavesTheAnswerToFinishForResumption() async throws {
        let copilot = ScriptedCopilot()
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await LoopbackRPC.with([copilot]) { client in
            let app = GatewayHarness.app(
                store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: client.grpc), sseKeepAlive: .milliseconds(100))
            try await app.test(.live) { live in
                let port = try #require(live.port)
                // Read until a few tokens have arrived, then hang up.
                let received = try await Self.read(port: port, key: tenant.viewerKey, question: "slow") {
                    $0.components(separatedBy: "tick").count > 4
                }
                #expect(received.contains(#""type":"token""#))
                // The answer goes on to its end (journaled by the real service for Last-Event-ID).
                var finished = false
                for _ in 0..<100 where !finished {
                    try await Task.sleep(for: .milliseconds(50))
                    finished = copilot.state.withLock { $0.slowFinished }
                }
                let state = copilot.state.withLock { $0 }
                #expect(finished && !state.slowCancelled && state.slowTokensSent == 40)
            }
        }
    }

    /// #23: every client that hung up made the gateway cancel its RPC, an RST_STREAM to CopilotSvc;
    /// past 200 in 30 s the service closed the connection (the HTTP/2 rapid-reset defence), and
    /// every other answer on it ended in an `unavailable` error event.
    @Test func clientsHangingUpInBulkDoNotBreakOtherAnswers() async throws {
        let copilot = ScriptedCopilot()
        let store = InMemoryWorkspaceStore()
        let (a, b) = (try await GatewayHarness.tenant(store, name: "A"), try await GatewayHarness.tenant(store, name: "B"))
        try await LoopbackRPC.with([copilot]) { client in
            let app = GatewayHarness.app(
                store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: client.grpc), sseKeepAlive: .milliseconds(100))
            try await app.test(.live) { live in
                let port = try #require(live.port)
                // B's answer takes two seconds; meanwhile A asks 300 times and hangs up at the first token.
                let steady = Task { try await Self.read(port: port, key: b.viewerKey, question: "slow") }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<16 {
                        group.addTask {
                            for _ in stride(from: worker, to: 300, by: 16) {
                                _ = try await Self.read(port: port, key: a.viewerKey, question: "brief") { $0.contains("tock") }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let answer = try await steady.value
                #expect(!answer.contains(#""type":"error""#), "\(answer.suffix(300))")
                #expect(answer.components(separatedBy: "tick").count == 41)
            }
        }
    }

    @Test func conversationsAreListedReadAndDeletedOnlyInTheirWorkspace() async throws {
        let copilot = ScriptedCopilot()
        let store = InMemoryWorkspaceStore()
        let a = try await GatewayHarness.tenant(store, name: "A")
        let b = try await GatewayHarness.tenant(store, name: "B")
        try await LoopbackRPC.with([copilot]) { client in
            let app = GatewayHarness.app(store: store, copilot: Metricx_V1_CopilotService.Client(wrapping: client.grpc))
            try await app.test(.router) { http in
                var id = ""
                try await http.execute(
                    uri: "/qa/agent/sync", method: .post, headers: GatewayHarness.headers(b.viewerKey),
                    body: ByteBuffer(string: #"{"question":"roas?"}"#)
                ) { response in
                    id =
                        ((try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any])?["conversation_id"]
                        as? String ?? ""
                }
                try await http.execute(uri: "/conversations/\(id)", method: .get, headers: GatewayHarness.headers(b.viewerKey)) {
                    response in
                    let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                    #expect((json?["messages"] as? [Any])?.count == 2)
                }
                try await http.execute(uri: "/conversations/\(id)", method: .delete, headers: GatewayHarness.headers(a.adminKey)) {
                    response in
                    #expect(response.status == .notFound)
                }
                try await http.execute(uri: "/conversations/\(id)", method: .delete, headers: GatewayHarness.headers(b.viewerKey)) {
                    response in
                    #expect(response.status == .forbidden)
                }
                try await http.execute(uri: "/conversations", method: .get, headers: GatewayHarness.headers(a.viewerKey)) { response in
                    #expect(GatewayHarness.decode(Page<ConversationStub>.self, response)?.items.isEmpty == true)
                }
                try await http.execute(uri: "/conversations/\(id)", method: .delete, headers: GatewayHarness.headers(b.adminKey)) {
                    response in
                    #expect(response.status == .noContent)
                }
            }
        }
    }

    struct ConversationStub: Codable, Sendable { var id: String }
}
