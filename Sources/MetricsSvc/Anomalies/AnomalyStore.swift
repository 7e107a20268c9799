import Foundation
import MetricxAnomaly
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// Reads and updates the stored anomalies of a workspace, newest first.
struct AnomalyStore: Sendable {
    static let defaultPageSize = 100
    static let maximumPageSize = 1_000
    let postgres: PostgresClient

    private static let columns = """
        id, metric, entity_key, entity_label, ts, observed, expected, score, severity, direction, incident_id, status
        """

    func list(_ request: Metricx_V1_ListAnomaliesRequest, workspaceID: UUID) async throws -> Metricx_V1_ListAnomaliesResponse {
        let since = try RFC3339.date(request.since, field: "since")
        let until = try RFC3339.date(request.until, field: "until")
        if let since, let until, since > until {
            throw ServiceError.invalidArgument("must not be after until", field: "since")
        }
        var severity = Severity.low
        if !request.minSeverity.isEmpty {
            guard let parsed = Severity(rawValue: request.minSeverity) else {
                throw ServiceError.invalidArgument("must be low, medium or high", field: "min_severity")
            }
            severity = parsed
        }
        let page = try KeysetPage(request.page, defaultSize: Self.defaultPageSize, maximumSize: Self.maximumPageSize)
        let severities = Severity.allCases.filter { $0 >= severity }.map(\.rawValue)
        let rows = try await postgres.query(
            """
            SELECT \(Self.columns) FROM metrics.anomalies
            WHERE workspace_id = $1 AND ts >= coalesce($2, '-infinity'::timestamptz) AND ts <= coalesce($3, 'infinity'::timestamptz)
              AND ($4 = '' OR metric = $4) AND ($5 = '' OR entity_key = $5) AND severity = ANY($6)
              AND ($7::timestamptz IS NULL OR (ts, id) < ($7, $8))
            ORDER BY ts DESC, id DESC
            LIMIT $9
            """,
            workspaceID, since, until, request.metric, request.entityKey, severities, page.after?.time, page.after?.id, page.size + 1
        ).rows
        var response = Metricx_V1_ListAnomaliesResponse()
        var last: (time: Date, id: UUID)?
        for row in rows.prefix(page.size) {
            let (anomaly, ts, id) = try Self.anomaly(row)
            response.anomalies.append(anomaly)
            last = (ts, id)
        }
        if rows.count > page.size, let last { response.page.nextPageToken = KeysetPage.token(time: last.time, id: last.id) }
        return response
    }

    /// Acknowledges, mutes or reopens one anomaly.
    func update(_ request: Metricx_V1_UpdateAnomalyRequest, workspaceID: UUID) async throws -> Metricx_V1_Anomaly {
        guard let id = UUID(uuidString: request.id) else {
            throw ServiceError.invalidArgument("must be a UUID", field: "id")
        }
        guard ["open", "acknowledged", "muted"].contains(request.status) else {
            throw ServiceError.invalidArgument("must be open, acknowledged or muted", field: "status")
        }
        let rows = try await postgres.withTransaction { connection in
            let rows = try await connection.query(
                "UPDATE metrics.anomalies SET status = $3 WHERE workspace_id = $1 AND id = $2 RETURNING \(Self.columns)",
                workspaceID, id, request.status
            ).rows
            // A muted anomaly stops notifying: what is still queued for it is dropped.
            if request.status == "muted", !rows.isEmpty {
                _ = try await connection.query(
                    """
                    UPDATE metrics.alert_deliveries SET status = 'failed', last_error = 'muted before delivery'
                    WHERE workspace_id = $1 AND anomaly_id = $2 AND status = 'pending'
                    """,
                    workspaceID, id)
            }
            return rows
        }
        guard let row = rows.first else { throw ServiceError.notFound("anomaly \(request.id) not found") }
        return try Self.anomaly(row).0
    }

    private static func anomaly(_ row: PostgresRow) throws -> (Metricx_V1_Anomaly, Date, UUID) {
        let (id, metric, entityKey, label, ts, observed, expected, score, severity, direction, incident, status) = try row.decode(
            UUID.self, String.self, String.self, String.self, Date.self, Double.self, Double.self, Double.self, String.self,
            String.self, UUID.self, String.self)
        let anomaly = Metricx_V1_Anomaly.with {
            $0.id = id.uuidString.lowercased()
            $0.metric = metric
            $0.entityKey = entityKey
            $0.entityLabel = label
            $0.ts = ts.formatted(.iso8601)
            $0.observed = observed
            $0.expected = expected
            $0.score = score
            $0.severity = severity
            $0.direction = direction
            $0.incidentID = incident.uuidString.lowercased()
            $0.status = status
        }
        return (anomaly, ts, id)
    }
}
