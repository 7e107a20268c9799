import Hummingbird

/// Routes for the current workspace's members and invitations. Anyone in the workspace may list
/// them; only admins change them.
struct MemberController {
    let store: any WorkspaceStore

    struct AddMember: Codable {
        var email: String
        var role: Role?
    }

    struct UpdateMember: Codable {
        var role: Role
    }

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.get("members", use: list)
        routes.post("members", use: add)
        routes.patch("members/:id", use: update)
        routes.delete("members/:id", use: remove)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess()
        let page = try PageQuery(request)
        let members = try await store.members(workspaceID: access.workspace.id, after: page.cursor, limit: page.limit + 1)
        return try ETagged(Page(fetched: members, limit: page.limit, cursor: \.id)).response(from: request, context: context)
    }

    @Sendable func add(_ request: Request, context: GatewayContext) async throws -> EditedResponse<Member> {
        let access = try context.requireAccess(.admin)
        let body = try await StrictJSON.decode(AddMember.self, from: request)
        let email = try Member.validate(email: body.email)
        let member = try await store.addMember(workspaceID: access.workspace.id, email: email, role: body.role ?? .viewer)
        return EditedResponse(status: .created, response: member)
    }

    @Sendable func update(_ request: Request, context: GatewayContext) async throws -> Member {
        let access = try context.requireAccess(.admin)
        let id = try context.parameters.require("id")
        let body = try await StrictJSON.decode(UpdateMember.self, from: request)
        guard let member = try await store.updateMember(workspaceID: access.workspace.id, id: id, role: body.role) else {
            throw APIError.notFound("member \(id) not found")
        }
        return member
    }

    @Sendable func remove(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        let access = try context.requireAccess(.admin)
        let id = try context.parameters.require("id")
        guard try await store.removeMember(workspaceID: access.workspace.id, id: id) else {
            throw APIError.notFound("member \(id) not found")
        }
        return .noContent
    }
}

extension Member: ResponseCodable {}
