import Foundation
import GRPCCore
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import NIOPosix

/// `metricx.v1.MetricsService`. Every call acts in the workspace its metadata names (set by the
/// gateway); no request field can point it at another workspace.
struct MetricsService: Metricx_V1_MetricsService.SimpleServiceProtocol {
    let postgres: PostgresClient
    var cache = ResultCache(redis: nil)
    var customMetrics = CustomMetricCatalog(lineage: nil)
    /// CPU-heavy work (anomaly checks and monitor runs) is admitted through this bounded queue.
    var compute = ComputeQueue()
    var writer: SnapshotWriter { SnapshotWriter(postgres: postgres) }
    var engine: SemanticEngine { SemanticEngine(postgres: postgres) }

    static func timeZone(_ settings: Metricx_V1_WorkspaceSettings) throws -> (String, TimeZone) {
        try WorkspaceTimeZone.resolve(settings.timezone, field: "settings.timezone")
    }

    func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        let (zoneName, zone) = try Self.timeZone(request.settings)
        guard request.rows.count <= 200_000, request.entities.count <= 200_000 else {
            throw ServiceError.invalidArgument("at most 200,000 rows and entities per batch", field: "rows")
        }
        let validator = IngestValidator(timeZone: zone)
        let (entities, badEntities) = validator.entities(request.entities)
        let (rows, badRows) = validator.rows(request.rows)
        let outcome = try await writer.write(workspaceID: workspace, timeZone: zoneName, entities: entities, rows: rows)
        if outcome.entities > 0 || outcome.rows > 0 { await cache.invalidate(workspace: workspace) }
        return .with {
            $0.entitiesUpserted = Int64(outcome.entities)
            $0.rowsAccepted = Int64(outcome.rows)
            $0.rowsRejected = Int64(badRows.count)
            $0.rejections = (badEntities + badRows).map(\.proto)
        }
    }

    func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws
        -> Metricx_V1_CsvImportResponse
    {
        let workspace = try RequestContext.requireWorkspaceID()
        // The first chunk carries the settings; all carry data.
        var iterator = request.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw ServiceError.invalidArgument("the file is empty: a header row is required", field: "body")
        }
        let (zoneName, _) = try Self.timeZone(first.settings)
        let chunks = CSVChunkSequence(first: Array(first.data), rest: iterator)
        // Invalidated even when the import fails half-way: the batches before the failure landed.
        do {
            let response = try await CSVImporter(writer: writer).run(chunks, workspaceID: workspace, timeZoneName: zoneName)
            await cache.invalidate(workspace: workspace)
            if response.rowsAccepted > 0 { monitorInBackground(workspace: workspace, timeZoneName: zoneName) }
            return response
        } catch {
            await cache.invalidate(workspace: workspace)
            throw error
        }
    }

    /// An import is like a sync: its buckets are scored, without holding up the upload's answer.
    /// A file of history is judged as of its own last bucket, not as of today: the days after it
    /// are missing from the file, not zero.
    private func monitorInBackground(workspace: UUID, timeZoneName: String) {
        let monitor = AnomalyMonitor(postgres: postgres)
        let zone = WorkspaceTimeZone.zone(timeZoneName) ?? .gmt
        Task {
            do {
                let asOf = try await monitor.latestBucketEnd(workspaceID: workspace).map { min($0, Date()) } ?? Date()
                _ = try await monitor.run(workspaceID: workspace, timeZone: zone, asOf: asOf)
            } catch {
                monitor.logger.warning(
                    "anomaly monitor failed after import", metadata: ["workspace_id": "\(workspace)", "error": "\(error)"])
            }
        }
    }

    func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult {
        try await encodedQuery(request).decoded()
    }

    func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
        try await encodedDashboard(request).decoded()
    }

    func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
        try await encodedInsights(request).decoded()
    }

    // The cached calls answer in wire form; the server sends these (``MetricsRPCService``).

    func encodedQuery(_ request: Metricx_V1_QueryRequest) async throws -> EncodedMessage<Metricx_V1_QueryResult> {
        let workspace = try RequestContext.requireWorkspaceID()
        var planner = try QueryPlanner(settings: request.settings, asOf: request.asOf)
        planner.customMetrics = try await customMetrics.snapshot(for: request.query.metrics, workspaceID: workspace)
        let plan = try planner.plan(request.query)
        var key = Self.cacheKey(request, \.asOf, planner)
        // A changed definition must not be answered from the cache.
        if planner.customMetrics.version > 0 { key.asOf += "#catalog-\(planner.customMetrics.version)" }
        return try await cache.value(Metricx_V1_QueryResult.self, workspace: workspace, key: key, kind: "query") {
            try await engine.execute(plan, workspaceID: workspace, query: request.query)
        }
    }

    func encodedDashboard(_ request: Metricx_V1_DashboardRequest) async throws -> EncodedMessage<Metricx_V1_DashboardResponse> {
        let workspace = try RequestContext.requireWorkspaceID()
        let planner = try QueryPlanner(settings: request.settings, asOf: request.asOf)
        return try await cache.value(
            Metricx_V1_DashboardResponse.self, workspace: workspace, key: Self.cacheKey(request, \.asOf, planner), kind: "dashboard"
        ) {
            try await DashboardBuilder(engine: engine).build(
                timeframe: request.timeframe.isEmpty ? "last_7_days" : request.timeframe, planner: planner, workspaceID: workspace)
        }
    }

    func encodedInsights(_ request: Metricx_V1_InsightsRequest) async throws -> EncodedMessage<Metricx_V1_InsightsResponse> {
        let workspace = try RequestContext.requireWorkspaceID()
        let planner = try QueryPlanner(settings: request.settings, asOf: request.asOf)
        return try await cache.value(
            Metricx_V1_InsightsResponse.self, workspace: workspace, key: Self.cacheKey(request, \.asOf, planner), kind: "insights"
        ) {
            try await InsightsBuilder(engine: engine).build(
                timeRange: request.hasTimeRange ? request.timeRange : nil, planner: planner, workspaceID: workspace,
                currency: request.settings.currency)
        }
    }

    /// What a request's result depends on: the request with `as_of` replaced by the day it
    /// resolves presets from (the workspace-local date), so that any instant of one day shares
    /// an entry and the next day never sees the previous one's.
    static func cacheKey<Request>(_ request: Request, _ asOf: WritableKeyPath<Request, String>, _ planner: QueryPlanner) -> Request {
        var key = request
        key[keyPath: asOf] = planner.today.description
        return key
    }

    /// Each ad's measures over a range and its comparison (previous period unless told), for
    /// LineageSvc's root-cause analysis.
    func getLeaves(request: Metricx_V1_LeavesRequest, context: ServerContext) async throws -> Metricx_V1_LeavesResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        let planner = try QueryPlanner(settings: request.settings, asOf: request.asOf)
        let plan = try planner.plan(
            .with {
                $0.metrics = ["spend"]
                if request.hasTimeRange { $0.timeRange = request.timeRange }
                $0.comparison =
                    request.hasComparison && !request.comparison.type.isEmpty ? request.comparison : .with { $0.type = "previous_period" }
                $0.filters = request.filters
            })
        let leaves = try await LeafQuery(postgres: postgres).run(plan, workspaceID: workspace)
        return .with {
            $0.resolved = SemanticEngine.resolved(plan)
            $0.leaves = leaves
        }
    }

    func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws -> Metricx_V1_ListEntitiesResponse {
        try await EntityDirectory(postgres: postgres).list(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    /// Called by SyncSvc's scheduler (no workspace: all of them) or for one workspace.
    func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse {
        var cutoff = Date().addingTimeInterval(-2 * 86_400)
        if !request.olderThan.isEmpty {
            guard let instant = QueryPlanner.parseInstant(request.olderThan) else {
                throw ServiceError.invalidArgument("must be an RFC 3339 instant", field: "older_than")
            }
            cutoff = instant
        }
        // A caller acting for a workspace compacts that one; only a call for no workspace (the
        // scheduler's, authenticated by the service token) compacts them all.
        var workspace = RequestContext.current?.workspaceID.flatMap(UUID.init(uuidString:))
        if !request.workspaceID.isEmpty {
            guard let id = UUID(uuidString: request.workspaceID) else {
                throw ServiceError.invalidArgument("must be a UUID", field: "workspace_id")
            }
            // A caller acting for a workspace may compact only that one.
            if let current = RequestContext.current?.workspaceID, current.lowercased() != id.uuidString.lowercased() {
                throw ServiceError.notFound("workspace \(request.workspaceID) not found")
            }
            workspace = id
        }
        let outcome = try await Compactor(postgres: postgres).compact(olderThan: cutoff, workspaceID: workspace)
        // Sub-hourly timeseries read differently after compaction.
        if outcome.bucketsCompacted > 0 { await cache.invalidate(workspace: workspace) }
        return .with {
            $0.bucketsCompacted = Int64(outcome.bucketsCompacted)
            $0.rowsWritten = Int64(outcome.rowsWritten)
        }
    }

    func checkAnomalies(request: Metricx_V1_AnomalyCheckRequest, context: ServerContext) async throws -> Metricx_V1_AnomalyCheckResponse {
        _ = try RequestContext.requireWorkspaceID()
        // Up to 100,000 points of CPU work: off the threads that serve RPCs, admitted through the
        // service's bounded queue, stopped when the call ends.
        return try await compute.run { budget in try AnomalyChecker().run(request, budget: budget) }
    }

    func listAnomalies(request: Metricx_V1_ListAnomaliesRequest, context: ServerContext) async throws -> Metricx_V1_ListAnomaliesResponse {
        try await AnomalyStore(postgres: postgres).list(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    func updateAnomaly(request: Metricx_V1_UpdateAnomalyRequest, context: ServerContext) async throws -> Metricx_V1_Anomaly {
        try await AnomalyStore(postgres: postgres).update(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    func runMonitor(request: Metricx_V1_MonitorRequest, context: ServerContext) async throws -> Metricx_V1_MonitorResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        let (_, zone) = try Self.timeZone(request.settings)
        let asOf = try RFC3339.date(request.asOf, field: "as_of") ?? Date()
        let outcome = try await AnomalyMonitor(postgres: postgres, compute: compute).run(workspaceID: workspace, timeZone: zone, asOf: asOf)
        return .with {
            $0.seriesScored = Int32(outcome.seriesScored)
            $0.anomaliesFound = Int32(outcome.anomaliesFound)
            $0.notificationsQueued = Int32(outcome.notificationsQueued)
        }
    }

    func createAlertRule(request: Metricx_V1_AlertRule, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        let workspace = try RequestContext.requireWorkspaceID()
        return try await AlertRuleStore(postgres: postgres).create(AlertRule(validating: request), workspaceID: workspace).proto
    }

    func listAlertRules(request: Metricx_V1_ListAlertRulesRequest, context: ServerContext) async throws -> Metricx_V1_ListAlertRulesResponse
    {
        let rules = try await AlertRuleStore(postgres: postgres).list(workspaceID: try RequestContext.requireWorkspaceID())
        return .with { $0.rules = rules.map(\.proto) }
    }

    func deleteAlertRule(request: Metricx_V1_AlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_DeleteAlertRuleResponse {
        let workspace = try RequestContext.requireWorkspaceID()
        try await AlertRuleStore(postgres: postgres).delete(id: try Self.ruleID(request.id), workspaceID: workspace)
        return .init()
    }

    func muteAlertRule(request: Metricx_V1_MuteAlertRuleRequest, context: ServerContext) async throws -> Metricx_V1_AlertRule {
        let workspace = try RequestContext.requireWorkspaceID()
        let until = try RFC3339.date(request.until, field: "until")
        return try await AlertRuleStore(postgres: postgres).mute(id: try Self.ruleID(request.id), until: until, workspaceID: workspace)
            .proto
    }

    func listAlertDeliveries(request: Metricx_V1_ListAlertDeliveriesRequest, context: ServerContext) async throws
        -> Metricx_V1_ListAlertDeliveriesResponse
    {
        try await DeliveryLog(postgres: postgres).list(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    private static func ruleID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ServiceError.invalidArgument("must be a UUID", field: "id") }
        return id
    }
}
