import Foundation
import Logging
import MetricxProtos
import MetricxRuntime

/// Records connection changes as change events in LineageSvc, so impact analysis and explain
/// can line anomalies up with them. Best effort: the connection change has already happened,
/// so a failure to record it is logged, not returned to the caller.
struct ConnectorChangeRecorder: Sendable {
    let lineage: (any Metricx_V1_LineageService.ClientProtocol)?
    var logger = Logger(label: "metricx.gateway.changes")

    func record(_ connection: Metricx_V1_Connection, _ action: String) async {
        guard let lineage, !connection.provider.isEmpty else { return }
        do {
            _ = try await lineage.recordChangeEvent(
                .with {
                    $0.event = .with {
                        $0.kind = "connector"
                        $0.title =
                            "\(connection.provider) connection \(connection.name.isEmpty ? connection.id : connection.name) \(action)"
                        $0.nodes = ["provider:\(connection.provider)"]
                        $0.attributes = ["connection_id": connection.id, "provider": connection.provider, "action": action]
                    }
                })
        } catch {
            logger.warning("could not record a connector change", metadata: ["connection_id": "\(connection.id)", "error": "\(error)"])
        }
    }

    /// Records a completed OAuth authorization. The provider's redirect carries no credentials,
    /// so the workspace comes from the connection SyncSvc answers with, and the change is
    /// attributed to the provider's authorization rather than to a member.
    func recordAuthorization(_ connection: Metricx_V1_Connection, requestID: String) async {
        guard UUID(uuidString: connection.workspaceID) != nil else { return }
        let context = RequestContext(
            requestID: requestID, workspaceID: connection.workspaceID, principal: "oauth:\(connection.provider)")
        await RequestContext.$current.withValue(context) { await record(connection, "authorized") }
    }
}
