import GRPCCore
import Hummingbird
import MetricxRuntime
import NIOCore

extension APIError {
    /// The one place where errors from services and libraries become HTTP responses.
    static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as RPCError:
            return from(rpc: error)
        case let error as any ServiceErrorConvertible:
            return from(service: error.serviceError)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "payload_too_large", "the request body is too large")
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge: return APIError(.contentTooLarge, code: "payload_too_large", error.body ?? "the request body is too large")
            case .notFound: return APIError(.notFound, code: "not_found", "no such route")
            case .methodNotAllowed: return APIError(.methodNotAllowed, code: "method_not_allowed", "method not allowed on this route")
            default: return APIError(error.status, code: "bad_request", error.body ?? error.status.reasonPhrase)
            }
        default:
            return nil
        }
    }

    static func from(service error: ServiceError) -> APIError {
        let status: HTTPResponse.Status
        switch error.code {
        case .invalidArgument: status = .unprocessableContent
        case .notFound: status = .notFound
        case .alreadyExists, .failedPrecondition, .aborted: status = .conflict
        case .permissionDenied: status = .forbidden
        case .unauthenticated: status = .unauthorized
        case .resourceExhausted: status = .tooManyRequests
        case .unavailable, .deadlineExceeded: status = .serviceUnavailable
        default: status = .internalServerError
        }
        let message = error.code == .internalError ? "internal error" : error.message
        return APIError(status, code: "\(error.code)", message, field: error.field)
    }

    static func from(rpc error: RPCError) -> APIError {
        let field = error.metadata[stringValues: "x-error-field"].first(where: { _ in true })
        switch error.code {
        case .invalidArgument, .outOfRange:
            return APIError(.unprocessableContent, code: "invalid_argument", error.message, field: field)
        case .notFound:
            return .notFound(error.message)
        case .alreadyExists:
            return APIError(.conflict, code: "already_exists", error.message)
        case .failedPrecondition, .aborted:
            return APIError(.conflict, code: "failed_precondition", error.message)
        case .permissionDenied:
            return .forbidden(error.message)
        case .unauthenticated:
            return .unauthenticated(error.message)
        case .resourceExhausted:
            return APIError(.tooManyRequests, code: "resource_exhausted", error.message)
        case .unavailable:
            return APIError(.serviceUnavailable, code: "unavailable", "a service this request needs is unavailable, try again shortly")
        case .deadlineExceeded:
            return APIError(.serviceUnavailable, code: "deadline_exceeded", "a service took too long to answer, try again shortly")
        case .cancelled:
            return APIError(.serviceUnavailable, code: "cancelled", "the request was cancelled")
        case .unimplemented:
            // A service of an older version, or one whose feature has not landed yet.
            return APIError(.notImplemented, code: "not_implemented", "this server does not offer this yet")
        default:
            return APIError(.internalServerError, code: "internal", "internal error")
        }
    }
}
