import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import Synchronization

/// A SyncSvc-shaped gRPC service keeping connections per workspace in memory, so that the route
/// tables' isolation and shape checks cover the connection routes. SyncSvc's own behaviour is
/// tested against Postgres and Redis in SyncSvcTests.
final class InMemorySync: Metricx_V1_SyncService.SimpleServiceProtocol, Sendable {
    private let connections = Mutex<[String: [String: Metricx_V1_Connection]]>([:])
    /// Authorizations started and not yet completed, by state: the workspace and the request.
    private let pending = Mutex<[String: (workspace: String, request: Metricx_V1_StartOAuthRequest)]>([:])

    private func workspace() throws -> String { try RequestContext.requireWorkspace() }

    private func find(_ id: String) throws -> Metricx_V1_Connection {
        let workspace = try workspace()
        guard let found = connections.withLock({ $0[workspace]?[id] }) else { throw ServiceError.notFound("no such connection") }
        return found
    }

    private func update(_ id: String, _ change: (inout Metricx_V1_Connection) -> Void) throws -> Metricx_V1_Connection {
        var connection = try find(id)
        change(&connection)
        let workspace = try workspace()
        connections.withLock { $0[workspace]?[id] = connection }
        return connection
    }

    func createConnection(request: Metricx_V1_CreateConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        let workspace = try workspace()
        guard ["meta", "google", "shopify", "demo"].contains(request.provider) else {
            throw ServiceError.invalidArgument("must be one of meta, google, shopify, demo", field: "provider")
        }
        return add(
            provider: request.provider, name: request.name, accountRef: request.accountRef, settings: request.settings, to: workspace)
    }

    private func add(provider: String, name: String, accountRef: String, settings: [String: String], to workspace: String)
        -> Metricx_V1_Connection
    {
        let connection = Metricx_V1_Connection.with {
            $0.id = UUID().uuidString.lowercased()
            $0.provider = provider
            $0.name = name.isEmpty ? "Demo data" : name
            $0.status = "active"
            $0.accountRef = accountRef.isEmpty ? "demo" : accountRef
            $0.createdAt = "2026-11-22T10:00:00Z"
            $0.nextRunAt = "2026-11-22T10:15:00Z"
            $0.settings = settings
            $0.workspaceID = workspace
        }
        connections.withLock { $0[workspace, default: [:]][connection.id] = connection }
        return connection
    }

    func getConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        try find(request.id)
    }

    func listConnections(request: Metricx_V1_ListConnectionsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListConnectionsResponse
    {
        let workspace = try workspace()
        return .with { $0.connections = connections.withLock { Array(($0[workspace] ?? [:]).values) }.sorted { $0.id < $1.id } }
    }

    func pauseConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        try update(request.id) {
            $0.status = "paused"
            $0.nextRunAt = ""
        }
    }

    func resumeConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        try update(request.id) { $0.status = "active" }
    }

    func deleteConnection(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_DeleteConnectionResponse
    {
        _ = try find(request.id)
        let workspace = try workspace()
        connections.withLock { _ = $0[workspace]?.removeValue(forKey: request.id) }
        return .init()
    }

    func startOAuth(request: Metricx_V1_StartOAuthRequest, context: ServerContext) async throws -> Metricx_V1_StartOAuthResponse {
        _ = try workspace()
        guard ["meta", "google", "shopify"].contains(request.provider) else {
            throw ServiceError.invalidArgument("must be one of meta, google, shopify", field: "provider")
        }
        let state = UUID().uuidString.lowercased()
        let workspace = try workspace()
        pending.withLock { $0[state] = (workspace, request) }
        return .with {
            $0.authorizeURL = "https://provider.example/authorize?state=\(state)"
            $0.state = state
        }
    }

    /// Like SyncSvc, answers the callback with the new connection, which names its workspace:
    /// the callback itself carries none.
    func completeOAuth(request: Metricx_V1_CompleteOAuthRequest, context: ServerContext) async throws -> Metricx_V1_Connection {
        guard let started = pending.withLock({ $0.removeValue(forKey: request.state) }) else {
            throw ServiceError(
                .failedPrecondition, "the authorization link is unknown, used already or expired: start again", field: "state")
        }
        guard !request.code.isEmpty else { throw ServiceError.invalidArgument("the callback carries no code", field: "code") }
        let asked = started.request
        return add(
            provider: asked.provider, name: asked.connectionName, accountRef: asked.accountRef, settings: asked.settings,
            to: started.workspace)
    }

    func triggerSync(request: Metricx_V1_ConnectionRequest, context: ServerContext) async throws -> Metricx_V1_TriggerSyncResponse {
        let connection = try find(request.id)
        return .with {
            $0.run = .with {
                $0.id = UUID().uuidString.lowercased()
                $0.connectionID = connection.id
                $0.kind = "sync"
                $0.status = "queued"
                $0.trigger = "manual"
            }
        }
    }

    func listSyncRuns(request: Metricx_V1_ListSyncRunsRequest, context: ServerContext) async throws -> Metricx_V1_ListSyncRunsResponse {
        _ = try find(request.connectionID)
        return .init()
    }
}
