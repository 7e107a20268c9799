import Foundation
import MetricxRuntime

/// A provider's OAuth 2 application: who we are to it and where its endpoints are.
///
/// | variable | meaning |
/// |---|---|
/// | `META_APP_ID`, `META_APP_SECRET` | the Meta app; `META_OAUTH_AUTHORIZE_URL`, `META_OAUTH_TOKEN_URL` override the endpoints |
/// | `GOOGLE_OAUTH_CLIENT_ID`, `GOOGLE_OAUTH_CLIENT_SECRET` | the Google client; `GOOGLE_OAUTH_AUTHORIZE_URL`, `GOOGLE_OAUTH_TOKEN_URL` |
/// | `SHOPIFY_API_KEY`, `SHOPIFY_API_SECRET` | the Shopify app; `SHOPIFY_OAUTH_BASE_URL` (default `https://{shop}`) |
struct OAuthApp: Sendable {
    var provider: Provider
    var clientID: String
    var clientSecret: String
    /// May contain `{shop}`.
    var authorizeURL: String
    var tokenURL: String
    var scopes: [String]
    /// RFC 7636; Google and Meta accept it, Shopify does not.
    var usesPKCE: Bool

    static func all(environment env: EnvironmentReader) -> [Provider: OAuthApp] {
        var apps: [Provider: OAuthApp] = [:]
        let metaGraph = env.string("META_API_BASE_URL", default: "https://graph.facebook.com")
        if let id = env.raw("META_APP_ID"), let secret = env.raw("META_APP_SECRET") {
            apps[.meta] = OAuthApp(
                provider: .meta, clientID: id, clientSecret: secret,
                authorizeURL: env.string("META_OAUTH_AUTHORIZE_URL", default: "https://www.facebook.com/v21.0/dialog/oauth"),
                tokenURL: env.string("META_OAUTH_TOKEN_URL", default: "\(metaGraph)/v21.0/oauth/access_token"),
                scopes: ["ads_read"], usesPKCE: true)
        }
        if let id = env.raw("GOOGLE_OAUTH_CLIENT_ID"), let secret = env.raw("GOOGLE_OAUTH_CLIENT_SECRET") {
            apps[.google] = OAuthApp(
                provider: .google, clientID: id, clientSecret: secret,
                authorizeURL: env.string("GOOGLE_OAUTH_AUTHORIZE_URL", default: "https://accounts.google.com/o/oauth2/v2/auth"),
                tokenURL: env.string("GOOGLE_OAUTH_TOKEN_URL", default: "https://oauth2.googleapis.com/token"),
                scopes: ["https://www.googleapis.com/auth/adwords"], usesPKCE: true)
        }
        if let id = env.raw("SHOPIFY_API_KEY"), let secret = env.raw("SHOPIFY_API_SECRET") {
            let base = env.string("SHOPIFY_OAUTH_BASE_URL", default: "https://{shop}")
            apps[.shopify] = OAuthApp(
                provider: .shopify, clientID: id, clientSecret: secret,
                authorizeURL: "\(base)/admin/oauth/authorize", tokenURL: "\(base)/admin/oauth/access_token",
                scopes: ["read_orders"], usesPKCE: false)
        }
        return apps
    }

    func authorizeURL(state: String, redirectURI: String, codeChallenge: String?, shop: String) -> String {
        var components = URLComponents(string: authorizeURL.replacingOccurrences(of: "{shop}", with: shop))
        var items = [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "scope", value: scopes.joined(separator: provider == .shopify ? "," : " ")),
            URLQueryItem(name: "response_type", value: "code"),
        ]
        if provider == .google {
            // A refresh token is issued only for offline access, and again only with consent.
            items += [URLQueryItem(name: "access_type", value: "offline"), URLQueryItem(name: "prompt", value: "consent")]
        }
        if let codeChallenge {
            items += [
                URLQueryItem(name: "code_challenge", value: codeChallenge), URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        }
        components?.queryItems = items
        return components?.url?.absoluteString ?? authorizeURL
    }
}
