import Foundation
import MetricxAnomaly
import MetricxProtos
import MetricxRuntime

/// `CheckAnomalies`: the anomaly checker over a series the caller sends. Stores nothing.
struct AnomalyChecker: Sendable {
    var check = SeriesCheck()

    func run(_ request: Metricx_V1_AnomalyCheckRequest, budget: ComputeBudget = .unlimited) throws -> Metricx_V1_AnomalyCheckResponse {
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
        let checked: SeriesCheck.Result?
        do {
            checked = try check.run(points, period: indexed ? Int(request.period) : nil, stopping: { budget.isCancelled })
        } catch {
            throw ServiceError.invalidArgument(error.reason, field: error.field)
        }
        guard let result = checked else { throw CancellationError() }
        // The response has no per-point evidence field yet: each flagged point's evidence goes
        // into the notes, named by its time (or position), so a caller sees why it was flagged.
        var notes = result.notes
        for (source, verdict) in zip(result.sourceIndices, result.verdicts) {
            guard let verdict, verdict.anomaly, let evidence = verdict.evidence else { continue }
            let point = request.points[source]
            notes.append("\(point.ts.isEmpty ? "points[\(source)]" : point.ts): \(evidence)")
        }
        return .with { response in
            response.notes = notes
            // One verdict per kept point, under the time as the caller wrote it.
            response.points = zip(result.sourceIndices, result.verdicts).map { source, verdict in
                let point = request.points[source]
                return .with {
                    $0.ts = point.ts
                    if point.hasValue { $0.value = point.value }
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
