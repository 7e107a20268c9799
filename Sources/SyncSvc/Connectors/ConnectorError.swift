import MetricxRuntime

/// Why a pull failed, in words a marketer can act on. Never carries a token or a raw response.
struct ConnectorError: Error, Sendable, CustomStringConvertible {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate let name: String
        /// The provider refused the credentials: the connection needs a new authorization.
        static let unauthorized = Code(name: "unauthorized")
        /// Still throttled after every allowed wait.
        static let rateLimited = Code(name: "rate_limited")
        /// The provider is down or the network failed.
        static let unavailable = Code(name: "unavailable")
        /// The provider rejected the request (bad account id, missing permission, ...).
        static let rejected = Code(name: "rejected")
        /// An answer that does not follow the provider's documented format.
        static let badResponse = Code(name: "bad_response")
        /// Settings missing for this connection or this deployment.
        static let configuration = Code(name: "configuration")

        var description: String { name }
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether trying again later may help.
    var isRetryable: Bool { code == .rateLimited || code == .unavailable || code == .badResponse }

    var description: String { message }
}
