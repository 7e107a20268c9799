import Foundation
import MetricxProtos

/// Pulls one connection's numbers for a window of days and hands them over page by page, so a
/// long backfill never sits in memory whole. Every page is complete for the buckets it carries
/// (a later value for the same bucket replaces the earlier one downstream).
protocol Connector: Sendable {
    func pull(_ request: PullRequest, emit: @Sendable (ConnectorPage) async throws -> Void) async throws
}

/// What a connector is asked for.
struct PullRequest: Sendable {
    var connection: ConnectionRecord
    var credentials: Credentials?
    /// Inclusive calendar days in the workspace time zone.
    var window: DayWindow
    var granularity: Granularity
    /// Buckets that start after this instant are not emitted (no data from the future).
    var now: Date

    enum Granularity: String, Sendable {
        case hour, day
    }
}

/// Entities and snapshot rows in MetricsSvc's ingest shape.
struct ConnectorPage: Sendable {
    var entities: [Metricx_V1_Entity] = []
    var rows: [Metricx_V1_SnapshotRow] = []

    var isEmpty: Bool { entities.isEmpty && rows.isEmpty }
}
