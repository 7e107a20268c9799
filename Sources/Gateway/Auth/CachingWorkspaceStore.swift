import Foundation
import Synchronization

/// A ``WorkspaceStore`` that remembers successful API-key authentications for a few seconds, so
/// that a busy key costs no database round trip per request.
///
/// Only the key's stored hash is cached, and every request is still checked against it. Revoking
/// a key or changing a workspace through this gateway takes effect at once; through another
/// replica, within `ttl`.
final class CachingWorkspaceStore: WorkspaceStore {
    private struct Entry {
        var keyID: String
        var access: WorkspaceAccess
        var secretHash: Data
        var expires: ContinuousClock.Instant
    }

    private let base: any WorkspaceStore
    private let ttl: Duration
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(_ base: any WorkspaceStore, ttl: Duration = .seconds(10), capacity: Int = 10_000) {
        self.base = base
        self.ttl = ttl
        self.capacity = capacity
    }

    func authenticate(_ token: APIKeyToken) async throws -> (keyID: String, access: WorkspaceAccess)? {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[token.prefix] }), entry.expires > now {
            return token.matches(hash: entry.secretHash) ? (entry.keyID, entry.access) : nil
        }
        guard let (keyID, access) = try await base.authenticate(token) else { return nil }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token.prefix] = Entry(keyID: keyID, access: access, secretHash: token.secretHash, expires: now + ttl)
        }
        return (keyID, access)
    }

    func revokeAPIKey(workspaceID: String, id: String) async throws -> Bool {
        let revoked = try await base.revokeAPIKey(workspaceID: workspaceID, id: id)
        entries.withLock { $0 = $0.filter { $0.value.keyID.lowercased() != id.lowercased() } }
        return revoked
    }

    func updateWorkspace(id: String, name: String?, timezone: String?, currency: String?) async throws -> Workspace? {
        let updated = try await base.updateWorkspace(id: id, name: name, timezone: timezone, currency: currency)
        entries.withLock { $0 = $0.filter { $0.value.access.workspace.id.lowercased() != id.lowercased() } }
        return updated
    }

    // MARK: - Passed through

    func createWorkspace(name: String, timezone: String, currency: String, adminUserID: String?) async throws -> Workspace {
        try await base.createWorkspace(name: name, timezone: timezone, currency: currency, adminUserID: adminUserID)
    }

    func workspace(id: String) async throws -> Workspace? { try await base.workspace(id: id) }

    func createAPIKey(workspaceID: String, name: String, role: Role) async throws -> (APIKeyRecord, String) {
        try await base.createAPIKey(workspaceID: workspaceID, name: name, role: role)
    }

    func apiKeys(workspaceID: String, after cursor: String?, limit: Int) async throws -> [APIKeyRecord] {
        try await base.apiKeys(workspaceID: workspaceID, after: cursor, limit: limit)
    }

    func provisionUser(_ identity: VerifiedIdentity) async throws -> String { try await base.provisionUser(identity) }

    func memberships(userID: String) async throws -> [WorkspaceMembership] { try await base.memberships(userID: userID) }

    func members(workspaceID: String, after cursor: String?, limit: Int) async throws -> [Member] {
        try await base.members(workspaceID: workspaceID, after: cursor, limit: limit)
    }

    func addMember(workspaceID: String, email: String, role: Role) async throws -> Member {
        try await base.addMember(workspaceID: workspaceID, email: email, role: role)
    }

    func updateMember(workspaceID: String, id: String, role: Role) async throws -> Member? {
        try await base.updateMember(workspaceID: workspaceID, id: id, role: role)
    }

    func removeMember(workspaceID: String, id: String) async throws -> Bool {
        try await base.removeMember(workspaceID: workspaceID, id: id)
    }
}
