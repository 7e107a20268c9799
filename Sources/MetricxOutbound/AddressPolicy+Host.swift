import NIOCore

extension AddressPolicy {
    /// Whether a URL's `host` is plainly one this policy refuses: an IP literal outside it, or
    /// `localhost`. For refusing a webhook when it is saved rather than at its first delivery; a
    /// name is not resolved here (what it resolves to may change, so delivery checks again).
    public func plainlyRefuses(host: String) -> Bool {
        var literal = host.lowercased()
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if literal == "localhost" || literal.hasSuffix(".localhost") { literal = "127.0.0.1" }
        guard let address = try? SocketAddress(ipAddress: literal, port: 0) else { return false }
        return !permits(address)
    }
}
