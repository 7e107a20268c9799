import Foundation
import GRPCCore
import MetricxProtos
import MetricxRuntime

/// Where pulled numbers go: MetricsSvc's idempotent ingest, its compaction, and its anomaly
/// monitor (run after each successful sync).
protocol IngestSink: Sendable {
    /// Writes one page for the connection's workspace; returns the rows accepted.
    func ingest(_ page: ConnectorPage, connection: ConnectionRecord, source: String) async throws -> Int64
    func compact() async throws -> Int64
    /// Scores the buckets the sync brought in; returns the anomalies found.
    func monitor(connection: ConnectionRecord) async throws -> Int
}

/// ``IngestSink`` over the MetricsService RPCs.
struct MetricsIngestSink: IngestSink {
    let metrics: any Metricx_V1_MetricsService.ClientProtocol
    /// Ingest batches travel in slices this size, well under the RPC's batch limit.
    var sliceSize = 20_000

    func ingest(_ page: ConnectorPage, connection: ConnectionRecord, source: String) async throws -> Int64 {
        return try await RequestContext.$current.withValue(Self.context(for: connection)) {
            var accepted: Int64 = 0
            var start = 0
            repeat {
                let rows = Array(page.rows[start..<min(start + sliceSize, page.rows.count)])
                let response = try await metrics.ingest(
                    .with {
                        $0.settings = .with {
                            $0.timezone = connection.timezone
                            $0.currency = connection.currency
                        }
                        if start == 0 { $0.entities = page.entities }
                        $0.rows = rows
                        $0.source = source
                    })
                if response.rowsRejected > 0, let first = response.rejections.first {
                    // A connector bug, not the user's: visible in the run's error, yet the good rows landed.
                    throw ConnectorError(
                        .badResponse, "MetricsSvc rejected \(response.rowsRejected) rows (\(first.field): \(first.reason))")
                }
                accepted += response.rowsAccepted
                start += sliceSize
            } while start < page.rows.count
            return accepted
        }
    }

    func compact() async throws -> Int64 {
        try await metrics.compact(.init()).bucketsCompacted
    }

    func monitor(connection: ConnectionRecord) async throws -> Int {
        try await RequestContext.$current.withValue(Self.context(for: connection)) {
            // Replaying a large workspace's series takes longer than the default deadline.
            var options = CallOptions.defaults
            options.timeout = .seconds(120)
            return Int(
                try await metrics.runMonitor(
                    .with {
                        $0.settings = .with {
                            $0.timezone = connection.timezone
                            $0.currency = connection.currency
                        }
                    },
                    options: options
                ).anomaliesFound)
        }
    }

    private static func context(for connection: ConnectionRecord) -> RequestContext {
        RequestContext(
            requestID: RequestContext.current?.requestID ?? UUID().uuidString.lowercased(),
            workspaceID: connection.workspaceID.uuidString.lowercased(), principal: "sync:\(connection.id.uuidString.lowercased())")
    }
}
