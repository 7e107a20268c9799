import Foundation

extension PostgresConnection {
    /// How a workspace lock is held.
    public enum LockMode: Sendable {
        /// One holder at a time.
        case exclusive
        /// Any number of shared holders together, never beside an exclusive one.
        case shared
    }

    /// Waits for, then holds until the transaction ends, the advisory lock named `scope` for one
    /// workspace (`hashtext('<scope>:<workspace id>')`). Serialises one kind of write within a
    /// workspace across every replica, while other workspaces go on in parallel.
    public func lockWorkspace(_ workspaceID: UUID, scope: String, mode: LockMode = .exclusive) async throws {
        let function = mode == .shared ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock"
        try await query("SELECT \(function)(hashtext($1 || ':' || $2::text))", scope, workspaceID)
    }
}
