import Foundation
import Hummingbird

/// An error answered as DESIGN.md's JSON body: `{"error": {"code": "...", "message": "...",
/// "field": "..."}}`. Every failure that reaches a client goes through this one type.
struct APIError: HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var field: String?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    var description: String { "\(status.code) \(code): \(message)" }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(status, Body(error: .init(code: code, message: message, field: field)), headers: headers)
    }

    // MARK: - The common ones

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad_request", message, field: field)
    }

    /// Well-formed JSON whose content does not fit: wrong type, unknown or missing field, bad value.
    static func invalid(_ message: String, field: String?) -> APIError {
        APIError(.unprocessableContent, code: "invalid_argument", message, field: field)
    }

    static func unauthenticated(_ message: String) -> APIError {
        var error = APIError(.unauthorized, code: "unauthenticated", message)
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }

    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: "permission_denied", message)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message)
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large", "the request body is larger than \(limit) bytes")
    }
}
