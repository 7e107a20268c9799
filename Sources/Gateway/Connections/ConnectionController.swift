import Foundation
import Hummingbird
import MetricxProtos

/// Connections to ad platforms and stores, their sync history, and the OAuth flows that create
/// them — translated to SyncSvc RPCs. Tokens go in (create, OAuth) and never come out.
struct ConnectionController {
    let sync: any Metricx_V1_SyncService.ClientProtocol
    /// The gateway's public base URL, for OAuth callbacks (`PUBLIC_URL`).
    var publicURL: String
    /// Records creations, deletions, pauses and resumptions as change events.
    var changes = ConnectorChangeRecorder(lineage: nil)
    /// Ties each OAuth flow to the browser and principal that started it.
    var binding: OAuthBrowserBinding

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.get("connections", use: list)
        routes.post("connections", use: create)
        routes.get("connections/:id", use: get)
        routes.delete("connections/:id", use: delete)
        routes.post("connections/:id/pause", use: pause)
        routes.post("connections/:id/resume", use: resume)
        routes.post("connections/:id/sync", use: syncNow)
        routes.get("connections/:id/runs", use: runs)
        routes.post("oauth/:provider/start", use: startOAuth)
    }

    /// The OAuth callback is public: the browser comes back from the provider without our
    /// credentials. The single-use `state` (bound to a workspace at start) and the cookie set at
    /// start in the same browser (``OAuthBrowserBinding``) are what authorize it.
    func registerPublic(on router: Router<GatewayContext>) {
        router.get("oauth/:provider/callback", use: callback)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess()
        let page = try PageQuery(request)
        let response = try await sync.listConnections(
            .with {
                $0.page = page.proto
            })
        return try ETagged(
            Page(
                items: response.connections.map(ConnectionBody.init),
                nextCursor: response.page.nextCursor)
        ).response(from: request, context: context)
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess(.admin)
        let body = try await StrictJSON.decode(CreateConnectionBody.self, from: request)
        let connection = try await sync.createConnection(body.proto(settings: MetricsController.settings(access)))
        await changes.record(connection, "created")
        return try jsonResponse(.created, ConnectionBody(connection))
    }

    @Sendable func get(_ request: Request, context: GatewayContext) async throws -> ConnectionBody {
        _ = try context.requireAccess()
        return ConnectionBody(try await sync.getConnection(try Self.target(context)))
    }

    @Sendable func delete(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        _ = try context.requireAccess(.admin)
        let target = try Self.target(context)
        let connection = try await sync.getConnection(target)
        _ = try await sync.deleteConnection(target)
        await changes.record(connection, "deleted")
        return .noContent
    }

    @Sendable func pause(_ request: Request, context: GatewayContext) async throws -> ConnectionBody {
        _ = try context.requireAccess(.editor)
        let connection = try await sync.pauseConnection(try Self.target(context))
        await changes.record(connection, "paused")
        return ConnectionBody(connection)
    }

    @Sendable func resume(_ request: Request, context: GatewayContext) async throws -> ConnectionBody {
        _ = try context.requireAccess(.editor)
        let connection = try await sync.resumeConnection(try Self.target(context))
        await changes.record(connection, "resumed")
        return ConnectionBody(connection)
    }

    /// Queues a sync now; 202 with the run, which `/connections/{id}/runs` then reports on.
    @Sendable func syncNow(_ request: Request, context: GatewayContext) async throws -> SyncRunBody {
        _ = try context.requireAccess(.editor)
        return SyncRunBody(try await sync.triggerSync(try Self.target(context)).run)
    }

    @Sendable func runs(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess()
        let page = try PageQuery(request)
        let id = try Self.id(context)
        let response = try await sync.listSyncRuns(
            .with {
                $0.connectionID = id
                $0.page = page.proto
            })
        return try jsonResponse(
            .ok,
            Page(
                items: response.runs.map(SyncRunBody.init),
                nextCursor: response.page.nextCursor))
    }

    struct OAuthStartResult: Codable, Sendable, ResponseEncodable {
        var authorizeURL: String
        var state: String

        enum CodingKeys: String, CodingKey {
            case state
            case authorizeURL = "authorize_url"
        }
    }

    /// The provider sends the browser back to this gateway's own callback, always: a redirect
    /// URI chosen by the caller could send the authorization code anywhere.
    @Sendable func startOAuth(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess(.admin)
        let provider = try context.parameters.require("provider")
        let body = try await StrictJSON.decode(StartOAuthBody.self, from: request)
        let response = try await sync.startOAuth(
            .with {
                $0.provider = provider
                $0.redirectUri = "\(publicURL)/oauth/\(provider)/callback"
                $0.connectionName = body.name ?? ""
                $0.accountRef = body.accountRef
                $0.settings = body.settings ?? [:]
                $0.workspace = MetricsController.settings(access)
            })
        var reply = try jsonResponse(.ok, OAuthStartResult(authorizeURL: response.authorizeURL, state: response.state))
        let principal = context.principal?.identifier ?? ""
        reply.headers[.setCookie] = binding.setCookie(state: response.state, principal: principal)
        return reply
    }

    /// The provider's redirect: JSON for API clients, a redirect to the web app's connections page
    /// for a browser.
    @Sendable func callback(_ request: Request, context: GatewayContext) async throws -> Response {
        let provider = try context.parameters.require("provider")
        let query = request.uri.queryParameters
        let state = query.get("state") ?? ""
        // Checked before the state is spent, so a link opened in the wrong browser leaves the
        // flow intact for the person who started it.
        guard binding.principal(state: state, cookieValue: request.cookies[binding.cookieName(state: state)]?.value) != nil else {
            throw APIError(
                .forbidden, code: "forbidden",
                "this authorization was not started in this browser: start it again from metricx, signed in as the person "
                    + "who connects the account", field: "state")
        }
        let connection = try await sync.completeOAuth(
            .with {
                $0.state = state
                $0.code = query.get("code") ?? ""
                $0.error = query.get("error") ?? ""
            })
        guard connection.provider == provider else {
            throw APIError.badRequest("the authorization was started for another provider", field: "state")
        }
        await changes.recordAuthorization(connection, requestID: context.requestID)
        var response =
            (request.headers[.accept] ?? "").contains("text/html")
            ? Response(status: .seeOther, headers: [.location: "/#/connections/\(connection.id)"])
            : try jsonResponse(.ok, ConnectionBody(connection))
        response.headers[.setCookie] = binding.clearCookie(state: state)
        return response
    }

    static func target(_ context: GatewayContext) throws -> Metricx_V1_ConnectionRequest {
        let id = try id(context)
        return .with { $0.id = id }
    }

    static func id(_ context: GatewayContext) throws -> String {
        let id = try context.parameters.require("id")
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("no such connection") }
        return id
    }
}
