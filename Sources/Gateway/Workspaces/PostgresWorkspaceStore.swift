import Foundation
import MetricxPostgres

/// ``WorkspaceStore`` in the `gateway` schema.
struct PostgresWorkspaceStore: WorkspaceStore {
    let client: PostgresClient

    static let timestamp = #"'YYYY-MM-DD"T"HH24:MI:SS"Z"'"#
    static let workspaceColumns = "id, name, timezone, currency, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    private static let keyColumns = """
        id, name, prefix, role, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        """

    func createWorkspace(name: String, timezone: String, currency: String, adminUserID: String?) async throws -> Workspace {
        let admin = try adminUserID.map { try Self.uuid($0) }
        try await requireKnownToPostgres(timezone)
        return try await client.withTransaction { connection in
            let row = try await connection.query(
                "INSERT INTO gateway.workspaces (id, name, timezone, currency) VALUES ($1, $2, $3, $4) RETURNING \(Self.workspaceColumns)",
                UUID(), name, timezone, currency
            ).single()
            let workspace = try Self.workspace(row)
            if let admin {
                _ = try await connection.query(
                    "INSERT INTO gateway.memberships (workspace_id, user_id, role) VALUES ($1, $2, 'admin')",
                    try Self.uuid(workspace.id), admin)
            }
            return workspace
        }
    }

    func workspace(id: String) async throws -> Workspace? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let result = try await client.query("SELECT \(Self.workspaceColumns) FROM gateway.workspaces WHERE id = $1", uuid)
        return try result.rows.first.map(Self.workspace)
    }

    func updateWorkspace(id: String, name: String?, timezone: String?, currency: String?) async throws -> Workspace? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        if let timezone { try await requireKnownToPostgres(timezone) }
        let result = try await client.query(
            """
            UPDATE gateway.workspaces SET name = coalesce($2, name), timezone = coalesce($3, timezone),
                currency = coalesce($4, currency)
            WHERE id = $1 RETURNING \(Self.workspaceColumns)
            """, uuid, name, timezone, currency)
        return try result.rows.first.map(Self.workspace)
    }

    /// The services group by local day in SQL (`AT TIME ZONE`), so a zone Foundation knows but
    /// this server's tz database does not would fail every query of the workspace later.
    private func requireKnownToPostgres(_ timezone: String) async throws {
        let known = try await client.query("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1)", timezone).single()
        guard try known.decode(Bool.self) else {
            throw APIError.invalid("unknown time zone: use an IANA region name such as Europe/Berlin, or UTC", field: "timezone")
        }
    }

    func createAPIKey(workspaceID: String, name: String, role: Role) async throws -> (APIKeyRecord, String) {
        let token = APIKeyToken.generate()
        let row = try await client.query(
            """
            INSERT INTO gateway.api_keys (workspace_id, id, prefix, secret_hash, name, role)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING \(Self.keyColumns)
            """, try Self.uuid(workspaceID), UUID(), token.prefix, token.secretHash, name, role.rawValue
        ).single()
        return (try Self.key(row), token.plaintext)
    }

    func apiKeys(workspaceID: String, after cursor: String?, limit: Int) async throws -> [APIKeyRecord] {
        let workspace = try Self.uuid(workspaceID)
        let result: PostgresResult
        if let cursor {
            result = try await client.query(
                """
                SELECT \(Self.keyColumns) FROM gateway.api_keys
                WHERE workspace_id = $1 AND (created_at, id) < (SELECT created_at, id FROM gateway.api_keys WHERE workspace_id = $1 AND id = $2)
                ORDER BY created_at DESC, id DESC LIMIT $3
                """, workspace, try Self.uuid(cursor, field: "cursor"), limit)
        } else {
            result = try await client.query(
                "SELECT \(Self.keyColumns) FROM gateway.api_keys WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
                workspace, limit)
        }
        return try result.rows.map(Self.key)
    }

    func revokeAPIKey(workspaceID: String, id: String) async throws -> Bool {
        guard let key = UUID(uuidString: id) else { return false }
        let result = try await client.query(
            "UPDATE gateway.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE workspace_id = $1 AND id = $2",
            try Self.uuid(workspaceID), key)
        return result.affectedRows == 1
    }

    func authenticate(_ token: APIKeyToken) async throws -> (keyID: String, access: WorkspaceAccess)? {
        // One round trip for the key and its workspace's settings, which most routes need.
        let result = try await client.query(
            """
            SELECT k.id, k.role, k.secret_hash, \(Self.workspaceColumns.replacingOccurrences(of: "id, name", with: "w.id, w.name").replacingOccurrences(of: "created_at", with: "w.created_at"))
            FROM gateway.api_keys k JOIN gateway.workspaces w ON w.id = k.workspace_id
            WHERE k.prefix = $1 AND k.revoked_at IS NULL
            """, token.prefix)
        guard let row = result.rows.first else { return nil }
        let (id, role, hash) = try row.decode(String.self, String.self, Data.self)
        guard token.matches(hash: hash), let parsedRole = Role(rawValue: role) else { return nil }
        let workspace = Workspace(
            id: try row.decode(at: 3), name: try row.decode(at: 4), timezone: try row.decode(at: 5),
            currency: try row.decode(at: 6), createdAt: try row.decode(at: 7))
        // Best effort, off the request's path: when a key was last used is informative only.
        let client = self.client
        Task.detached {
            _ = try? await client.query(
                "UPDATE gateway.api_keys SET last_used_at = now() WHERE workspace_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
                workspace.id, id)
        }
        return (id, WorkspaceAccess(workspace: workspace, role: parsedRole))
    }

    // MARK: - Rows

    static func workspace(_ row: PostgresRow) throws -> Workspace {
        let (id, name, timezone, currency, created) = try row.decode(String.self, String.self, String.self, String.self, String.self)
        return Workspace(id: id, name: name, timezone: timezone, currency: currency, createdAt: created)
    }

    private static func key(_ row: PostgresRow) throws -> APIKeyRecord {
        let (id, name, prefix, role, created, used, revoked) = try row.decode(
            String.self, String.self, String.self, String.self, String.self, String?.self, String?.self)
        return APIKeyRecord(
            id: id, name: name, prefix: prefix, role: Role(rawValue: role) ?? .viewer, createdAt: created,
            lastUsedAt: used, revokedAt: revoked)
    }

    static func uuid(_ text: String, field: String = "id") throws -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw APIError.invalid("must be a UUID", field: field) }
        return uuid
    }
}
