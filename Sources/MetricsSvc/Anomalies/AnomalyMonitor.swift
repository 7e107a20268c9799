import Foundation
import Logging
import MetricxAnomaly
import MetricxPostgres
import MetricxRuntime
import NIOPosix

/// Scores the newest buckets of a workspace's key metrics after a sync or an import: replays
/// each monitored series through an ``AdMetricDetector`` (deterministic, so a replay finds the same
/// anomalies and the unique key makes storing them again a no-op), stores what is new, groups
/// it into incidents and queues the notifications the workspace's rules ask for.
struct AnomalyMonitor: Sendable {
    struct Config: Sendable {
        /// Only anomalies this many buckets old or newer notify; older ones (a first sync's
        /// backfill, a restatement deep in the past) are stored quietly.
        var notifyBuckets = 6
        /// Anomalies this many buckets apart or closer join one incident.
        var incidentGapBuckets = 2.0

        static let defaults = Config()
    }

    struct Outcome: Sendable {
        var seriesScored = 0
        var anomaliesFound = 0
        var notificationsQueued = 0
    }

    /// An anomaly the detectors found, before it is stored.
    struct Finding: Sendable {
        var metric: String
        var entityKey: String
        var entityLabel: String
        var time: Double
        var verdict: PointVerdict
        /// The evidence in words: "12 conversions where 30–45 were expected from 1,400 clicks ...".
        var evidence: String?
    }

    let postgres: PostgresClient
    /// The service's CPU queue; a monitor of its own when none is shared (tests, commands).
    var compute = ComputeQueue()
    var config = Config.defaults
    var logger = Logger(label: "MetricsSvc.monitor")

    func run(workspaceID: UUID, timeZone: TimeZone, asOf: Date) async throws -> Outcome {
        let grain = try await grain(workspaceID: workspaceID, asOf: asOf)
        let end = Self.end(of: grain, asOf: asOf, timeZone: timeZone)
        let series = try await MonitoredSeries(postgres: postgres).load(workspaceID: workspaceID, grain: grain, end: end)
        // Replaying every series is CPU work: it runs on the thread pool, never on the cooperative
        // threads that serve RPCs, and stops between series once the request has ended.
        let findings = try await compute.run { [self] budget in try detect(series, grain: grain, budget: budget) }
        let stored = try await AnomalyWriter(postgres: postgres, grain: grain, incidentGap: config.incidentGapBuckets * grain.seconds)
            .store(findings, workspaceID: workspaceID)
        let recent = end.timeIntervalSince1970 - Double(config.notifyBuckets) * grain.seconds
        let queued = try await RuleEvaluator(postgres: postgres).evaluate(
            workspaceID: workspaceID, newAnomalies: stored.filter { $0.finding.time >= recent }, series: series,
            since: recent, now: asOf)
        logger.debug(
            "monitor ran",
            metadata: [
                "workspace_id": "\(workspaceID)", "series": "\(series.count)", "anomalies": "\(stored.count)", "queued": "\(queued)",
            ])
        return Outcome(seriesScored: series.count, anomaliesFound: stored.count, notificationsQueued: queued)
    }

    /// Where the workspace's data ends: the end of the bucket that starts last (one index probe).
    func latestBucketEnd(workspaceID: UUID) async throws -> Date? {
        try await postgres.query(
            """
            SELECT bucket_start + bucket_minutes * interval '1 minute' FROM metrics.snapshots
            WHERE workspace_id = $1 ORDER BY bucket_start DESC LIMIT 1
            """,
            workspaceID
        ).rows.first?.decode(Date.self, at: 0)
    }

    /// Every series replayed causally with the detector its metric needs (``AdMetricDetector``:
    /// ratios on their evidence, spend against its usual hour); the first points of incidents only.
    func detect(_ series: [MonitoredSeries.Series], grain: MonitoredSeries.Grain, budget: ComputeBudget = .unlimited) throws
        -> [Finding]
    {
        var findings: [Finding] = []
        for one in series {
            try budget.check()
            guard let metric = AdMetric(rawValue: one.metric) else { continue }
            var detector = AdMetricDetector(metric: metric, bucketSeconds: grain.seconds, orderValue: one.orderValue)
            for (index, time) in one.times.enumerated() {
                let verdict = detector.judge(one.buckets[index])
                if verdict.point.anomaly, verdict.point.expected != nil {
                    findings.append(
                        Finding(
                            metric: one.metric, entityKey: one.entityKey, entityLabel: one.entityLabel, time: time,
                            verdict: verdict.point, evidence: verdict.text))
                }
            }
        }
        return findings.sorted { $0.time < $1.time }
    }

    private func grain(workspaceID: UUID, asOf: Date) async throws -> MonitoredSeries.Grain {
        let subDaily = try await postgres.query(
            """
            SELECT EXISTS (SELECT 1 FROM metrics.snapshots
                           WHERE workspace_id = $1 AND bucket_start >= $2 AND bucket_start < $3 AND bucket_minutes < 1440)
            """,
            workspaceID, asOf.addingTimeInterval(-3 * 86_400), asOf
        ).single().decode(Bool.self, at: 0)
        return subDaily ? .hour : .day
    }

    /// The end of the last complete bucket: the hour started before `asOf`, or the workspace's
    /// today (as its UTC midnight, the way day buckets are timed).
    static func end(of grain: MonitoredSeries.Grain, asOf: Date, timeZone: TimeZone) -> Date {
        switch grain {
        case .hour:
            return Date(timeIntervalSince1970: (asOf.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        case .day:
            var local = Calendar(identifier: .gregorian)
            local.timeZone = timeZone
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = .gmt
            return utc.date(from: local.dateComponents([.year, .month, .day], from: asOf))!
        }
    }
}
