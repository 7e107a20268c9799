import Foundation
import MetricxSemantics

/// What a rule sends: a one-line summary, and the webhook body in the rule's format (a JSON
/// event, or a Slack-compatible message with `text` and `blocks`).
struct AlertNotification: Sendable {
    var dedupeKey: String
    var anomalyID: UUID?
    var summary: String
    var details: [String: any Sendable]

    func body(for rule: AlertRule, workspaceID: UUID) -> String {
        let object: [String: Any]
        switch rule.format {
        case .json:
            object = [
                "event": rule.kind == .anomaly ? "anomaly" : "threshold",
                "workspace_id": workspaceID.uuidString.lowercased(),
                "rule": ["id": rule.id.uuidString.lowercased(), "name": rule.name],
                "summary": summary,
                "details": details,
            ]
        case .slack:
            object = [
                "text": summary,
                "blocks": [
                    [
                        "type": "section",
                        "text": ["type": "mrkdwn", "text": "*\(Self.escapeSlack(rule.name))*\n\(Self.escapeSlack(summary))"],
                    ]
                ],
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Slack treats `&`, `<` and `>` as markup.
    private static func escapeSlack(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// "1,234.50" for a metric's unit.
    static func format(_ value: Double, metric: String) -> String {
        let unit = MetricCatalog.builtin[metric]?.unit
        if unit == .fraction { return String(format: "%.2f%%", value * 100) }
        if unit == .percent { return String(format: "%.2f%%", value) }
        return value.formatted(.number.precision(.fractionLength(unit == .count ? 0 : 2)))
    }
}
