import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxSemantics

/// The unified dashboard in one call: KPIs with previous-period deltas, a daily chart, top
/// campaigns and the spend mix by provider, all from the semantic layer, plus the attribution
/// block when a store is connected.
///
/// KPIs, campaigns and the mix count ad-platform rows only: a store's orders are the same sales
/// the platforms report, seen from the other side, and adding them would count revenue twice.
struct DashboardBuilder: Sendable {
    static let kpis = ["spend", "revenue", "roas", "cpa", "ctr", "cpc", "conversions"]
    static let chartMetrics = ["spend", "revenue", "roas"]
    static let campaignMetrics = ["spend", "revenue", "roas", "conversions", "cpa"]

    let engine: SemanticEngine

    func build(timeframe: String, planner: QueryPlanner, workspaceID: UUID) async throws -> Metricx_V1_DashboardResponse {
        guard TimePreset(rawValue: timeframe) != nil else {
            throw ServiceError.invalidArgument(
                "unknown timeframe \"\(timeframe)\"; use one of \(TimePreset.allCases.map(\.rawValue).joined(separator: ", "))",
                field: "timeframe")
        }
        let range = Metricx_V1_TimeRange.with { $0.preset = timeframe }
        let kpiQuery = Metricx_V1_SemanticQuery.with {
            $0.metrics = Self.kpis
            $0.timeRange = range
            $0.comparison = .with { $0.type = "previous_period" }
            $0.granularity = "day"
            $0.filters = [AttributionBuilder.platformOnly]
        }
        let campaignQuery = Metricx_V1_SemanticQuery.with {
            $0.metrics = Self.campaignMetrics
            $0.timeRange = range
            $0.breakdown = .with {
                $0.dimension = "campaign"
                $0.limit = 10
            }
            $0.filters = [AttributionBuilder.platformOnly]
        }
        let mixQuery = Metricx_V1_SemanticQuery.with {
            $0.metrics = ["spend"]
            $0.timeRange = range
            $0.breakdown = .with {
                $0.dimension = "provider"
                $0.limit = 50
            }
            $0.filters = [AttributionBuilder.platformOnly]
        }
        async let kpiResult = engine.execute(try planner.plan(kpiQuery), workspaceID: workspaceID, query: kpiQuery)
        async let campaignResult = engine.execute(try planner.plan(campaignQuery), workspaceID: workspaceID, query: campaignQuery)
        async let mixResult = engine.execute(try planner.plan(mixQuery), workspaceID: workspaceID, query: mixQuery)
        async let attributionResult = AttributionBuilder(engine: engine).build(range: range, planner: planner, workspaceID: workspaceID)
        let (kpis, campaigns, mix, attribution) = try await (kpiResult, campaignResult, mixResult, attributionResult)

        var response = Metricx_V1_DashboardResponse()
        response.resolved = kpis.resolved
        response.kpis = zip(kpis.data.totals, kpis.data.comparisonTotals).map { current, previous in
            .with {
                $0.metric = current.metric
                if current.hasValue { $0.value = current.value }
                if previous.hasValue { $0.previous = previous.value }
                if current.hasValue, previous.hasValue {
                    $0.delta = current.value - previous.value
                    if previous.value != 0 { $0.deltaRatio = (current.value - previous.value) / previous.value }
                }
            }
        }
        response.daily = kpis.data.timeseries.map { point in
            .with {
                $0.ts = point.ts
                $0.values = point.values.filter { Self.chartMetrics.contains($0.metric) }
            }
        }
        response.topCampaigns = campaigns.data.breakdown.filter { $0.key != "other" }
        response.spendMix = mix.data.breakdown.map { row in
            .with {
                $0.provider = row.label
                $0.spend = row.values.first?.value ?? 0
                if row.hasShare { $0.share = row.share }
            }
        }
        if let attribution { response.attribution = attribution }
        return response
    }
}
