import Foundation
import MetricxAnomaly
import MetricxOutbound
import MetricxProtos
import MetricxRuntime
import MetricxSemantics

/// A validated alert rule: "anomaly on X with severity >= S" or "X above / below T for N buckets".
struct AlertRule: Sendable, Hashable {
    enum Kind: String, Sendable { case anomaly, threshold }
    enum Comparator: String, Sendable { case above, below }
    enum Format: String, Sendable { case json, slack }

    var id: UUID
    var name: String
    var kind: Kind
    /// A catalog metric, or "*" (anomaly rules only) for any.
    var metric: String
    var entityKey: String
    var minSeverity: Severity
    var comparator: Comparator?
    var threshold: Double
    var buckets: Int
    var webhookURL: URL
    var format: Format
    var mutedUntil: Date?
    var createdAt: Date

    func isMuted(at now: Date) -> Bool { mutedUntil.map { $0 > now } ?? false }

    var proto: Metricx_V1_AlertRule {
        .with {
            $0.id = id.uuidString.lowercased()
            $0.name = name
            $0.kind = kind.rawValue
            $0.metric = metric
            $0.entityKey = entityKey
            if kind == .anomaly { $0.minSeverity = minSeverity.rawValue }
            $0.comparator = comparator?.rawValue ?? ""
            $0.threshold = threshold
            $0.buckets = Int32(buckets)
            $0.webhookURL = webhookURL.absoluteString
            $0.webhookFormat = format.rawValue
            $0.mutedUntil = mutedUntil?.formatted(.iso8601) ?? ""
            $0.createdAt = createdAt.formatted(.iso8601)
        }
    }
}

// In an extension, so the memberwise initialiser the store uses stays synthesised.
extension AlertRule {
    /// Validates a rule as a client sent it; every error names its field. A webhook to an address
    /// `policy` refuses is refused now, not only at each delivery.
    init(validating proto: Metricx_V1_AlertRule, policy: AddressPolicy = .deployment) throws {
        let name = proto.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else {
            throw ServiceError.invalidArgument("must be 1 to 200 characters", field: "name")
        }
        guard let kind = Kind(rawValue: proto.kind) else {
            throw ServiceError.invalidArgument("must be anomaly or threshold", field: "kind")
        }
        guard (kind == .anomaly && proto.metric == "*") || MetricCatalog.builtin[proto.metric] != nil else {
            let known = MetricCatalog.builtin.keys.sorted().joined(separator: ", ")
            throw ServiceError.invalidArgument(
                "unknown metric \"\(proto.metric)\"; one of \(known)\(kind == .anomaly ? ", or * for any" : "")", field: "metric")
        }
        guard proto.entityKey.count <= 300 else {
            throw ServiceError.invalidArgument("at most 300 characters", field: "entity_key")
        }
        var severity = Severity.low
        var comparator: Comparator?
        var buckets = 1
        switch kind {
        case .anomaly:
            if !proto.minSeverity.isEmpty {
                guard let parsed = Severity(rawValue: proto.minSeverity) else {
                    throw ServiceError.invalidArgument("must be low, medium or high", field: "min_severity")
                }
                severity = parsed
            }
        case .threshold:
            guard let parsed = Comparator(rawValue: proto.comparator) else {
                throw ServiceError.invalidArgument("must be above or below", field: "comparator")
            }
            comparator = parsed
            guard proto.threshold.isFinite else {
                throw ServiceError.invalidArgument("must be a finite number", field: "threshold")
            }
            buckets = proto.buckets == 0 ? 1 : Int(proto.buckets)
            guard (1...168).contains(buckets) else {
                throw ServiceError.invalidArgument("must be from 1 to 168 consecutive buckets", field: "buckets")
            }
        }
        guard proto.webhookURL.count <= 2_000, let url = URL(string: proto.webhookURL),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false
        else {
            throw ServiceError.invalidArgument("must be an http or https URL", field: "webhook_url")
        }
        if let host = url.host, policy.plainlyRefuses(host: host) {
            throw ServiceError.invalidArgument(
                "must be a public address: loopback, private and link-local addresses are not reachable for webhooks",
                field: "webhook_url")
        }
        let format = proto.webhookFormat.isEmpty ? Format.json : Format(rawValue: proto.webhookFormat)
        guard let format else {
            throw ServiceError.invalidArgument("must be json or slack", field: "webhook_format")
        }
        self.init(
            id: UUID(), name: name, kind: kind, metric: proto.metric, entityKey: proto.entityKey, minSeverity: severity,
            comparator: comparator, threshold: kind == .threshold ? proto.threshold : 0, buckets: buckets,
            webhookURL: url, format: format, mutedUntil: nil, createdAt: Date())
    }
}
