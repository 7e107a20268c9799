import Foundation

extension PostgresConnection {
    /// Waits for, then holds until the transaction ends, the advisory lock named `scope` for one
    /// workspace (`hashtext('<scope>:<workspace id>')`). Serialises one kind of write within a
    /// workspace across every replica, while other workspaces go on in parallel.
    public func lockWorkspace(_ workspaceID: UUID, scope: String) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtext($1 || ':' || $2::text))", scope, workspaceID)
    }
}
