import Foundation
import MetricxProtos
import MetricxSemantics

/// The `anomalies` intent: what the monitor found in a period, strongest first, said plainly.
struct AnomalyAnswer: Sendable {
    /// Anomalies named in the text; the rest are counted and sit in the details.
    static let named = 5

    let format: ValueFormat
    let timeZone: TimeZone

    /// The instants the question's range covers: from its first day's local midnight to the end
    /// of its last day, or to `now` when the range reaches today.
    static func window(_ range: DayRange, now: Date, timeZone: TimeZone) -> (since: Date, until: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func midnight(_ day: CalendarDay) -> Date {
            calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        }
        return (midnight(range.start), min(now, midnight(range.end.adding(days: 1))))
    }

    func text(_ anomalies: [Metricx_V1_Anomaly], period: String) -> [String] {
        guard !anomalies.isEmpty else {
            return [
                "No anomalies in your key metrics for \(period).",
                "I watch spend, revenue, ROAS, CPA, CPC, CPM, CTR, conversions and average order value for the workspace, each provider and your top campaigns after every sync.",
            ]
        }
        // A campaign's break shows again in its provider's and the workspace's totals: name each
        // metric of an incident once, at the most specific level it was seen.
        var mostSpecific: [String: Metricx_V1_Anomaly] = [:]
        for anomaly in anomalies {
            let key = anomaly.incidentID + "|" + anomaly.metric
            if let kept = mostSpecific[key], Self.specificity(kept) >= Self.specificity(anomaly) { continue }
            mostSpecific[key] = anomaly
        }
        let strongest = mostSpecific.values.sorted { ($0.score, $0.ts, $0.id) > ($1.score, $1.ts, $1.id) }
        let incidents = Set(anomalies.map(\.incidentID)).count
        var text = [
            "\(anomalies.count) \(anomalies.count == 1 ? "anomaly" : "anomalies") for \(period)"
                + (incidents < anomalies.count ? " in \(incidents) \(incidents == 1 ? "incident" : "incidents")" : "") + ":"
        ]
        let lines = strongest.prefix(Self.named).map { anomaly -> String in
            let scope = anomaly.entityKey.isEmpty ? "the workspace" : anomaly.entityLabel
            let moved = anomaly.direction == "up" ? "rose to" : "fell to"
            return
                "\(ValueFormat.capitalized(Lexicon.displayName(anomaly.metric))) for \(scope) \(moved) \(format(anomaly.observed, metric: anomaly.metric)) "
                + "(expected \(format(anomaly.expected, metric: anomaly.metric))) \(when(anomaly.ts)), \(anomaly.severity) severity"
        }
        text.append(AnswerComposer.list(lines) + ".")
        if strongest.count > Self.named {
            let more = strongest.count - Self.named
            text.append("\(more) more \(more == 1 ? "is" : "are") in the details.")
        }
        return text
    }

    /// Workspace 0, provider 1, campaign (provider:campaign:id) 2.
    private static func specificity(_ anomaly: Metricx_V1_Anomaly) -> Int {
        anomaly.entityKey.isEmpty ? 0 : (anomaly.entityKey.contains(":") ? 2 : 1)
    }

    static func details(_ anomalies: [Metricx_V1_Anomaly]) -> [String: Any] {
        [
            "anomalies": anomalies.map { anomaly -> [String: Any] in
                [
                    "id": anomaly.id, "metric": anomaly.metric, "entity_key": anomaly.entityKey, "entity_label": anomaly.entityLabel,
                    "ts": anomaly.ts, "observed": anomaly.observed, "expected": anomaly.expected, "score": anomaly.score,
                    "severity": anomaly.severity, "direction": anomaly.direction, "incident_id": anomaly.incidentID,
                ]
            }
        ]
    }

    /// "on Nov 19 at 14:00" in the workspace's time zone (no time for a day bucket at midnight).
    private func when(_ ts: String) -> String {
        guard let (day, time) = ValueFormat.day(ts, timeZone: timeZone) else { return "at \(ts)" }
        return "on \(day)" + (time.map { " at \($0)" } ?? "")
    }
}
