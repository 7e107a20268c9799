/// A person in a workspace: an active member (a provisioned user) or an invitation waiting for
/// that email to sign in for the first time.
struct Member: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable {
        case active
        case invited
    }

    /// The user id of an active member, the invitation id of an invited one.
    var id: String
    var email: String?
    var role: Role
    var status: Status
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, email, role, status
        case createdAt = "created_at"
    }

    /// A plausible email address: one `@`, something either side, no spaces, at most 254 characters.
    static func validate(email: String) throws -> String {
        let trimmed = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !trimmed.contains(where: \.isWhitespace)
        else { throw APIError.invalid("must be an email address", field: "email") }
        return trimmed
    }
}

/// A workspace a user belongs to, as listed by `GET /workspaces`.
struct WorkspaceMembership: Codable, Sendable, Equatable {
    var workspace: Workspace
    var role: Role
}
