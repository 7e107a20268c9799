import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime

/// `metricx.v1.SyncService`. Every call but `CompleteOAuth` acts in the workspace its metadata
/// names; `CompleteOAuth` finds its workspace from the state it was started with.
struct SyncService: Metricx_V1_SyncService.SimpleServiceProtocol {
    let connections: ConnectionStore
    let runs: RunStore
    let enqueuer: JobEnqueuer
    let cipher: TokenCipher
    let oauth: OAuthFlow
    var schedule = SyncSchedule()
    var now: @Sendable () -> Date = { Date() }

    func connection(_ id: String) async throws -> ConnectionRecord {
        let workspace = try RequestContext.requireWorkspaceID()
        guard let record = try await connections.get(workspaceID: workspace, id: try ConnectionRules.id(id)) else {
            throw ServiceError.notFound("no such connection")
        }
        return record
    }

    func createConnection(request: Metricx_V1_CreateConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        let workspace = try RequestContext.requireWorkspaceID()
        let provider = try ConnectionRules.provider(request.provider)
        let id = UUID()
        var credentials: SealedCredentials?
        if provider.needsCredentials {
            let given = request.credentials
            guard !given.accessToken.isEmpty else {
                throw ServiceError.invalidArgument(
                    "\(provider.rawValue) needs an access token here, or connect through /oauth/\(provider.rawValue)/start",
                    field: "credentials.access_token")
            }
            guard given.accessToken.count <= 4096, given.refreshToken.count <= 4096 else {
                throw ServiceError.invalidArgument("tokens are at most 4096 characters", field: "credentials")
            }
            var expires: Date?
            if !given.expiresAt.isEmpty {
                guard let date = RFC3339.date(given.expiresAt) else {
                    throw ServiceError.invalidArgument("must be an RFC 3339 instant", field: "credentials.expires_at")
                }
                expires = date
            }
            credentials = try cipher.seal(
                Credentials(
                    accessToken: given.accessToken, refreshToken: given.refreshToken.isEmpty ? nil : given.refreshToken, expiresAt: expires),
                workspaceID: workspace, ownerID: id)
        }
        let record = ConnectionRecord(
            workspaceID: workspace, id: id, provider: provider, name: try ConnectionRules.name(request.name, provider: provider),
            accountRef: try ConnectionRules.accountRef(request.accountRef, provider: provider), status: .active,
            settings: try ConnectionRules.settings(request.settings), timezone: try ConnectionRules.timezone(request.workspace.timezone),
            currency: request.workspace.currency.isEmpty ? "USD" : request.workspace.currency, createdAt: now(),
            lastSuccessAt: nil, lastError: nil, rowsSynced: 0)
        let created = try await connections.create(record, credentials: credentials)
        // The first sync starts now, not at the next slot: a new connection shows data at once.
        _ = try await trigger(created)
        return proto(created)
    }

    func getConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        proto(try await connection(request.id))
    }

    func listConnections(request: Metricx_V1_ListConnectionsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListConnectionsResponse
    {
        let workspace = try RequestContext.requireWorkspaceID()
        let limit = try Self.pageSize(request.page)
        let after = request.page.pageToken.isEmpty ? nil : try ConnectionRules.id(request.page.pageToken, field: "page_token")
        let fetched = try await connections.list(workspaceID: workspace, after: after, limit: limit + 1)
        return .with {
            $0.connections = fetched.prefix(limit).map(proto)
            if fetched.count > limit, let last = fetched.prefix(limit).last { $0.page.nextPageToken = last.id.uuidString.lowercased() }
        }
    }

    func pauseConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        let record = try await connection(request.id)
        guard let updated = try await connections.setStatus(workspaceID: record.workspaceID, id: record.id, to: .paused) else {
            throw ServiceError.notFound("no such connection")
        }
        return proto(updated)
    }

    func resumeConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        let record = try await connection(request.id)
        if record.status == .needsReauth {
            throw ServiceError(.failedPrecondition, "the connection needs a new authorization: connect the account again", field: "id")
        }
        guard
            let updated = try await connections.setStatus(
                workspaceID: record.workspaceID, id: record.id, to: .active, from: [.paused, .error, .active])
        else { throw ServiceError.notFound("no such connection") }
        return proto(updated)
    }

    func deleteConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_DeleteConnectionResponse
    {
        let record = try await connection(request.id)
        guard try await connections.delete(workspaceID: record.workspaceID, id: record.id) else {
            throw ServiceError.notFound("no such connection")
        }
        return .init()
    }

    func startOAuth(request: Metricx_V1_StartOAuthRequest, context: ServerContext) async throws -> Metricx_V1_StartOAuthResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        let provider = try ConnectionRules.provider(request.provider, allowDemo: false)
        guard let redirect = URL(string: request.redirectUri), ["http", "https"].contains(redirect.scheme ?? ""), redirect.host != nil,
            request.redirectUri.count <= 2000
        else {
            throw ServiceError.invalidArgument("must be an absolute http(s) URL", field: "redirect_uri")
        }
        let (url, state) = try await oauth.start(
            .init(
                workspaceID: workspace, provider: provider, redirectURI: request.redirectUri,
                connectionName: try ConnectionRules.name(request.connectionName, provider: provider),
                accountRef: try ConnectionRules.accountRef(request.accountRef, provider: provider),
                settings: try ConnectionRules.settings(request.settings),
                timezone: try ConnectionRules.timezone(request.workspace.timezone),
                currency: request.workspace.currency.isEmpty ? "USD" : request.workspace.currency))
        return .with {
            $0.authorizeURL = url
            $0.state = state
        }
    }

    func completeOAuth(request: Metricx_V1_CompleteOAuthRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        guard request.state.count <= 200, request.code.count <= 4096, request.error.count <= 500 else {
            throw ServiceError.invalidArgument("the callback parameters are too long", field: "state")
        }
        let record = try await oauth.complete(
            state: request.state, code: request.code, providerError: request.error, connections: connections)
        _ = try await trigger(record)
        return proto(record)
    }

    func triggerSync(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_TriggerSyncResponse {
        let record = try await connection(request.id)
        switch record.status {
        case .paused: throw ServiceError(.failedPrecondition, "the connection is paused: resume it first", field: "id")
        case .needsReauth:
            throw ServiceError(.failedPrecondition, "the connection needs a new authorization: connect the account again", field: "id")
        case .active, .error: break
        }
        let run = try await trigger(record)
        return .with { $0.run = Self.proto(run) }
    }

    /// Queues a manual sync. Pressing "sync now" twice within a minute gives the same run.
    private func trigger(_ record: ConnectionRecord) async throws -> RunRecord {
        let minute = Int64((now().timeIntervalSince1970 / 60).rounded(.down))
        return try await enqueuer.enqueueReturningRun(
            kind: .sync, workspaceID: record.workspaceID, connectionID: record.id, trigger: "manual",
            idempotencyKey: "manual:\(record.id.uuidString.lowercased()):\(minute)"
        ).run
    }

    func listSyncRuns(request: Metricx_V1_ListSyncRunsRequest, context: ServerContext) async throws -> Metricx_V1_ListSyncRunsResponse {
        let record = try await connection(request.connectionID.isEmpty ? "-" : request.connectionID)
        let limit = try Self.pageSize(request.page)
        let after = request.page.pageToken.isEmpty ? nil : try ConnectionRules.id(request.page.pageToken, field: "page_token")
        let fetched = try await runs.list(workspaceID: record.workspaceID, connectionID: record.id, after: after, limit: limit + 1)
        return .with {
            $0.runs = fetched.prefix(limit).map(Self.proto)
            if fetched.count > limit, let last = fetched.prefix(limit).last { $0.page.nextPageToken = last.id.uuidString.lowercased() }
        }
    }

    static func pageSize(_ page: Metricx_V1_PageRequest) throws -> Int {
        guard page.pageSize >= 0, page.pageSize <= 100 else {
            throw ServiceError.invalidArgument("must be from 1 to 100", field: "page_size")
        }
        return page.pageSize == 0 ? 20 : Int(page.pageSize)
    }

    // MARK: - Wire shapes

    func proto(_ record: ConnectionRecord) -> Metricx_V1_Connection {
        .with {
            $0.id = record.id.uuidString.lowercased()
            $0.provider = record.provider.rawValue
            $0.name = record.name
            $0.status = record.status.rawValue
            $0.accountRef = record.accountRef
            $0.createdAt = RFC3339.string(record.createdAt)
            $0.lastSuccessAt = record.lastSuccessAt.map(RFC3339.string) ?? ""
            $0.lastError = record.lastError ?? ""
            $0.rowsSynced = record.rowsSynced
            if record.status == .active || record.status == .error {
                $0.nextRunAt = RFC3339.string(schedule.nextRun(record.id, after: now()))
            }
            $0.settings = record.settings
            $0.workspaceID = record.workspaceID.uuidString.lowercased()
        }
    }

    static func proto(_ run: RunRecord) -> Metricx_V1_SyncRun {
        .with {
            $0.id = run.id.uuidString.lowercased()
            $0.connectionID = run.connectionID.uuidString.lowercased()
            $0.kind = run.kind.rawValue
            $0.status = run.status.rawValue
            $0.startedAt = run.startedAt.map(RFC3339.string) ?? ""
            $0.finishedAt = run.finishedAt.map(RFC3339.string) ?? ""
            $0.rows = run.rows
            $0.error = run.error ?? ""
            $0.attempt = Int32(run.attempt)
            $0.trigger = run.trigger
        }
    }
}
