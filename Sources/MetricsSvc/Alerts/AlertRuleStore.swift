import Foundation
import MetricxAnomaly
import MetricxPostgres
import MetricxProtos
import MetricxRuntime

/// The workspace's alert rules in `metrics.alert_rules`.
struct AlertRuleStore: Sendable {
    static let maximumRules = 200
    let postgres: PostgresClient

    private static let columns = """
        id, name, kind, metric, entity_key, min_severity, comparator, threshold, buckets, webhook_url,
        webhook_format, muted_until, created_at
        """

    func create(_ rule: AlertRule, workspaceID: UUID) async throws -> AlertRule {
        try await postgres.withTransaction { connection in
            // Serialises creations in one workspace so the limit holds under concurrency.
            try await connection.lockWorkspace(workspaceID, scope: "alert_rules")
            let count = try await connection.query(
                "SELECT count(*)::int8 FROM metrics.alert_rules WHERE workspace_id = $1", workspaceID
            ).single().decode(Int64.self, at: 0)
            guard count < Self.maximumRules else {
                throw ServiceError(.resourceExhausted, "a workspace holds at most \(Self.maximumRules) alert rules")
            }
            _ = try await connection.query(
                """
                INSERT INTO metrics.alert_rules (workspace_id, id, name, kind, metric, entity_key, min_severity,
                    comparator, threshold, buckets, webhook_url, webhook_format, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """,
                workspaceID, rule.id, rule.name, rule.kind.rawValue, rule.metric, rule.entityKey, rule.minSeverity.rawValue,
                rule.comparator?.rawValue ?? "", rule.threshold, rule.buckets, rule.webhookURL.absoluteString,
                rule.format.rawValue, rule.createdAt)
            return rule
        }
    }

    func list(workspaceID: UUID) async throws -> [AlertRule] {
        try await postgres.query(
            "SELECT \(Self.columns) FROM metrics.alert_rules WHERE workspace_id = $1 ORDER BY created_at, id", workspaceID
        ).rows.map(Self.rule)
    }

    func delete(id: UUID, workspaceID: UUID) async throws {
        let deleted = try await postgres.query(
            "DELETE FROM metrics.alert_rules WHERE workspace_id = $1 AND id = $2 RETURNING id", workspaceID, id
        ).rows
        if deleted.isEmpty { throw ServiceError.notFound("alert rule \(id.uuidString.lowercased()) not found") }
    }

    /// Mutes the rule until `until` (nil unmutes).
    func mute(id: UUID, until: Date?, workspaceID: UUID) async throws -> AlertRule {
        let rows = try await postgres.query(
            "UPDATE metrics.alert_rules SET muted_until = $3 WHERE workspace_id = $1 AND id = $2 RETURNING \(Self.columns)",
            workspaceID, id, until
        ).rows
        guard let row = rows.first else { throw ServiceError.notFound("alert rule \(id.uuidString.lowercased()) not found") }
        return try Self.rule(row)
    }

    private static func rule(_ row: PostgresRow) throws -> AlertRule {
        let (id, name, kind, metric, entityKey, severity, comparator, threshold, buckets, url, format, mutedUntil, createdAt) =
            try row.decode(
                UUID.self, String.self, String.self, String.self, String.self, String.self, String.self, Double.self,
                Int.self, String.self, String.self, Date?.self, Date.self)
        return AlertRule(
            id: id, name: name, kind: AlertRule.Kind(rawValue: kind) ?? .anomaly, metric: metric, entityKey: entityKey,
            minSeverity: Severity(rawValue: severity) ?? .low, comparator: AlertRule.Comparator(rawValue: comparator),
            threshold: threshold, buckets: buckets, webhookURL: URL(string: url)!, format: AlertRule.Format(rawValue: format) ?? .json,
            mutedUntil: mutedUntil, createdAt: createdAt)
    }
}
