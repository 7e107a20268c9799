import GRPCCore
import MetricxProtos

/// What a fake MetricsSvc answers for the calls its test does not script: UNIMPLEMENTED, as a
/// real server without the method would. A fake implements only the calls it scripts; the
/// gateway's and LineageSvc's fakes share these defaults.
extension Metricx_V1_MetricsService.SimpleServiceProtocol {
    public func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse {
        throw Self.unimplemented
    }
    public func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws
        -> Metricx_V1_CsvImportResponse
    { throw Self.unimplemented }
    public func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult {
        throw Self.unimplemented
    }
    public func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
        throw Self.unimplemented
    }
    public func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
        throw Self.unimplemented
    }
    public func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListEntitiesResponse
    { throw Self.unimplemented }
    public func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse {
        throw Self.unimplemented
    }
    public func checkAnomalies(request: Metricx_V1_AnomalyCheckRequest, context: ServerContext) async throws
        -> Metricx_V1_AnomalyCheckResponse
    {
        throw Self.unimplemented
    }
    public func listAnomalies(request: Metricx_V1_ListAnomaliesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAnomaliesResponse
    {
        throw Self.unimplemented
    }
    public func getLeaves(request: Metricx_V1_LeavesRequest, context: ServerContext) async throws -> Metricx_V1_LeavesResponse {
        throw Self.unimplemented
    }
    public func updateAnomaly(request: Metricx_V1_UpdateAnomalyRequest, context: ServerContext) async throws -> Metricx_V1_Anomaly {
        throw Self.unimplemented
    }
    public func runMonitor(request: Metricx_V1_MonitorRequest, context: ServerContext) async throws -> Metricx_V1_MonitorResponse {
        throw Self.unimplemented
    }
    public func createAlertRule(request: Metricx_V1_AlertRule, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        throw Self.unimplemented
    }
    public func listAlertRules(request: Metricx_V1_ListAlertRulesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAlertRulesResponse
    { throw Self.unimplemented }
    public func deleteAlertRule(request: Metricx_V1_AlertRuleRequest, context: ServerContext) async throws
        -> Metricx_V1_DeleteAlertRuleResponse
    {
        throw Self.unimplemented
    }
    public func muteAlertRule(request: Metricx_V1_MuteAlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        throw Self.unimplemented
    }
    public func listAlertDeliveries(request: Metricx_V1_ListAlertDeliveriesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAlertDeliveriesResponse
    { throw Self.unimplemented }

    private static var unimplemented: RPCError { RPCError(code: .unimplemented, message: "not scripted in this test") }
}
