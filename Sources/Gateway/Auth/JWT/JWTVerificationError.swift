/// Why a JWT was not accepted. The message is safe to return to the client: it never contains the
/// token or key material.
struct JWTVerificationError: Error, CustomStringConvertible, Equatable {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        var description: String { name }

        static let malformed = Code("malformed")
        static let unsupportedAlgorithm = Code("unsupported_algorithm")
        static let unknownKey = Code("unknown_key")
        static let badSignature = Code("bad_signature")
        static let expired = Code("expired")
        static let notYetValid = Code("not_yet_valid")
        static let wrongIssuer = Code("wrong_issuer")
        static let wrongAudience = Code("wrong_audience")
        static let jwksUnavailable = Code("jwks_unavailable")
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code): \(message)" }
}
