import AsyncHTTPClient
import Foundation
import MetricxOutbound
import NIOCore

/// The Anthropic Messages API (`POST /v1/messages`) with a forced tool call, streamed: the tool
/// input arrives as `input_json_delta` events and the usage in `message_start` / `message_delta`.
struct AnthropicMessages: LanguageModel {
    var baseURL: String
    var apiKey: String
    var model: String
    var maxTokens = 1_024
    var client = OutboundHTTPClient(policy: .deployment, maximumResponseBytes: 4 << 20)

    var name: String { model }

    func callTool(system: String, user: String, tool: ToolSpec) async throws -> ToolCall {
        let body: [String: Any] = [
            "model": model, "max_tokens": maxTokens, "stream": true, "system": system,
            "messages": [["role": "user", "content": user]],
            "tools": [["name": tool.name, "description": tool.description, "input_schema": tool.inputSchemaObject]],
            "tool_choice": ["type": "tool", "name": tool.name],
        ]
        let response = try await ModelEndpoint.post(
            baseURL.trimmingSuffix("/") + "/v1/messages", headers: [("x-api-key", apiKey), ("anthropic-version", "2023-06-01")],
            body: body, service: "Messages API", client: client)
        var stream = ServerSentEvents()
        var call = ToolCall(input: "", inputTokens: 0, outputTokens: 0)
        var sawTool = false
        do {
            for event in stream.feed(String(buffer: response.body)) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any] else {
                    throw LanguageModelError(.malformed, "an event of the stream is not JSON")
                }
                switch object["type"] as? String {
                case "message_start":
                    let usage = (object["message"] as? [String: Any])?["usage"] as? [String: Any]
                    call.inputTokens = usage?["input_tokens"] as? Int ?? 0
                    call.outputTokens = usage?["output_tokens"] as? Int ?? 0
                case "content_block_start":
                    sawTool = sawTool || ((object["content_block"] as? [String: Any])?["type"] as? String == "tool_use")
                case "content_block_delta":
                    if let delta = object["delta"] as? [String: Any], delta["type"] as? String == "input_json_delta" {
                        call.input += delta["partial_json"] as? String ?? ""
                    }
                case "message_delta":
                    if let output = (object["usage"] as? [String: Any])?["output_tokens"] as? Int { call.outputTokens = output }
                case "error":
                    throw LanguageModelError(.badStatus, "the stream ended with an error event")
                default:
                    break
                }
            }
        }
        guard sawTool, !call.input.isEmpty else { throw LanguageModelError(.invalidOutput, "the model did not call the tool") }
        return call
    }
}

/// Splits a text/event-stream into the `data` of each event, across chunk boundaries.
struct ServerSentEvents {
    private var pending = ""
    private var data: [String] = []

    mutating func feed(_ chunk: String) -> [String] {
        pending += chunk
        var events: [String] = []
        while let newline = pending.firstIndex(where: \.isNewline) {
            let line = String(pending[..<newline])
            pending = String(pending[pending.index(after: newline)...])
            if line.isEmpty {
                if !data.isEmpty { events.append(data.joined(separator: "\n")) }
                data = []
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces))
            }
        }
        return events
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
