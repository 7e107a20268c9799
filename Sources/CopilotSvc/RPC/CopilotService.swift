import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import Synchronization

/// The copilot's RPCs, each within the caller's workspace.
struct CopilotService: Metricx_V1_CopilotService.SimpleServiceProtocol {
    let pipeline: AskPipeline
    let conversations: ConversationStore
    var journal = AnswerJournal(redis: nil)

    /// Streams the answer, each event numbered (`event_id`) and recorded for ``replay``. The answer
    /// is composed to its end even when the caller goes away mid-stream (its gateway pod stopped),
    /// so that the client can replay the rest through another gateway.
    func ask(request: Metricx_V1_AskRequest, response: RPCWriter<Metricx_V1_AskEvent>, context: ServerContext) async throws {
        let workspace = try RequestContext.requireWorkspaceID()
        let answerID = UUID()
        let (events, continuation) = AsyncThrowingStream<Metricx_V1_AskEvent, any Error>.makeStream()
        let pipeline = self.pipeline
        let recorder = journal.recorder(workspaceID: workspace, answerID: answerID)
        // Unstructured, so that the caller's cancellation does not stop it; it inherits the
        // request context (workspace, principal, request id) for its own calls.
        Task {
            let sequence = Mutex<UInt32>(0)
            do {
                try await pipeline.run(request, workspaceID: workspace) { event in
                    var numbered = event
                    numbered.eventID =
                        AnswerEventID(
                            answer: answerID,
                            sequence: sequence.withLock {
                                $0 += 1
                                return $0
                            }
                        ).description
                    continuation.yield(numbered)
                    recorder.record(numbered)
                }
                continuation.finish()
            } catch {
                let sent = sequence.withLock { $0 }
                if sent > 0 {
                    // A replay must end too: record the failure as the answer's last event.
                    let shown = (error as? ServiceError).flatMap { $0.code == .internalError ? nil : $0.message }
                    recorder.record(
                        .with {
                            $0.error = shown ?? "the answer failed; ask again"
                            $0.eventID = AnswerEventID(answer: answerID, sequence: sent + 1).description
                        })
                }
                continuation.finish(throwing: error)
            }
            recorder.finish()
        }
        for try await event in events { try await response.write(event) }
        // The stream ends early only when the caller went away: end the call as cancelled, not as
        // a complete answer.
        try Task.checkCancellation()
    }

    func replay(request: Metricx_V1_ReplayRequest, response: RPCWriter<Metricx_V1_AskEvent>, context: ServerContext) async throws {
        let workspace = try RequestContext.requireWorkspaceID()
        try await journal.replay(after: request.eventID, workspaceID: workspace) { event in try await response.write(event) }
    }

    func listConversations(request: Metricx_V1_ListConversationsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListConversationsResponse
    {
        try await conversations.list(workspaceID: try RequestContext.requireWorkspaceID(), page: request.page)
    }

    func getConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws -> Metricx_V1_Conversation {
        let workspace = try RequestContext.requireWorkspaceID()
        guard let id = UUID(uuidString: request.id), let conversation = try await conversations.get(workspaceID: workspace, id: id) else {
            throw ServiceError.notFound("conversation \(request.id) not found")
        }
        return conversation
    }

    func deleteConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws
        -> Metricx_V1_DeleteConversationResponse
    {
        let workspace = try RequestContext.requireWorkspaceID()
        guard let id = UUID(uuidString: request.id), try await conversations.delete(workspaceID: workspace, id: id) else {
            throw ServiceError.notFound("conversation \(request.id) not found")
        }
        return .init()
    }
}
