/// A workspace role, ordered by what it may do.
enum Role: String, Codable, Sendable, Comparable, CaseIterable {
    case viewer
    case editor
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Who made a request.
struct Principal: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An API key: bound to one workspace with one role.
        case apiKey(id: String, workspaceID: String, role: Role)
        /// A user from a verified JWT: acts in the workspaces they are a member of.
        case user(id: String)
    }

    var kind: Kind

    /// How the principal travels in RPC metadata and logs: `key:<id>` or `user:<id>`.
    var identifier: String {
        switch kind {
        case .apiKey(let id, _, _): "key:\(id)"
        case .user(let id): "user:\(id)"
        }
    }
}

/// The workspace a request acts in and the principal's role there.
struct WorkspaceAccess: Sendable, Equatable {
    var workspace: Workspace
    var role: Role

    /// Throws 403 unless the role is at least `minimum`.
    func require(_ minimum: Role) throws {
        guard role >= minimum else {
            throw APIError.forbidden("this action needs the \(minimum.rawValue) role; you are \(role.rawValue)")
        }
    }
}
