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
            case .contentTooLarge:
                return APIError(.contentTooLarge, code: "payload_too_large", error.body ?? "the request body is too large")
            case .notFound: return APIError(.notFound, code: "not_found", "no such route")
            case .methodNotAllowed: return APIError(.methodNotAllowed, code: "method_not_allowed", "method not allowed on this route")
            default: return APIError(error.status, code: "bad_request", error.body ?? error.status.reasonPhrase)
            }
        default:
            return nil
        }
    }

    /// A service error raised in the gateway itself takes the path one from a service takes
    /// (service error → gRPC status → API error), so the client sees the same code and text
    /// wherever it was raised.
    static func from(service error: ServiceError) -> APIError {
        from(rpc: RPCError(code: error.rpcErrorCode, message: error.rpcErrorMessage, metadata: error.rpcErrorMetadata))
    }

    /// What a 503 tells a client to wait: long enough for a busy queue to drain or a replica to
    /// come back, short enough that a person retrying does not notice.
    static let retryAfterSeconds = 2

    func retrying(after seconds: Int) -> APIError {
        var error = self
        error.headers[.retryAfter] = String(seconds)
        return error
    }

    /// The one table from a gRPC status to an HTTP status and a JSON error code.
    static func from(rpc error: RPCError) -> APIError {
        let field = ServiceError.field(fromMetadata: error.metadata)
        switch error.code {
        case .invalidArgument, .outOfRange:
            return APIError(.unprocessableContent, code: "invalid_argument", error.message, field: field)
        case .notFound:
            return .notFound(error.message)
        case .alreadyExists:
            return APIError(.conflict, code: "already_exists", error.message)
        case .failedPrecondition:
            return APIError(.conflict, code: "failed_precondition", error.message)
        case .aborted:
            // A concurrent change won; the client retries the whole operation.
            return APIError(.conflict, code: "aborted", error.message)
        case .permissionDenied:
            return .forbidden(error.message)
        case .unauthenticated:
            return .unauthenticated(error.message)
        case .resourceExhausted:
            return APIError(.tooManyRequests, code: "resource_exhausted", error.message)
        case .unavailable:
            return APIError(
                .serviceUnavailable, code: "unavailable", "a service this request needs is unavailable or busy, try again shortly"
            )
            .retrying(after: retryAfterSeconds)
        case .deadlineExceeded:
            return APIError(.serviceUnavailable, code: "deadline_exceeded", "a service took too long to answer, try again shortly")
                .retrying(after: retryAfterSeconds)
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
