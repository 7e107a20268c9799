import AsyncHTTPClient
import Foundation
import MetricxOutbound
import NIOCore

/// The token endpoint of an OAuth app: authorization codes and refresh tokens in, tokens out.
/// Errors never carry what the endpoint sent back (it may echo secrets).
struct TokenClient: Sendable {
    /// Token endpoints are configured, but still go through the deployment's outbound policy.
    var client = OutboundHTTPClient(policy: .deployment, maximumResponseBytes: 1 << 20)
    var now: @Sendable () -> Date = { Date() }

    func exchange(code: String, redirectURI: String, codeVerifier: String?, app: OAuthApp, shop: String) async throws -> Credentials {
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("client_id", app.clientID), ("client_secret", app.clientSecret),
        ]
        if let codeVerifier { form.append(("code_verifier", codeVerifier)) }
        return try await post(form, to: app.tokenURL.replacingOccurrences(of: "{shop}", with: shop), app: app, previousRefresh: nil)
    }

    /// A new access token from the refresh token; a refused refresh token means the user revoked
    /// access, which only a new authorization repairs.
    func refresh(_ credentials: Credentials, app: OAuthApp, shop: String) async throws -> Credentials {
        guard let refreshToken = credentials.refreshToken else {
            throw ConnectorError(.unauthorized, "the \(app.provider.rawValue) token expired and cannot be refreshed: reconnect the account")
        }
        let form = [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
            ("client_id", app.clientID), ("client_secret", app.clientSecret),
        ]
        return try await post(
            form, to: app.tokenURL.replacingOccurrences(of: "{shop}", with: shop), app: app, previousRefresh: refreshToken)
    }

    private func post(_ form: [(String, String)], to url: String, app: OAuthApp, previousRefresh: String?) async throws -> Credentials {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.formEncode(form)))
        let response: OutboundHTTPClient.Response
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch {
            throw ConnectorError(.unavailable, "the \(app.provider.rawValue) token endpoint could not be reached (\(error.category))")
        }
        let body = response.body
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        guard (200..<300).contains(response.status), let access = object.text("access_token"), !access.isEmpty else {
            let error = object.text("error") ?? object.object("error").text("type") ?? "HTTP \(response.status)"
            if error == "invalid_grant" || error == "OAuthException" || response.status == 400 || response.status == 401 {
                throw ConnectorError(.unauthorized, "\(app.provider.rawValue) refused the authorization (\(error)): reconnect the account")
            }
            throw ConnectorError(.unavailable, "the \(app.provider.rawValue) token endpoint failed (\(error))")
        }
        let expiresIn = object.number("expires_in")
        return Credentials(
            accessToken: access, refreshToken: object.text("refresh_token") ?? previousRefresh,
            expiresAt: expiresIn > 0 ? now().addingTimeInterval(expiresIn) : nil)
    }

    static func formEncode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
