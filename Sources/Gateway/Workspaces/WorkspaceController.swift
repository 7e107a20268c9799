import Hummingbird

/// Routes for the current workspace, its settings and its API keys.
struct WorkspaceController {
    let store: any WorkspaceStore

    struct UpdateWorkspace: Codable {
        var name: String?
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
        routes.get("workspace", use: current)
        routes.patch("workspace", use: update)
        routes.get("workspaces/:id", use: byID)
        routes.get("api-keys", use: listKeys)
        routes.post("api-keys", use: createKey)
        routes.delete("api-keys/:id", use: revokeKey)
    }

    @Sendable func current(_ request: Request, context: GatewayContext) async throws -> Workspace {
        try context.requireAccess().workspace
    }

    @Sendable func byID(_ request: Request, context: GatewayContext) async throws -> Workspace {
        let access = try context.requireAccess()
        let id = try context.parameters.require("id")
        // Another workspace's id is indistinguishable from one that does not exist.
        guard id.lowercased() == access.workspace.id.lowercased() else { throw APIError.notFound("workspace \(id) not found") }
        return access.workspace
    }

    @Sendable func update(_ request: Request, context: GatewayContext) async throws -> Workspace {
        let access = try context.requireAccess(.admin)
        let body = try await StrictJSON.decode(UpdateWorkspace.self, from: request)
        try Workspace.validate(name: body.name)
        try Workspace.validate(timezone: body.timezone)
        try Workspace.validate(currency: body.currency)
        guard let updated = try await store.updateWorkspace(
            id: access.workspace.id, name: body.name?.trimmingCharacters(in: .whitespacesAndNewlines),
            timezone: body.timezone, currency: body.currency)
        else { throw APIError.notFound("workspace not found") }
        return updated
    }

    @Sendable func listKeys(_ request: Request, context: GatewayContext) async throws -> Page<APIKeyRecord> {
        let access = try context.requireAccess(.admin)
        let page = try PageQuery(request)
        let keys = try await store.apiKeys(workspaceID: access.workspace.id, after: page.cursor, limit: page.limit + 1)
        let items = Array(keys.prefix(page.limit))
        return Page(items: items, nextCursor: keys.count > page.limit ? items.last?.id : nil)
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
