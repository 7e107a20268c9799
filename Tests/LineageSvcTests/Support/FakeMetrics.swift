import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Synchronization

/// A MetricsSvc stand-in for LineageSvc's two calls into it: `GetLeaves` answers no leaves,
/// `ListAnomalies` answers `anomalies`. It records the workspace each call arrived with, so a test
/// can check that LineageSvc forwards its caller's workspace. Every other RPC is UNIMPLEMENTED
/// (MetricxTestSupport's defaults).
struct FakeMetrics: Metricx_V1_MetricsService.SimpleServiceProtocol {
    var anomalies: [Metricx_V1_Anomaly] = []
    let calls = CallLog()

    /// The workspaces of the calls received, in order, as "method workspace".
    final class CallLog: Sendable {
        private let entries = Mutex<[String]>([])

        func record(_ method: String) {
            let workspace = RequestContext.current?.workspaceID ?? "none"
            entries.withLock { $0.append("\(method) \(workspace)") }
        }

        var all: [String] { entries.withLock { $0 } }
    }

    func getLeaves(request: Metricx_V1_LeavesRequest, context: ServerContext) async throws -> Metricx_V1_LeavesResponse {
        calls.record("getLeaves")
        return .init()
    }

    func listAnomalies(request: Metricx_V1_ListAnomaliesRequest, context: ServerContext) async throws -> Metricx_V1_ListAnomaliesResponse {
        calls.record("listAnomalies")
        return .with { $0.anomalies = anomalies }
    }
}
