import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The address a request came from, as far as this gateway can know it.
///
/// Behind a load balancer or ingress the TCP peer is the proxy, so with `TRUSTED_PROXY_HOPS` = n
/// the client is the n-th address from the right of `X-Forwarded-For` (each trusted proxy appends
/// the address it saw; anything further left was written by the client and proves nothing). With
/// 0, or fewer entries than hops, it is the TCP peer.
struct ClientAddressResolver: Sendable {
    var trustedProxyHops: Int

    func address(of request: Request, context: GatewayContext) -> String {
        address(forwardedFor: request.headers[values: .forwardedFor], peer: context.remoteAddress)
    }

    func address(forwardedFor: [String], peer: SocketAddress?) -> String {
        if trustedProxyHops > 0, let header = forwardedFor.last {
            let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if hops.count >= trustedProxyHops { return String(hops[hops.count - trustedProxyHops].prefix(64)) }
        }
        return peer?.ipAddress ?? "unknown"
    }
}

extension HTTPField.Name {
    static let forwardedFor = Self("X-Forwarded-For")!
}
