import Foundation
import GRPCCore
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import LineageSvc

/// LineageService over real gRPC on a loopback port, on the real `lineage` schema of the test
/// database, reading anomalies from a ``FakeMetrics`` served over gRPC too.
struct LineageHarness: Sendable {
    typealias Client = any Metricx_V1_LineageService.ClientProtocol

    let lineage: Client
    let metrics: FakeMetrics

    /// Runs `body` against a fresh service; `localization` replaces the RCA upload's defaults.
    static func with(
        metrics: FakeMetrics = FakeMetrics(), localization: Localization? = nil,
        _ body: @Sendable (LineageHarness) async throws -> Void
    ) async throws {
        let postgres = TestEnvironment.postgresClient()
        do {
            try await PostgresMigrator(schema: "lineage", migrations: LineageMigrations.all).migrate(
                postgres, logger: Logger(label: "test"))
            try await LoopbackRPC.with([metrics]) { metricsRPC in
                var service = LineageService(postgres: postgres, metrics: Metricx_V1_MetricsService.Client(wrapping: metricsRPC.grpc))
                if let localization {
                    service = LineageService(
                        definitions: service.definitions, events: service.events, analysis: service.analysis,
                        explainer: service.explainer, localization: localization)
                }
                try await LoopbackRPC.with([service]) { rpc in
                    try await body(LineageHarness(lineage: Metricx_V1_LineageService.Client(wrapping: rpc.grpc), metrics: metrics))
                }
            }
        } catch {
            await postgres.shutdown()
            throw error
        }
        await postgres.shutdown()
    }

    /// A caller in a new workspace of its own (tests share one database and run in parallel).
    func tenant(principal: String = "user:\(UUID().uuidString.prefix(8).lowercased())") -> Tenant {
        Tenant(workspace: UUID(), principal: principal, lineage: lineage)
    }
}

/// One workspace's caller: every call carries its workspace and principal in the request context,
/// which the client interceptor sends as `x-workspace-id` / `x-principal` metadata.
struct Tenant: Sendable {
    let workspace: UUID
    let principal: String
    let lineage: LineageHarness.Client

    func callAsFunction<T>(_ body: (LineageHarness.Client) async throws -> T) async throws -> T {
        let context = RequestContext(requestID: "test-\(UUID())", workspaceID: workspace.uuidString, principal: principal)
        return try await RequestContext.$current.withValue(context) { try await body(lineage) }
    }

    @discardableResult
    func put(_ yaml: String, expectedVersion: Int32 = 0, name: String = "") async throws -> Metricx_V1_MetricDefinition {
        try await self {
            try await $0.putMetricDefinition(
                .with {
                    $0.yaml = yaml
                    $0.expectedVersion = expectedVersion
                    $0.name = name
                })
        }
    }

    func get(_ name: String, version: Int32 = 0) async throws -> Metricx_V1_MetricDefinition {
        try await self {
            try await $0.getMetricDefinition(
                .with {
                    $0.name = name
                    $0.version = version
                })
        }
    }

    func list(includeBuiltin: Bool = false, pageSize: Int32 = 0, token: String = "") async throws
        -> Metricx_V1_ListMetricDefinitionsResponse
    {
        try await self {
            try await $0.listMetricDefinitions(
                .with {
                    $0.includeBuiltin = includeBuiltin
                    $0.page = .with {
                        $0.pageSize = pageSize
                        $0.pageToken = token
                    }
                })
        }
    }

    func events(node: String = "", since: String = "", until: String = "") async throws -> [Metricx_V1_ChangeEvent] {
        try await self {
            try await $0.listChangeEvents(
                .with {
                    $0.node = node
                    $0.since = since
                    $0.until = until
                }
            ).events
        }
    }
}

extension RPCError {
    /// The request field the service named as at fault (sent as `x-error-field` metadata).
    var field: String? { metadata[stringValues: "x-error-field"].first(where: { _ in true }) }
}

/// Expects `body` to fail with a gRPC status of `code` and, when given, naming `field`.
@discardableResult
func expectRPCError<T>(
    _ code: RPCError.Code, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> RPCError? {
    let error = await #expect(throws: RPCError.self, sourceLocation: sourceLocation) { _ = try await body() }
    guard let error else { return nil }
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
    return error
}
