import Foundation
import Synchronization

/// ``WorkspaceStore`` in memory, for router tests that need no database.
final class InMemoryWorkspaceStore: WorkspaceStore {
    struct Key {
        var record: APIKeyRecord
        var workspaceID: String
        var hash: Data
        var sequence: Int
    }

    struct User {
        var id: String
        var issuer: String
        var subject: String
        var email: String?
    }

    /// A member or invitation: `userID` nil for an invitation.
    struct Seat {
        var member: Member
        var workspaceID: String
        var userID: String?
        var sequence: Int
    }

    struct State {
        var workspaces: [String: Workspace] = [:]
        var keys: [String: Key] = [:]
        var users: [String: User] = [:]
        var seats: [Seat] = []
        var sequence = 0

        mutating func next() -> Int {
            sequence += 1
            return sequence
        }
    }

    let state = Mutex(State())

    func createWorkspace(name: String, timezone: String, currency: String, adminUserID: String?) async throws -> Workspace {
        let workspace = Workspace(
            id: UUID().uuidString.lowercased(), name: name, timezone: timezone, currency: currency,
            createdAt: Date().formatted(.iso8601))
        state.withLock { state in
            state.workspaces[workspace.id] = workspace
            if let adminUserID, let user = state.users[adminUserID] {
                let member = Member(id: user.id, email: user.email, role: .admin, status: .active, createdAt: workspace.createdAt)
                state.seats.append(Seat(member: member, workspaceID: workspace.id, userID: user.id, sequence: state.next()))
            }
        }
        return workspace
    }

    func workspace(id: String) async throws -> Workspace? {
        state.withLock { $0.workspaces[id.lowercased()] }
    }

    func updateWorkspace(id: String, name: String?, timezone: String?, currency: String?) async throws -> Workspace? {
        state.withLock { state in
            guard var workspace = state.workspaces[id.lowercased()] else { return nil }
            workspace.name = name ?? workspace.name
            workspace.timezone = timezone ?? workspace.timezone
            workspace.currency = currency ?? workspace.currency
            state.workspaces[workspace.id] = workspace
            return workspace
        }
    }

    func createAPIKey(workspaceID: String, name: String, role: Role) async throws -> (APIKeyRecord, String) {
        let token = APIKeyToken.generate()
        let record = APIKeyRecord(
            id: UUID().uuidString.lowercased(), name: name, prefix: token.prefix, role: role,
            createdAt: Date().formatted(.iso8601))
        state.withLock { state in
            state.sequence += 1
            state.keys[record.id] = Key(record: record, workspaceID: workspaceID, hash: token.secretHash, sequence: state.sequence)
        }
        return (record, token.plaintext)
    }

    func apiKeys(workspaceID: String, after cursor: String?, limit: Int) async throws -> [APIKeyRecord] {
        state.withLock { state in
            let all = state.keys.values.filter { $0.workspaceID == workspaceID }.sorted { $0.sequence > $1.sequence }
            let start = cursor.flatMap { id in all.firstIndex { $0.record.id == id }.map { $0 + 1 } } ?? 0
            return all.dropFirst(start).prefix(limit).map(\.record)
        }
    }

    func revokeAPIKey(workspaceID: String, id: String) async throws -> Bool {
        state.withLock { state in
            guard var key = state.keys[id.lowercased()], key.workspaceID == workspaceID else { return false }
            key.record.revokedAt = key.record.revokedAt ?? Date().formatted(.iso8601)
            state.keys[key.record.id] = key
            return true
        }
    }

    func authenticate(_ token: APIKeyToken) async throws -> (keyID: String, access: WorkspaceAccess)? {
        state.withLock { state in
            guard let key = state.keys.values.first(where: { $0.record.prefix == token.prefix }),
                key.record.revokedAt == nil, token.matches(hash: key.hash),
                let workspace = state.workspaces[key.workspaceID]
            else { return nil }
            return (key.record.id, WorkspaceAccess(workspace: workspace, role: key.record.role))
        }
    }
}
