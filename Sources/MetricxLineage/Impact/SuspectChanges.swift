import Foundation

/// After the fact: which recorded changes preceded anomalies on metrics downstream of them, ranked
/// as likely causes. A change scores for every anomaly that follows it within the window on a
/// metric it reaches; the score grows with the anomaly's severity and shrinks with the distance in
/// the graph and the time between the two.
public enum SuspectChanges {
    public struct Change: Sendable {
        public var id: String
        public var occurredAt: Date
        /// Lineage node ids the change touches.
        public var nodes: [String]

        public init(id: String, occurredAt: Date, nodes: [String]) {
            self.id = id
            self.occurredAt = occurredAt
            self.nodes = nodes
        }
    }

    public struct Anomaly: Sendable {
        public var id: String
        public var metric: String
        public var at: Date
        /// 0...1; 1 for the most severe.
        public var severity: Double

        public init(id: String, metric: String, at: Date, severity: Double) {
            self.id = id
            self.metric = metric
            self.at = at
            self.severity = severity
        }
    }

    public struct Suspect: Sendable, Equatable {
        public var changeID: String
        public var score: Double
        public var anomalyIDs: [String]
        /// The affected metrics that had anomalies, by name.
        public var metrics: [String]
    }

    public static func rank(changes: [Change], anomalies: [Anomaly], graph: LineageGraph, window: TimeInterval) -> [Suspect] {
        guard window > 0 else { return [] }
        var suspects: [Suspect] = []
        for change in changes {
            // Distance to every node downstream of the change, the touched nodes themselves at 0.
            var distances: [String: Int] = [:]
            for node in change.nodes {
                for reached in graph.traverse(from: node, direction: .downstream, depth: nil).nodes {
                    distances[reached.node.id] = min(distances[reached.node.id] ?? .max, reached.distance)
                }
            }
            var score = 0.0
            var ids: [String] = []
            var metrics: [String] = []
            for anomaly in anomalies {
                let lag = anomaly.at.timeIntervalSince(change.occurredAt)
                guard lag >= 0, lag <= window, let distance = distances[LineageGraph.metricID(anomaly.metric)] else { continue }
                score += anomaly.severity / Double(1 + distance) * (1 - 0.5 * lag / window)
                ids.append(anomaly.id)
                if !metrics.contains(anomaly.metric) { metrics.append(anomaly.metric) }
            }
            if score > 0 { suspects.append(Suspect(changeID: change.id, score: score, anomalyIDs: ids, metrics: metrics)) }
        }
        return suspects.sorted { ($0.score, $1.changeID) > ($1.score, $0.changeID) }
    }
}
