import Foundation
import MetricxPostgres

/// Stores the monitor's findings: new ones only (a replay finds old ones again), each joined to
/// an incident of anomalies that broke within `incidentGap` seconds of it.
struct AnomalyWriter: Sendable {
    struct Stored: Sendable {
        var id: UUID
        var finding: AnomalyMonitor.Finding
    }

    let postgres: PostgresClient
    let grain: MonitoredSeries.Grain
    let incidentGap: Double

    func store(_ findings: [AnomalyMonitor.Finding], workspaceID: UUID) async throws -> [Stored] {
        guard !findings.isEmpty else { return [] }
        return try await postgres.withTransaction { connection in
            // Two replicas monitoring one workspace at once would split incidents.
            try await connection.lockWorkspace(workspaceID, scope: "anomaly_monitor")
            var stored: [Stored] = []
            for finding in findings {
                let time = Date(timeIntervalSince1970: finding.time)
                let exists = try await connection.query(
                    """
                    SELECT 1 FROM metrics.anomalies
                    WHERE workspace_id = $1 AND metric = $2 AND entity_key = $3 AND grain = $4 AND ts = $5
                    """,
                    workspaceID, finding.metric, finding.entityKey, grain.rawValue, time
                ).rows
                guard exists.isEmpty else { continue }
                let incident = try await incident(at: time, workspaceID: workspaceID, connection: connection)
                let verdict = finding.verdict
                let id = try await connection.query(
                    """
                    INSERT INTO metrics.anomalies (workspace_id, metric, entity_key, entity_label, ts, grain, observed,
                        expected, lower_bound, upper_bound, score, severity, direction, incident_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                    RETURNING id
                    """,
                    workspaceID, finding.metric, finding.entityKey, finding.entityLabel, time, grain.rawValue, verdict.value,
                    verdict.expected ?? verdict.value, verdict.lower, verdict.upper, verdict.score, verdict.severity.rawValue,
                    verdict.direction.rawValue, incident
                ).single().decode(UUID.self, at: 0)
                stored.append(Stored(id: id, finding: finding))
            }
            return stored
        }
    }

    private func incident(at time: Date, workspaceID: UUID, connection: PostgresConnection) async throws -> UUID {
        let rows = try await connection.query(
            """
            UPDATE metrics.anomaly_incidents SET last_seen_at = greatest(last_seen_at, $2),
                started_at = least(started_at, $2)
            WHERE workspace_id = $1 AND id = (
                SELECT id FROM metrics.anomaly_incidents
                WHERE workspace_id = $1 AND last_seen_at >= $3 AND started_at <= $4
                ORDER BY last_seen_at DESC LIMIT 1)
            RETURNING id
            """,
            workspaceID, time, time.addingTimeInterval(-incidentGap), time.addingTimeInterval(incidentGap)
        ).rows
        if let row = rows.first { return try row.decode(UUID.self, at: 0) }
        return try await connection.query(
            "INSERT INTO metrics.anomaly_incidents (workspace_id, started_at, last_seen_at) VALUES ($1, $2, $2) RETURNING id",
            workspaceID, time
        ).single().decode(UUID.self, at: 0)
    }
}
