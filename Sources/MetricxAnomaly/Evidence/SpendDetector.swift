import Foundation

/// A causal detector of runaway spend: a bucket's spend far above what this hour of the day
/// usually costs, at the scope's current level. Spend is planned (budgets, bids, schedules), so
/// only a jump no plan makes alerts: at least `minimumFactor` times the expected bucket, rare
/// for this series, and worth money.
///
/// - Expected: the median spend of the same bucket of the season over the last seasons (an
///   hour of the day over the last week; for daily buckets, a weekday over the last weeks),
///   times the current level (the median ratio of the last day's buckets to their own
///   expectations), so a night hour is judged against nights, a Saturday against Saturdays,
///   and a budget raised yesterday is the new normal.
/// - Scale: multiplicative. The log ratio of spend to expected, in units of its robust spread
///   over the series' calm buckets: three times a night hour's spend is as rare as three
///   times a peak hour's, though the peak's excess is larger in money.
/// - Threshold: learnt from the series' own calm scores (``ScoreCalibrator``), never under
///   `zFloor`; an excess under `minimumShareOfDay` of a usual day's spend never alerts.
public struct SpendDetector: Sendable {
    /// One configuration for every scope.
    public struct Config: Sendable, Hashable {
        /// The least multiple of the expected bucket that may alert: a budget raised by half is
        /// a plan, not an incident.
        public var minimumFactor = 2.0
        /// The least excess that may alert, as a share of a usual day's spend.
        public var minimumShareOfDay = 0.01
        /// The least score (robust standard deviations of the log ratio) that may alert: as
        /// rare as ``RatioDetector/Config/zFloor``, for the same account of many series.
        public var zFloor = 4.5
        /// Seasons of history the same-bucket median is taken over.
        public var seasons = 7
        /// Seasons of history needed before anything is judged.
        public var minimumSeasons = 4
        /// Target false-alarm rate: one alert per this many days of steady state.
        public var daysPerFalseAlarm = 365.0
        /// Calm buckets that end an incident.
        public var calmBucketsToRearm = 12

        public init() {}

        public static let defaults = Config()
    }

    public let config: Config
    public let bucketsPerDay: Int
    /// Buckets in a season: a day of hours, or a week of days.
    public let seasonBuckets: Int
    private var history: [Double] = []
    /// Recent ratios of spend to its seasonal expectation: the current level.
    private var levels: RingBuffer<Double>
    /// Calm log ratios of spend to expected: the series' own spread.
    private var spread: RingBuffer<Double>
    private var calibrator: ScoreCalibrator
    private var suppressor: AlertSuppressor

    public init(bucketsPerDay: Int = 24, config: Config = .defaults) {
        self.config = config
        self.bucketsPerDay = Swift.max(1, bucketsPerDay)
        seasonBuckets = self.bucketsPerDay == 1 ? 7 : self.bucketsPerDay
        let memory = 14 * self.bucketsPerDay
        levels = RingBuffer(capacity: Swift.max(3, self.bucketsPerDay))
        spread = RingBuffer(capacity: memory)
        calibrator = ScoreCalibrator(
            falseAlarmRate: 1 / Swift.max(1, config.daysPerFalseAlarm * Double(self.bucketsPerDay)), capacity: memory,
            minimumScores: 2 * self.bucketsPerDay)
        suppressor = AlertSuppressor(calmPointsToRearm: config.calmBucketsToRearm)
    }

    /// Judges the bucket's `spend` (zero or more) from the buckets before it, then learns it.
    /// Feed every bucket in order, empty ones as zeros.
    public mutating func judge(_ spend: Double) -> PointVerdict {
        let value = spend.isFinite ? Swift.max(0, spend) : 0
        defer { remember(value) }
        var verdict = PointVerdict(
            value: value, expected: nil, lower: nil, upper: nil, score: 0, deviation: 0, anomaly: false, suppressed: false,
            judged: false)
        guard let seasonal = seasonalExpectation(), let usualDay = usualDay(), usualDay > 0 else { return verdict }
        let level = levels.count > 0 ? RobustStatistics.median(levels.unordered) : 1
        let expected = seasonal * level
        // A twentieth of an average bucket keeps a near-empty night hour from making any
        // cent of spend a large ratio.
        let cushion = 0.05 * usualDay / Double(bucketsPerDay)
        let logRatio = log((value + cushion) / (expected + cushion))
        levels.append((value + cushion) / (seasonal + cushion))
        let steady = !suppressor.inIncident
        guard spread.count >= bucketsPerDay else {
            if steady { spread.append(logRatio) }
            return verdict
        }
        let sigma = Swift.max(0.05, RobustStatistics.sigma(spread.unordered))
        let z = logRatio / sigma
        let threshold = calibrator.threshold(floor: config.zFloor)
        let eligible = value >= config.minimumFactor * expected && value - expected >= config.minimumShareOfDay * usualDay
        let score = eligible ? z / threshold : Swift.min(z / threshold, 0.49)
        let admitted = suppressor.admit(score: score, threshold: 1)
        if steady && !admitted.alert {
            spread.append(logRatio)
            calibrator.learn(Swift.max(0, z))
        }
        verdict.judged = true
        verdict.expected = expected
        verdict.lower = Swift.max(0, (expected + cushion) * exp(-2 * sigma) - cushion)
        verdict.upper = (expected + cushion) * exp(2 * sigma) - cushion
        verdict.score = Swift.max(0, score) / (1 + Swift.max(0, score))
        verdict.deviation = z
        verdict.anomaly = admitted.alert
        verdict.suppressed = admitted.suppressed
        return verdict
    }

    /// The median of the same bucket of the season over the last `seasons` seasons.
    private func seasonalExpectation() -> Double? {
        var same: [Double] = []
        var index = history.count - seasonBuckets
        while index >= 0 && same.count < config.seasons {
            same.append(history[index])
            index -= seasonBuckets
        }
        guard same.count >= config.minimumSeasons else { return nil }
        return RobustStatistics.median(same)
    }

    /// The median daily total over the last week's whole days.
    private func usualDay() -> Double? {
        let days = Swift.min(7, history.count / bucketsPerDay)
        guard days >= 1 else { return nil }
        let totals = (0..<days).map { day in
            let end = history.count - day * bucketsPerDay
            return history[(end - bucketsPerDay)..<end].reduce(0, +)
        }
        return RobustStatistics.median(totals)
    }

    private mutating func remember(_ value: Double) {
        history.append(value)
        let keep = Swift.max(config.seasons * seasonBuckets, 7 * bucketsPerDay)
        if history.count > 2 * keep { history.removeFirst(history.count - keep) }
    }
}
