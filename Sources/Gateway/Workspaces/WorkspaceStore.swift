/// The gateway's persistence of workspaces, their members and API keys. Every method that touches
/// a workspace's data takes its id and filters on it.
protocol WorkspaceStore: Sendable {
    /// Creates a workspace; `adminUserID`, when given, becomes its first admin member.
    func createWorkspace(name: String, timezone: String, currency: String, adminUserID: String?) async throws -> Workspace
    func workspace(id: String) async throws -> Workspace?
    func updateWorkspace(id: String, name: String?, timezone: String?, currency: String?) async throws -> Workspace?

    /// Creates a key and returns it with its plaintext, the only time that is available.
    func createAPIKey(workspaceID: String, name: String, role: Role) async throws -> (APIKeyRecord, String)
    /// Keys of a workspace, newest first, after the cursor (a key id).
    func apiKeys(workspaceID: String, after cursor: String?, limit: Int) async throws -> [APIKeyRecord]
    /// Revokes a key; false when the workspace has no such key.
    func revokeAPIKey(workspaceID: String, id: String) async throws -> Bool
    /// Resolves a presented key to its id and workspace access, or nil when unknown or revoked.
    func authenticate(_ token: APIKeyToken) async throws -> (keyID: String, access: WorkspaceAccess)?

    /// The user id of a verified identity, created on first sight; invitations for its email
    /// become memberships then.
    func provisionUser(_ identity: VerifiedIdentity) async throws -> String
    /// The workspaces a user belongs to, oldest membership first.
    func memberships(userID: String) async throws -> [WorkspaceMembership]

    /// Members and invitations of a workspace, oldest first, after the cursor (a member id).
    func members(workspaceID: String, after cursor: String?, limit: Int) async throws -> [Member]
    /// Adds the user with this email, or invites the email when no such user exists yet.
    /// Throws 409 when the email is already a member or invited.
    func addMember(workspaceID: String, email: String, role: Role) async throws -> Member
    /// Changes a member's role; nil when the workspace has no such member. Throws 409 when it
    /// would leave a workspace with members but no admin.
    func updateMember(workspaceID: String, id: String, role: Role) async throws -> Member?
    /// Removes a member or invitation; false when there is none. Same 409 rule as updating.
    func removeMember(workspaceID: String, id: String) async throws -> Bool
}

extension WorkspaceStore {
    func createWorkspace(name: String, timezone: String, currency: String) async throws -> Workspace {
        try await createWorkspace(name: name, timezone: timezone, currency: currency, adminUserID: nil)
    }
}

extension APIError {
    static func lastAdmin() -> APIError {
        APIError(.conflict, code: "conflict", "a workspace with members keeps at least one admin member")
    }

    static func alreadyMember(_ email: String) -> APIError {
        APIError(.conflict, code: "conflict", "\(email) is already a member or invited", field: "email")
    }
}
