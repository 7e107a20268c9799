import Hummingbird
import MetricxRuntime

/// Authenticates `Authorization: Bearer <token>` — an API key or, when configured, a JWT — and
/// resolves the workspace the request acts in. From here on, the workspace id and principal
/// travel in every RPC's metadata, where each service enforces them in its own queries.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let store: any WorkspaceStore
    let jwt: JWTVerifier?

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("missing Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must be Bearer <token>")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let picked = request.headers[.workspaceID]?.lowercased()
        var context = context
        if let apiKey = APIKeyToken(token) {
            guard let (keyID, access) = try await store.authenticate(apiKey) else {
                throw APIError.unauthenticated("the API key is invalid or revoked")
            }
            // An API key belongs to one workspace; naming another one finds nothing.
            if let picked, picked != access.workspace.id.lowercased() { throw APIError.notFound("workspace \(picked) not found") }
            context.principal = Principal(kind: .apiKey(id: keyID, workspaceID: access.workspace.id, role: access.role))
            context.access = access
            context.memberships = [WorkspaceMembership(workspace: access.workspace, role: access.role)]
        } else if let jwt {
            let identity: VerifiedIdentity
            do {
                identity = try await jwt.verify(token)
            } catch let error as JWTVerificationError where error.code == .jwksUnavailable {
                throw APIError(.serviceUnavailable, code: "unavailable", "sign-in is temporarily unavailable: \(error.message)")
            } catch let error as JWTVerificationError {
                throw APIError.unauthenticated(error.message)
            }
            let userID = try await store.provisionUser(identity)
            context.principal = Principal(kind: .user(id: userID))
            let memberships = try await store.memberships(userID: userID)
            context.memberships = memberships
            if let picked {
                guard let membership = memberships.first(where: { $0.workspace.id.lowercased() == picked }) else {
                    throw APIError.notFound("workspace \(picked) not found")
                }
                context.access = WorkspaceAccess(workspace: membership.workspace, role: membership.role)
            } else if memberships.count == 1 {
                context.access = WorkspaceAccess(workspace: memberships[0].workspace, role: memberships[0].role)
            } else if memberships.isEmpty {
                context.accessProblem = .notFound(
                    "you are not a member of any workspace; create one with POST /workspaces or ask an admin to add you")
            } else {
                context.accessProblem = .badRequest(
                    "you belong to several workspaces; name one in the X-Workspace-Id header", field: "X-Workspace-Id")
            }
        } else {
            throw APIError.unauthenticated("the token is not a valid API key")
        }
        let requestContext = RequestContext(
            requestID: context.requestID, workspaceID: context.access?.workspace.id,
            principal: context.principal?.identifier, role: context.access?.role.rawValue)
        return try await RequestContext.$current.withValue(requestContext) { [context] in
            try await next(request, context)
        }
    }
}
