import Foundation
import JWTKit

/// The claims metricx reads from an identity provider's token. Signature, `exp` and `nbf` are
/// checked by ``JWTVerifier``; issuer and audience against ``JWTSettings``.
struct IdentityClaims: JWTPayload {
    var subject: SubjectClaim
    var issuer: IssuerClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var notBefore: NotBeforeClaim?
    var email: String?
    var emailVerified: Bool?

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case issuer = "iss"
        case audience = "aud"
        case expiration = "exp"
        case notBefore = "nbf"
        case email
        case emailVerified = "email_verified"
    }

    /// Time claims are checked by the verifier, which knows the allowed clock skew.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Who a verified token says the caller is.
struct VerifiedIdentity: Sendable, Equatable {
    var issuer: String
    var subject: String
    /// Present only when the provider does not say it is unverified: invitations are matched on it.
    var email: String?
}
