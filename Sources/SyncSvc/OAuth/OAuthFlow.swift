import Crypto
import Foundation
import MetricxPostgres
import MetricxRuntime

/// The authorization-code flow: `start` remembers who asked (bound to the workspace) under a
/// random `state`, `complete` takes that state back exactly once, exchanges the code and stores the
/// sealed tokens on a new (or reconnected) connection.
struct OAuthFlow: Sendable {
    let postgres: PostgresClient
    let cipher: TokenCipher
    let apps: [Provider: OAuthApp]
    var tokens = TokenClient()
    var lifetime: TimeInterval = 600

    struct Start: Sendable {
        var workspaceID: UUID
        var provider: Provider
        var redirectURI: String
        var connectionName: String
        var accountRef: String
        var settings: [String: String]
        var timezone: String
        var currency: String
    }

    func app(_ provider: Provider) throws -> OAuthApp {
        guard let app = apps[provider] else {
            throw ServiceError(
                .failedPrecondition, "OAuth for \(provider.rawValue) is not configured on this deployment", field: "provider")
        }
        return app
    }

    func start(_ start: Start) async throws -> (url: String, state: String) {
        let app = try app(start.provider)
        let state = Self.randomToken()
        let verifier = app.usesPKCE ? Self.randomToken() : nil
        let stateHash = Data(SHA256.hash(data: Data(state.utf8)))
        let sealedVerifier = try verifier.map {
            try cipher.seal(
                $0, binding: .init(workspaceID: start.workspaceID, ownerID: stateHash.base64EncodedString(), field: "code_verifier"))
        }
        try await postgres.query(
            """
            INSERT INTO sync.oauth_states (state_hash, workspace_id, provider, redirect_uri, connection_name, account_ref,
                settings, timezone, currency, key_id, code_verifier, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, now() + make_interval(secs => $12))
            """, stateHash, start.workspaceID, start.provider.rawValue, start.redirectURI, start.connectionName, start.accountRef,
            ConnectionStore.json(start.settings), start.timezone, start.currency, sealedVerifier == nil ? nil : cipher.activeKeyID,
            sealedVerifier, lifetime)
        // Expired flows are of no use to anyone.
        try await postgres.query("DELETE FROM sync.oauth_states WHERE expires_at < now() - interval '1 day'")
        let challenge = verifier.map { Data(SHA256.hash(data: Data($0.utf8))).base64URLEncodedString() }
        return (app.authorizeURL(state: state, redirectURI: start.redirectURI, codeChallenge: challenge, shop: start.accountRef), state)
    }

    /// Takes the state (once, unexpired), exchanges the code, and creates or reconnects the connection.
    func complete(state: String, code: String, providerError: String, connections: ConnectionStore) async throws -> ConnectionRecord {
        let stateHash = Data(SHA256.hash(data: Data(state.utf8)))
        guard !state.isEmpty,
            let row = try await postgres.query(
                """
                DELETE FROM sync.oauth_states WHERE state_hash = $1 AND expires_at > now()
                RETURNING workspace_id, provider, redirect_uri, connection_name, account_ref, settings::text, timezone, currency,
                    key_id, code_verifier
                """, stateHash
            ).rows.first
        else {
            throw ServiceError(
                .failedPrecondition, "the authorization link is unknown, used already or expired: start again", field: "state")
        }
        guard providerError.isEmpty else {
            throw ServiceError(.failedPrecondition, "the provider did not grant access (\(providerError.prefix(100)))", field: "error")
        }
        guard !code.isEmpty else { throw ServiceError.invalidArgument("the callback carries no code", field: "code") }
        let workspaceID: UUID = try row.decode(at: 0)
        guard let provider = Provider(rawValue: try row.decode(at: 1)) else {
            throw ServiceError(.internalError, "unknown provider in an OAuth state")
        }
        let app = try app(provider)
        let accountRef: String = try row.decode(at: 4)
        var verifier: String?
        if let keyID: String = try row.decode(at: 8), let sealed: Data = try row.decode(at: 9) {
            verifier = try cipher.open(
                sealed, keyID: keyID,
                binding: .init(workspaceID: workspaceID, ownerID: stateHash.base64EncodedString(), field: "code_verifier"))
        }
        let credentials: Credentials
        do {
            credentials = try await tokens.exchange(
                code: code, redirectURI: try row.decode(at: 2), codeVerifier: verifier, app: app, shop: accountRef)
        } catch let error as ConnectorError {
            throw ServiceError(.failedPrecondition, error.message, field: "code")
        }
        let settings = ConnectionStore.settings(fromJSON: try row.decode(at: 5))
        // Connecting an account that is already connected repairs it (new tokens, active again).
        if let existing = try await connections.find(workspaceID: workspaceID, provider: provider, accountRef: accountRef) {
            let id = existing.id
            try await connections.saveCredentials(
                try cipher.seal(credentials, workspaceID: workspaceID, ownerID: id), workspaceID: workspaceID, connectionID: id)
            // A paused connection gets its new tokens but stays paused.
            return try await connections.setStatus(workspaceID: workspaceID, id: id, to: .active, from: [.needsReauth, .error, .active])
                ?? existing
        }
        let id = UUID()
        let record = ConnectionRecord(
            workspaceID: workspaceID, id: id, provider: provider, name: try row.decode(at: 3), accountRef: accountRef, status: .active,
            settings: settings, timezone: try row.decode(at: 6), currency: try row.decode(at: 7), createdAt: Date(),
            lastSuccessAt: nil, lastError: nil, rowsSynced: 0)
        return try await connections.create(record, credentials: try cipher.seal(credentials, workspaceID: workspaceID, ownerID: id))
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncodedString()
    }
}
