import Hummingbird
import Logging

/// Turns every thrown error into DESIGN.md's JSON error body. Expected errors keep their status
/// and message; anything unexpected becomes a 500 with a generic message, logged with the request
/// id but never sent.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let mapped = APIError.from(error) {
                if mapped.status.code >= 500 {
                    context.logger.error(
                        "request failed", metadata: ["status": "\(mapped.status.code)", "error": "\(String(reflecting: error))"])
                }
                return try mapped.response(from: request, context: context)
            }
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(.internalServerError, code: "internal", "internal error").response(from: request, context: context)
        }
    }
}
