import Crypto
import Foundation
import JWTKit
import Logging
import MetricxRedis
import MetricxRuntime

/// Verifies RS256/ES256 tokens against the configured JWKS.
///
/// Keys are held in memory and shared with the other gateway replicas through Redis
/// (`gw:jwks:<url hash>`). A token whose `kid` is unknown triggers a fetch from the provider, so a
/// rotated key works at once; such fetches are spaced by `minimumRefreshInterval` so that garbage
/// `kid`s cannot turn the gateway into a load generator against the provider.
actor JWTVerifier {
    private struct KeySet {
        var collection: JWTKeyCollection
        var kids: Set<String>
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    static let algorithms: Set<String> = ["RS256", "ES256"]

    let settings: JWTSettings
    private let fetcher: any JWKSFetching
    private let redis: RedisClient?
    private let logger: Logger
    private var keys: KeySet?
    private var lastFetch: ContinuousClock.Instant?
    private var refreshing: Task<Void, any Error>?

    init(settings: JWTSettings, fetcher: any JWKSFetching = HTTPJWKSFetcher(), redis: RedisClient?, logger: Logger) {
        self.settings = settings
        self.fetcher = fetcher
        self.redis = redis
        self.logger = logger
    }

    private var cacheKey: String {
        let digest = SHA256.hash(data: Data(settings.jwksURL.absoluteString.utf8))
        return "gw:jwks:" + digest.prefix(8).hexString
    }

    /// The identity a valid token carries; throws ``JWTVerificationError`` otherwise.
    func verify(_ token: String) async throws -> VerifiedIdentity {
        let header = try Self.header(of: token)
        guard let algorithm = header.alg, Self.algorithms.contains(algorithm) else {
            throw JWTVerificationError(.unsupportedAlgorithm, "only RS256 and ES256 tokens are accepted")
        }
        guard let kid = header.kid, !kid.isEmpty else {
            throw JWTVerificationError(.malformed, "the token header has no kid")
        }
        if keys == nil { try await load() }
        if keys?.kids.contains(kid) != true { try await refreshForUnknownKey() }
        guard let keys, keys.kids.contains(kid) else {
            throw JWTVerificationError(.unknownKey, "the token was signed with a key the issuer does not publish")
        }
        let claims: IdentityClaims
        do {
            claims = try await keys.collection.verify(token, as: IdentityClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw JWTVerificationError(.badSignature, "the token's signature does not verify")
        } catch {
            throw JWTVerificationError(.malformed, "the token could not be verified")
        }
        return try check(claims, now: Date())
    }

    /// Issuer, audience and time claims.
    func check(_ claims: IdentityClaims, now: Date) throws -> VerifiedIdentity {
        let leeway = TimeInterval(settings.leeway.components.seconds)
        guard claims.expiration.value.addingTimeInterval(leeway) > now else {
            throw JWTVerificationError(.expired, "the token has expired")
        }
        if let notBefore = claims.notBefore, notBefore.value.addingTimeInterval(-leeway) > now {
            throw JWTVerificationError(.notYetValid, "the token is not valid yet")
        }
        guard claims.issuer.value == settings.issuer else {
            throw JWTVerificationError(.wrongIssuer, "the token was issued by another issuer")
        }
        guard claims.audience.value.contains(settings.audience) else {
            throw JWTVerificationError(.wrongAudience, "the token is meant for another audience")
        }
        // Only an address the provider says it verified names a person: an invitation goes to
        // an address, and a token without the claim (or with it false) must not accept it (#23).
        let email = claims.emailVerified == true ? claims.email?.lowercased() : nil
        return VerifiedIdentity(issuer: claims.issuer.value, subject: claims.subject.value, email: email)
    }

    // MARK: - Keys

    /// First use: another replica's copy in Redis, else the provider.
    private func load() async throws {
        if let redis, let cached = try? await redis.send("GET", cacheKey).string, let set = try? await Self.keySet(cached) {
            keys = set
            return
        }
        try await refresh()
    }

    private func refreshForUnknownKey() async throws {
        if let lastFetch, ContinuousClock.now - lastFetch < settings.minimumRefreshInterval { return }
        try await refresh()
    }

    /// Fetches the JWKS once however many requests are waiting for it.
    private func refresh() async throws {
        if let refreshing { return try await refreshing.value }
        let task = Task { try await fetchAndStore() }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
    }

    private func fetchAndStore() async throws {
        lastFetch = .now
        let document: String
        do {
            document = try await fetcher.fetch(settings.jwksURL)
        } catch {
            logger.warning("JWKS fetch failed", metadata: ["error": "\(error)"])
            throw JWTVerificationError(.jwksUnavailable, "the identity provider's keys could not be fetched")
        }
        let set = try await Self.keySet(document)
        keys = set
        logger.info("JWKS loaded", metadata: ["kids": "\(set.kids.sorted())"])
        if let redis {
            _ = try? await redis.send("SET", cacheKey, document, "EX", Int(settings.cacheTTL.components.seconds))
        }
    }

    /// Signing keys of a JWKS document. Keys that are not for signatures or of a kind we do not
    /// verify with (symmetric, unknown curves) are skipped rather than failing the whole set.
    private static func keySet(_ document: String) async throws -> KeySet {
        guard let object = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            let keys = object["keys"] as? [[String: Any]]
        else {
            throw JWTVerificationError(.jwksUnavailable, "the identity provider's JWKS is not valid")
        }
        let collection = JWTKeyCollection()
        var kids: Set<String> = []
        for key in keys {
            guard (key["use"] as? String ?? "sig") == "sig",
                let data = try? JSONSerialization.data(withJSONObject: key),
                let jwk = try? JSONDecoder().decode(JWK.self, from: data), let kid = jwk.keyIdentifier?.string
            else { continue }
            if (try? await collection.add(jwk: jwk, isDefault: false)) != nil { kids.insert(kid) }
        }
        return KeySet(collection: collection, kids: kids)
    }

    private static func header(of token: String) throws -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URLEncoded: String(parts[0])),
            let header = try? JSONDecoder().decode(Header.self, from: data)
        else { throw JWTVerificationError(.malformed, "the bearer token is neither an API key nor a JWT") }
        return header
    }
}
