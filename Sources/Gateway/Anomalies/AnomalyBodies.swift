import Foundation
import Hummingbird
import MetricxProtos

/// `POST /anomaly/check`: a timestamped series (`points`) or an evenly spaced one (`values` with
/// its season length in points, `period`).
struct AnomalyCheckBody: Codable, Sendable {
    struct Point: Codable, Sendable {
        var ts: String
        var value: Double?
    }

    var points: [Point]?
    var values: [Double?]?
    var period: Int?

    func proto() throws -> Metricx_V1_AnomalyCheckRequest {
        switch (points, values) {
        case (let points?, nil):
            if let period, period != 0 {
                throw APIError.badRequest("period goes with values; timestamped points infer their season", field: "period")
            }
            return .with {
                $0.points = points.map { point in
                    .with {
                        $0.ts = point.ts
                        if let value = point.value { $0.value = value }
                    }
                }
            }
        case (nil, let values?):
            guard let period, period >= 2 else {
                throw APIError.badRequest("values need their season length in points (2 or more)", field: "period")
            }
            return .with {
                $0.period = Int32(clamping: period)
                $0.points = values.map { value in .with { if let value { $0.value = value } } }
            }
        default:
            throw APIError.badRequest("send either points or values with a period", field: "points")
        }
    }
}

struct AnomalyCheckResultBody: Encodable, ResponseEncodable, Sendable {
    struct Point: Encodable, Sendable {
        var ts: String?
        var value: Double?
        var expected: Double?
        var lower: Double?
        var upper: Double?
        var score: Double
        var anomaly: Bool

        // Nulls are written out: every point has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ts, forKey: .ts)
            try container.encode(value, forKey: .value)
            try container.encode(expected, forKey: .expected)
            try container.encode(lower, forKey: .lower)
            try container.encode(upper, forKey: .upper)
            try container.encode(score, forKey: .score)
            try container.encode(anomaly, forKey: .anomaly)
        }

        enum CodingKeys: String, CodingKey { case ts, value, expected, lower, upper, score, anomaly }
    }

    var points: [Point]
    var notes: [String]

    init(_ response: Metricx_V1_AnomalyCheckResponse) {
        points = response.points.map {
            Point(
                ts: $0.ts.isEmpty ? nil : $0.ts, value: $0.hasValue ? $0.value : nil, expected: $0.hasExpected ? $0.expected : nil,
                lower: $0.hasLower ? $0.lower : nil, upper: $0.hasUpper ? $0.upper : nil, score: $0.score, anomaly: $0.anomaly)
        }
        notes = response.notes
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}

struct AnomalyBody: Encodable, Sendable {
    var id: String
    var metric: String
    var entityKey: String?
    var entityLabel: String
    var ts: String
    var observed: Double
    var expected: Double
    var score: Double
    var severity: String
    var direction: String
    var incidentID: String
    var status: String

    enum CodingKeys: String, CodingKey {
        case id, metric, ts, observed, expected, score, severity, direction, status
        case entityKey = "entity_key"
        case entityLabel = "entity_label"
        case incidentID = "incident_id"
    }

    init(_ anomaly: Metricx_V1_Anomaly) {
        id = anomaly.id
        metric = anomaly.metric
        entityKey = anomaly.entityKey.isEmpty ? nil : anomaly.entityKey
        entityLabel = anomaly.entityLabel
        ts = anomaly.ts
        observed = anomaly.observed
        expected = anomaly.expected
        score = anomaly.score
        severity = anomaly.severity
        direction = anomaly.direction
        incidentID = anomaly.incidentID
        status = anomaly.status
    }
}

/// `PATCH /anomalies/{id}`.
struct AnomalyUpdateBody: Codable, Sendable {
    var status: String
}
