import MetricxRuntime

/// A failure talking to Redis. `description` names the command but never its arguments (keys and
/// values may hold workspace data or secrets).
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Wrapped: String, Sendable {
            case connectionFailed = "connection failed"
            case connectionLost = "connection lost"
            case poolTimeout = "timed out waiting for a connection"
            case poolClosed = "pool closed"
            case server = "server error"
            case unexpectedReply = "unexpected reply"
        }

        fileprivate var wrapped: Wrapped

        public static let connectionFailed = Code(wrapped: .connectionFailed)
        /// The connection broke during a command; whether it was applied is unknown.
        public static let connectionLost = Code(wrapped: .connectionLost)
        public static let poolTimeout = Code(wrapped: .poolTimeout)
        public static let poolClosed = Code(wrapped: .poolClosed)
        /// Redis answered with an error reply (`WRONGTYPE ...`, `ERR ...`).
        public static let server = Code(wrapped: .server)
        /// The reply was not of the type the caller asked for.
        public static let unexpectedReply = Code(wrapped: .unexpectedReply)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    public var message: String
    /// The command name (`GET`, `BLMOVE`, ...), without arguments.
    public var command: String?

    public init(_ code: Code, message: String, command: String? = nil) {
        self.code = code
        self.message = message
        self.command = command
    }

    public var description: String {
        if let command { return "\(code) (\(command)): \(message)" }
        return "\(code): \(message)"
    }

    var breaksConnection: Bool {
        code == .connectionLost || code == .connectionFailed
    }
}

extension RedisError: ServiceErrorConvertible {
    public var serviceError: ServiceError {
        switch code {
        case .server, .unexpectedReply:
            ServiceError(.internalError, description, cause: self)
        default:
            ServiceError(.unavailable, "the cache is unavailable, try again", cause: self)
        }
    }
}
