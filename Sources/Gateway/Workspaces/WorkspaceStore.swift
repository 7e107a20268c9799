/// The gateway's persistence of workspaces and API keys. Every method that touches a workspace's
/// data takes its id and filters on it.
protocol WorkspaceStore: Sendable {
    func createWorkspace(name: String, timezone: String, currency: String) async throws -> Workspace
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
}
