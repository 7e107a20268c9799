import Foundation
import GRPCCore

/// The one error type services throw for expected failures. It carries an opaque ``Code``, a
/// message that is safe to show a client, the field at fault when there is one, and an underlying
/// cause that is logged but never sent.
///
/// Mapped once at each edge: to a gRPC status by the RPC runtime, to an HTTP status by the gateway.
public struct ServiceError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Wrapped: String, Sendable {
            case invalidArgument = "invalid_argument"
            case notFound = "not_found"
            case alreadyExists = "already_exists"
            case failedPrecondition = "failed_precondition"
            case permissionDenied = "permission_denied"
            case unauthenticated
            case resourceExhausted = "resource_exhausted"
            case unavailable
            case deadlineExceeded = "deadline_exceeded"
            case aborted
            case internalError = "internal"
        }

        fileprivate var wrapped: Wrapped

        /// Bad input: the message names the field and why.
        public static let invalidArgument = Code(wrapped: .invalidArgument)
        public static let notFound = Code(wrapped: .notFound)
        public static let alreadyExists = Code(wrapped: .alreadyExists)
        /// The request is valid but the state does not allow it (e.g. a stale version).
        public static let failedPrecondition = Code(wrapped: .failedPrecondition)
        public static let permissionDenied = Code(wrapped: .permissionDenied)
        public static let unauthenticated = Code(wrapped: .unauthenticated)
        /// A limit was reached: a pool, a quota, a size.
        public static let resourceExhausted = Code(wrapped: .resourceExhausted)
        /// A dependency (database, cache, peer service) cannot be reached; retrying later may work.
        public static let unavailable = Code(wrapped: .unavailable)
        public static let deadlineExceeded = Code(wrapped: .deadlineExceeded)
        /// A conflict with a concurrent change; retry the whole operation.
        public static let aborted = Code(wrapped: .aborted)
        /// A bug or an unexpected state; the client sees only a generic message.
        public static let internalError = Code(wrapped: .internalError)

        /// A stable snake_case name, used in JSON error bodies.
        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    public var message: String
    /// The request field at fault (JSON path or column name), if any.
    public var field: String?
    /// What went wrong underneath; logged, never sent to a client.
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
    }

    public static func invalidArgument(_ message: String, field: String? = nil) -> ServiceError {
        ServiceError(.invalidArgument, message, field: field)
    }

    public static func notFound(_ message: String) -> ServiceError {
        ServiceError(.notFound, message)
    }

    public var description: String {
        if let field { return "\(code): \(field): \(message)" }
        return "\(code): \(message)"
    }

    public var debugDescription: String {
        guard let cause else { return description }
        return "\(description) (cause: \(String(reflecting: cause)))"
    }
}

/// Errors of the storage libraries and others that know which ``ServiceError`` they amount to.
public protocol ServiceErrorConvertible: Error {
    var serviceError: ServiceError { get }
}

extension ServiceError: ServiceErrorConvertible {
    public var serviceError: ServiceError { self }
}

extension ServiceError: RPCErrorConvertible {
    public var rpcErrorCode: RPCError.Code {
        switch code.wrapped {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .failedPrecondition: .failedPrecondition
        case .permissionDenied: .permissionDenied
        case .unauthenticated: .unauthenticated
        case .resourceExhausted: .resourceExhausted
        case .unavailable: .unavailable
        case .deadlineExceeded: .deadlineExceeded
        case .aborted: .aborted
        case .internalError: .internalError
        }
    }

    public var rpcErrorMessage: String {
        code == .internalError ? "internal error" : message
    }

    /// The field travels as metadata so the gateway can name it in the JSON error body. A field
    /// can be a client's own text (a CSV column it sent), and a header value must be printable
    /// ASCII, or the peer resets the stream and the caller sees an outage: anything else is
    /// percent-encoded (``field(fromMetadata:)`` decodes it), and it is capped.
    public var rpcErrorMetadata: Metadata {
        guard let field else { return [:] }
        return [Self.fieldMetadataKey: .string(Self.encodeField(field))]
    }

    public static let fieldMetadataKey = "x-error-field"

    static func encodeField(_ field: String) -> String {
        var encoded = ""
        for byte in field.utf8.prefix(256) {
            if (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// The field an error's metadata names, decoded.
    public static func field(fromMetadata metadata: Metadata) -> String? {
        guard let raw = metadata[stringValues: fieldMetadataKey].first(where: { _ in true }) else { return nil }
        return raw.removingPercentEncoding ?? raw
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
