import GRPCCore
import MetricxProtos

/// A MetricsSvc-shaped gRPC service answering every public route with small, plausible results,
/// so that route-table tests can check the gateway's responses against the OpenAPI schemas.
struct CannedMetrics: Metricx_V1_MetricsService.SimpleServiceProtocol {
    static let range = Metricx_V1_ResolvedRanges.with {
        $0.range = .with { $0.start = "2026-11-15"; $0.end = "2026-11-21" }
        $0.comparison = .with { $0.start = "2026-11-08"; $0.end = "2026-11-14" }
    }

    func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult {
        .with {
            $0.query = request.query
            $0.resolved = Self.range
            $0.data = .with {
                $0.totals = request.query.metrics.map { metric in .with { $0.metric = metric; $0.value = 1.5 } }
                $0.comparisonTotals = request.query.metrics.map { metric in .with { $0.metric = metric } }
                $0.breakdown = [.with {
                    $0.key = "c1"; $0.label = "Spring"; $0.share = 1
                    $0.values = [.with { $0.metric = "spend"; $0.value = 3 }]
                    $0.comparisonValues = [.with { $0.metric = "spend"; $0.value = 2 }]
                }]
            }
        }
    }

    func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
        .with {
            $0.resolved = Self.range
            $0.kpis = [.with { $0.metric = "spend"; $0.value = 10; $0.previous = 8; $0.delta = 2; $0.deltaRatio = 0.25 }, .with { $0.metric = "roas" }]
            $0.daily = [.with { $0.ts = "2026-11-15"; $0.values = [.with { $0.metric = "spend"; $0.value = 10 }] }]
            $0.topCampaigns = [.with { $0.key = "c1"; $0.label = "Spring"; $0.values = [.with { $0.metric = "spend"; $0.value = 10 }]; $0.share = 1 }]
            $0.spendMix = [.with { $0.provider = "meta"; $0.spend = 10; $0.share = 1 }]
            $0.attribution = .with {
                $0.platformRevenue = 30
                $0.storeRevenue = 25
                $0.attributedStoreRevenue = 20
                $0.blendedRoas = 2.5
                $0.byCampaign = [.with { $0.key = "c1"; $0.label = "Spring"; $0.values = [.with { $0.metric = "store_revenue"; $0.value = 20 }] }]
            }
        }
    }

    func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
        .with {
            $0.resolved = Self.range
            $0.insights = [.with { $0.kind = "biggest_mover"; $0.text = "Spend rose 25%."; $0.metric = "spend"; $0.value = 0.25 }]
        }
    }

    func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws -> Metricx_V1_CsvImportResponse {
        var rows = 0
        for try await chunk in request { rows += chunk.data.filter { $0 == UInt8(ascii: "\n") }.count }
        return .with { $0.rowsAccepted = Int64(max(0, rows - 1)) }
    }

    func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse { throw RPCError(code: .unimplemented, message: "") }
    func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws -> Metricx_V1_ListEntitiesResponse { throw RPCError(code: .unimplemented, message: "") }
    func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse { throw RPCError(code: .unimplemented, message: "") }
}
