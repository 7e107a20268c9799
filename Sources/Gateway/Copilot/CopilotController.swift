import GRPCCore
import HTTPTypes
import Hummingbird
import MetricxProtos

/// The copilot: questions answered whole (`/qa/agent/sync`) or streamed as server-sent events
/// (`/qa/agent/sse`), and the conversations they belong to.
struct CopilotController {
    let copilot: any Metricx_V1_CopilotService.ClientProtocol
    var events = ServerSentEvents()
    /// Answers run the semantic layer, sometimes several times: allow more than the default deadline.
    static let answerTimeout = Duration.seconds(60)

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.post("qa/agent/sync", use: sync)
        routes.post("qa/agent/sse", use: sse)
        routes.get("conversations", use: list)
        routes.get("conversations/:id", use: conversation)
        routes.delete("conversations/:id", use: delete)
    }

    @Sendable func sync(_ request: Request, context: GatewayContext) async throws -> AnswerBody {
        let access = try context.requireAccess()
        let ask = try await StrictJSON.decode(AskBody.self, from: request).proto(settings: MetricsController.settings(access))
        return AnswerBody(answer: try await Self.answer(ask, copilot: copilot))
    }

    /// The whole answer of a question: the stream's `done` event, its `error` as an API error.
    static func answer(_ ask: Metricx_V1_AskRequest, copilot: any Metricx_V1_CopilotService.ClientProtocol) async throws
        -> Metricx_V1_Answer
    {
        try await copilot.ask(ask, metadata: [:], options: .init(timeout: answerTimeout)) { response in
            var done: Metricx_V1_Answer?
            for try await event in response.messages {
                switch event.event {
                case .done(let answer): done = answer
                case .error(let message): throw APIError(.internalServerError, code: "copilot_error", message)
                default: continue
                }
            }
            guard let done else { throw APIError(.badGateway, code: "copilot_error", "the copilot ended without an answer") }
            return done
        }
    }

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    /// Streams an answer. A request with `Last-Event-ID` (a client resuming a broken stream, through
    /// any gateway replica) gets the rest of that answer instead of asking again.
    @Sendable func sse(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess()
        let copilot = self.copilot
        let stream: @Sendable (@escaping @Sendable (Metricx_V1_AskEvent) -> Void) async throws -> Void
        if let lastEventID = request.headers[Self.lastEventID] {
            guard AnswerEventID(lastEventID) != nil else {
                throw APIError.invalid("must be the id of an event this stream sent", field: "Last-Event-ID")
            }
            stream = { forward in
                try await copilot.replay(.with { $0.eventID = lastEventID }, metadata: [:], options: .init(timeout: Self.answerTimeout)) {
                    response in
                    for try await event in response.messages { forward(event) }
                }
            }
        } else {
            // Bad input is answered as a plain JSON error before the stream starts.
            let ask = try await StrictJSON.decode(AskBody.self, from: request).proto(settings: MetricsController.settings(access))
            stream = { forward in
                try await copilot.ask(ask, metadata: [:], options: .init(timeout: Self.answerTimeout)) { response in
                    for try await event in response.messages { forward(event) }
                }
            }
        }
        let logger = context.logger
        return events.response { sink in
            do {
                try await stream { event in
                    if let body = CopilotEvent(event) { sink.send(body, id: event.eventID) }
                }
            } catch is CancellationError {
                // The client went away; nobody is listening for an error event.
            } catch {
                let mapped = APIError.from(error) ?? APIError(.internalServerError, code: "internal", "internal error")
                if mapped.status.code >= 500 {
                    // As ErrorMiddleware does for plain answers: the stream's status is already 200.
                    logger.error("stream failed", metadata: ["status": "\(mapped.status.code)", "error": "\(String(reflecting: error))"])
                }
                sink.send(CopilotEvent(.error(mapped)))
            }
        }
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess()
        let page = try PageQuery(request)
        let response = try await copilot.listConversations(
            .with {
                $0.page = page.proto
            })
        return try ETagged(
            Page(
                items: response.conversations.map { ConversationBody($0, withMessages: false) },
                nextCursor: response.page.nextCursor)
        ).response(from: request, context: context)
    }

    @Sendable func conversation(_ request: Request, context: GatewayContext) async throws -> ConversationBody {
        _ = try context.requireAccess()
        let id = try context.parameters.require("id")
        return ConversationBody(try await copilot.getConversation(.with { $0.id = id }), withMessages: true)
    }

    @Sendable func delete(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        _ = try context.requireAccess(.editor)
        let id = try context.parameters.require("id")
        _ = try await copilot.deleteConversation(.with { $0.id = id })
        return .noContent
    }
}
