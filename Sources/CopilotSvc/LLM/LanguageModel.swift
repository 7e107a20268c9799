import AsyncHTTPClient
import Foundation
import MetricxOutbound
import NIOCore

/// A model that answers one forced tool call: given a system prompt, a user message and the
/// tool's JSON schema, it returns the tool input it produced (JSON text) and what it cost.
protocol LanguageModel: Sendable {
    /// The model's name, for logs.
    var name: String { get }
    func callTool(system: String, user: String, tool: ToolSpec) async throws -> ToolCall
}

struct ToolSpec: Sendable {
    var name: String
    var description: String
    /// The JSON schema of the tool's input, JSON text.
    var inputSchema: String

    /// The schema as the object a request body embeds.
    var inputSchemaObject: Any { (try? JSONSerialization.jsonObject(with: Data(inputSchema.utf8))) ?? [:] }
}

struct ToolCall: Sendable {
    /// The tool input, JSON text.
    var input: String
    var inputTokens: Int
    var outputTokens: Int
}

/// Why a model's answer was not used (the embedded understanding answers instead).
struct LanguageModelError: Error, Sendable, CustomStringConvertible {
    enum Code: String, Sendable {
        case unreachable
        case badStatus = "bad_status"
        case malformed
        case invalidOutput = "invalid_output"
        case timeout
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code.rawValue): \(message)" }
}

/// The HTTP call both model clients make, through the deployment's outbound policy (the
/// endpoint is configured, but a private address must still be allowed explicitly).
enum ModelEndpoint {
    /// Posts `body` as JSON to a model's endpoint (`service` names it in errors); a transport
    /// failure or an answer other than 200 becomes the ``LanguageModelError`` the fallback logs.
    static func post(
        _ url: String, headers: [(String, String)], body: [String: Any], service: String, client: OutboundHTTPClient
    ) async throws -> OutboundHTTPClient.Response {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        let response: OutboundHTTPClient.Response
        do {
            response = try await client.execute(request, timeout: .seconds(60))
        } catch {
            throw LanguageModelError(.unreachable, "the \(service) could not be reached (\(error.category))")
        }
        guard response.status == 200 else {
            throw LanguageModelError(.badStatus, "the \(service) answered HTTP \(response.status)")
        }
        return response
    }
}
