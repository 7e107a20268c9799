import GRPCCore
import MetricxProtos

/// What a fake MetricsSvc answers for the calls its test does not script: UNIMPLEMENTED, as a
/// real server without the method would.
extension Metricx_V1_MetricsService.SimpleServiceProtocol {
    func checkAnomalies(request: Metricx_V1_AnomalyCheckRequest, context: ServerContext) async throws -> Metricx_V1_AnomalyCheckResponse {
        throw Self.unimplemented
    }
    func listAnomalies(request: Metricx_V1_ListAnomaliesRequest, context: ServerContext) async throws -> Metricx_V1_ListAnomaliesResponse {
        throw Self.unimplemented
    }
    func getLeaves(request: Metricx_V1_LeavesRequest, context: ServerContext) async throws -> Metricx_V1_LeavesResponse {
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

    private static var unimplemented: RPCError { RPCError(code: .unimplemented, message: "not scripted in this test") }
}
