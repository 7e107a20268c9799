import Foundation
import MetricxPostgres

extension PostgresWorkspaceStore {
    func provisionUser(_ identity: VerifiedIdentity) async throws -> String {
        // The common case is one indexed read; writes happen on first sight or a changed email.
        let found = try await client.query(
            "SELECT id::text, email FROM gateway.users WHERE issuer = $1 AND subject = $2",
            identity.issuer, identity.subject)
        if let row = found.rows.first {
            let (id, email) = try row.decode(String.self, String?.self)
            if identity.email == nil || email == identity.email { return id }
        }
        return try await client.withTransaction { connection in
            let id: String = try await connection.query(
                """
                INSERT INTO gateway.users (id, issuer, subject, email) VALUES ($1, $2, $3, $4)
                ON CONFLICT (issuer, subject) DO UPDATE SET email = coalesce(EXCLUDED.email, gateway.users.email)
                RETURNING id::text
                """, UUID(), identity.issuer, identity.subject, identity.email
            ).single().decode(at: 0)
            if let email = identity.email {
                _ = try await connection.query(
                    """
                    WITH accepted AS (DELETE FROM gateway.invitations WHERE email = $1 RETURNING workspace_id, role)
                    INSERT INTO gateway.memberships (workspace_id, user_id, role)
                    SELECT workspace_id, $2, role FROM accepted ON CONFLICT DO NOTHING
                    """, email, try Self.uuid(id))
            }
            return id
        }
    }

    func memberships(userID: String) async throws -> [WorkspaceMembership] {
        let columns = Self.workspaceColumns.replacingOccurrences(of: "id, name", with: "w.id, w.name")
            .replacingOccurrences(of: "created_at", with: "w.created_at")
        let result = try await client.query(
            """
            SELECT \(columns), m.role FROM gateway.memberships m JOIN gateway.workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = $1 ORDER BY m.created_at, w.id
            """, try Self.uuid(userID))
        return try result.rows.map { row in
            WorkspaceMembership(workspace: try Self.workspace(row), role: Role(rawValue: try row.decode(at: 5)) ?? .viewer)
        }
    }

    private static let memberUnion = """
        WITH everyone AS (
            SELECT u.id, u.email, m.role, 'active' AS status, m.created_at
            FROM gateway.memberships m JOIN gateway.users u ON u.id = m.user_id WHERE m.workspace_id = $1
            UNION ALL
            SELECT id, email, role, 'invited', created_at FROM gateway.invitations WHERE workspace_id = $1
        )
        """
    private static let memberColumns = "id::text, email, role, status, to_char(created_at AT TIME ZONE 'UTC', \(timestamp))"

    func members(workspaceID: String, after cursor: String?, limit: Int) async throws -> [Member] {
        let cursorID = try cursor.map { try Self.uuid($0, field: "cursor") }
        let result = try await client.query(
            """
            \(Self.memberUnion)
            SELECT \(Self.memberColumns) FROM everyone
            WHERE $2::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM everyone WHERE id = $2)
            ORDER BY created_at, id LIMIT $3
            """, try Self.uuid(workspaceID), cursorID, limit)
        return try result.rows.map(Self.member)
    }

    func addMember(workspaceID: String, email: String, role: Role) async throws -> Member {
        let workspace = try Self.uuid(workspaceID)
        return try await client.withTransaction { connection in
            // Serialises concurrent invitations of one email into this workspace.
            _ = try await connection.query("SELECT 1 FROM gateway.workspaces WHERE id = $1 FOR UPDATE", workspace)
            let existing = try await connection.query(
                """
                \(Self.memberUnion) SELECT 1 FROM everyone WHERE email = $2
                """, workspace, email)
            guard existing.rows.isEmpty else { throw APIError.alreadyMember(email) }
            let user = try await connection.query(
                "SELECT id FROM gateway.users WHERE email = $1 ORDER BY created_at LIMIT 1", email)
            let id: UUID
            if let row = user.rows.first {
                id = try row.decode(at: 0)
                _ = try await connection.query(
                    "INSERT INTO gateway.memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)",
                    workspace, id, role.rawValue)
            } else {
                id = UUID()
                _ = try await connection.query(
                    "INSERT INTO gateway.invitations (workspace_id, id, email, role) VALUES ($1, $2, $3, $4)",
                    workspace, id, email, role.rawValue)
            }
            return try await Self.member(id: id, workspace: workspace, connection)!
        }
    }

    func updateMember(workspaceID: String, id: String, role: Role) async throws -> Member? {
        guard let member = UUID(uuidString: id) else { return nil }
        let workspace = try Self.uuid(workspaceID)
        return try await client.withTransaction { connection in
            try await Self.guardLastAdmin(workspace: workspace, member: member, newRole: role, connection)
            let updated = try await connection.query(
                "UPDATE gateway.memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2", workspace, member, role.rawValue)
            if updated.affectedRows == 0 {
                _ = try await connection.query(
                    "UPDATE gateway.invitations SET role = $3 WHERE workspace_id = $1 AND id = $2", workspace, member, role.rawValue)
            }
            return try await Self.member(id: member, workspace: workspace, connection)
        }
    }

    func removeMember(workspaceID: String, id: String) async throws -> Bool {
        guard let member = UUID(uuidString: id) else { return false }
        let workspace = try Self.uuid(workspaceID)
        return try await client.withTransaction { connection in
            try await Self.guardLastAdmin(workspace: workspace, member: member, newRole: nil, connection)
            let removed = try await connection.query(
                "DELETE FROM gateway.memberships WHERE workspace_id = $1 AND user_id = $2", workspace, member)
            if removed.affectedRows == 1 { return true }
            return try await connection.query(
                "DELETE FROM gateway.invitations WHERE workspace_id = $1 AND id = $2", workspace, member
            ).affectedRows == 1
        }
    }

    /// Throws 409 when `member` is the workspace's only admin and would stop being one.
    private static func guardLastAdmin(workspace: UUID, member: UUID, newRole: Role?, _ connection: PostgresConnection) async throws {
        guard newRole != .admin else { return }
        let admins = try await connection.query(
            "SELECT user_id FROM gateway.memberships WHERE workspace_id = $1 AND role = 'admin' FOR UPDATE", workspace
        ).column(UUID.self)
        if admins == [member] { throw APIError.lastAdmin() }
    }

    private static func member(id: UUID, workspace: UUID, _ connection: PostgresConnection) async throws -> Member? {
        let result = try await connection.query(
            "\(memberUnion) SELECT \(memberColumns) FROM everyone WHERE id = $2", workspace, id)
        return try result.rows.first.map(member)
    }

    private static func member(_ row: PostgresRow) throws -> Member {
        let (id, email, role, status, created) = try row.decode(String.self, String?.self, String.self, String.self, String.self)
        return Member(
            id: id, email: email, role: Role(rawValue: role) ?? .viewer, status: Member.Status(rawValue: status) ?? .active,
            createdAt: created)
    }
}
