import Foundation
import GRPCCore
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRedis
import MetricxRuntime
import MetricxTestSupport

@testable import CopilotSvc
@testable import LineageSvc
@testable import MetricsSvc

/// MetricsSvc, LineageSvc and CopilotSvc over real gRPC on loopback ports, on the real test
/// database. MetricsSvc and LineageSvc call each other (custom metrics one way, leaves and
/// anomalies the other), so LineageSvc reads from a first MetricsSvc and the copilot talks to a
/// second one that knows LineageSvc.
struct CopilotHarness: Sendable {
    let postgres: PostgresClient
    let copilot: any Metricx_V1_CopilotService.ClientProtocol
    let metrics: any Metricx_V1_MetricsService.ClientProtocol
    let lineage: any Metricx_V1_LineageService.ClientProtocol

    static let header =
        "timestamp,provider,account_id,account_name,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,spend,impressions,clicks,conversions,revenue,leads,installs,purchases,visitors,profit"

    static func with(llm: LLMUnderstanding? = nil, _ body: @escaping @Sendable (CopilotHarness) async throws -> Void) async throws {
        let postgres = TestEnvironment.postgresClient()
        let redis = TestEnvironment.hasRedis ? TestEnvironment.redisClient() : nil
        let logger = Logger(label: "test")
        try await PostgresMigrator(schema: "metrics", migrations: MetricsMigrations.all).migrate(postgres, logger: logger)
        try await PostgresMigrator(schema: "copilot", migrations: CopilotMigrations.all).migrate(postgres, logger: logger)
        try await PostgresMigrator(schema: "lineage", migrations: LineageMigrations.all).migrate(postgres, logger: logger)
        try await LoopbackRPC.with([MetricsService(postgres: postgres)]) { leaves in
            let lineageService = LineageService(postgres: postgres, metrics: Metricx_V1_MetricsService.Client(wrapping: leaves.grpc))
            try await LoopbackRPC.with([lineageService]) { lineageRPC in
                let lineage = Metricx_V1_LineageService.Client(wrapping: lineageRPC.grpc)
                var metricsService = MetricsService(postgres: postgres)
                metricsService.customMetrics = CustomMetricCatalog(lineage: lineage)
                try await LoopbackRPC.with([MetricsRPCService(service: metricsService)]) { metricsRPC in
                    let metrics = Metricx_V1_MetricsService.Client(wrapping: metricsRPC.grpc)
                    let conversations = ConversationStore(postgres: postgres)
                    var pipeline = AskPipeline(
                        metrics: metrics, lineage: lineage, conversations: conversations, entities: EntityCache(ttl: .zero))
                    pipeline.llm = llm
                    // Answers are journaled for replay when make test's Redis is there.
                    let journal = AnswerJournal(redis: redis)
                    let service = CopilotService(pipeline: pipeline, conversations: conversations, journal: journal)
                    try await LoopbackRPC.with([service]) { copilot in
                        try await body(
                            CopilotHarness(
                                postgres: postgres, copilot: Metricx_V1_CopilotService.Client(wrapping: copilot.grpc), metrics: metrics,
                                lineage: lineage))
                    }
                }
            }
        }
        await postgres.shutdown()
        await redis?.shutdown()
    }

    /// Imports CSV rows (without the header) into `workspace`.
    func importRows(_ rows: [String], workspace: UUID) async throws {
        let text = ([Self.header] + rows).joined(separator: "\n")
        let chunks = AsyncStream<[UInt8]> { continuation in
            continuation.yield(Array(text.utf8))
            continuation.finish()
        }
        let result = try await CSVImporter(writer: SnapshotWriter(postgres: postgres)).run(
            chunks, workspaceID: workspace, timeZoneName: "UTC")
        precondition(result.rowsRejected == 0, "rejected \(result.rowsRejected) rows")
    }

    /// Stores a metric definition in `workspace` through LineageSvc.
    @discardableResult
    func define(_ yaml: String, workspace: UUID, expectedVersion: Int32 = 0) async throws -> Metricx_V1_MetricDefinition {
        try await inWorkspace(workspace) {
            try await lineage.putMetricDefinition(
                .with {
                    $0.yaml = yaml
                    $0.expectedVersion = expectedVersion
                })
        }
    }

    /// Every event of one answer, in order.
    func ask(
        _ question: String, workspace: UUID, conversation: String = "", asOf: String = "2026-11-19T15:00:00Z",
        timezone: String = "UTC"
    ) async throws -> [Metricx_V1_AskEvent] {
        try await inWorkspace(workspace) {
            try await copilot.ask(
                .with {
                    $0.question = question
                    $0.conversationID = conversation
                    $0.asOf = asOf
                    $0.settings = .with {
                        $0.timezone = timezone
                        $0.currency = "USD"
                    }
                }
            ) { response in
                var events: [Metricx_V1_AskEvent] = []
                for try await event in response.messages { events.append(event) }
                return events
            }
        }
    }

    func inWorkspace<T: Sendable>(_ workspace: UUID, _ body: () async throws -> T) async throws -> T {
        try await RequestContext.$current.withValue(RequestContext(requestID: "test", workspaceID: workspace.uuidString)) {
            try await body()
        }
    }
}

extension Array where Element == Metricx_V1_AskEvent {
    var answer: Metricx_V1_Answer? {
        for event in self { if case .done(let answer) = event.event { return answer } }
        return nil
    }

    var stages: [String] {
        compactMap { if case .stage(let stage) = $0.event { stage } else { nil } }
    }

    var tokens: [String] {
        compactMap { if case .token(let token) = $0.event { token } else { nil } }
    }
}
