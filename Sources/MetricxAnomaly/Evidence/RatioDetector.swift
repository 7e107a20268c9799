import Foundation

/// A causal detector for a ratio judged on its evidence: is the numerator surprising given its
/// denominator? Conversions given clicks (a conversion rate), clicks given spend (a cost per
/// click), revenue given spend (a return on spend). The value of a ratio over few events says
/// little (one purchase in a quiet hour is a ROAS of 3.7 where 0 was usual), so the question is
/// asked as a count: how many events (or money, in units of a typical event's value) did the
/// denominator buy, against what the series' own history says it buys.
///
/// - Reference rate: the median of the daily rates of the last `referenceDays` days before the
///   window, so a promotion of a few days or a weekend does not move it, while a lasting new
///   level becomes the baseline within about half that span (one incident, then it adapts).
/// - Evidence scale: a window's numerator against the rate times its denominator on a count
///   scale (``CountScale``), widened by the series' own overdispersion, learnt from its calm
///   windows. Windows of one bucket, a quarter day and a day are judged together: too few
///   events in an hour and only the longer windows can speak (an hour merges into its day),
///   too few in a day and the series is not judged at all.
/// - Threshold: each window learns the tail of its own calm scores (``ScoreCalibrator``) and
///   alerts at a target rate, never under `zFloor`; a window must also show a change that
///   matters (`minimumChange`), so a very large account does not alert on a 3% dip.
/// - Direction: only the harmful one alerts (fewer conversions per click, fewer clicks per
///   dollar); a ratio returning to normal after an incident moves the other way and is not a
///   second incident.
public struct RatioDetector: Sendable {
    /// One configuration for every ratio and scope; nothing here is fitted to one series.
    public struct Config: Sendable, Hashable {
        /// Windows judged at every bucket, in buckets.
        public var windows = [1, 6, 24]
        /// The relative change each window must show to alert: half in one bucket, 40% over a
        /// quarter day, 25% over a day (a slow decay is caught by the day).
        public var minimumChange = [0.5, 0.4, 0.25]
        /// Days of history the reference rate is the median of.
        public var referenceDays = 14
        /// Days with a rate needed before anything is judged.
        public var minimumDays = 7
        /// Events a window must be expected to hold before it is judged: under five, even none
        /// at all happens by chance too often to mean anything.
        public var minimumExpectedEvents = 5.0
        /// The least score (count-scale standard deviations) that may alert: 3.5 keeps an account
        /// of ~70 series silent for months on chance alone (one-sided p = 2e-4 per window).
        public var zFloor = 3.5
        /// Target false-alarm rate of a series that behaves as it did: one alert per this many
        /// days of steady state, shared between the windows. A year: an account has dozens of
        /// such series (metrics × scopes), and a monitor that cries wolf every month on each of
        /// them is muted.
        public var daysPerFalseAlarm = 365.0
        /// Calm buckets that end an incident.
        public var calmBucketsToRearm = 12

        public init() {}

        public static let defaults = Config()
    }

    /// Which way of the numerator is harmful.
    public enum Adverse: String, Sendable, Hashable {
        /// Fewer events than the denominator should buy (conversions per click, clicks per dollar).
        case fewer
        /// More than it should (refunds per order).
        case more
    }

    public let config: Config
    public let bucketsPerDay: Int
    public let adverse: Adverse
    /// A typical event's value in numerator units (1 for counts, an average order for revenue):
    /// money is judged as the events it stands for.
    public let eventValue: Double

    /// Each window's current threshold (count-scale standard deviations) and its
    /// overdispersion, as last used: what the series has learnt about itself.
    public private(set) var thresholds: [Double]
    public private(set) var dispersions: [Double]

    private var numerators: [Double] = []
    private var denominators: [Double] = []
    /// Running sums: `sums[i]` covers the buckets before index i of the arrays above.
    private var numeratorSums: [Double] = [0]
    private var denominatorSums: [Double] = [0]
    private var dispersion: [RingBuffer<Double>]
    private var calibrators: [ScoreCalibrator]
    private var suppressor: AlertSuppressor

    public init(bucketsPerDay: Int = 24, adverse: Adverse = .fewer, eventValue: Double = 1, config: Config = .defaults) {
        precondition(config.windows.count == config.minimumChange.count, "one minimum change per window")
        self.config = config
        self.bucketsPerDay = Swift.max(1, bucketsPerDay)
        self.adverse = adverse
        self.eventValue = eventValue > 0 && eventValue.isFinite ? eventValue : 1
        let memory = config.referenceDays * self.bucketsPerDay
        dispersion = config.windows.map { _ in RingBuffer(capacity: memory) }
        // A window of w buckets judged at every bucket overlaps its neighbours: it holds about
        // one independent chance per w buckets, so its per-bucket rate is w times the base.
        let rate = 1 / Swift.max(1, config.daysPerFalseAlarm * Double(self.bucketsPerDay) * Double(config.windows.count))
        let bucketsPerDay = self.bucketsPerDay
        calibrators = config.windows.map { window in
            ScoreCalibrator(falseAlarmRate: rate * Double(window), capacity: memory, minimumScores: 2 * bucketsPerDay)
        }
        suppressor = AlertSuppressor(calmPointsToRearm: config.calmBucketsToRearm)
        thresholds = config.windows.map { _ in config.zFloor }
        dispersions = config.windows.map { _ in 1 }
    }

    /// Judges the bucket with `numerator` and `denominator` (both zero or more) from the buckets
    /// before it, then learns it. Feed every bucket in order, empty ones as zeros.
    public mutating func judge(numerator: Double, denominator: Double) -> (verdict: PointVerdict, evidence: RatioEvidence?) {
        let n = numerator.isFinite ? Swift.max(0, numerator) : 0
        let d = denominator.isFinite ? Swift.max(0, denominator) : 0
        append(n, d)
        let end = numerators.count
        let value = d > 0 ? n / d : 0

        var best: (score: Double, z: Double, index: Int, evidence: RatioEvidence)?
        var judged = false
        let steady = !suppressor.inIncident
        for (index, window) in config.windows.enumerated() where window <= end {
            let start = end - window
            guard let reference = referenceRate(before: start, minimumDays: 3) else { continue }
            let observed = (numeratorSums[end] - numeratorSums[start]) / eventValue
            let exposure = denominatorSums[end] - denominatorSums[start]
            let expected = reference.rate * exposure / eventValue
            guard expected > 0 else { continue }
            let phi = overdispersion(index, expected: expected)
            let raw = CountScale.z(observed: observed, expected: expected, dispersion: phi)
            let z = adverse == .fewer ? -raw : raw
            let mature = reference.days >= config.minimumDays && dispersion[index].count >= 2 * bucketsPerDay
            // Only windows with the volume to be judged teach the threshold what is rare.
            let voluminous = expected >= config.minimumExpectedEvents
            if !mature || !steady {
                // Learning: the spread of calm windows, before any is judged (and never during an incident).
                if steady && expected >= 1 { learn(index, observed: observed, expected: expected, z: z, calibrate: voluminous) }
                if !mature { continue }
            }
            judged = true
            let threshold = calibrators[index].threshold(floor: config.zFloor)
            thresholds[index] = threshold
            dispersions[index] = phi
            let change = observed / expected - 1
            let harmful = adverse == .fewer ? -change : change
            let eligible = voluminous && harmful >= config.minimumChange[index]
            // A window without the volume or the size of change to matter counts as calm.
            let score = eligible ? z / threshold : Swift.min(z / threshold, 0.49)
            let evidence = RatioEvidence(
                observed: observed * eventValue, expected: expected * eventValue,
                lower: CountScale.count(atZ: -2, expected: expected, dispersion: phi) * eventValue,
                upper: CountScale.count(atZ: 2, expected: expected, dispersion: phi) * eventValue,
                denominator: exposure, windowBuckets: window, rate: reference.rate)
            if best == nil || score > best!.score { best = (score, z, index, evidence) }
            if steady && expected >= 1 { learn(index, observed: observed, expected: expected, z: z, calibrate: voluminous) }
        }

        var verdict = PointVerdict(
            value: value, expected: nil, lower: nil, upper: nil, score: 0, deviation: 0,
            anomaly: false, suppressed: false, judged: judged)
        guard let best else { return (verdict, nil) }
        let admitted = suppressor.admit(score: best.score, threshold: 1)
        let evidence = best.evidence
        let exposure = Swift.max(evidence.denominator, 1e-12)
        verdict.value = evidence.observed / exposure
        verdict.expected = evidence.expected / exposure
        verdict.lower = evidence.lower / exposure
        verdict.upper = evidence.upper / exposure
        // A score in [0, 1] that reaches one half at the threshold, for lists sorted by it.
        verdict.score = Swift.max(0, best.score) / (1 + Swift.max(0, best.score))
        verdict.deviation = adverse == .fewer ? -best.z : best.z
        verdict.anomaly = admitted.alert
        verdict.suppressed = admitted.suppressed
        return (verdict, evidence)
    }

    private mutating func learn(_ index: Int, observed: Double, expected: Double, z: Double, calibrate: Bool) {
        // The rate's own noise, as a relative variance: what a calm window's squared error holds
        // beyond the Poisson part (0.455: the median of a chi-square with one degree of freedom).
        let squared = (observed - expected) * (observed - expected) / 0.455
        dispersion[index].append((squared - expected) / (expected * expected))
        if calibrate { calibrators[index].learn(Swift.max(0, z)) }
    }

    /// Variance over mean of a window expecting `expected` events (negative binomial): 1 for
    /// pure chance, plus the rate's own relative variance times the events, learnt from the calm
    /// windows. Small counts are judged as Poisson; large ones by how much their rate wanders
    /// (a day of 5,000 impressions is as noisy as its CPM, not as its square root).
    private func overdispersion(_ index: Int, expected: Double) -> Double {
        guard dispersion[index].count >= 12 else { return 1 }
        let relativeVariance = Swift.max(0, RobustStatistics.median(dispersion[index].unordered))
        return 1 + relativeVariance * expected
    }

    /// The median of the daily rates of the days before bucket `start`, with how many days had one.
    private func referenceRate(before start: Int, minimumDays: Int) -> (rate: Double, days: Int)? {
        var rates: [Double] = []
        for day in 0..<config.referenceDays {
            let high = start - day * bucketsPerDay
            let low = high - bucketsPerDay
            guard low >= 0 else { break }
            let d = denominatorSums[high] - denominatorSums[low]
            if d > 0 { rates.append((numeratorSums[high] - numeratorSums[low]) / d) }
        }
        guard rates.count >= minimumDays else { return nil }
        return (RobustStatistics.median(rates), rates.count)
    }

    private mutating func append(_ n: Double, _ d: Double) {
        numerators.append(n)
        denominators.append(d)
        numeratorSums.append(numeratorSums.last! + n)
        denominatorSums.append(denominatorSums.last! + d)
        // Bounded memory: keep the reference span and the longest window, rebasing the sums.
        let keep = (config.referenceDays + 1) * bucketsPerDay + (config.windows.max() ?? 1)
        if numerators.count > 2 * keep {
            let drop = numerators.count - keep
            numerators.removeFirst(drop)
            denominators.removeFirst(drop)
            numeratorSums = [0]
            denominatorSums = [0]
            for (a, b) in zip(numerators, denominators) {
                numeratorSums.append(numeratorSums.last! + a)
                denominatorSums.append(denominatorSums.last! + b)
            }
        }
    }
}
