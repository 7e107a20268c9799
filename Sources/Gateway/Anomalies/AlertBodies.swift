import Foundation
import Hummingbird
import MetricxProtos

/// An alert rule as clients write and read it.
struct AlertRuleBody: Codable, Sendable, ResponseEncodable {
    var id: String?
    var name: String
    var kind: String
    var metric: String
    var entityKey: String?
    var minSeverity: String?
    var comparator: String?
    var threshold: Double?
    var buckets: Int?
    var webhookURL: String
    var webhookFormat: String?
    var mutedUntil: String?
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, metric, comparator, threshold, buckets
        case entityKey = "entity_key"
        case minSeverity = "min_severity"
        case webhookURL = "webhook_url"
        case webhookFormat = "webhook_format"
        case mutedUntil = "muted_until"
        case createdAt = "created_at"
    }

    init(_ rule: Metricx_V1_AlertRule) {
        id = rule.id
        name = rule.name
        kind = rule.kind
        metric = rule.metric
        entityKey = rule.entityKey.isEmpty ? nil : rule.entityKey
        minSeverity = rule.minSeverity.isEmpty ? nil : rule.minSeverity
        comparator = rule.comparator.isEmpty ? nil : rule.comparator
        threshold = rule.kind == "threshold" ? rule.threshold : nil
        buckets = rule.kind == "threshold" ? Int(rule.buckets) : nil
        webhookURL = rule.webhookURL
        webhookFormat = rule.webhookFormat
        mutedUntil = rule.mutedUntil.isEmpty ? nil : rule.mutedUntil
        createdAt = rule.createdAt
    }

    func proto() throws -> Metricx_V1_AlertRule {
        if id != nil || createdAt != nil || mutedUntil != nil {
            throw APIError.badRequest(
                "id, created_at and muted_until are set by the server",
                field: id != nil ? "id" : createdAt != nil ? "created_at" : "muted_until")
        }
        return .with {
            $0.name = name
            $0.kind = kind
            $0.metric = metric
            $0.entityKey = entityKey ?? ""
            $0.minSeverity = minSeverity ?? ""
            $0.comparator = comparator ?? ""
            $0.threshold = threshold ?? 0
            if let buckets { $0.buckets = Int32(clamping: buckets) }
            $0.webhookURL = webhookURL
            $0.webhookFormat = webhookFormat ?? ""
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}

struct AlertRuleListBody: Encodable, ResponseEncodable, Sendable {
    var rules: [AlertRuleBody]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}

/// `POST /alerts/rules/{id}/mute`: until when (omit or null to unmute).
struct MuteBody: Codable, Sendable {
    var until: String?
}

struct DeliveryBody: Encodable, Sendable {
    var id: String
    var ruleID: String
    var anomalyID: String?
    var summary: String
    var status: String
    var attempts: Int
    var lastStatusCode: Int?
    var lastError: String?
    var createdAt: String
    var deliveredAt: String?

    enum CodingKeys: String, CodingKey {
        case id, summary, status, attempts
        case ruleID = "rule_id"
        case anomalyID = "anomaly_id"
        case lastStatusCode = "last_status_code"
        case lastError = "last_error"
        case createdAt = "created_at"
        case deliveredAt = "delivered_at"
    }

    init(_ delivery: Metricx_V1_AlertDelivery) {
        id = delivery.id
        ruleID = delivery.ruleID
        anomalyID = delivery.anomalyID.isEmpty ? nil : delivery.anomalyID
        summary = delivery.summary
        status = delivery.status
        attempts = Int(delivery.attempts)
        lastStatusCode = delivery.lastStatusCode == 0 ? nil : Int(delivery.lastStatusCode)
        lastError = delivery.lastError.isEmpty ? nil : delivery.lastError
        createdAt = delivery.createdAt
        deliveredAt = delivery.deliveredAt.isEmpty ? nil : delivery.deliveredAt
    }
}

struct MonitorResultBody: Encodable, ResponseEncodable, Sendable {
    var seriesScored: Int
    var anomaliesFound: Int
    var notificationsQueued: Int

    enum CodingKeys: String, CodingKey {
        case seriesScored = "series_scored"
        case anomaliesFound = "anomalies_found"
        case notificationsQueued = "notifications_queued"
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
