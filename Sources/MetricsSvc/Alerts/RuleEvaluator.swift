import Foundation
import MetricxAnomaly
import MetricxPostgres

/// Matches the workspace's rules against what the monitor just saw and queues a delivery for
/// each match. A delivery's dedupe key (the anomaly, or the bucket a threshold breach began)
/// makes evaluating the same buckets again harmless.
struct RuleEvaluator: Sendable {
    let postgres: PostgresClient

    /// Queues notifications; returns how many were new.
    func evaluate(
        workspaceID: UUID, newAnomalies: [AnomalyWriter.Stored], series: [MonitoredSeries.Series], since: Double, now: Date
    ) async throws -> Int {
        let rules = try await AlertRuleStore(postgres: postgres).list(workspaceID: workspaceID).filter { !$0.isMuted(at: now) }
        guard !rules.isEmpty else { return 0 }
        var queue: [(rule: AlertRule, notification: AlertNotification)] = []
        for rule in rules {
            switch rule.kind {
            case .anomaly:
                for anomaly in newAnomalies where Self.matches(rule, anomaly.finding) {
                    queue.append((rule, Self.notification(for: anomaly)))
                }
            case .threshold:
                guard let watched = series.first(where: { $0.metric == rule.metric && $0.entityKey == rule.entityKey }) else { continue }
                for notification in Self.breaches(of: rule, in: watched, since: since) {
                    queue.append((rule, notification))
                }
            }
        }
        var queued = 0
        for (rule, notification) in queue {
            let inserted = try await postgres.query(
                """
                INSERT INTO metrics.alert_deliveries (workspace_id, rule_id, anomaly_id, dedupe_key, summary, url, body)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (workspace_id, rule_id, dedupe_key) DO NOTHING
                RETURNING id
                """,
                workspaceID, rule.id, notification.anomalyID, notification.dedupeKey, notification.summary,
                rule.webhookURL.absoluteString, notification.body(for: rule, workspaceID: workspaceID)
            ).rows
            queued += inserted.count
        }
        return queued
    }

    static func matches(_ rule: AlertRule, _ finding: AnomalyMonitor.Finding) -> Bool {
        (rule.metric == "*" || rule.metric == finding.metric)
            && (rule.entityKey.isEmpty || rule.entityKey == finding.entityKey)
            && finding.verdict.severity >= rule.minSeverity
    }

    /// The buckets at or after `since` where the series had been past the threshold for the
    /// rule's number of buckets, and had not been the bucket before (one alert per breach).
    static func breaches(of rule: AlertRule, in series: MonitoredSeries.Series, since: Double) -> [AlertNotification] {
        guard let comparator = rule.comparator else { return [] }
        func past(_ index: Int) -> Bool {
            guard let value = series.values[index] else { return false }
            return comparator == .above ? value > rule.threshold : value < rule.threshold
        }
        func breached(at end: Int) -> Bool {
            end - rule.buckets + 1 >= 0 && (end - rule.buckets + 1...end).allSatisfy(past)
        }
        var notifications: [AlertNotification] = []
        for index in series.times.indices where series.times[index] >= since && breached(at: index) && !breached(at: index - 1) {
            let time = Date(timeIntervalSince1970: series.times[index])
            let value = series.values[index] ?? 0
            let scope = series.entityKey.isEmpty ? "the workspace" : series.entityLabel
            let summary =
                "\(rule.metric.uppercased()) for \(scope) has been \(comparator.rawValue) "
                + "\(AlertNotification.format(rule.threshold, metric: rule.metric)) for \(rule.buckets) bucket(s): "
                + "\(AlertNotification.format(value, metric: rule.metric)) at \(time.formatted(.iso8601))"
            notifications.append(
                AlertNotification(
                    dedupeKey: "threshold:\(Int(series.times[index]))", anomalyID: nil, summary: summary,
                    details: [
                        "metric": rule.metric, "entity_key": series.entityKey, "ts": time.formatted(.iso8601), "value": value,
                        "threshold": rule.threshold, "comparator": comparator.rawValue, "buckets": rule.buckets,
                    ]))
        }
        return notifications
    }

    static func notification(for anomaly: AnomalyWriter.Stored) -> AlertNotification {
        let finding = anomaly.finding
        let verdict = finding.verdict
        let time = Date(timeIntervalSince1970: finding.time)
        let scope = finding.entityKey.isEmpty ? "the workspace" : finding.entityLabel
        let moved = verdict.direction == .up ? "rose to" : "fell to"
        let summary =
            "\(finding.metric.uppercased()) for \(scope) \(moved) \(AlertNotification.format(verdict.value, metric: finding.metric)) "
            + "(expected \(AlertNotification.format(verdict.expected ?? verdict.value, metric: finding.metric))) at "
            + "\(time.formatted(.iso8601)): \(verdict.severity.rawValue) severity"
        return AlertNotification(
            dedupeKey: "anomaly:\(anomaly.id.uuidString.lowercased())", anomalyID: anomaly.id, summary: summary,
            details: [
                "anomaly_id": anomaly.id.uuidString.lowercased(), "metric": finding.metric, "entity_key": finding.entityKey,
                "entity_label": finding.entityLabel, "ts": time.formatted(.iso8601), "observed": verdict.value,
                "expected": verdict.expected ?? verdict.value, "score": verdict.score,
                "severity": verdict.severity.rawValue, "direction": verdict.direction.rawValue,
            ])
    }
}
