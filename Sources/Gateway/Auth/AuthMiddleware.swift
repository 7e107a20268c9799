import Hummingbird
import MetricxRuntime

/// Authenticates `Authorization: Bearer <token>` and resolves the workspace the request acts in.
/// From here on, the workspace id and principal travel in every RPC's metadata, where each service
/// enforces them in its own queries.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let store: any WorkspaceStore

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("missing Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must be Bearer <token>")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard let apiKey = APIKeyToken(token), let (keyID, access) = try await store.authenticate(apiKey) else {
            throw APIError.unauthenticated("the token is invalid, expired or revoked")
        }
        // An API key belongs to one workspace; naming another one finds nothing.
        if let picked = request.headers[.workspaceID], picked.lowercased() != access.workspace.id.lowercased() {
            throw APIError.notFound("workspace \(picked) not found")
        }
        var context = context
        context.principal = Principal(kind: .apiKey(id: keyID, workspaceID: access.workspace.id, role: access.role))
        context.access = access
        let requestContext = RequestContext(
            requestID: context.requestID, workspaceID: access.workspace.id,
            principal: context.principal?.identifier, role: access.role.rawValue)
        return try await RequestContext.$current.withValue(requestContext) {
            try await next(request, context)
        }
    }
}
