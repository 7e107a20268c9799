import Foundation
import Hummingbird
import Logging
import MetricxRedis

/// A fixed-window limit per principal, counted in Redis (`gw:rl:<principal>:<minute>`) so that it
/// holds across gateway replicas. Over the limit: 429 with `Retry-After`. When Redis is down the
/// limit is not enforced (availability first) and a warning is logged.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let redis: RedisClient
    let limitPerMinute: Int

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws
        -> Response
    {
        guard let principal = context.principal, limitPerMinute > 0 else { return try await next(request, context) }
        let now = Date().timeIntervalSince1970
        let window = Int(now / 60)
        let key = "gw:rl:\(principal.identifier):\(window)"
        let count: Int
        do {
            let replies = try await redis.pipeline([RedisCommand("INCR", key), RedisCommand("EXPIRE", key, 120)])
            count = replies[0].int ?? 0
        } catch {
            context.logger.warning("rate limit not enforced: Redis unavailable", metadata: ["error": "\(error)"])
            return try await next(request, context)
        }
        if count > limitPerMinute {
            var error = APIError(.tooManyRequests, code: "rate_limited", "more than \(limitPerMinute) requests in a minute; retry later")
            error.headers[.retryAfter] = String(max(1, Int((Double(window + 1) * 60 - now).rounded(.up))))
            error.headers[.rateLimitLimit] = String(limitPerMinute)
            error.headers[.rateLimitRemaining] = "0"
            throw error
        }
        var response = try await next(request, context)
        response.headers[.rateLimitLimit] = String(limitPerMinute)
        response.headers[.rateLimitRemaining] = String(max(0, limitPerMinute - count))
        return response
    }
}
