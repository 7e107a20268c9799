import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxServiceHost

/// The gateway's clients to the four internal services.
struct GatewayPeers {
    var metrics: RPCClient
    var copilot: RPCClient
    var lineage: RPCClient
    var sync: RPCClient

    /// Reads may be retried when a replica is briefly unavailable; writes and streams are not.
    init(host: ServiceHost) throws {
        metrics = try host.client(
            to: .metrics,
            idempotentMethods: [
                Metricx_V1_MetricsService.Method.Query.descriptor, Metricx_V1_MetricsService.Method.GetDashboard.descriptor,
                Metricx_V1_MetricsService.Method.GetInsights.descriptor, Metricx_V1_MetricsService.Method.ListEntities.descriptor,
            ])
        copilot = try host.client(
            to: .copilot,
            idempotentMethods: [
                Metricx_V1_CopilotService.Method.ListConversations.descriptor,
                Metricx_V1_CopilotService.Method.GetConversation.descriptor,
                Metricx_V1_CopilotService.Method.Replay.descriptor,
            ])
        lineage = try host.client(to: .lineage)
        sync = try host.client(
            to: .sync,
            idempotentMethods: [
                Metricx_V1_SyncService.Method.GetConnection.descriptor, Metricx_V1_SyncService.Method.ListConnections.descriptor,
                Metricx_V1_SyncService.Method.ListSyncRuns.descriptor,
            ])
    }

    /// Every client, for the service group to run and close.
    var all: [RPCClient] { [metrics, copilot, lineage, sync] }

    /// Readiness: each peer's gRPC health, named after the service.
    var healthChecks: [any DependencyCheck] {
        [
            GRPCHealthCheck(name: ServiceName.metrics.displayName, client: metrics),
            GRPCHealthCheck(name: ServiceName.copilot.displayName, client: copilot),
            GRPCHealthCheck(name: ServiceName.lineage.displayName, client: lineage),
            GRPCHealthCheck(name: ServiceName.sync.displayName, client: sync),
        ]
    }
}
