import AsyncHTTPClient
import Foundation
import MetricxOutbound
import NIOCore

/// Where a JWKS document comes from.
protocol JWKSFetching: Sendable {
    func fetch(_ url: URL) async throws -> String
}

/// Fetches a JWKS over HTTP(S) with a short timeout and a size cap, through the deployment's
/// outbound policy (no private address unless allowed, no redirect).
struct HTTPJWKSFetcher: JWKSFetching {
    var client = OutboundHTTPClient(policy: .deployment, maximumResponseBytes: 1 << 20)
    var timeout: TimeAmount = .seconds(5)

    func fetch(_ url: URL) async throws -> String {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: "application/json")
        let response: OutboundHTTPClient.Response
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw JWTVerificationError(.jwksUnavailable, "the JWKS endpoint could not be read (\(error.category))")
        }
        guard response.status == 200 else {
            throw JWTVerificationError(.jwksUnavailable, "the JWKS endpoint answered \(response.status)")
        }
        return String(buffer: response.body)
    }
}
