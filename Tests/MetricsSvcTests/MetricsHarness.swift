import Foundation
import GRPCCore
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport

@testable import MetricsSvc

/// MetricsService over the real `metrics` schema of the test database, one fresh workspace each.
struct MetricsHarness {
    let postgres: PostgresClient
    let service: MetricsService
    let workspace: UUID
    var timezone: String

    static func make(timezone: String = "UTC") async throws -> MetricsHarness {
        let postgres = TestEnvironment.postgresClient()
        try await PostgresMigrator(schema: "metrics", migrations: MetricsMigrations.all).migrate(postgres, logger: Logger(label: "test"))
        return MetricsHarness(postgres: postgres, service: MetricsService(postgres: postgres), workspace: UUID(), timezone: timezone)
    }

    var settings: Metricx_V1_WorkspaceSettings { .with { $0.timezone = timezone } }

    func inWorkspace<T>(_ body: () async throws -> T) async throws -> T {
        try await RequestContext.$current.withValue(RequestContext(requestID: "test", workspaceID: workspace.uuidString)) {
            try await body()
        }
    }

    /// Imports CSV text in small chunks, as a client stream would deliver it.
    func importCSV(_ text: String, chunkSize: Int = 7) async throws -> Metricx_V1_CsvImportResponse {
        let bytes = Array(text.utf8)
        let chunks = AsyncStream<[UInt8]> { continuation in
            var offset = 0
            while offset < bytes.count {
                continuation.yield(Array(bytes[offset..<min(offset + chunkSize, bytes.count)]))
                offset += chunkSize
            }
            continuation.finish()
        }
        return try await CSVImporter(writer: SnapshotWriter(postgres: postgres)).run(chunks, workspaceID: workspace, timeZoneName: timezone)
    }

    func query(_ build: (inout Metricx_V1_SemanticQuery) -> Void, asOf: String = "2026-11-19T15:00:00Z") async throws
        -> Metricx_V1_QueryResult
    {
        var query = Metricx_V1_SemanticQuery()
        build(&query)
        let request = Metricx_V1_QueryRequest.with {
            $0.settings = settings
            $0.query = query
            $0.asOf = asOf
        }
        return try await inWorkspace { try await service.query(request: request, context: Self.context) }
    }

    /// How many (ad, day) rows of `ad_daily` and (campaign, provider, day) rows of `campaign_daily`
    /// differ from a recomputation from the snapshots, in the workspace's zone: 0 when the rollups
    /// are exact.
    func rollupMismatches() async throws -> Int {
        try await postgres.query(
            """
            WITH daily AS (
                SELECT (s.bucket_start AT TIME ZONE $2)::date AS day, s.ad_id, sum(s.spend) AS spend, sum(s.revenue) AS revenue
                FROM metrics.snapshots s WHERE s.workspace_id = $1 GROUP BY 1, 2
            ), campaigns AS (
                SELECT d.day, coalesce(e.campaign_id, 0) AS campaign_id, e.provider, sum(d.spend) AS spend, sum(d.revenue) AS revenue
                FROM metrics.ad_daily d JOIN metrics.entities e ON e.workspace_id = d.workspace_id AND e.id = d.ad_id
                WHERE d.workspace_id = $1 GROUP BY 1, 2, 3
            )
            SELECT (SELECT count(*) FROM daily x FULL JOIN metrics.ad_daily d ON d.workspace_id = $1 AND d.day = x.day AND d.ad_id = x.ad_id
                    WHERE (d.workspace_id IS NULL OR d.workspace_id = $1)
                      AND (x.day IS NULL OR d.day IS NULL OR abs(x.spend - d.spend) > 1e-9 OR abs(x.revenue - d.revenue) > 1e-9))
                 + (SELECT count(*) FROM campaigns x FULL JOIN (SELECT * FROM metrics.campaign_daily WHERE workspace_id = $1) c
                        ON c.day = x.day AND c.campaign_id = x.campaign_id AND c.provider = x.provider
                    WHERE x.day IS NULL OR c.day IS NULL OR abs(x.spend - c.spend) > 1e-9 OR abs(x.revenue - c.revenue) > 1e-9)
            """, workspace, timezone
        ).single().decode(Int.self, at: 0)
    }

    static var context: ServerContext {
        ServerContext(
            descriptor: Metricx_V1_MetricsService.Method.Query.descriptor, remotePeer: "test", localPeer: "test",
            cancellation: .init())
    }

    static let header =
        "timestamp,provider,account_id,account_name,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,spend,impressions,clicks,conversions,revenue,leads,installs,purchases,visitors,profit"
}

extension Array where Element == Metricx_V1_MetricValue {
    func isNull(_ metric: String) -> Bool {
        first { $0.metric == metric }.map { !$0.hasValue } ?? false
    }
}
