import Foundation
import Hummingbird
import Logging
import MetricxRedis
import Synchronization

/// Limits failed authentications per client address: past `limitPerMinute` failures in a minute,
/// every request from that address that needs authentication is answered 429 with `Retry-After`
/// until the minute is over, before any credential is looked up. Guessing keys or tokens so costs
/// the guesser time and the database nothing.
///
/// Failures are counted in Redis (`gw:af:<address>:<minute>`), so the limit holds across gateway
/// replicas. When Redis cannot be reached the limit is not lifted: each replica counts on its own
/// until Redis is back (a guesser gets at most `limitPerMinute` per replica), while requests with
/// good credentials go on being served.
struct FailedAuthenticationLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let redis: RedisClient?
    let limitPerMinute: Int
    let addresses: ClientAddressResolver
    let fallback = LocalFailureCounter()

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws
        -> Response
    {
        guard limitPerMinute > 0 else { return try await next(request, context) }
        let now = Date().timeIntervalSince1970
        let window = Int(now / 60)
        let key = "gw:af:\(addresses.address(of: request, context: context)):\(window)"
        let counter = Counter(redis: redis, fallback: fallback, key: key, window: window, logger: context.logger)
        if try await counter.failures() >= limitPerMinute {
            var error = APIError(
                .tooManyRequests, code: "rate_limited",
                "more than \(limitPerMinute) failed authentications from this address in a minute; retry later")
            error.headers[.retryAfter] = String(max(1, Int((Double(window + 1) * 60 - now).rounded(.up))))
            throw error
        }
        do {
            return try await next(request, context)
        } catch let error as APIError where error.status == .unauthorized {
            await counter.recordFailure()
            throw error
        }
    }

    /// One request's view of its address's count: Redis, or this replica's when Redis fails.
    private struct Counter {
        let redis: RedisClient?
        let fallback: LocalFailureCounter
        let key: String
        let window: Int
        let logger: Logger

        func failures() async throws -> Int {
            if let redis {
                do {
                    return try await redis.send("GET", key).int ?? 0
                } catch {
                    logger.warning("failed-authentication limit counted locally: Redis unavailable", metadata: ["error": "\(error)"])
                }
            }
            return fallback.count(key, window: window)
        }

        func recordFailure() async {
            if let redis {
                do {
                    _ = try await redis.pipeline([RedisCommand("INCR", key), RedisCommand("EXPIRE", key, 120)])
                    return
                } catch {
                    logger.warning("failed-authentication limit counted locally: Redis unavailable", metadata: ["error": "\(error)"])
                }
            }
            fallback.increment(key, window: window)
        }
    }
}

/// Failures per address in the current minute, in this process: the fallback while Redis is
/// unreachable. Bounded: past `capacity` addresses in one minute every new one counts as over the
/// limit, so a flood of spoofed sources cannot grow it without end.
final class LocalFailureCounter: Sendable {
    private struct State {
        var window = 0
        var counts: [String: Int] = [:]
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func count(_ key: String, window: Int) -> Int {
        state.withLock { state in
            if state.window != window { return 0 }
            if let count = state.counts[key] { return count }
            return state.counts.count >= capacity ? Int.max : 0
        }
    }

    func increment(_ key: String, window: Int) {
        state.withLock { state in
            if state.window != window { state = State(window: window) }
            guard state.counts[key] != nil || state.counts.count < capacity else { return }
            state.counts[key, default: 0] += 1
        }
    }
}
