import MetricxRuntime

/// A failure to seal or open credentials. Its message never contains a token.
struct CredentialError: Error, Sendable, CustomStringConvertible, ServiceErrorConvertible {
    struct Code: Hashable, Sendable {
        fileprivate let name: String
        static let configuration = Code(name: "configuration")
        static let unknownKey = Code(name: "unknown_key")
        static let sealFailed = Code(name: "seal_failed")
        static let openFailed = Code(name: "open_failed")
    }

    var code: Code
    var message: String
    var cause: (any Error)?

    init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    var description: String { "\(code.name): \(message)" }

    var serviceError: ServiceError {
        ServiceError(.failedPrecondition, message, cause: self)
    }
}
