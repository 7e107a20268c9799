import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxRedis
import MetricxTestSupport
import NIOCore
import Testing

@testable import Gateway

/// Guessing credentials is limited per client address, in Redis across replicas, and still
/// limited (per replica) when Redis is down.
@Suite struct FailedAuthenticationLimitTests {
    static let limit = 3

    /// Sends bad keys from `address` until one is answered 429 (a minute may roll over meanwhile,
    /// so up to two windows' worth); returns the statuses seen.
    private func guess(_ http: TestClientProtocol, from address: String) async throws -> [HTTPResponse.Status] {
        var statuses: [HTTPResponse.Status] = []
        for attempt in 0..<(2 * Self.limit + 2) where !statuses.contains(.tooManyRequests) {
            // A client may write anything left of the proxy's entry; only the proxy's counts.
            let headers: HTTPFields = [
                .authorization: "Bearer \(APIKeyToken.generate().plaintext)",
                .forwardedFor: "203.0.113.\(attempt), \(address)",
            ]
            let response = try await http.execute(uri: "/workspace", method: .get, headers: headers)
            statuses.append(response.status)
            if response.status == .tooManyRequests {
                #expect((1...60).contains(Int(response.headers[.retryAfter] ?? "") ?? 0))
            }
        }
        return statuses
    }

    private static func minute() -> Int { Int(Date().timeIntervalSince1970 / 60) }

    private func get(_ http: TestClientProtocol, key: String, from address: String) async throws -> HTTPResponse.Status {
        var headers = GatewayHarness.headers(key, json: false)
        headers[.forwardedFor] = address
        return try await http.execute(uri: "/workspace", method: .get, headers: headers).status
    }

    private func check(redis: RedisClient) async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        let app = GatewayHarness.app(store: store, redis: redis, failedAuthenticationLimit: Self.limit, trustedProxyHops: 1)
        try await app.test(.router) { http in
            // The windows are whole minutes: when one ends between the guesses and the good key,
            // the run starts over from a new address in the next, which cannot end as soon.
            for attempt in 0..<2 {
                let blocked = "198.51.100.\(Int.random(in: 1...250))-\(UUID().uuidString.prefix(8))"
                let minute = Self.minute()
                let statuses = try await guess(http, from: blocked)
                // Refused before any lookup: even a good key from that address waits out the minute.
                let goodKey = try await get(http, key: tenant.viewerKey, from: blocked)
                if attempt == 0, Self.minute() != minute { continue }
                #expect(statuses.first == .unauthorized)
                #expect(statuses.last == .tooManyRequests, "\(statuses)")
                #expect(goodKey == .tooManyRequests)
                break
            }
            // Other addresses are not affected.
            #expect(try await get(http, key: tenant.viewerKey, from: "192.0.2.77-\(UUID().uuidString.prefix(8))") == .ok)
        }
    }

    @Test(.enabled(if: TestEnvironment.hasRedis, "needs the Redis started by make test"))
    func failuresAreCountedPerAddressInRedis() async throws {
        let redis = TestEnvironment.redisClient()
        try await check(redis: redis)
        await redis.shutdown()
    }

    @Test func withRedisDownTheLimitStillHolds() async throws {
        let redis = TestEnvironment.redisClient(url: "redis://127.0.0.1:\(TestEnvironment.freePort())/0")
        try await check(redis: redis)
        await redis.shutdown()
    }

    @Test func theLocalCounterIsBoundedAndFailsClosedWhenFull() {
        let counter = LocalFailureCounter(capacity: 2)
        counter.increment("a", window: 1)
        counter.increment("b", window: 1)
        counter.increment("c", window: 1)
        #expect(counter.count("a", window: 1) == 1)
        #expect(counter.count("c", window: 1) == Int.max)
        // A new minute starts empty.
        #expect(counter.count("a", window: 2) == 0)
        counter.increment("c", window: 2)
        #expect(counter.count("c", window: 2) == 1)
    }

    @Test func theClientAddressIsTheProxysEntryNotTheClientsClaim() {
        let resolver = ClientAddressResolver(trustedProxyHops: 1)
        let peer = try? SocketAddress(ipAddress: "10.9.9.9", port: 443)
        #expect(resolver.address(forwardedFor: ["6.6.6.6, 10.1.2.3"], peer: peer) == "10.1.2.3")
        #expect(resolver.address(forwardedFor: [], peer: peer) == "10.9.9.9")
        #expect(ClientAddressResolver(trustedProxyHops: 0).address(forwardedFor: ["6.6.6.6"], peer: peer) == "10.9.9.9")
        #expect(ClientAddressResolver(trustedProxyHops: 2).address(forwardedFor: ["6.6.6.6, 10.1.2.3"], peer: peer) == "6.6.6.6")
    }
}
