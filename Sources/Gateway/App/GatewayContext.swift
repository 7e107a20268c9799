import Hummingbird

/// The per-request context of the gateway: the request id, and once authenticated, who is asking
/// and in which workspace.
struct GatewayContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID = ""
    var principal: Principal?
    var access: WorkspaceAccess?
    /// Why a signed-in user has no workspace for this request (none yet, or several and none named).
    var accessProblem: APIError?
    /// Every workspace the principal may act in: an API key's one, or a user's memberships.
    var memberships: [WorkspaceMembership] = []

    init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// The workspace the request acts in; every workspace route requires it.
    func requireAccess(_ minimum: Role = .viewer) throws -> WorkspaceAccess {
        guard let access else { throw accessProblem ?? APIError.unauthenticated("authentication required") }
        try access.require(minimum)
        return access
    }

    func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated("authentication required") }
        return principal
    }
}
