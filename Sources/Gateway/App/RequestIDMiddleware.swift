import Foundation
import HTTPTypes
import Hummingbird
import MetricxRuntime

/// Gives every request an id: the client's `X-Request-Id` when it is a sane token, a new one
/// otherwise. It is echoed in the response, added to log lines and sent to every service the
/// request calls.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let offered = request.headers[.requestID] ?? ""
        let valid =
            (1...64).contains(offered.count)
            && offered.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
        context.requestID = valid ? offered : UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = "\(context.requestID)"
        var response = try await RequestContext.$current.withValue(RequestContext(requestID: context.requestID)) {
            try await next(request, context)
        }
        response.headers[.requestID] = context.requestID
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
    static let workspaceID = Self("X-Workspace-Id")!
    static let retryAfter = Self("Retry-After")!
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
}
