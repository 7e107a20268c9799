import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import Synchronization

/// A CopilotSvc-shaped gRPC service for gateway tests. `ask` streams a scripted answer (numbered
/// and kept for `replay`); the question "slow" streams a token every 50 ms for two seconds and
/// records whether it was cancelled or finished; "brief" streams 20 tokens 10 ms apart. Conversations and answers are kept per workspace, as the
/// real service must.
final class ScriptedCopilot: Metricx_V1_CopilotService.SimpleServiceProtocol, Sendable {
    struct State {
        var asks: [(workspace: String?, question: String)] = []
        var slowTokensSent = 0
        var slowCancelled = false
        var slowFinished = false
        var conversations: [String: (workspace: String, conversation: Metricx_V1_Conversation)] = [:]
        var answers: [String: (workspace: String, events: [Metricx_V1_AskEvent])] = [:]
    }

    let state = Mutex(State())
    static let answerTokens = ["Your ", "ROAS ", "was ", "2.50 ", "last ", "week."]

    func ask(request: Metricx_V1_AskRequest, response: RPCWriter<Metricx_V1_AskEvent>, context: ServerContext) async throws {
        let workspace = RequestContext.current?.workspaceID
        state.withLock { $0.asks.append((workspace, request.question)) }
        if request.question == "brief" {
            for _ in 0..<20 {
                try await response.write(.with { $0.token = "tock " })
                try await Task.sleep(for: .milliseconds(10))
            }
            return
        }
        if request.question == "slow" {
            do {
                for _ in 0..<40 {
                    try await response.write(.with { $0.token = "tick " })
                    state.withLock { $0.slowTokensSent += 1 }
                    try await Task.sleep(for: .milliseconds(50))
                }
                state.withLock { $0.slowFinished = true }
            } catch {
                state.withLock { $0.slowCancelled = true }
                throw error
            }
            return
        }
        var events: [Metricx_V1_AskEvent] = [.with { $0.stage = "understand" }, .with { $0.stage = "fetch_data" }]
        let result = Metricx_V1_QueryResult.with {
            $0.query = .with {
                $0.metrics = ["roas"]
                $0.timeRange = .with {
                    $0.dates = .with {
                        $0.start = "2026-11-09"
                        $0.end = "2026-11-15"
                    }
                }
            }
            $0.resolved = .with {
                $0.range = .with {
                    $0.start = "2026-11-09"
                    $0.end = "2026-11-15"
                }
            }
            $0.data = .with {
                $0.totals = [
                    .with {
                        $0.metric = "roas"
                        $0.value = 2.5
                    }
                ]
            }
        }
        events.append(.with { $0.data = result })
        events.append(.with { $0.stage = "respond" })
        for token in Self.answerTokens { events.append(.with { $0.token = token }) }
        let conversation = Metricx_V1_Conversation.with {
            $0.id = request.conversationID.isEmpty ? UUID().uuidString.lowercased() : request.conversationID
            $0.title = request.question
            $0.createdAt = "2026-11-22T10:00:00Z"
            $0.updatedAt = "2026-11-22T10:00:00Z"
            $0.messages = [
                .with {
                    $0.role = "user"
                    $0.text = request.question
                    $0.createdAt = "2026-11-22T10:00:00Z"
                },
                .with {
                    $0.role = "assistant"
                    $0.text = Self.answerTokens.joined()
                    $0.intent = "metric_value"
                    $0.createdAt = "2026-11-22T10:00:01Z"
                },
            ]
        }
        state.withLock { $0.conversations[conversation.id] = (workspace ?? "", conversation) }
        events.append(
            .with {
                $0.done = .with {
                    $0.answer = Self.answerTokens.joined()
                    $0.intent = "metric_value"
                    $0.result = result
                    $0.conversationID = conversation.id
                }
            })
        // Numbered as CopilotSvc numbers them, and kept for `replay`.
        let answer = UUID().uuidString.lowercased()
        for index in events.indices { events[index].eventID = "\(answer):\(index + 1)" }
        state.withLock { $0.answers[answer] = (workspace ?? "", events) }
        for event in events { try await response.write(event) }
    }

    func replay(request: Metricx_V1_ReplayRequest, response: RPCWriter<Metricx_V1_AskEvent>, context: ServerContext) async throws {
        let workspace = RequestContext.current?.workspaceID ?? ""
        let parts = request.eventID.split(separator: ":")
        guard parts.count == 2, let after = Int(parts[1]),
            let answer = state.withLock({ $0.answers[String(parts[0])] }), answer.workspace == workspace
        else {
            throw RPCError(code: .notFound, message: "answer is unknown or no longer kept for replay")
        }
        for event in answer.events.dropFirst(after) { try await response.write(event) }
    }

    func listConversations(request: Metricx_V1_ListConversationsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListConversationsResponse
    {
        let workspace = try RequestContext.requireWorkspace()
        let mine = state.withLock { $0.conversations.values.filter { $0.workspace == workspace }.map(\.conversation) }
        return .with {
            $0.conversations = mine.map {
                var c = $0
                c.messages = []
                return c
            }
        }
    }

    func getConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws -> Metricx_V1_Conversation {
        try find(request.id)
    }

    func deleteConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws
        -> Metricx_V1_DeleteConversationResponse
    {
        _ = try find(request.id)
        state.withLock { _ = $0.conversations.removeValue(forKey: request.id) }
        return .init()
    }

    private func find(_ id: String) throws -> Metricx_V1_Conversation {
        let workspace = try RequestContext.requireWorkspace()
        guard let found = state.withLock({ $0.conversations[id] }), found.workspace == workspace else {
            throw ServiceError(.notFound, "conversation \(id) not found")
        }
        return found.conversation
    }
}
