import MetricxRuntime
import NIOCore

/// Which network addresses outbound requests may reach.
///
/// Everything public is allowed; loopback, private, shared (carrier-grade NAT), link-local (and so
/// cloud metadata at 169.254.169.254), multicast, reserved and unspecified addresses are refused,
/// in IPv4, IPv6 and IPv4-mapped IPv6, unless an operator allows a range (`OUTBOUND_ALLOW_CIDRS`,
/// for development against local fakes). A URL a workspace typed can so never be used to probe
/// the cluster or the host.
public struct AddressPolicy: Sendable {
    /// Ranges allowed even though they are not public.
    public var allowed: [AddressRange]

    public init(allowed: [AddressRange] = []) {
        self.allowed = allowed
    }

    /// Allowing ranges given as text (`127.0.0.0/8`); nil if one is not a range.
    public init?(allowing ranges: [String]) {
        let parsed = ranges.compactMap(AddressRange.init)
        guard parsed.count == ranges.count else { return nil }
        self.init(allowed: parsed)
    }

    /// Ranges that are never a public endpoint.
    static let refusedRanges: [String] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7",
        "fe80::/10", "fec0::/10", "ff00::/8",
    ]
    static let refused = refusedRanges.compactMap(AddressRange.init)

    /// Whether `address` may be connected to.
    public func permits(_ address: SocketAddress) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        if allowed.contains(where: { $0.contains(bytes) }) { return true }
        // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it maps.
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            let mapped = Array(bytes[12...])
            if allowed.contains(where: { $0.contains(mapped) }) { return true }
            return !Self.refused.contains { $0.contains(mapped) }
        }
        return !Self.refused.contains { $0.contains(bytes) }
    }

    static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }
}

/// An IPv4 or IPv6 prefix, e.g. `10.0.0.0/8` or `fc00::/7`.
public struct AddressRange: Sendable, Equatable {
    let network: [UInt8]
    let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = try? SocketAddress(ipAddress: parts[0], port: 0), let bytes = AddressPolicy.bytes(of: address) else {
            return nil
        }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...bytes.count * 8).contains(length) else { return nil }
        self.network = bytes
        self.prefixLength = length
    }

    func contains(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        for index in network.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}

extension AddressPolicy {
    public static let allowVariable = "OUTBOUND_ALLOW_CIDRS"

    /// This process's policy, from its environment (``init(environment:)``); a value that does not
    /// parse allows nothing more (services check it at start-up and refuse to run with it).
    public static let deployment: AddressPolicy = (try? AddressPolicy(environment: EnvironmentReader())) ?? AddressPolicy()

    /// The policy of a deployment: `OUTBOUND_ALLOW_CIDRS`, comma-separated ranges that may be
    /// reached although they are not public (e.g. `127.0.0.0/8` to try webhooks against a local
    /// receiver). Empty by default.
    public init(environment: EnvironmentReader) throws {
        let text = environment.string(Self.allowVariable, default: "")
        var ranges: [AddressRange] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let range = AddressRange(item) else {
                throw ConfigurationError(variable: Self.allowVariable, value: text, reason: "expected CIDR ranges like 127.0.0.0/8,::1/128")
            }
            ranges.append(range)
        }
        self.init(allowed: ranges)
    }
}
