import AsyncHTTPClient
import Foundation
import MetricxOutbound
import NIOCore

/// An OpenAI-compatible chat completions endpoint (`POST /v1/chat/completions`: llama.cpp's
/// server, Ollama, vLLM, ...) with a forced function call.
struct OpenAICompatible: LanguageModel {
    var baseURL: String
    var apiKey: String?
    var model: String
    var client = OutboundHTTPClient(policy: .deployment, maximumResponseBytes: 1 << 20)

    var name: String { model }

    func callTool(system: String, user: String, tool: ToolSpec) async throws -> ToolCall {
        let body: [String: Any] = [
            "model": model, "temperature": 0,
            "messages": [["role": "system", "content": system], ["role": "user", "content": user]],
            "tools": [
                [
                    "type": "function",
                    "function": ["name": tool.name, "description": tool.description, "parameters": tool.inputSchemaObject],
                ]
            ],
            "tool_choice": ["type": "function", "function": ["name": tool.name]],
        ]
        var base = baseURL.trimmingSuffix("/")
        if !base.hasSuffix("/v1") { base += "/v1" }
        let response = try await ModelEndpoint.post(
            base + "/chat/completions", headers: apiKey.flatMap { $0.isEmpty ? nil : [("authorization", "Bearer \($0)")] } ?? [],
            body: body, service: "chat completions endpoint", client: client)
        let data = Data(buffer: response.body)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let message = ((object["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any],
            let function = ((message["tool_calls"] as? [[String: Any]])?.first?["function"]) as? [String: Any],
            let arguments = function["arguments"] as? String
        else {
            throw LanguageModelError(.invalidOutput, "the model did not call the function")
        }
        let usage = object["usage"] as? [String: Any]
        return ToolCall(
            input: arguments, inputTokens: usage?["prompt_tokens"] as? Int ?? 0, outputTokens: usage?["completion_tokens"] as? Int ?? 0)
    }
}
