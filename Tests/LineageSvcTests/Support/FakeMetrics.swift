import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime
import Synchronization

/// A MetricsSvc stand-in for LineageSvc's two calls into it: `GetLeaves` answers no leaves,
/// `ListAnomalies` answers `anomalies`. It records the workspace each call arrived with, so a test
/// can check that LineageSvc forwards its caller's workspace. Every other RPC is UNIMPLEMENTED.
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

    private static var unimplemented: RPCError { RPCError(code: .unimplemented, message: "not faked") }

    func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse {
        throw Self.unimplemented
    }
    func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws
        -> Metricx_V1_CsvImportResponse
    { throw Self.unimplemented }
    func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult { throw Self.unimplemented }
    func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
        throw Self.unimplemented
    }
    func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
        throw Self.unimplemented
    }
    func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws -> Metricx_V1_ListEntitiesResponse {
        throw Self.unimplemented
    }
    func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse {
        throw Self.unimplemented
    }
    func checkAnomalies(request: Metricx_V1_AnomalyCheckRequest, context: ServerContext) async throws -> Metricx_V1_AnomalyCheckResponse {
        throw Self.unimplemented
    }
    func updateAnomaly(request: Metricx_V1_UpdateAnomalyRequest, context: ServerContext) async throws -> Metricx_V1_Anomaly {
        throw Self.unimplemented
    }
    func runMonitor(request: Metricx_V1_MonitorRequest, context: ServerContext) async throws -> Metricx_V1_MonitorResponse {
        throw Self.unimplemented
    }
    func createAlertRule(request: Metricx_V1_AlertRule, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        throw Self.unimplemented
    }
    func listAlertRules(request: Metricx_V1_ListAlertRulesRequest, context: ServerContext) async throws -> Metricx_V1_ListAlertRulesResponse
    { throw Self.unimplemented }
    func deleteAlertRule(request: Metricx_V1_AlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_DeleteAlertRuleResponse {
        throw Self.unimplemented
    }
    func muteAlertRule(request: Metricx_V1_MuteAlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        throw Self.unimplemented
    }
    func listAlertDeliveries(request: Metricx_V1_ListAlertDeliveriesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAlertDeliveriesResponse
    { throw Self.unimplemented }
}
