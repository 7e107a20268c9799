import MetricxProtos

/// One SSE event of `/qa/agent/sse`: `{"type": ..., ...}` with the fields DESIGN.md lists.
struct CopilotEvent: Encodable, Sendable {
    enum Payload: Sendable {
        case stage(String)
        case token(String)
        case visual(JSONValue)
        case data(Metricx_V1_QueryResult)
        case done(Metricx_V1_Answer)
        case error(APIError)
    }

    var payload: Payload

    /// nil for an empty event, which is skipped.
    init?(_ event: Metricx_V1_AskEvent) {
        switch event.event {
        case .stage(let stage): payload = .stage(stage)
        case .token(let text): payload = .token(text)
        case .visualJson(let json): payload = .visual(JSONValue(text: json) ?? .null)
        case .data(let result): payload = .data(result)
        case .done(let answer): payload = .done(answer)
        case .error(let message): payload = .error(APIError(.internalServerError, code: "copilot_error", message))
        case .none: return nil
        }
    }

    init(_ payload: Payload) {
        self.payload = payload
    }

    private enum Keys: String, CodingKey {
        case type, stage, text, visual, error, code, message
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch payload {
        case .stage(let stage):
            try container.encode("stage", forKey: .type)
            try container.encode(stage, forKey: .stage)
        case .token(let text):
            try container.encode("token", forKey: .type)
            try container.encode(text, forKey: .text)
        case .visual(let visual):
            try container.encode("visual", forKey: .type)
            try container.encode(visual, forKey: .visual)
        case .data(let result):
            try container.encode("data", forKey: .type)
            try QueryResultBody(result: result).encode(to: encoder)
        case .done(let answer):
            try container.encode("done", forKey: .type)
            try AnswerBody(answer: answer).encode(to: encoder)
        case .error(let error):
            try container.encode("error", forKey: .type)
            var detail = container.nestedContainer(keyedBy: Keys.self, forKey: .error)
            try detail.encode(error.code, forKey: .code)
            try detail.encode(error.message, forKey: .message)
        }
    }
}
