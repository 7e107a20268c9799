import Hummingbird
import MetricxProtos
import SwiftProtobuf

/// A copilot conversation as listed (`messages` omitted) or read whole.
struct ConversationBody: Encodable, ResponseEncodable, Sendable {
    struct Message: Encodable, Sendable {
        var role: String
        var text: String
        var intent: String?
        var createdAt: String
        var query: JSONValue?

        enum CodingKeys: String, CodingKey {
            case role, text, intent, query
            case createdAt = "created_at"
        }
    }

    var id: String
    var title: String
    var createdAt: String
    var updatedAt: String
    var messages: [Message]?

    enum CodingKeys: String, CodingKey {
        case id, title, messages
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ conversation: Metricx_V1_Conversation, withMessages: Bool) {
        self.id = conversation.id
        self.title = conversation.title
        self.createdAt = conversation.createdAt
        self.updatedAt = conversation.updatedAt
        self.messages =
            withMessages
            ? conversation.messages.map {
                Message(
                    role: $0.role, text: $0.text, intent: $0.intent.isEmpty ? nil : $0.intent, createdAt: $0.createdAt,
                    query: Self.publicQuery($0.queryJson))
            } : nil
    }

    /// A stored query in the API's snake_case (`time_range`, `order_by`), whichever protobuf JSON
    /// spelling it was stored in; nil when there is none or it cannot be read.
    static func publicQuery(_ stored: String) -> JSONValue? {
        guard !stored.isEmpty, let query = try? Metricx_V1_SemanticQuery(jsonString: stored) else { return nil }
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return (try? query.jsonString(options: options)).flatMap { JSONValue(text: $0) }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
