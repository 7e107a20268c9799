import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCP
import MetricxRuntime
import NIOCore

/// The Model Context Protocol at `/mcp`: streamable HTTP in its stateless form (one JSON answer
/// per POST, no session), behind the API's own authentication, roles and rate limit. Each request
/// gets a server whose tools act for the request's principal in its workspace, so nothing of one
/// caller can reach another's call.
struct MCPController {
    /// A JSON-RPC request or batch is small; larger bodies are refused before parsing.
    static let bodyLimit = 256 << 10

    let tools: MetricxTools
    /// Hosts and origins the endpoint answers (DNS-rebinding protection, as the specification
    /// asks): the deployment's public URL and loopback.
    let origins: OriginValidator

    init(tools: MetricxTools, publicURL: String) {
        self.tools = tools
        origins = Self.originValidator(publicURL: publicURL)
    }

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.post("mcp", use: handle)
        routes.get("mcp", use: handle)
        routes.delete("mcp", use: handle)
    }

    @Sendable func handle(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess()
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.bodyLimit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: Self.bodyLimit)
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
        let mcpRequest = MCP.HTTPRequest(
            method: request.method.rawValue, headers: headers, body: Data(buffer: body), path: request.uri.path)

        let transport = StatelessHTTPServerTransport(
            validationPipeline: StandardValidationPipeline(validators: [
                origins, AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
            ]))
        let server = Server(
            name: "metricx", version: "1.0",
            instructions: MetricxTools.instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        let caller = MetricxTools.Caller(access: access, requestContext: MetricxRuntime.RequestContext.current, logger: context.logger)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: MetricxTools.definitions) }
        await server.withMethodHandler(CallTool.self) { [tools] parameters in
            await tools.call(parameters.name, arguments: parameters.arguments ?? [:], caller: caller)
        }
        try await server.start(transport: transport)
        let answer = await transport.handleRequest(mcpRequest)
        await server.stop()
        return Self.response(answer)
    }

    static func response(_ answer: MCP.HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let status = HTTPTypes.HTTPResponse.Status(code: answer.statusCode)
        guard let data = answer.bodyData else { return Response(status: status, headers: fields) }
        if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func originValidator(publicURL: String) -> OriginValidator {
        var hosts = ["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"]
        var origins = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"]
        if let url = URL(string: publicURL), let host = url.host, let scheme = url.scheme {
            let port = url.port.map { ":\($0)" } ?? ""
            hosts += ["\(host)\(port)", host]
            origins.append("\(scheme)://\(host)\(port)")
        }
        return OriginValidator(allowedHosts: hosts, allowedOrigins: origins)
    }
}
