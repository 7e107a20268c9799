/// Why an outbound request did not get a response. ``category`` is what may be shown to a
/// workspace (a delivery log): a kind of failure, never the connection's own error text, which
/// would tell a caller what listens where.
public struct OutboundError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        fileprivate enum Wrapped: String, Sendable {
            case invalidURL = "invalid URL"
            case refusedAddress = "refused address"
            case unresolved = "name not resolved"
            case timeout = "timeout"
            case unreachable = "could not connect"
            case responseTooLarge = "response too large"
            case redirect = "redirect not followed"
        }

        fileprivate var wrapped: Wrapped

        /// Not an absolute http or https URL, or one with credentials in it.
        public static let invalidURL = Code(wrapped: .invalidURL)
        /// The host is, or resolves to, an address the ``AddressPolicy`` refuses.
        public static let refusedAddress = Code(wrapped: .refusedAddress)
        public static let unresolved = Code(wrapped: .unresolved)
        public static let timeout = Code(wrapped: .timeout)
        /// Connecting, TLS or the exchange failed.
        public static let unreachable = Code(wrapped: .unreachable)
        public static let responseTooLarge = Code(wrapped: .responseTooLarge)
        /// The server answered with a redirect; none is followed (it could lead anywhere).
        public static let redirect = Code(wrapped: .redirect)
    }

    public var code: Code
    /// For logs only.
    public var cause: (any Error)?

    public init(_ code: Code, cause: (any Error)? = nil) {
        self.code = code
        self.cause = cause
    }

    /// What a workspace may be told: "refused address", "timeout", ...
    public var category: String { code.wrapped.rawValue }

    public var description: String { category }
}
