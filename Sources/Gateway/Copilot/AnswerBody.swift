import Hummingbird
import MetricxProtos

/// DESIGN.md's `/qa/agent/sync` response; also what the SSE `done` event carries.
struct AnswerBody: Encodable, ResponseEncodable, Sendable {
    let answer: Metricx_V1_Answer

    private enum Keys: String, CodingKey {
        case answer, intent, query, resolved, data, visual, details
        case conversationID = "conversation_id"
    }

    func encode(to encoder: any Encoder) throws {
        if answer.hasResult {
            try QueryResultBody(result: answer.result).encode(to: encoder)
        } else {
            var empty = encoder.container(keyedBy: Keys.self)
            try empty.encodeNil(forKey: .query)
            try empty.encodeNil(forKey: .resolved)
            try empty.encodeNil(forKey: .data)
        }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(answer.answer, forKey: .answer)
        try container.encode(answer.intent, forKey: .intent)
        try container.encode(JSONValue(text: answer.visualJson) ?? .null, forKey: .visual)
        try container.encode(answer.conversationID, forKey: .conversationID)
        if let details = JSONValue(text: answer.extraJson) { try container.encode(details, forKey: .details) }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
