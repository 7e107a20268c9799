import Foundation
import MetricxPostgres
import MetricxRuntime

/// `sync.connections` and `sync.credentials`. Every statement filters on `workspace_id`; the only
/// cross-workspace reads are the scheduler's scan and the key-rotation pass.
struct ConnectionStore: Sendable {
    /// Each connection is synced every 15 minutes by the shared workers, so a workspace's count is bounded.
    static let maximumConnections = 50
    let postgres: PostgresClient

    static let columns = """
        workspace_id, id, provider, name, account_ref, status, settings::text, timezone, currency, created_at,
        last_success_at, last_error, rows_synced
        """

    static func record(_ row: PostgresRow) throws -> ConnectionRecord {
        let settings = Self.settings(fromJSON: try row.decode(at: 6))
        return ConnectionRecord(
            workspaceID: try row.decode(at: 0), id: try row.decode(at: 1),
            provider: Provider(rawValue: try row.decode(at: 2)) ?? .demo,
            name: try row.decode(at: 3), accountRef: try row.decode(at: 4),
            status: ConnectionStatus(rawValue: try row.decode(at: 5)) ?? .error,
            settings: settings, timezone: try row.decode(at: 7), currency: try row.decode(at: 8),
            createdAt: try row.decode(at: 9), lastSuccessAt: try row.decode(at: 10), lastError: try row.decode(at: 11),
            rowsSynced: try row.decode(at: 12))
    }

    /// The `settings` jsonb column, read back as text.
    static func settings(fromJSON text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    static func json(_ settings: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(settings)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Creates a connection and, when given, its sealed credentials in one transaction.
    func create(_ record: ConnectionRecord, credentials: SealedCredentials?) async throws -> ConnectionRecord {
        do {
            return try await postgres.withTransaction { connection in
                // Serialises creations in one workspace so the limit holds under concurrency.
                try await connection.lockWorkspace(record.workspaceID, scope: "sync.connections")
                let count = try await connection.query(
                    "SELECT count(*)::int8 FROM sync.connections WHERE workspace_id = $1", record.workspaceID
                ).single().decode(Int64.self, at: 0)
                guard count < Self.maximumConnections else {
                    throw ServiceError(.resourceExhausted, "a workspace holds at most \(Self.maximumConnections) connections")
                }
                let row = try await connection.query(
                    """
                    INSERT INTO sync.connections (workspace_id, id, provider, name, account_ref, status, settings, timezone, currency)
                    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING \(Self.columns)
                    """, record.workspaceID, record.id, record.provider.rawValue, record.name, record.accountRef,
                    record.status.rawValue, Self.json(record.settings), record.timezone, record.currency
                ).single()
                if let credentials {
                    try await Self.store(credentials, workspaceID: record.workspaceID, connectionID: record.id, on: connection)
                }
                return try Self.record(row)
            }
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw ServiceError(
                .alreadyExists, "a \(record.provider.rawValue) connection to \(record.accountRef) already exists", field: "account_ref")
        }
    }

    func get(workspaceID: UUID, id: UUID) async throws -> ConnectionRecord? {
        try await postgres.query(
            "SELECT \(Self.columns) FROM sync.connections WHERE workspace_id = $1 AND id = $2", workspaceID, id
        ).rows.first.map(Self.record)
    }

    /// The workspace's connection to one provider account, if there is one.
    func find(workspaceID: UUID, provider: Provider, accountRef: String) async throws -> ConnectionRecord? {
        try await postgres.query(
            "SELECT \(Self.columns) FROM sync.connections WHERE workspace_id = $1 AND provider = $2 AND account_ref = $3",
            workspaceID, provider.rawValue, accountRef
        ).rows.first.map(Self.record)
    }

    /// Newest first; `after` is the id of the last connection of the previous page.
    func list(workspaceID: UUID, after: UUID?, limit: Int) async throws -> [ConnectionRecord] {
        let result: PostgresResult
        if let after {
            result = try await postgres.query(
                """
                SELECT \(Self.columns) FROM sync.connections
                WHERE workspace_id = $1
                  AND (created_at, id) < (SELECT created_at, id FROM sync.connections WHERE workspace_id = $1 AND id = $2)
                ORDER BY created_at DESC, id DESC LIMIT $3
                """, workspaceID, after, limit)
        } else {
            result = try await postgres.query(
                "SELECT \(Self.columns) FROM sync.connections WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
                workspaceID, limit)
        }
        return try result.rows.map(Self.record)
    }

    /// Sets the status; `from` limits the change to connections currently in one of those states.
    func setStatus(
        workspaceID: UUID, id: UUID, to status: ConnectionStatus, error: String? = nil, from: [ConnectionStatus]? = nil
    ) async throws -> ConnectionRecord? {
        let allowed = (from ?? [.active, .paused, .needsReauth, .error]).map(\.rawValue)
        return try await postgres.query(
            """
            UPDATE sync.connections SET status = $3, last_error = COALESCE($4, last_error), updated_at = now()
            WHERE workspace_id = $1 AND id = $2 AND status = ANY($5::text[]) RETURNING \(Self.columns)
            """, workspaceID, id, status.rawValue, error, allowed
        ).rows.first.map(Self.record)
    }

    func delete(workspaceID: UUID, id: UUID) async throws -> Bool {
        try await postgres.query("DELETE FROM sync.connections WHERE workspace_id = $1 AND id = $2", workspaceID, id).affectedRows > 0
    }

    /// After a successful sync: clears the error, and an error status goes back to active.
    func recordSuccess(workspaceID: UUID, id: UUID, rows: Int64, at date: Date) async throws {
        try await postgres.query(
            """
            UPDATE sync.connections
            SET last_success_at = $3, last_error = NULL, rows_synced = rows_synced + $4, updated_at = now(),
                status = CASE WHEN status = 'error' THEN 'active' ELSE status END
            WHERE workspace_id = $1 AND id = $2
            """, workspaceID, id, date, rows)
    }

    /// After a failed sync; a paused connection stays paused.
    func recordFailure(workspaceID: UUID, id: UUID, message: String, status: ConnectionStatus) async throws {
        try await postgres.query(
            """
            UPDATE sync.connections
            SET last_error = $3, updated_at = now(), status = CASE WHEN status = 'paused' THEN 'paused' ELSE $4 END
            WHERE workspace_id = $1 AND id = $2
            """, workspaceID, id, String(message.prefix(1000)), status.rawValue)
    }

    /// Every connection the scheduler syncs: active ones, and errored ones (which may recover).
    func schedulable() async throws -> [(workspaceID: UUID, id: UUID, provider: Provider)] {
        try await postgres.query(
            "SELECT workspace_id, id, provider FROM sync.connections WHERE status IN ('active', 'error') ORDER BY id"
        ).rows.map { row in
            (try row.decode(UUID.self, at: 0), try row.decode(UUID.self, at: 1), Provider(rawValue: try row.decode(at: 2)) ?? .demo)
        }
    }

    // MARK: - Credentials

    func credentials(workspaceID: UUID, connectionID: UUID) async throws -> SealedCredentials? {
        try await postgres.query(
            """
            SELECT key_id, access_token, refresh_token, expires_at FROM sync.credentials
            WHERE workspace_id = $1 AND connection_id = $2
            """, workspaceID, connectionID
        ).rows.first.map { row in
            SealedCredentials(
                keyID: try row.decode(at: 0), accessToken: try row.decode(at: 1), refreshToken: try row.decode(at: 2),
                expiresAt: try row.decode(at: 3))
        }
    }

    func saveCredentials(_ sealed: SealedCredentials, workspaceID: UUID, connectionID: UUID) async throws {
        try await postgres.withConnection { connection in
            try await Self.store(sealed, workspaceID: workspaceID, connectionID: connectionID, on: connection)
        }
    }

    private static func store(_ sealed: SealedCredentials, workspaceID: UUID, connectionID: UUID, on connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            INSERT INTO sync.credentials (workspace_id, connection_id, key_id, access_token, refresh_token, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (workspace_id, connection_id) DO UPDATE
            SET key_id = EXCLUDED.key_id, access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
                expires_at = EXCLUDED.expires_at, updated_at = now()
            """, workspaceID, connectionID, sealed.keyID, sealed.accessToken, sealed.refreshToken, sealed.expiresAt)
    }

    /// A credential as read for re-sealing: where it belongs and its ciphertext at that moment.
    struct StaleCredential: Sendable {
        var workspaceID: UUID
        var connectionID: UUID
        var sealed: SealedCredentials
    }

    /// Re-seals every credential not under the active key; returns how many moved.
    func reencrypt(with cipher: TokenCipher) async throws -> Int {
        try await move(try await staleCredentials(activeKeyID: cipher.activeKeyID), to: cipher)
    }

    /// Every credential sealed under a key other than `activeKeyID`.
    func staleCredentials(activeKeyID: String) async throws -> [StaleCredential] {
        try await postgres.query(
            """
            SELECT workspace_id, connection_id, key_id, access_token, refresh_token, expires_at
            FROM sync.credentials WHERE key_id <> $1
            """, activeKeyID
        ).rows.map { row in
            StaleCredential(
                workspaceID: try row.decode(at: 0), connectionID: try row.decode(at: 1),
                sealed: SealedCredentials(
                    keyID: try row.decode(at: 2), accessToken: try row.decode(at: 3), refreshToken: try row.decode(at: 4),
                    expiresAt: try row.decode(at: 5)))
        }
    }

    /// Re-seals `stale` under the cipher's active key. A row is rewritten only while it still
    /// holds the ciphertext that was read: a token refreshed (or re-sealed by a second run) in
    /// between is newer than what would be written, so it is left as it is.
    func move(_ stale: [StaleCredential], to cipher: TokenCipher) async throws -> Int {
        var moved = 0
        for credential in stale {
            let old = credential.sealed
            let plain = try cipher.open(old, workspaceID: credential.workspaceID, ownerID: credential.connectionID)
            let resealed = try cipher.seal(plain, workspaceID: credential.workspaceID, ownerID: credential.connectionID)
            moved += try await postgres.query(
                """
                UPDATE sync.credentials SET key_id = $6, access_token = $7, refresh_token = $8, updated_at = now()
                WHERE workspace_id = $1 AND connection_id = $2 AND key_id = $3
                  AND access_token = $4 AND refresh_token IS NOT DISTINCT FROM $5
                """, credential.workspaceID, credential.connectionID, old.keyID, old.accessToken, old.refreshToken,
                resealed.keyID, resealed.accessToken, resealed.refreshToken
            ).affectedRows
        }
        return moved
    }
}
