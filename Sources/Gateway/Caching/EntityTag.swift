import Crypto
import Foundation
import Hummingbird
import MetricxRuntime

/// Strong entity tags made from a hash of a response's bytes, and the `If-None-Match` test that
/// turns a request for unchanged bytes into a `304`: one rule for the API's JSON (``ETagged``)
/// and the web app's files.
enum EntityTag {
    /// `"<24 hex digits>"`: the first 12 bytes of the SHA-256 of `bytes`.
    static func of(_ bytes: some DataProtocol) -> String {
        "\"" + SHA256.hash(data: bytes).prefix(12).hexString + "\""
    }

    /// Whether the client already holds `etag`: its `If-None-Match` lists it, or is `*`.
    static func isCurrent(_ etag: String, for request: Request) -> Bool {
        guard let match = request.headers[.ifNoneMatch] else { return false }
        return match.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" }
    }
}
