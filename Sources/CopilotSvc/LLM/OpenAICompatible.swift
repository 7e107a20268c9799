import AsyncHTTPClient
import Foundation
import NIOCore

/// An OpenAI-compatible chat completions endpoint (`POST /v1/chat/completions`: llama.cpp's
/// server, Ollama, vLLM, ...) with a forced function call.
struct OpenAICompatible: LanguageModel {
    var baseURL: String
    var apiKey: String?
    var model: String
    var client: HTTPClient = .shared

    var name: String { model }

    func callTool(system: String, user: String, tool: ToolSpec) async throws -> ToolCall {
        let body: [String: Any] = [
            "model": model, "temperature": 0,
            "messages": [["role": "system", "content": system], ["role": "user", "content": user]],
            "tools": [["type": "function", "function": ["name": tool.name, "description": tool.description, "parameters": tool.inputSchemaObject]]],
            "tool_choice": ["type": "function", "function": ["name": tool.name]],
        ]
        var base = baseURL.trimmingSuffix("/")
        if !base.hasSuffix("/v1") { base += "/v1" }
        var request = HTTPClientRequest(url: base + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let apiKey, !apiKey.isEmpty { request.headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(60))
        } catch {
            throw LanguageModelError(.unreachable, "the chat completions endpoint could not be reached")
        }
        guard response.status == .ok else {
            throw LanguageModelError(.badStatus, "the chat completions endpoint answered HTTP \(response.status.code)")
        }
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let message = ((object["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any],
            let function = ((message["tool_calls"] as? [[String: Any]])?.first?["function"]) as? [String: Any],
            let arguments = function["arguments"] as? String
        else {
            throw LanguageModelError(.invalidOutput, "the model did not call the function")
        }
        let usage = object["usage"] as? [String: Any]
        return ToolCall(input: arguments, inputTokens: usage?["prompt_tokens"] as? Int ?? 0, outputTokens: usage?["completion_tokens"] as? Int ?? 0)
    }
}
