import Foundation
import MetricxAnomaly
import MetricxProtos
import MetricxRuntime

/// `CheckAnomalies`: the anomaly checker over a series the caller sends. Stores nothing.
struct AnomalyChecker: Sendable {
    var check = SeriesCheck()

    func run(_ request: Metricx_V1_AnomalyCheckRequest) throws -> Metricx_V1_AnomalyCheckResponse {
        let indexed = request.period > 0
        if request.period < 0 {
            throw ServiceError.invalidArgument("must be 0 (infer from timestamps) or a season length in points", field: "period")
        }
        var points: [SeriesCheck.Point] = []
        points.reserveCapacity(request.points.count)
        for (index, point) in request.points.enumerated() {
            var time: Double?
            if !point.ts.isEmpty {
                guard let instant = QueryPlanner.parseInstant(point.ts) else {
                    throw ServiceError.invalidArgument("must be an RFC 3339 instant", field: "points[\(index)].ts")
                }
                time = instant.timeIntervalSince1970
            }
            points.append(SeriesCheck.Point(time: indexed ? nil : time, value: point.hasValue ? point.value : nil))
        }
        let result: SeriesCheck.Result
        do {
            result = try check.run(points, period: indexed ? Int(request.period) : nil)
        } catch {
            throw ServiceError.invalidArgument(error.reason, field: error.field)
        }
        // Restated points were merged: answer one verdict per kept point, with its original time.
        var timestamps: [String] = []
        if indexed {
            timestamps = request.points.map(\.ts)
        } else {
            var kept = 0
            var lastTime: Double?
            for point in request.points {
                let time = QueryPlanner.parseInstant(point.ts)?.timeIntervalSince1970
                if time == lastTime, kept > 0 { timestamps[kept - 1] = point.ts; continue }
                timestamps.append(point.ts)
                kept += 1
                lastTime = time
            }
        }
        return .with { response in
            response.notes = result.notes
            response.points = zip(result.points, result.verdicts).enumerated().map { index, pair in
                let (point, verdict) = pair
                return .with {
                    $0.ts = timestamps[index]
                    if let value = point.value { $0.value = value }
                    guard let verdict else { return }
                    if let expected = verdict.expected { $0.expected = expected }
                    if let lower = verdict.lower { $0.lower = lower }
                    if let upper = verdict.upper { $0.upper = upper }
                    $0.score = verdict.score
                    $0.anomaly = verdict.anomaly
                }
            }
        }
    }
}
