import Crypto
import Foundation
import MetricxRuntime

/// Ties an OAuth flow to the browser and the principal that started it.
///
/// The `state` alone says which workspace a flow is for, so without this anyone could start a
/// flow in their workspace and send the authorize link to someone else: the victim approves, and
/// the victim's ad account is connected to the attacker's workspace. Starting a flow therefore
/// sets a cookie, readable only by this gateway's `/oauth/` routes, that carries the starting
/// principal and a MAC over (state, principal); the callback completes the flow only in a
/// browser that holds the matching cookie.
///
/// The MAC key is derived from the deployment's service token, so every gateway replica accepts
/// the cookies of every other, and no extra secret or shared state is needed.
struct OAuthBrowserBinding: Sendable {
    private let key: SymmetricKey
    /// Whether the cookie may only travel over HTTPS (the public URL is https).
    var secure: Bool
    /// As long as SyncSvc keeps a started flow.
    static let lifetimeSeconds = 600
    static let path = "/oauth/"

    init(key: SymmetricKey, secure: Bool) {
        self.key = key
        self.secure = secure
    }

    /// The deployment's binding: its key derived from the service token, for this purpose only.
    init(serviceToken: ServiceToken, publicURL: String) {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: serviceToken.secretBytes), info: Data("metricx oauth browser binding v1".utf8),
            outputByteCount: 32)
        self.init(key: key, secure: publicURL.lowercased().hasPrefix("https://"))
    }

    /// One cookie per flow, so two flows started side by side do not undo each other.
    func cookieName(state: String) -> String {
        "mx_oauth_" + SHA256.hash(data: Data(state.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The `Set-Cookie` value that binds `state` to `principal` in the browser that receives it.
    func setCookie(state: String, principal: String) -> String {
        let value = Data(principal.utf8).base64URLEncodedString() + "." + mac(state: state, principal: principal).base64URLEncodedString()
        return "\(cookieName(state: state))=\(value); Path=\(Self.path); Max-Age=\(Self.lifetimeSeconds); HttpOnly; SameSite=Lax"
            + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the flow's cookie once it was used.
    func clearCookie(state: String) -> String {
        "\(cookieName(state: state))=; Path=\(Self.path); Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The principal that started the flow, when `cookieValue` is the cookie set for `state`.
    func principal(state: String, cookieValue: String?) -> String? {
        guard let cookieValue, !state.isEmpty else { return nil }
        let parts = cookieValue.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 512 }), let principalData = Data(base64URLEncoded: String(parts[0])),
            let presented = Data(base64URLEncoded: String(parts[1])),
            let principal = String(data: principalData, encoding: .utf8)
        else { return nil }
        guard HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Self.message(state, principal), using: key) else {
            return nil
        }
        return principal
    }

    private func mac(state: String, principal: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Self.message(state, principal), using: key))
    }

    private static func message(_ state: String, _ principal: String) -> Data {
        // Length-prefixed, so no (state, principal) pair can be re-split into another.
        Data("\(state.utf8.count):\(state)|\(principal)".utf8)
    }
}
