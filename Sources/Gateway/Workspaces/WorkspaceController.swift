import Hummingbird

/// Routes for the current workspace, its settings and its API keys.
struct WorkspaceController {
    let store: any WorkspaceStore

    struct UpdateWorkspace: Codable {
        var name: String?
        var timezone: String?
        var currency: String?
    }

    struct CreateWorkspace: Codable {
        var name: String
        var timezone: String?
        var currency: String?
    }

    struct CreateAPIKey: Codable {
        var name: String
        var role: Role?
    }

    struct CreatedAPIKey: ResponseCodable {
        var key: APIKeyRecord
        /// The full key: shown in this response only.
        var apiKey: String

        enum CodingKeys: String, CodingKey {
            case key
            case apiKey = "api_key"
        }
    }

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.get("workspaces", use: list)
        routes.post("workspaces", use: create)
        routes.get("workspace", use: current)
        routes.patch("workspace", use: update)
        routes.get("workspaces/:id", use: byID)
        routes.get("api-keys", use: listKeys)
        routes.post("api-keys", use: createKey)
        routes.delete("api-keys/:id", use: revokeKey)
    }

    /// The workspaces the principal may act in, as authentication found them.
    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let page = try PageQuery(request)
        let all = context.memberships
        let start = page.cursor.flatMap { cursor in all.firstIndex { $0.workspace.id == cursor }.map { $0 + 1 } } ?? 0
        let fetched = Array(all.dropFirst(start).prefix(page.limit + 1))
        return try ETagged(Page(fetched: fetched, limit: page.limit, cursor: \.workspace.id)).response(from: request, context: context)
    }

    /// A signed-in user creates a workspace and becomes its admin. API keys belong to one
    /// workspace and cannot create others.
    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> EditedResponse<Workspace> {
        guard case .user(let userID) = try context.requirePrincipal().kind else {
            throw APIError.forbidden("API keys act in their own workspace; sign in as a user to create workspaces")
        }
        let body = try await StrictJSON.decode(CreateWorkspace.self, from: request)
        try Workspace.validate(name: body.name, timezone: body.timezone, currency: body.currency)
        let workspace = try await store.createWorkspace(
            name: body.name.trimmingCharacters(in: .whitespacesAndNewlines), timezone: body.timezone ?? "UTC",
            currency: body.currency ?? "USD", adminUserID: userID)
        return EditedResponse(status: .created, response: workspace)
    }

    @Sendable func current(_ request: Request, context: GatewayContext) async throws -> Response {
        try ETagged(context.requireAccess().workspace).response(from: request, context: context)
    }

    @Sendable func byID(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        // Another workspace's id is indistinguishable from one that does not exist.
        guard let visible = context.memberships.first(where: { $0.workspace.id.lowercased() == id.lowercased() }) else {
            throw APIError.notFound("workspace \(id) not found")
        }
        return try ETagged(visible.workspace).response(from: request, context: context)
    }

    @Sendable func update(_ request: Request, context: GatewayContext) async throws -> Workspace {
        let access = try context.requireAccess(.admin)
        let body = try await StrictJSON.decode(UpdateWorkspace.self, from: request)
        try Workspace.validate(name: body.name, timezone: body.timezone, currency: body.currency)
        guard
            let updated = try await store.updateWorkspace(
                id: access.workspace.id, name: body.name?.trimmingCharacters(in: .whitespacesAndNewlines),
                timezone: body.timezone, currency: body.currency)
        else { throw APIError.notFound("workspace not found") }
        return updated
    }

    @Sendable func listKeys(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess(.admin)
        let page = try PageQuery(request)
        let keys = try await store.apiKeys(workspaceID: access.workspace.id, after: page.cursor, limit: page.limit + 1)
        return try ETagged(Page(fetched: keys, limit: page.limit, cursor: \.id)).response(from: request, context: context)
    }

    @Sendable func createKey(_ request: Request, context: GatewayContext) async throws -> EditedResponse<CreatedAPIKey> {
        let access = try context.requireAccess(.admin)
        let body = try await StrictJSON.decode(CreateAPIKey.self, from: request)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw APIError.invalid("must be 1 to 100 characters", field: "name") }
        let role = body.role ?? .viewer
        let (record, plaintext) = try await store.createAPIKey(workspaceID: access.workspace.id, name: name, role: role)
        return EditedResponse(status: .created, response: CreatedAPIKey(key: record, apiKey: plaintext))
    }

    @Sendable func revokeKey(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        let access = try context.requireAccess(.admin)
        let id = try context.parameters.require("id")
        guard try await store.revokeAPIKey(workspaceID: access.workspace.id, id: id) else {
            throw APIError.notFound("API key \(id) not found")
        }
        return .noContent
    }
}

extension Workspace: ResponseCodable {}
extension APIKeyRecord: ResponseCodable {}
extension WorkspaceMembership: ResponseCodable {}
