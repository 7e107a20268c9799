import Foundation

/// Judges one ad metric of one scope bucket by bucket, causally, with the detector its kind
/// needs: spend by ``SpendDetector``, which alerts only when it runs away (at least doubles its
/// usual bucket: a budget raised by half is a plan, not an incident), every ratio on its
/// evidence by ``RatioDetector``.
/// The monitor and the test world both use it, so what the tests measure is what runs.
public struct AdMetricDetector: Sendable {
    /// What the detector concluded about one bucket.
    public struct Verdict: Sendable, Hashable {
        /// The verdict in the metric's own terms: for ratios, the value over the deciding window
        /// and the value the expected numerator would have given.
        public var point: PointVerdict
        /// The numbers behind a ratio's verdict; nil for spend.
        public var evidence: RatioEvidence?
        /// The evidence in words, for a flagged bucket.
        public var text: String?
    }

    public let metric: AdMetric
    public let bucketSeconds: Double
    private var spend: SpendDetector?
    private var ratio: RatioDetector?

    /// A detector of `metric` for buckets `bucketSeconds` long (an hour or a day). `orderValue`
    /// is a typical order's revenue for this scope (revenue over conversions in its history): it
    /// turns revenue into the orders it stands for.
    public init(metric: AdMetric, bucketSeconds: Double = 3_600, orderValue: Double = 1) {
        self.metric = metric
        self.bucketSeconds = bucketSeconds
        let bucketsPerDay = Swift.max(1, Int((86_400 / bucketSeconds).rounded()))
        if metric == .spend {
            var config = SpendDetector.Config.defaults
            if bucketsPerDay == 1 { config.calmBucketsToRearm = 3 }
            spend = SpendDetector(bucketsPerDay: bucketsPerDay, config: config)
        } else {
            var config = RatioDetector.Config.defaults
            if bucketsPerDay == 1 {
                // Daily buckets: a day, three days and a week are the windows.
                config.windows = [1, 3, 7]
                config.minimumChange = [0.4, 0.3, 0.25]
                config.calmBucketsToRearm = 3
            }
            ratio = RatioDetector(
                bucketsPerDay: bucketsPerDay, adverse: .fewer, numerator: metric == .aov ? .valued : .counted,
                eventValue: metric.numeratorIsRevenue ? Swift.max(orderValue, 1e-9) : 1,
                config: config)
        }
    }

    /// Judges the next bucket. Feed every bucket in order, empty ones as zeros: the detectors
    /// know the time of day by position.
    public mutating func judge(_ bucket: AdBucket) -> Verdict {
        if var spend {
            let verdict = spend.judge(bucket.spend)
            self.spend = spend
            var point = verdict
            point.evidence = verdict.anomaly ? EvidenceText.level(verdict, what: "spend") : nil
            return Verdict(point: point, evidence: nil, text: point.evidence)
        }
        let question = metric.question!
        let numerator = bucket[keyPath: question.numerator]
        let denominator = bucket[keyPath: question.denominator]
        let judged = ratio!.judge(numerator: numerator, denominator: denominator)
        var point = judged.verdict
        guard let evidence = judged.evidence else { return Verdict(point: point, evidence: nil, text: nil) }
        // Restate in the metric's terms: a CPC spike is spend per click up, though the question
        // asked was clicks per unit of spend down.
        point.value = metric.value(numerator: evidence.observed, denominator: evidence.denominator) ?? point.value
        point.expected = metric.value(numerator: evidence.expected, denominator: evidence.denominator)
        let bounds = [evidence.lower, evidence.upper].compactMap { metric.value(numerator: $0, denominator: evidence.denominator) }
        point.lower = bounds.min()
        point.upper = bounds.max()
        let text = point.anomaly ? EvidenceText.ratio(evidence, metric: metric, bucketSeconds: bucketSeconds) : nil
        point.evidence = text
        return Verdict(point: point, evidence: evidence, text: text)
    }
}
