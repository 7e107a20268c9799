import GRPCCore
import MetricxProtos
import MetricxTestSupport

/// A MetricsSvc-shaped gRPC service answering every public route with small, plausible results,
/// so that route-table tests can check the gateway's responses against the OpenAPI schemas.
struct CannedMetrics: Metricx_V1_MetricsService.SimpleServiceProtocol {
    static let range = Metricx_V1_ResolvedRanges.with {
        $0.range = .with {
            $0.start = "2026-11-15"
            $0.end = "2026-11-21"
        }
        $0.comparison = .with {
            $0.start = "2026-11-08"
            $0.end = "2026-11-14"
        }
    }

    func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult {
        .with {
            $0.query = request.query
            $0.resolved = Self.range
            $0.data = .with {
                $0.totals = request.query.metrics.map { metric in
                    .with {
                        $0.metric = metric
                        $0.value = 1.5
                    }
                }
                $0.comparisonTotals = request.query.metrics.map { metric in .with { $0.metric = metric } }
                $0.breakdown = [
                    .with {
                        $0.key = "c1"
                        $0.label = "Spring"
                        $0.share = 1
                        $0.values = [
                            .with {
                                $0.metric = "spend"
                                $0.value = 3
                            }
                        ]
                        $0.comparisonValues = [
                            .with {
                                $0.metric = "spend"
                                $0.value = 2
                            }
                        ]
                    }
                ]
            }
        }
    }

    func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
        .with {
            $0.resolved = Self.range
            $0.kpis = [
                .with {
                    $0.metric = "spend"
                    $0.value = 10
                    $0.previous = 8
                    $0.delta = 2
                    $0.deltaRatio = 0.25
                }, .with { $0.metric = "roas" },
            ]
            $0.daily = [
                .with {
                    $0.ts = "2026-11-15"
                    $0.values = [
                        .with {
                            $0.metric = "spend"
                            $0.value = 10
                        }
                    ]
                }
            ]
            $0.topCampaigns = [
                .with {
                    $0.key = "c1"
                    $0.label = "Spring"
                    $0.values = [
                        .with {
                            $0.metric = "spend"
                            $0.value = 10
                        }
                    ]
                    $0.share = 1
                }
            ]
            $0.spendMix = [
                .with {
                    $0.provider = "meta"
                    $0.spend = 10
                    $0.share = 1
                }
            ]
            $0.attribution = .with {
                $0.platformRevenue = 30
                $0.storeRevenue = 25
                $0.attributedStoreRevenue = 20
                $0.blendedRoas = 2.5
                $0.byCampaign = [
                    .with {
                        $0.key = "c1"
                        $0.label = "Spring"
                        $0.values = [
                            .with {
                                $0.metric = "store_revenue"
                                $0.value = 20
                            }
                        ]
                    }
                ]
            }
        }
    }

    func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
        .with {
            $0.resolved = Self.range
            $0.insights = [
                .with {
                    $0.kind = "biggest_mover"
                    $0.text = "Spend rose 25%."
                    $0.metric = "spend"
                    $0.value = 0.25
                }
            ]
        }
    }

    func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws
        -> Metricx_V1_CsvImportResponse
    {
        var rows = 0
        for try await chunk in request { rows += chunk.data.filter { $0 == UInt8(ascii: "\n") }.count }
        return .with { $0.rowsAccepted = Int64(max(0, rows - 1)) }
    }

    func checkAnomalies(request: Metricx_V1_AnomalyCheckRequest, context: ServerContext) async throws -> Metricx_V1_AnomalyCheckResponse {
        .with {
            $0.notes = ["canned"]
            $0.points = request.points.enumerated().map { index, point in
                .with {
                    $0.ts = point.ts
                    if point.hasValue { $0.value = point.value }
                    if index > 0 {
                        $0.expected = 11
                        $0.lower = 9
                        $0.upper = 13
                    }
                    $0.score = index == request.points.count - 1 ? 0.9 : 0
                    $0.anomaly = index == request.points.count - 1
                }
            }
        }
    }

    static let anomaly = Metricx_V1_Anomaly.with {
        $0.id = "7d0c5c32-7f55-4a59-9a52-0b8a4f1c2d11"
        $0.metric = "spend"
        $0.entityKey = "meta"
        $0.entityLabel = "meta"
        $0.ts = "2026-11-19T14:00:00Z"
        $0.observed = 400
        $0.expected = 100
        $0.score = 0.95
        $0.severity = "high"
        $0.direction = "up"
        $0.incidentID = "0b5f9d52-1c0e-4c43-8f7e-3a1a6d9d2e10"
        $0.status = "open"
    }

    /// Two campaigns of two ads; c2's revenue halved this period.
    func getLeaves(request: Metricx_V1_LeavesRequest, context: ServerContext) async throws -> Metricx_V1_LeavesResponse {
        .with {
            $0.resolved = .with {
                $0.range = .with {
                    $0.start = "2026-11-12"
                    $0.end = "2026-11-18"
                }
                $0.comparison = .with {
                    $0.start = "2026-11-05"
                    $0.end = "2026-11-11"
                }
            }
            $0.leaves = [("c1", "a1", 1.0), ("c1", "a2", 1.0), ("c2", "a3", 0.5), ("c2", "a4", 0.5)].map { campaign, ad, factor in
                .with {
                    $0.provider = "meta"
                    $0.campaign = campaign
                    $0.adset = campaign + "-set"
                    $0.ad = ad
                    $0.previous = .with {
                        $0.spend = 100
                        $0.revenue = 400
                    }
                    $0.current = .with {
                        $0.spend = 100
                        $0.revenue = 400 * factor
                    }
                }
            }
        }
    }

    func listAnomalies(request: Metricx_V1_ListAnomaliesRequest, context: ServerContext) async throws -> Metricx_V1_ListAnomaliesResponse {
        .with { $0.anomalies = [Self.anomaly] }
    }

    // Ids the canned service does not hold are not found, as another workspace's would be.
    func updateAnomaly(request: Metricx_V1_UpdateAnomalyRequest, context: ServerContext) async throws -> Metricx_V1_Anomaly {
        throw RPCError(code: .notFound, message: "anomaly \(request.id) not found")
    }

    func runMonitor(request: Metricx_V1_MonitorRequest, context: ServerContext) async throws -> Metricx_V1_MonitorResponse {
        .with {
            $0.seriesScored = 21
            $0.anomaliesFound = 1
        }
    }

    func createAlertRule(request: Metricx_V1_AlertRule, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        var rule = request
        rule.id = "5a3c2b1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0"
        rule.createdAt = "2026-11-19T14:00:00Z"
        return rule
    }

    func listAlertRules(request: Metricx_V1_ListAlertRulesRequest, context: ServerContext) async throws -> Metricx_V1_ListAlertRulesResponse
    {
        .with {
            $0.rules = [
                .with {
                    $0.id = "5a3c2b1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0"
                    $0.name = "Spend"
                    $0.kind = "threshold"
                    $0.metric = "spend"
                    $0.comparator = "above"
                    $0.threshold = 500
                    $0.buckets = 2
                    $0.webhookURL = "https://hooks.example.com/x"
                    $0.webhookFormat = "json"
                    $0.createdAt = "2026-11-19T14:00:00Z"
                }
            ]
        }
    }

    func deleteAlertRule(request: Metricx_V1_AlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_DeleteAlertRuleResponse {
        throw RPCError(code: .notFound, message: "alert rule \(request.id) not found")
    }

    func muteAlertRule(request: Metricx_V1_MuteAlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        throw RPCError(code: .notFound, message: "alert rule \(request.id) not found")
    }

    func listAlertDeliveries(request: Metricx_V1_ListAlertDeliveriesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAlertDeliveriesResponse
    {
        .with {
            $0.deliveries = [
                .with {
                    $0.id = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"
                    $0.ruleID = "5a3c2b1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0"
                    $0.anomalyID = Self.anomaly.id
                    $0.summary = "SPEND for meta rose to 400.00"
                    $0.status = "delivered"
                    $0.attempts = 2
                    $0.lastStatusCode = 200
                    $0.createdAt = "2026-11-19T14:01:00Z"
                    $0.deliveredAt = "2026-11-19T14:01:05Z"
                }
            ]
        }
    }

    func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse {
        throw RPCError(code: .unimplemented, message: "")
    }
    func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws -> Metricx_V1_ListEntitiesResponse {
        throw RPCError(code: .unimplemented, message: "")
    }
    func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse {
        throw RPCError(code: .unimplemented, message: "")
    }
}
