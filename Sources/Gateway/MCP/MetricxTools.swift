import Foundation
import Logging
import MCP
import Metrics
import MetricxProtos
import MetricxRuntime

/// The tools an AI assistant may call, answering from the same services, with the same
/// validation, as the REST routes (DESIGN.md's MCP section names them). A tool's failure is a
/// tool error (`isError`) whose text names the field and the fix, never a protocol error, so the
/// model can correct its call.
struct MetricxTools: Sendable {
    let metrics: (any Metricx_V1_MetricsService.ClientProtocol)?
    let copilot: (any Metricx_V1_CopilotService.ClientProtocol)?
    let lineage: (any Metricx_V1_LineageService.ClientProtocol)?

    /// Who a call acts for: the HTTP request's principal, workspace and request id.
    struct Caller: Sendable {
        var access: WorkspaceAccess
        var requestContext: MetricxRuntime.RequestContext?
        var logger: Logger
    }

    static let instructions = """
        metricx answers questions about one workspace's marketing data (Meta, Google, TikTok, ... ads and \
        Shopify). Prefer query_metrics for exact numbers (governed catalog metrics, never raw SQL); use \
        list_metrics and search_entities to find metric and entity names first; ask for plain-English \
        questions; explain_change for why a metric moved; list_anomalies for what the monitor found; \
        get_lineage for what a metric is made of or what depends on it.
        """

    func call(_ name: String, arguments: [String: Value], caller: Caller) async -> CallTool.Result {
        let started = DispatchTime.now()
        let result: CallTool.Result
        do {
            let output = try await MetricxRuntime.RequestContext.$current.withValue(caller.requestContext) {
                try await run(name, ToolArguments(arguments), caller: caller)
            }
            result = try output.result()
        } catch {
            result = Self.failure(error)
            Counter(label: "mcp_tool_errors_total", dimensions: [("tool", Self.metricLabel(name))]).increment()
            caller.logger.info("mcp tool failed", metadata: ["tool": "\(name)", "error": "\(error)"])
        }
        Counter(label: "mcp_tool_calls_total", dimensions: [("tool", Self.metricLabel(name))]).increment()
        Timer(label: "mcp_tool_duration_seconds", dimensions: [("tool", Self.metricLabel(name))]).recordInterval(since: started)
        return result
    }

    private func run(_ name: String, _ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        switch name {
        case "list_metrics": try await listMetrics(arguments, caller: caller)
        case "search_entities": try await searchEntities(arguments, caller: caller)
        case "query_metrics": try await queryMetrics(arguments, caller: caller)
        case "ask": try await ask(arguments, caller: caller)
        case "explain_change": try await explainChange(arguments, caller: caller)
        case "list_anomalies": try await listAnomalies(arguments, caller: caller)
        case "get_lineage": try await lineage(arguments, caller: caller)
        default:
            throw APIError.invalid(
                "unknown tool \(name); the tools are \(Self.definitions.map(\.name).joined(separator: ", "))", field: "name")
        }
    }

    /// Labels stay bounded: an unknown name is counted as one.
    static func metricLabel(_ name: String) -> String {
        definitions.contains { $0.name == name } ? name : "unknown"
    }

    static func failure(_ error: any Error) -> CallTool.Result {
        let apiError = APIError.from(error) ?? APIError(.internalServerError, code: "internal", "the tool failed; try again")
        var text = apiError.field.map { "\($0): \(apiError.message)" } ?? apiError.message
        text += " (\(apiError.code))"
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: true)
    }

    func require<T>(_ client: T?, _ what: String) throws -> T {
        guard let client else { throw APIError(.serviceUnavailable, code: "unavailable", "\(what) is not configured on this gateway") }
        return client
    }
}
