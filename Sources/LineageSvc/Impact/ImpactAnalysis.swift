import Foundation
import MetricxLineage
import MetricxProtos
import MetricxRuntime

/// Builds a workspace's lineage graph from its definitions, and ranks recorded changes by the
/// anomalies (from MetricsSvc) that followed them downstream.
struct ImpactAnalysis: Sendable {
    static let maximumWindowHours: Int32 = 24 * 30
    static let maximumAnomalies = 2_000

    let definitions: DefinitionStore
    let events: ChangeEventStore
    let metrics: any Metricx_V1_MetricsService.ClientProtocol

    func graph(workspaceID: UUID) async throws -> LineageGraph {
        let (stored, _) = try await definitions.current(workspaceID: workspaceID)
        return LineageGraph(custom: stored.compactMap(\.spec))
    }

    func suspects(_ request: Metricx_V1_SuspectChangesRequest, workspaceID: UUID) async throws -> Metricx_V1_SuspectChangesResponse {
        let until = try RFC3339.date(request.until, field: "until") ?? Date()
        let since = try RFC3339.date(request.since, field: "since") ?? until.addingTimeInterval(-7 * 86_400)
        guard since < until else { throw ServiceError.invalidArgument("must be before until", field: "since") }
        guard until.timeIntervalSince(since) <= 366 * 86_400 else {
            throw ServiceError.invalidArgument("at most a year from since to until", field: "since")
        }
        guard (0...Self.maximumWindowHours).contains(request.windowHours) else {
            throw ServiceError.invalidArgument("must be from 0 (24 hours) to \(Self.maximumWindowHours)", field: "window_hours")
        }
        let window = TimeInterval(request.windowHours == 0 ? 24 : request.windowHours) * 3600

        let changes = try await events.all(workspaceID: workspaceID, since: since, until: until)
        guard !changes.isEmpty else { return .init() }
        let anomalies = try await self.anomalies(since: since, until: until.addingTimeInterval(window))
        let graph = try await graph(workspaceID: workspaceID)
        let ranked = SuspectChanges.rank(
            changes: changes.map { .init(id: $0.id.uuidString.lowercased(), occurredAt: $0.occurredAt, nodes: $0.nodes) },
            anomalies: anomalies, graph: graph, window: window)
        let byID = Dictionary(uniqueKeysWithValues: changes.map { ($0.id.uuidString.lowercased(), $0) })
        return .with {
            $0.suspects = ranked.compactMap { suspect in
                guard let event = byID[suspect.changeID] else { return nil }
                return .with {
                    $0.event = event.proto
                    $0.score = suspect.score
                    $0.anomalyIds = suspect.anomalyIDs
                    $0.metrics = suspect.metrics
                }
            }
        }
    }

    /// The workspace's anomalies in `[since, until)`, through MetricsSvc, page by page.
    func anomalies(since: Date, until: Date, metric: String = "") async throws -> [SuspectChanges.Anomaly] {
        var found: [SuspectChanges.Anomaly] = []
        var token = ""
        repeat {
            let response = try await metrics.listAnomalies(
                .with {
                    $0.since = RFC3339.string(since)
                    $0.until = RFC3339.string(until)
                    $0.metric = metric
                    $0.page = .with {
                        $0.pageSize = 200
                        $0.pageToken = token
                    }
                })
            for anomaly in response.anomalies {
                guard let at = RFC3339.date(anomaly.ts) else { continue }
                let severity = ["high": 1.0, "medium": 0.75][anomaly.severity] ?? 0.5
                found.append(.init(id: anomaly.id, metric: anomaly.metric, at: at, severity: severity))
            }
            token = response.page.nextPageToken
        } while !token.isEmpty && found.count < Self.maximumAnomalies
        return found
    }
}
