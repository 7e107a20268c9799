import MetricxRuntime

/// A failure talking to Postgres.
///
/// `description` never contains query text or values (a constraint's DETAIL may quote row data);
/// `debugDescription` carries the SQL, the server's detail and hint for logs.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Wrapped: String, Sendable {
            case connectionFailed = "connection failed"
            case connectionLost = "connection lost"
            case poolTimeout = "timed out waiting for a connection"
            case poolClosed = "pool closed"
            case server = "server error"
            case decoding = "decoding error"
            case encoding = "encoding error"
            case copyFailed = "copy failed"
            case migration = "migration error"
        }

        fileprivate var wrapped: Wrapped

        /// A new connection could not be opened (server down, bad credentials, ...).
        public static let connectionFailed = Code(wrapped: .connectionFailed)
        /// The connection broke while a statement ran; whether it was applied is unknown.
        public static let connectionLost = Code(wrapped: .connectionLost)
        /// Every connection stayed busy for the pool's acquire timeout.
        public static let poolTimeout = Code(wrapped: .poolTimeout)
        public static let poolClosed = Code(wrapped: .poolClosed)
        /// The server rejected the statement; ``PostgresError/sqlState`` says why.
        public static let server = Code(wrapped: .server)
        /// A column could not be decoded as the requested Swift type.
        public static let decoding = Code(wrapped: .decoding)
        /// A parameter cannot be sent (e.g. text with a NUL byte, which Postgres rejects).
        public static let encoding = Code(wrapped: .encoding)
        public static let copyFailed = Code(wrapped: .copyFailed)
        public static let migration = Code(wrapped: .migration)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    /// The five-character SQLSTATE for server errors, e.g. `23505` (unique_violation).
    public var sqlState: String?
    /// The server's primary message or the client-side reason.
    public var message: String
    /// Server DETAIL / HINT; may quote row values, so only in `debugDescription`.
    public var detail: String?
    /// The statement text; only in `debugDescription`.
    public var query: String?

    public init(
        _ code: Code, message: String, sqlState: String? = nil, detail: String? = nil, query: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.query = query
    }

    public var description: String {
        if let sqlState { return "\(code) \(sqlState): \(message)" }
        return "\(code): \(message)"
    }

    public var debugDescription: String {
        var text = description
        if let detail { text += " detail: \(detail)" }
        if let query { text += " query: \(query)" }
        return text
    }

    /// True when the server aborted the transaction to break a deadlock or a serialization
    /// conflict with another one: running the whole transaction again may well succeed.
    public var isTransactionConflict: Bool {
        code == .server && (sqlState == "40P01" || sqlState == "40001")
    }

    /// True when the connection that produced it must not be reused.
    var breaksConnection: Bool {
        code == .connectionLost || code == .connectionFailed || sqlState?.hasPrefix("08") == true
            || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }
}

extension PostgresError: ServiceErrorConvertible {
    public var serviceError: ServiceError {
        let mapped: ServiceError.Code
        switch code {
        case .connectionFailed, .connectionLost, .poolClosed: mapped = .unavailable
        case .poolTimeout: mapped = .unavailable
        case .server:
            switch sqlState ?? "" {
            case "23505": mapped = .alreadyExists
            case "23503", "23514", "23502": mapped = .failedPrecondition
            case _ where isTransactionConflict: mapped = .aborted
            case "55P03": mapped = .aborted
            case "57014": mapped = .deadlineExceeded
            case let state where state.hasPrefix("08") || state.hasPrefix("57P"): mapped = .unavailable
            case "53300": mapped = .unavailable
            default: mapped = .internalError
            }
        case .encoding: mapped = .invalidArgument
        default: mapped = .internalError
        }
        return ServiceError(mapped, clientMessage(mapped), cause: self)
    }

    /// What a caller may read. The server's own text names tables, constraints and columns, and a
    /// service that meant a conflict to be answered says so itself; the full error stays in the
    /// cause, for the log.
    private func clientMessage(_ mapped: ServiceError.Code) -> String {
        switch (mapped, sqlState ?? "") {
        case (.unavailable, _): "the database is unavailable, try again"
        case (.alreadyExists, _): "a record with the same key already exists"
        case (_, "23503"): "the change refers to a record that does not exist, or removes one still in use"
        case (_, "23514"): "a value is outside what is allowed"
        case (_, "23502"): "a required value is missing"
        case (.aborted, _): "the change conflicted with another one at the same time, try again"
        case (.deadlineExceeded, _): "the statement took too long and was cancelled"
        case (.invalidArgument, _): "a value cannot be stored (text may not contain NUL characters)"
        default: "a database operation failed"
        }
    }
}
