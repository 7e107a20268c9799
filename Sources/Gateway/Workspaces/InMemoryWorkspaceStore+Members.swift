import Foundation

extension InMemoryWorkspaceStore {
    func provisionUser(_ identity: VerifiedIdentity) async throws -> String {
        state.withLock { state in
            var user =
                state.users.values.first { $0.issuer == identity.issuer && $0.subject == identity.subject }
                ?? User(id: UUID().uuidString.lowercased(), issuer: identity.issuer, subject: identity.subject)
            user.email = identity.email ?? user.email
            state.users[user.id] = user
            if let email = identity.email {
                for index in state.seats.indices where state.seats[index].userID == nil && state.seats[index].member.email == email {
                    let workspaceID = state.seats[index].workspaceID
                    if state.seats.contains(where: { $0.workspaceID == workspaceID && $0.userID == user.id }) { continue }
                    state.seats[index].userID = user.id
                    state.seats[index].member.id = user.id
                    state.seats[index].member.status = .active
                }
                state.seats.removeAll { $0.userID == nil && $0.member.email == email }
            }
            return user.id
        }
    }

    func memberships(userID: String) async throws -> [WorkspaceMembership] {
        state.withLock { state in
            state.seats.filter { $0.userID == userID }.sorted { $0.sequence < $1.sequence }.compactMap { seat in
                state.workspaces[seat.workspaceID].map { WorkspaceMembership(workspace: $0, role: seat.member.role) }
            }
        }
    }

    func members(workspaceID: String, after cursor: String?, limit: Int) async throws -> [Member] {
        state.withLock { state in
            let all = state.seats.filter { $0.workspaceID == workspaceID }.sorted { $0.sequence < $1.sequence }
            let start = cursor.flatMap { id in all.firstIndex { $0.member.id == id }.map { $0 + 1 } } ?? 0
            return all.dropFirst(start).prefix(limit).map(\.member)
        }
    }

    func addMember(workspaceID: String, email: String, role: Role) async throws -> Member {
        try state.withLock { state in
            guard !state.seats.contains(where: { $0.workspaceID == workspaceID && $0.member.email == email }) else {
                throw APIError.alreadyMember(email)
            }
            let user = state.users.values.first { $0.email == email }
            let member = Member(
                id: user?.id ?? UUID().uuidString.lowercased(), email: email, role: role,
                status: user == nil ? .invited : .active, createdAt: Date().formatted(.iso8601))
            state.seats.append(Seat(member: member, workspaceID: workspaceID, userID: user?.id, sequence: state.next()))
            return member
        }
    }

    func updateMember(workspaceID: String, id: String, role: Role) async throws -> Member? {
        try state.withLock { state in
            guard let index = state.seats.firstIndex(where: { $0.workspaceID == workspaceID && $0.member.id == id.lowercased() })
            else { return nil }
            if role != .admin { try Self.guardLastAdmin(state, workspaceID: workspaceID, seat: index) }
            state.seats[index].member.role = role
            return state.seats[index].member
        }
    }

    func removeMember(workspaceID: String, id: String) async throws -> Bool {
        try state.withLock { state in
            guard let index = state.seats.firstIndex(where: { $0.workspaceID == workspaceID && $0.member.id == id.lowercased() })
            else { return false }
            try Self.guardLastAdmin(state, workspaceID: workspaceID, seat: index)
            state.seats.remove(at: index)
            return true
        }
    }

    private static func guardLastAdmin(_ state: State, workspaceID: String, seat index: Int) throws {
        let admins = state.seats.indices.filter {
            state.seats[$0].workspaceID == workspaceID && state.seats[$0].userID != nil && state.seats[$0].member.role == .admin
        }
        if admins == [index] { throw APIError.lastAdmin() }
    }
}
