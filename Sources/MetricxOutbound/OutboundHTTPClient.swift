import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The one way metricx calls a URL it did not choose itself (a workspace's webhook).
///
/// Each request resolves the host first and refuses it unless every address it resolves to is
/// allowed by the ``AddressPolicy``; it then connects to exactly the address it checked (so a
/// second, different DNS answer cannot slip a private address in), follows no redirects, and
/// reads at most `maximumResponseBytes` of the answer.
public struct OutboundHTTPClient: Sendable {
    public var policy: AddressPolicy
    public var maximumResponseBytes: Int
    public var connectTimeout: TimeAmount

    public init(policy: AddressPolicy = AddressPolicy(), maximumResponseBytes: Int = 64 * 1024, connectTimeout: TimeAmount = .seconds(5)) {
        self.policy = policy
        self.maximumResponseBytes = maximumResponseBytes
        self.connectTimeout = connectTimeout
    }

    /// An answer: its status, headers and (capped) body.
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: ByteBuffer
    }

    public func execute(_ request: HTTPClientRequest, timeout: TimeAmount) async throws(OutboundError) -> Response {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else { throw OutboundError(.invalidURL) }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        let address = try await resolve(host: host, port: port)

        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: connectTimeout, read: timeout)
        configuration.decompression = .disabled
        // Connect to the address just checked, while TLS still verifies the name in the URL.
        if let ip = address.ipAddress, ip != host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) {
            configuration.dnsOverride = [host: ip]
        }
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        defer { client.shutdown { _ in } }
        do {
            let response = try await client.execute(request, timeout: timeout)
            if (300..<400).contains(response.status.code), response.headers["location"].first != nil {
                throw OutboundError(.redirect)
            }
            let body = try await response.body.collect(upTo: maximumResponseBytes)
            return Response(status: Int(response.status.code), headers: response.headers, body: body)
        } catch let error as OutboundError {
            throw error
        } catch let error as NIOTooManyBytesError {
            throw OutboundError(.responseTooLarge, cause: error)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw OutboundError(.timeout, cause: error)
        } catch {
            throw OutboundError(.unreachable, cause: error)
        }
    }

    /// The address to connect to: the literal itself, or the first of the name's addresses,
    /// provided every one of them is allowed. `getaddrinfo` blocks, so it runs on NIO's thread
    /// pool, never on an event loop or the cooperative pool.
    func resolve(host: String, port: Int) async throws(OutboundError) -> SocketAddress {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let literal = try? SocketAddress(ipAddress: bare, port: port) {
            guard policy.permits(literal) else { throw OutboundError(.refusedAddress) }
            return literal
        }
        let addresses: [SocketAddress]
        do {
            addresses = try await NIOThreadPool.singleton.runIfActive { try Self.lookup(bare, port: port) }
        } catch {
            throw OutboundError(.unresolved, cause: error)
        }
        guard let first = addresses.first else { throw OutboundError(.unresolved) }
        guard addresses.allSatisfy(policy.permits) else { throw OutboundError(.refusedAddress) }
        return first
    }

    static func lookup(_ host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let result else { throw OutboundError(.unresolved) }
        defer { freeaddrinfo(result) }
        var addresses: [SocketAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = result
        while let current = entry {
            if let pointer = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    addresses.append(pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: host) })
                case AF_INET6:
                    addresses.append(
                        pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: host) })
                default:
                    break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}
