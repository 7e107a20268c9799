/// The credential metricx services present to each other on internal gRPC calls: one random
/// secret per deployment (`SERVICE_TOKEN`), sent as `authorization: Bearer <token>`.
///
/// A server reads a caller's identity metadata (`x-workspace-id`, `x-principal`, `x-role`) only
/// from a call that carries it; without one, anyone who can reach a service's port could act for
/// any workspace. The token is never printed: `description` is redacted.
public struct ServiceToken: Sendable, CustomStringConvertible {
    /// Shorter secrets can be guessed; 32 characters is what `openssl rand -hex 16` gives.
    public static let minimumLength = 32
    /// The gRPC metadata key the token travels in.
    public static let metadataKey = "authorization"

    private let secret: [UInt8]

    /// A token from its text: at least ``minimumLength`` characters, all printable ASCII without
    /// spaces (what a gRPC metadata value can carry unchanged). Nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minimumLength, bytes.count <= 1024, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return nil
        }
        self.secret = bytes
    }

    /// A fresh random token, for tests and one-off local stacks.
    public static func random() -> ServiceToken {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(UInt8.random(in: .min ... .max, using: &generator), radix: 16) }
        return ServiceToken(hex.map { $0.count == 1 ? "0" + $0 : $0 }.joined())!
    }

    /// The secret itself, for deriving keys from it (HKDF with a purpose of its own); never log it.
    public var secretBytes: [UInt8] { secret }

    /// The metadata value a client sends.
    public var metadataValue: String { "Bearer " + String(decoding: secret, as: UTF8.self) }

    /// Whether a presented metadata value is this token, in time that does not depend on where
    /// the two first differ.
    public func accepts(_ presented: String) -> Bool {
        let expected = Array(metadataValue.utf8)
        let given = Array(presented.utf8)
        var difference = UInt8(truncatingIfNeeded: expected.count ^ given.count)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0 && expected.count == given.count
    }

    public var description: String { "ServiceToken(redacted)" }
}
