import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime

/// The copilot's RPCs, each within the caller's workspace.
struct CopilotService: Metricx_V1_CopilotService.SimpleServiceProtocol {
    let pipeline: AskPipeline
    let conversations: ConversationStore

    func ask(request: Metricx_V1_AskRequest, response: RPCWriter<Metricx_V1_AskEvent>, context: ServerContext) async throws {
        let workspace = try RequestContext.requireWorkspaceID()
        try await pipeline.run(request, workspaceID: workspace) { event in try await response.write(event) }
    }

    func listConversations(request: Metricx_V1_ListConversationsRequest, context: ServerContext) async throws -> Metricx_V1_ListConversationsResponse {
        try await conversations.list(workspaceID: try RequestContext.requireWorkspaceID(), page: request.page)
    }

    func getConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws -> Metricx_V1_Conversation {
        let workspace = try RequestContext.requireWorkspaceID()
        guard let id = UUID(uuidString: request.id), let conversation = try await conversations.get(workspaceID: workspace, id: id) else {
            throw ServiceError.notFound("conversation \(request.id) not found")
        }
        return conversation
    }

    func deleteConversation(request: Metricx_V1_ConversationRequest, context: ServerContext) async throws -> Metricx_V1_DeleteConversationResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        guard let id = UUID(uuidString: request.id), try await conversations.delete(workspaceID: workspace, id: id) else {
            throw ServiceError.notFound("conversation \(request.id) not found")
        }
        return .init()
    }
}
