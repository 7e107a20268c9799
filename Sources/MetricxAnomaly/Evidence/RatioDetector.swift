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
///   scale (``CountScale``), with the variance the series' own calm windows show: a part per
///   event (1 for counted events, as Poisson; learnt for money, where it is the spread of order
///   values) and the rate's own wander, which grows with the square of the events. Both are
///   learnt from the harmful side of calm windows only, so a promotion (more conversions per
///   click than usual) does not teach the detector that a collapse is ordinary. Windows from
///   one bucket to a day are judged together: too few events in an hour and only
///   the longer windows can speak (an hour merges into its day), too few in a day and the
///   series is not judged at all.
/// - Threshold: each window learns the scale of its own calm scores (``ScoreCalibrator``, with
///   a normal tail) and alerts at a target rate, never under `zFloor`; the day-long window,
///   once its wander is learnt from whole days, alerts at `zFloor`. A window must also show a
///   change that matters (`minimumChange`), so a very large account does not alert on a 3% dip.
/// - Direction: only the harmful one alerts (fewer conversions per click, fewer clicks per
///   dollar); a ratio returning to normal after an incident moves the other way and is not a
///   second incident.
public struct RatioDetector: Sendable {
    /// One configuration for every ratio and scope; nothing here is fitted to one series.
    public struct Config: Sendable, Hashable {
        /// Windows judged at every bucket, in buckets. A step (a pixel that stops firing) is
        /// seen soonest by the window that starts with it, so the lengths leave no wide gap: an
        /// outage in the quiet morning hours shows in three hours before it fills a quarter
        /// day, and the last half day of a decay is further gone than the whole day.
        public var windows = [1, 3, 6, 12, 24]
        /// The relative change each window must show to alert, shrinking as the window grows:
        /// half in one bucket, 45% over three, 40% over a quarter day, 30% over half a day,
        /// 25% over a day (a slow decay is caught by the longer windows).
        public var minimumChange = [0.5, 0.45, 0.4, 0.3, 0.25]
        /// Days of history the reference rate is the median of.
        public var referenceDays = 14
        /// Days with a rate needed before anything is judged.
        public var minimumDays = 7
        /// Events a window must be expected to hold before it is judged: under five, even none
        /// at all happens by chance too often to mean anything.
        public var minimumExpectedEvents = 5.0
        /// The least score (count-scale standard deviations) that may alert. An account is
        /// watched as ~80 series (metrics × scopes), each with about 39 independent windows a
        /// day (24 hours, 8 of three hours, 4 quarter days, 2 half days, a day): 94,000 chances
        /// a month. At 3.5 (one-sided p = 2.3e-4) chance alone gives ~20 alerts a month on a
        /// perfectly healthy account; at 4.5 (p = 3.4e-6), about one every three months, before
        /// the wander and the calibrated thresholds make it rarer still.
        public var zFloor = 4.5
        /// Target false-alarm rate of a series that behaves as it did: one alert per this many
        /// days of steady state, shared between the windows. A year: an account has dozens of
        /// such series (metrics × scopes), and a monitor that cries wolf every month on each of
        /// them is muted.
        public var daysPerFalseAlarm = 365.0
        /// Calm buckets that end an incident.
        public var calmBucketsToRearm = 12
        /// Days a window's score waits before its threshold learns it as normal, and is forgotten
        /// if an alert comes first. Without the wait, a slow decay teaches the threshold its own
        /// scores while it builds (the threshold climbs with it and it is never caught); with
        /// it, what is learnt is what stayed quiet for as long as a slow decay may take to be
        /// caught. The spread is learnt at once, from the harmful side only.
        public var learningDelayDays = 3
        /// Whole calm days the day-long window's wander is learnt from, when buckets are shorter
        /// than a day: the spread of each day around its reference, not of the day-long windows
        /// ending at every bucket, which overlap and so hold few independent looks.
        public var wanderDays = 56

        public init() {}

        public static let defaults = Config()
    }

    /// What one unit of the numerator is.
    public enum Numerator: String, Sendable, Hashable {
        /// Events counted one by one (clicks, conversions): at least Poisson.
        case counted
        /// The money the denominator's events brought (revenue given purchases): its spread per
        /// event is the spread of their values, learnt, and may be well under Poisson.
        case valued
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
    public let numerator: Numerator
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
    /// Buckets dropped from the front of the arrays above, so that `(dropped + i) % bucketsPerDay`
    /// is bucket i's place in the day.
    private var dropped = 0
    /// Each place in the day's rate relative to its day's rate (``refreshProfile(before:)``).
    private var profile: [Double]
    /// Each window's calm squared deviations (scaled to a variance) with the events expected:
    /// what the per-event variance and the rate's wander are learnt from.
    private var spread: [RingBuffer<(squared: Double, expected: Double)>]
    /// What was last learnt from each window's spread (its per-event variance and wander), with
    /// how many deviations have come in since: medians over two weeks of windows, re-estimated
    /// every `spreadRefresh` deviations rather than at every bucket, where sorting them would
    /// be most of the cost of judging.
    private var learntSpread: [(base: Double, wander: Double)?]
    private var spreadAppends: [Int]
    /// Each calm whole day's numerator against its reference, relative, with the events expected:
    /// what the day-long window's wander is learnt from.
    private var days: RingBuffer<(relative: Double, expected: Double)>
    private var calibrators: [ScoreCalibrator]
    private var suppressor: AlertSuppressor
    /// Calm scores waiting out `learningDelayDays` before their calibrator learns them.
    private var pending: [PendingScore] = []
    private var judgedBuckets = 0

    private struct PendingScore: Sendable {
        var bucket: Int
        var index: Int
        var z: Double
    }

    public init(
        bucketsPerDay: Int = 24, adverse: Adverse = .fewer, numerator: Numerator = .counted, eventValue: Double = 1,
        config: Config = .defaults
    ) {
        precondition(config.windows.count == config.minimumChange.count, "one minimum change per window")
        self.config = config
        self.bucketsPerDay = Swift.max(1, bucketsPerDay)
        self.adverse = adverse
        self.numerator = numerator
        self.eventValue = eventValue > 0 && eventValue.isFinite ? eventValue : 1
        let memory = config.referenceDays * self.bucketsPerDay
        spread = config.windows.map { _ in RingBuffer(capacity: memory) }
        learntSpread = config.windows.map { _ in nil }
        days = RingBuffer(capacity: config.wanderDays)
        spreadAppends = config.windows.map { _ in 0 }
        // A window of w buckets judged at every bucket overlaps its neighbours: it holds about
        // one independent chance per w buckets, so its per-bucket rate is w times the base.
        let rate = 1 / Swift.max(1, config.daysPerFalseAlarm * Double(self.bucketsPerDay) * Double(config.windows.count))
        let bucketsPerDay = self.bucketsPerDay
        calibrators = config.windows.map { window in
            // Its scores are normal deviates of exact count tails: only their scale can be off
            // (a wander learnt too small), so the tail beyond them is a normal one.
            ScoreCalibrator(
                falseAlarmRate: rate * Double(window), capacity: memory, minimumScores: 2 * bucketsPerDay, tail: .normal)
        }
        suppressor = AlertSuppressor(calmPointsToRearm: config.calmBucketsToRearm)
        thresholds = config.windows.map { _ in config.zFloor }
        dispersions = config.windows.map { _ in 1 }
        profile = Array(repeating: 1, count: self.bucketsPerDay)
    }

    /// Judges the bucket with `numerator` and `denominator` (both zero or more) from the buckets
    /// before it, then learns it. Feed every bucket in order, empty ones as zeros.
    public mutating func judge(numerator: Double, denominator: Double) -> (verdict: PointVerdict, evidence: RatioEvidence?) {
        let n = numerator.isFinite ? Swift.max(0, numerator) : 0
        let d = denominator.isFinite ? Swift.max(0, denominator) : 0
        append(n, d)
        let end = numerators.count
        if (dropped + end) % bucketsPerDay == 1 {
            if !suppressor.inIncident { learnDay(before: end - 1) }
            refreshProfile(before: end - 1)
        }
        let value = d > 0 ? n / d : 0

        var best: (score: Double, z: Double, index: Int, evidence: RatioEvidence)?
        var judged = false
        let steady = !suppressor.inIncident
        judgedBuckets += 1
        commitPending()
        for (index, window) in config.windows.enumerated() where window <= end {
            let start = end - window
            guard let reference = referenceRate(before: start, minimumDays: 3) else { continue }
            let observed = (numeratorSums[end] - numeratorSums[start]) / eventValue
            let exposure = denominatorSums[end] - denominatorSums[start]
            let rate = window < bucketsPerDay ? forgiving(reference.rate, recentRate(before: start)) : reference.rate
            let expected = rate * shapedExposure(from: start, to: end) / eventValue
            guard expected > 0 else { continue }
            let (base, wander) = learnt(index)
            let raw = CountScale.z(observed: observed, expected: expected, dispersion: base, wander: wander)
            let z = adverse == .fewer ? -raw : raw
            let mature = reference.days >= config.minimumDays && spread[index].count >= bucketsPerDay
            // Only windows with the volume to be judged teach the threshold what is rare.
            let voluminous = expected >= config.minimumExpectedEvents
            if !mature || !steady {
                // Learning: the spread of calm windows, before any is judged (and never during an incident).
                if steady && expected >= 1 { learn(index, observed: observed, expected: expected, z: z, calibrate: voluminous) }
                if !mature { continue }
            }
            judged = true
            // A window whose wander is learnt from whole days is scored on the scale of its
            // days and held to the floor: its calibrator would fit a once-a-year tail to two
            // weeks of one-a-day looks, which says no more than "worse than the worst of them".
            let threshold = knowsDayWander(index) ? config.zFloor : calibrators[index].threshold(floor: config.zFloor)
            thresholds[index] = threshold
            dispersions[index] = base + wander * expected
            let change = observed / expected - 1
            let harmful = adverse == .fewer ? -change : change
            let eligible = voluminous && harmful >= config.minimumChange[index]
            // A window without the volume or the size of change to matter counts as calm.
            let score = eligible ? z / threshold : Swift.min(z / threshold, 0.49)
            let evidence = RatioEvidence(
                observed: observed * eventValue, expected: expected * eventValue,
                lower: CountScale.count(atZ: -2, expected: expected, dispersion: base, wander: wander) * eventValue,
                upper: CountScale.count(atZ: 2, expected: expected, dispersion: base, wander: wander) * eventValue,
                denominator: exposure, windowBuckets: window, rate: rate)
            if best == nil || score > best!.score { best = (score, z, index, evidence) }
            if steady && expected >= 1 { learn(index, observed: observed, expected: expected, z: z, calibrate: voluminous) }
        }

        var verdict = PointVerdict(
            value: value, expected: nil, lower: nil, upper: nil, score: 0, deviation: 0,
            anomaly: false, suppressed: false, judged: judged)
        guard let best else { return (verdict, nil) }
        let admitted = suppressor.admit(score: best.score, threshold: 1)
        // What led up to an incident is not normal, however quiet each window looked.
        if admitted.alert { pending.removeAll() }
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

    /// Learns a calm window: its spread at once, its score once it has stayed unalarmed for
    /// `learningDelayDays` (``commitPending()``).
    private mutating func learn(_ index: Int, observed: Double, expected: Double, z: Double, calibrate: Bool) {
        // Only the harmful side teaches the spread: planned good news (a promotion, a better
        // creative) is not evidence that bad news of the same size is ordinary. For symmetric
        // noise the harmful half holds the same spread: the median of a squared normal
        // deviate, either half, is 0.455 of its variance.
        let harmful = adverse == .fewer ? observed <= expected : observed >= expected
        if harmful {
            spread[index].append(((observed - expected) * (observed - expected) / 0.455, expected))
            spreadAppends[index] += 1
        }
        if calibrate { pending.append(PendingScore(bucket: judgedBuckets, index: index, z: z)) }
    }

    /// Hands the scores that have waited out `learningDelayDays` to their calibrators.
    private mutating func commitPending() {
        let due = judgedBuckets - config.learningDelayDays * bucketsPerDay
        let ready = pending.prefix { $0.bucket <= due }
        for entry in ready { calibrators[entry.index].learn(Swift.max(0, entry.z)) }
        pending.removeFirst(ready.count)
    }

    /// The relative variance of the rate itself (a window's variance is `base · E + wander · E²`
    /// for E events expected), learnt from each window's calm excess over the per-event part:
    /// small counts are judged by their events, large ones by how much their rate wanders.
    /// The per-event variance and window `index`'s wander, re-estimated once `spreadRefresh`
    /// deviations have come in since the last estimate (of this window, or of the single
    /// buckets the per-event variance is learnt from).
    private mutating func learnt(_ index: Int) -> (base: Double, wander: Double) {
        let baseIsCurrent = numerator == .counted || spreadAppends[0] < Self.spreadRefresh
        if let cached = learntSpread[index], spreadAppends[index] < Self.spreadRefresh, baseIsCurrent { return cached }
        let base = perEventVariance
        let estimate = (base: base, wander: rateWander(index, base: base))
        learntSpread[index] = estimate
        spreadAppends[index] = 0
        return estimate
    }

    private static let spreadRefresh = 8

    private func rateWander(_ index: Int, base: Double) -> Double {
        if knowsDayWander(index) { return dayWander(base: base) }
        guard spread[index].count >= 12 else { return 0 }
        let excess = spread[index].unordered.map { ($0.squared - base * $0.expected) / ($0.expected * $0.expected) }
        return Swift.max(0, RobustStatistics.median(excess))
    }

    /// Learns the whole day that ends before bucket `end`: its numerator against the reference of
    /// the days before it. Days, not the day-long windows ending at every bucket, because those
    /// overlap: two weeks of them are about fourteen independent looks, half of them on the
    /// harmful side, and a wander learnt from seven numbers is as often a third as three
    /// times what it is (too small and the calm days themselves alert, so the calibrated
    /// threshold climbs out of reach of a real decay; too large and the decay hides in it).
    private mutating func learnDay(before end: Int) {
        let start = end - bucketsPerDay
        guard start >= 0, let reference = referenceRate(before: start, minimumDays: config.minimumDays) else { return }
        let expected = reference.rate * shapedExposure(from: start, to: end) / eventValue
        guard expected >= 1 else { return }
        let observed = (numeratorSums[end] - numeratorSums[start]) / eventValue
        days.append(((observed - expected) / expected, expected))
        if let index = config.windows.firstIndex(of: bucketsPerDay) { learntSpread[index] = nil }
    }

    /// The day-level wander: the relative variance of whole days around their reference, less
    /// what their events alone explain, from both sides and robustly (the MAD), so that a few
    /// promotion days neither hide nor make it. Asked only once ``knowsDayWander(_:)``.
    private func dayWander(base: Double) -> Double {
        let known = days.unordered
        let sigma = RobustStatistics.sigma(known.map(\.relative))
        let events = RobustStatistics.median(known.map { base / $0.expected })
        return Swift.max(0, sigma * sigma - events)
    }

    /// Whether window `index` is a day long and enough whole days are known to learn its wander from.
    private func knowsDayWander(_ index: Int) -> Bool {
        config.windows[index] == bucketsPerDay && days.count >= Self.minimumWanderDays
    }

    /// Days a day-level wander is learnt from before it replaces the one of overlapping windows.
    private static let minimumWanderDays = 10

    /// The variance one event adds, in events: 1 when counted; for money, learnt from the
    /// single buckets (at least 1/20: an order's value never varies less than that here
    /// without it being an artefact). Until enough is learnt, Poisson.
    private var perEventVariance: Double {
        guard numerator == .valued else { return 1 }
        let single = spread[0].unordered
        guard single.count >= 12 else { return 1 }
        return Swift.max(0.05, RobustStatistics.median(single.map { $0.squared / $0.expected }))
    }

    /// The window's denominator weighted by the rate each of its places in the day usually has
    /// relative to its day: a night hour converts differently from a noon hour, and judging it
    /// against the day's rate would teach the detector that ordinary hours are noisy.
    private func shapedExposure(from start: Int, to end: Int) -> Double {
        guard bucketsPerDay > 1 else { return denominatorSums[end] - denominatorSums[start] }
        var total = 0.0
        for index in start..<end { total += denominators[index] * profile[(dropped + index) % bucketsPerDay] }
        return total
    }

    /// Relearns the daily profile from the whole days before bucket `end`: for each place in
    /// the day, its events against what its day's rate would have given it, with `profilePrior`
    /// events of a flat day added to both so that a sparse place stays near flat.
    private mutating func refreshProfile(before end: Int) {
        guard bucketsPerDay > 1 else { return }
        var observed = Array(repeating: Self.profilePrior, count: bucketsPerDay)
        var expected = observed
        for day in 0..<config.referenceDays {
            let high = end - day * bucketsPerDay
            let low = high - bucketsPerDay
            guard low >= 0 else { break }
            let d = denominatorSums[high] - denominatorSums[low]
            guard d > 0 else { continue }
            let rate = (numeratorSums[high] - numeratorSums[low]) / d
            for index in low..<high {
                let place = (dropped + index) % bucketsPerDay
                observed[place] += numerators[index] / eventValue
                expected[place] += denominators[index] * rate / eventValue
            }
        }
        profile = zip(observed, expected).map { $0 / $1 }
    }

    /// Events of a flat day each place of the profile starts from.
    private static let profilePrior = 10.0

    /// Of two reference rates, the one that makes the harmful direction less alarming. A window
    /// shorter than a day is judged against both the typical day of the last weeks and the
    /// last two days: the recent one follows a rate that drifts down (creatives tire, auctions
    /// harden) so an ordinary hour is not a shortfall against last week, while the typical day
    /// keeps a promotion that just ended from making its aftermath look like a collapse.
    private func forgiving(_ typical: Double, _ recent: Double?) -> Double {
        guard let recent else { return typical }
        return adverse == .fewer ? Swift.min(typical, recent) : Swift.max(typical, recent)
    }

    /// The shaped rate of the two days before bucket `start`, when they had any denominator.
    private func recentRate(before start: Int) -> Double? {
        let low = Swift.max(0, start - 2 * bucketsPerDay)
        let exposure = shapedExposure(from: low, to: start)
        guard exposure > 0 else { return nil }
        return (numeratorSums[start] - numeratorSums[low]) / exposure
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
            dropped += drop
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
