import MetricxProtos

/// The body of `/qa/agent/sync` and `/qa/agent/sse`.
struct AskBody: Codable, Sendable {
    var question: String
    var conversationID: String?
    var asOf: String?

    enum CodingKeys: String, CodingKey {
        case question
        case conversationID = "conversation_id"
        case asOf = "as_of"
    }

    func proto(settings: Metricx_V1_WorkspaceSettings) throws -> Metricx_V1_AskRequest {
        let question = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(question.count) else {
            throw APIError.invalid("must be 1 to 2000 characters", field: "question")
        }
        if let conversationID, conversationID.count > 100 {
            throw APIError.invalid("is not a conversation id", field: "conversation_id")
        }
        return .with {
            $0.settings = settings
            $0.question = question
            $0.conversationID = conversationID ?? ""
            $0.asOf = asOf ?? ""
        }
    }
}
