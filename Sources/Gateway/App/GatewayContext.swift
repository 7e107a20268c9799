import Hummingbird
import NIOCore

/// The per-request context of the gateway: the request id, the connection's peer, and once
/// authenticated, who is asking and in which workspace.
struct GatewayContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The TCP peer (a proxy, behind one: see ``ClientAddressResolver``).
    let remoteAddress: SocketAddress?
    var requestID = ""
    var principal: Principal?
    var access: WorkspaceAccess?
    /// Why a signed-in user has no workspace for this request (none yet, or several and none named).
    var accessProblem: APIError?
    /// Every workspace the principal may act in: an API key's one, or a user's memberships.
    var memberships: [WorkspaceMembership] = []

    init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
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
