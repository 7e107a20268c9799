import AsyncHTTPClient
import Foundation
import NIOCore

/// Where a JWKS document comes from.
protocol JWKSFetching: Sendable {
    func fetch(_ url: URL) async throws -> String
}

/// Fetches a JWKS over HTTP(S) with a short timeout and a size cap.
struct HTTPJWKSFetcher: JWKSFetching {
    var client: HTTPClient = .shared
    var timeout: TimeAmount = .seconds(5)

    func fetch(_ url: URL) async throws -> String {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await client.execute(request, timeout: timeout)
        guard response.status == .ok else {
            throw JWTVerificationError(.jwksUnavailable, "the JWKS endpoint answered \(response.status.code)")
        }
        let body = try await response.body.collect(upTo: 1 << 20)
        return String(buffer: body)
    }
}
