import Crypto
import Foundation
import MetricxRuntime

/// API keys look like `mx_<prefix>_<secret>`. The prefix is public (it names the key in lists and
/// logs); only a SHA-256 of the secret is stored, and the whole key is shown once, at creation.
/// The secret is 256 random bits, so a fast hash is enough: there is nothing to brute-force.
struct APIKeyToken: Sendable, Equatable {
    var prefix: String
    var secret: String

    var plaintext: String { "mx_\(prefix)_\(secret)" }

    /// A new random key.
    static func generate() -> APIKeyToken {
        var generator = SystemRandomNumberGenerator()
        let prefixBytes = (0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return APIKeyToken(
            prefix: prefixBytes.hexString,
            secret: Data(secretBytes).base64URLEncodedString())
    }

    /// Parses a bearer token of the API-key shape; nil for anything else (a JWT, garbage).
    init?(_ token: String) {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "mx", parts[1].count == 12,
            parts[1].allSatisfy(\.isHexDigit), parts[2].count >= 20, parts[2].count <= 128
        else { return nil }
        self.init(prefix: String(parts[1]), secret: String(parts[2]))
    }

    init(prefix: String, secret: String) {
        self.prefix = prefix
        self.secret = secret
    }

    var secretHash: Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// Compares without an early exit, so timing reveals nothing about the stored hash.
    func matches(hash stored: Data) -> Bool {
        let computed = secretHash
        guard computed.count == stored.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(computed, stored) { difference |= a ^ b }
        return difference == 0
    }
}
