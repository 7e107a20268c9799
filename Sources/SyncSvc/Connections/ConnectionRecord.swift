import Foundation

/// The providers SyncSvc pulls from.
enum Provider: String, Sendable, CaseIterable, Codable {
    case meta, google, shopify, demo

    /// Whether connecting needs the provider's tokens.
    var needsCredentials: Bool { self != .demo }
}

enum ConnectionStatus: String, Sendable {
    case active
    case paused
    /// The provider refused the stored tokens; only a new OAuth flow (or new tokens) helps.
    case needsReauth = "needs_reauth"
    /// The last syncs failed for another reason; the scheduler keeps trying.
    case error
}

/// One row of `sync.connections`: never a token (those live in ``SealedCredentials``).
struct ConnectionRecord: Sendable, Equatable {
    var workspaceID: UUID
    var id: UUID
    var provider: Provider
    var name: String
    var accountRef: String
    var status: ConnectionStatus
    var settings: [String: String]
    var timezone: String
    var currency: String
    var createdAt: Date
    var lastSuccessAt: Date?
    var lastError: String?
    var rowsSynced: Int64
}

/// Tokens as they are stored: sealed under `keyID`.
struct SealedCredentials: Sendable, Equatable {
    var keyID: String
    var accessToken: Data
    var refreshToken: Data?
    var expiresAt: Date?
}

/// Tokens in the clear, only ever held in memory while a sync or an OAuth exchange runs.
struct Credentials: Sendable, Equatable, CustomStringConvertible {
    var accessToken: String
    var refreshToken: String?
    var expiresAt: Date?

    /// Never prints a token, whatever logs it.
    var description: String { "Credentials(redacted, expires: \(expiresAt.map { "\($0)" } ?? "never"))" }

    func isExpired(at now: Date, margin: TimeInterval = 120) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) < margin
    }
}

extension TokenCipher {
    func seal(_ credentials: Credentials, workspaceID: UUID, ownerID: UUID) throws -> SealedCredentials {
        let owner = ownerID.uuidString.lowercased()
        return SealedCredentials(
            keyID: activeKeyID,
            accessToken: try seal(credentials.accessToken, binding: .init(workspaceID: workspaceID, ownerID: owner, field: "access_token")),
            refreshToken: try credentials.refreshToken.map {
                try seal($0, binding: .init(workspaceID: workspaceID, ownerID: owner, field: "refresh_token"))
            },
            expiresAt: credentials.expiresAt)
    }

    func open(_ sealed: SealedCredentials, workspaceID: UUID, ownerID: UUID) throws -> Credentials {
        let owner = ownerID.uuidString.lowercased()
        return Credentials(
            accessToken: try open(
                sealed.accessToken, keyID: sealed.keyID, binding: .init(workspaceID: workspaceID, ownerID: owner, field: "access_token")),
            refreshToken: try sealed.refreshToken.map {
                try open($0, keyID: sealed.keyID, binding: .init(workspaceID: workspaceID, ownerID: owner, field: "refresh_token"))
            },
            expiresAt: sealed.expiresAt)
    }
}
