import GRPCCore
import MetricxProtos
import MetricxRuntime

/// LineageSvc's RPCs. Root-cause localization is served; metric definitions, the lineage graph,
/// change events, impact and explain answer `unimplemented` until they land (issue #7).
struct LineageService: Metricx_V1_LineageService.SimpleServiceProtocol {
    let localization: Localization

    func localize(request: Metricx_V1_LocalizeRequest, context: ServerContext) async throws -> Metricx_V1_LocalizeResponse {
        _ = try RequestContext.requireWorkspaceID()
        return try await localization.run(request)
    }

    private func notYet(_ what: String) -> RPCError {
        RPCError(code: .unimplemented, message: "\(what) is not available yet")
    }

    func putMetricDefinition(request: Metricx_V1_PutMetricDefinitionRequest, context: ServerContext) async throws -> Metricx_V1_MetricDefinition {
        throw notYet("metric definitions")
    }

    func getMetricDefinition(request: Metricx_V1_GetMetricDefinitionRequest, context: ServerContext) async throws -> Metricx_V1_MetricDefinition {
        throw notYet("metric definitions")
    }

    func listMetricDefinitions(request: Metricx_V1_ListMetricDefinitionsRequest, context: ServerContext) async throws -> Metricx_V1_ListMetricDefinitionsResponse {
        throw notYet("metric definitions")
    }

    func listMetricDefinitionVersions(request: Metricx_V1_GetMetricDefinitionRequest, context: ServerContext) async throws -> Metricx_V1_ListMetricDefinitionsResponse {
        throw notYet("metric definitions")
    }

    func deleteMetricDefinition(request: Metricx_V1_DeleteMetricDefinitionRequest, context: ServerContext) async throws -> Metricx_V1_DeleteMetricDefinitionResponse {
        throw notYet("metric definitions")
    }

    func getGraph(request: Metricx_V1_GetGraphRequest, context: ServerContext) async throws -> Metricx_V1_Graph {
        throw notYet("the lineage graph")
    }

    func traverse(request: Metricx_V1_TraverseRequest, context: ServerContext) async throws -> Metricx_V1_Graph {
        throw notYet("the lineage graph")
    }

    func shortestPath(request: Metricx_V1_PathRequest, context: ServerContext) async throws -> Metricx_V1_PathResponse {
        throw notYet("the lineage graph")
    }

    func recordChangeEvent(request: Metricx_V1_RecordChangeEventRequest, context: ServerContext) async throws -> Metricx_V1_ChangeEvent {
        throw notYet("change events")
    }

    func listChangeEvents(request: Metricx_V1_ListChangeEventsRequest, context: ServerContext) async throws -> Metricx_V1_ListChangeEventsResponse {
        throw notYet("change events")
    }

    func getImpact(request: Metricx_V1_ImpactRequest, context: ServerContext) async throws -> Metricx_V1_ImpactResponse {
        throw notYet("impact analysis")
    }

    func explain(request: Metricx_V1_ExplainRequest, context: ServerContext) async throws -> Metricx_V1_ExplainResponse {
        throw notYet("explain")
    }
}
