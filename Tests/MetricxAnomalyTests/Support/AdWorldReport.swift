import Foundation
import MetricxAnomaly

/// Runs the monitor's detectors (``AdMetricDetector``, every metric of every scope) over test
/// worlds and tallies what a marketer would have seen: incidents caught in time (recall), time
/// to detection, and alerts outside every incident (false alerts per series-month).
struct AdWorldReport {
    struct KindTally {
        var incidents = 0
        /// Incidents with the volume to be judged hour by hour (the others are judged by the day).
        var hourly = 0
        var caught = 0
        var delays: [Int] = []
    }

    var byKind: [AdWorld.Kind: KindTally] = [:]
    var falseAlerts = 0
    var seriesMonths = 0.0
    var falseAlertExamples: [String] = []
    var falseAlertsByMetric: [String: Int] = [:]

    /// Days of each series before anything can be judged (its history is learnt first).
    static let learningDays = 7

    /// How soon an incident must be caught: within 3 buckets, where a bucket is an hour when the
    /// hit scope usually holds 15 or more of the incident's evidence events in the three hours
    /// of the day the incident starts with (their mean over the week before; spend needs none),
    /// and a day otherwise (too little volume: the hour merges into its day); a slow decay
    /// within 3 days. The hours that matter are the incident's own: a scope with 400 orders a
    /// day may have none between 1 and 4 am, when no one can see its revenue collapse.
    static func horizon(_ incident: AdWorld.Incident, in world: AdWorld) -> Int {
        guard incident.kind != .ctrDecay else { return 72 }
        guard let evidence = incident.kind.evidence else { return 3 }
        let scope = world.scopes.first { $0.provider == incident.provider && $0.campaign == incident.campaign }!
        let days = (1...7).filter { incident.start - $0 * 24 >= 0 }
        let usual = days.reduce(0.0) { total, day in
            let start = incident.start - day * 24
            return total + scope.buckets[start..<(start + 3)].reduce(0) { $0 + $1[keyPath: evidence] }
        }
        return usual / Double(Swift.max(1, days.count)) >= 15 ? 3 : 72
    }

    var recall: Double {
        let total = byKind.values.reduce(0) { $0 + $1.incidents }
        return total == 0 ? 1 : Double(byKind.values.reduce(0) { $0 + $1.caught }) / Double(total)
    }

    var falseAlertsPerSeriesMonth: Double { seriesMonths == 0 ? 0 : Double(falseAlerts) / seriesMonths }

    mutating func add(_ world: AdWorld) {
        var alerts: [(scope: AdWorld.Scope, metric: AdMetric, hour: Int, window: Int)] = []
        for scope in world.scopes {
            // A typical order's value, from the scope's first two weeks.
            let early = scope.buckets.prefix(14 * 24).reduce(AdBucket(), +)
            let orderValue = early.conversions > 0 ? early.revenue / early.conversions : 1
            for metric in AdMetric.allCases {
                var detector = AdMetricDetector(metric: metric, orderValue: orderValue)
                for (h, bucket) in scope.buckets.enumerated() {
                    let verdict = detector.judge(bucket)
                    if verdict.point.anomaly { alerts.append((scope, metric, h, verdict.evidence?.windowBuckets ?? 1)) }
                }
                seriesMonths += Double(world.hours - Self.learningDays * 24) / (30 * 24)
            }
        }
        for incident in world.incidents {
            var tally = byKind[incident.kind] ?? KindTally()
            tally.incidents += 1
            let first = alerts.filter { AdWorld.affects(incident, $0.scope) && $0.hour >= incident.start && $0.hour < incident.end + 24 }
                .map(\.hour).min()
            let horizon = Self.horizon(incident, in: world)
            tally.hourly += horizon == 3 ? 1 : 0
            if let first, first - incident.start <= horizon {
                tally.caught += 1
                tally.delays.append(first - incident.start)
            }
            byKind[incident.kind] = tally
        }
        for alert in alerts {
            let explained = world.incidents.contains { incident in
                AdWorld.affects(incident, alert.scope) && alert.hour >= incident.start && alert.hour < incident.end + 24
            }
            if !explained {
                falseAlerts += 1
                falseAlertsByMetric["\(alert.metric.rawValue) w\(alert.window)", default: 0] += 1
                if falseAlertExamples.count < 20 {
                    falseAlertExamples.append("\(alert.scope.name) \(alert.metric.rawValue) at hour \(alert.hour) (day \(alert.hour / 24))")
                }
            }
        }
    }

    var summary: String {
        var lines: [String] = []
        for kind in AdWorld.Kind.allCases {
            guard let tally = byKind[kind] else { continue }
            let delays = tally.delays.sorted()
            let median = delays.isEmpty ? "-" : "\(delays[delays.count / 2])"
            let mean = delays.isEmpty ? "-" : String(format: "%.1f", Double(delays.reduce(0, +)) / Double(delays.count))
            lines.append(
                "\(kind.rawValue): caught \(tally.caught)/\(tally.incidents) (\(tally.hourly) judged by the hour); hours to detection median \(median), mean \(mean), max \(delays.last.map(String.init) ?? "-")"
            )
        }
        lines.append(
            String(
                format: "recall %.1f%%, false alerts %d over %.0f series-months = %.3f per series-month",
                recall * 100, falseAlerts, seriesMonths, falseAlertsPerSeriesMonth))
        return lines.joined(separator: "\n")
    }
}
