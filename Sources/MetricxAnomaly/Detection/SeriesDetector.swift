import Foundation

/// A causal anomaly detector for one series: each point is judged from the points before it
/// only, then learnt from. Two views are combined into one score in [0, 1]:
///
/// - a robust seasonal baseline: the residual from level + seasonal offset, in units of the
///   recent residuals' MAD, mapped to [0, 1] once it passes `robustZ` deviations;
/// - an Isolation Forest over lagged features (the residual, its short mean, the step from the
///   previous point), retrained on a moving window, which catches shapes a single residual misses.
///
/// Feed points in time order with `judge(_:at:)`; the detector keeps only bounded state, so
/// judging one more point costs the same after a week or after a year of history.
public struct SeriesDetector: Sendable {
    /// One configuration for every series; nothing here is tuned per series.
    public struct Config: Sendable, Hashable {
        /// Residuals whose spread defines "normal".
        public var residualWindow = 288
        /// Feature vectors the forest is trained on; every tree is regrown from them once per
        /// `retrainEvery` points, a slice of the trees at a time.
        public var forestWindow = 512
        public var retrainEvery = 48
        public var retrainSlices = 4
        public var forest = IsolationForest.Config.defaults
        /// Deviations at which the robust score starts rising, and how fast.
        public var robustZ = 3.0
        public var robustZScale = 2.0
        /// Forest scores between these map linearly onto [0, 1].
        public var forestFloor = 0.55
        public var forestCeiling = 0.75
        /// Weight of the robust score in the combined score; the forest has the rest.
        public var robustWeight = 0.5
        /// Combined score that makes a point anomalous at the least: the floor under each series'
        /// self-calibrated threshold.
        public var threshold = 0.7
        /// The target false-alarm rate of a series that behaves as it did: one alert per this many
        /// seasons (days, for a timestamped series) of steady-state points. Each series learns the
        /// distribution of its own scores and raises its threshold above `threshold` until its
        /// tail is that rare (see ``ScoreCalibrator``).
        public var seasonsPerFalseAlarm = 14.0
        /// Deviations from the expected value drawn as the normal band.
        public var bandZ = 4.0
        /// A floor on the scale, as a fraction of the level, so that a flat series is not
        /// alarmed by a change of a fraction of a percent.
        public var relativeScaleFloor = 0.01
        /// The smallest relative change from expected that may alert (0.5: half again above or
        /// below). 0 for a bare series; a caller that knows its metric moves by plan (a budget
        /// raised by 40%) sets the change that would matter.
        public var minimumChange = 0.0
        /// The one direction that alerts, or nil for both: spend running away is news, spend
        /// falling because a budget was cut is not.
        public var alertDirection: PointVerdict.Direction? = nil
        /// Seed of the forest's random splits, fixed so replays give identical scores.
        public var seed: UInt64 = 0x6D65_7472_6963_78

        public init() {}

        public static let defaults = Config()
    }

    public let config: Config
    public let clock: SeasonalClock
    /// Points seen before the first is judged.
    public let minimumHistory: Int

    private var baseline: SeasonalBaseline
    private var residuals: RingBuffer<Double>
    private var deviations: RingBuffer<Double>
    private var features: RingBuffer<[Double]>
    private var forest: IsolationForest?
    private var suppressor: AlertSuppressor
    private var calibrator: ScoreCalibrator
    private var previous: Double?
    private var seen = 0
    private var trainings: UInt64 = 0

    public init(clock: SeasonalClock, config: Config = .defaults) {
        self.config = config
        self.clock = clock
        minimumHistory = clock.minimumHistory
        baseline = SeasonalBaseline(clock: clock, config: .init())
        residuals = RingBuffer(capacity: config.residualWindow)
        deviations = RingBuffer(capacity: 4)
        features = RingBuffer(capacity: config.forestWindow)
        // An incident ends after half a day of calm, within 3 to 12 points.
        let calm = Int((clock.pointsPerSeason / 2).rounded())
        suppressor = AlertSuppressor(calmPointsToRearm: Swift.min(12, Swift.max(3, calm)))
        calibrator = ScoreCalibrator(
            falseAlarmRate: 1 / Swift.max(1, config.seasonsPerFalseAlarm * clock.pointsPerSeason),
            capacity: Swift.max(config.residualWindow, Int(7 * clock.pointsPerSeason)))
    }

    /// Judges `value` at `time` (seconds since 1970) from the points before it, then learns it.
    /// `index` is the point's position in an evenly spaced series (it counts gaps).
    /// `samplingError` is the point's own noise when the caller knows it (the Poisson error of a
    /// count, the standard error of a ratio over few events): a deviation within it is not news,
    /// however steady the series was before.
    public mutating func judge(_ value: Double, at time: Double, index: Int, samplingError: Double = 0) -> PointVerdict {
        let forecast = baseline.forecast(time: time, index: index)
        let level = forecast.level ?? value
        let expected = level + forecast.seasonal
        let residual = value - expected
        let judged = residuals.count >= minimumHistory

        var verdict = PointVerdict(
            value: value, expected: forecast.level == nil ? nil : expected, lower: nil, upper: nil,
            score: 0, deviation: 0, anomaly: false, suppressed: false, judged: judged)
        var deviation = 0.0
        var scale = 1.0
        if judged {
            let floor = 1e-9 + config.relativeScaleFloor * abs(level == 0 ? 1 : level)
            scale = Swift.max(RobustStatistics.sigma(residuals.unordered), floor, samplingError)
            deviation = residual / scale
            verdict.deviation = deviation
            verdict.lower = expected - config.bandZ * scale
            verdict.upper = expected + config.bandZ * scale
        }
        let vector = featureVector(deviation: deviation, value: value, scale: scale)
        if judged {
            let robust = 1 - exp(-Swift.max(0, abs(deviation) - config.robustZ) / config.robustZScale)
            let isolation = forest.map { forestScore($0.score(vector)) } ?? 0
            verdict.score = config.robustWeight * robust + (1 - config.robustWeight) * isolation
            let steady = !suppressor.inIncident
            // The series' own tail of deviations sets how far is rare for it: a point under that
            // bar scores at most just under the threshold, whatever its shape.
            let bar = calibrator.threshold(floor: 0)
            let change = abs(residual) / Swift.max(abs(expected), 1e-9)
            let wanted = config.alertDirection.map { $0 == verdict.direction } ?? true
            let eligible = abs(deviation) >= bar && change >= config.minimumChange && wanted
            let gated = eligible ? verdict.score : Swift.min(verdict.score, config.threshold * 0.99)
            let admitted = suppressor.admit(score: gated, threshold: config.threshold)
            if steady && !admitted.alert { calibrator.learn(abs(deviation)) }
            verdict.anomaly = admitted.alert
            verdict.suppressed = admitted.suppressed
            if admitted.alert { verdict.evidence = EvidenceText.level(verdict) }
        }

        if features.count >= minimumHistory && (forest == nil || seen % sliceInterval == 0) {
            retrain()
        }
        residuals.append(residual)
        deviations.append(deviation)
        features.append(vector)
        previous = value
        seen += 1
        baseline.learn(value: value, time: time, index: index, seasonal: forecast.seasonal)
        return verdict
    }

    private func featureVector(deviation: Double, value: Double, scale: Double) -> [Double] {
        let recent = deviations.suffix(3) + [deviation]
        let meanDeviation = recent.reduce(0, +) / Double(recent.count)
        let step = previous.map { (value - $0) / scale } ?? 0
        return [deviation, meanDeviation, step]
    }

    private func forestScore(_ raw: Double) -> Double {
        Swift.min(1, Swift.max(0, (raw - config.forestFloor) / (config.forestCeiling - config.forestFloor)))
    }

    private var sliceInterval: Int { Swift.max(1, config.retrainEvery / Swift.max(1, config.retrainSlices)) }

    /// The first time, grows the whole forest; after that, regrows a slice of its trees every
    /// few points, so no single point pays for retraining all of them (the latency of one
    /// judgement stays flat) while each tree is still renewed every `retrainEvery` points.
    private mutating func retrain() {
        trainings += 1
        var generator = SplitMix64(seed: config.seed ^ trainings)
        let vectors = features.unordered.flatMap { $0 }
        guard forest != nil else {
            forest = IsolationForest(vectors: vectors, dimensions: 3, config: config.forest, using: &generator)
            return
        }
        let slices = Swift.max(1, config.retrainSlices)
        let perSlice = (config.forest.trees + slices - 1) / slices
        let first = Int(trainings % UInt64(slices)) * perSlice
        for tree in first..<Swift.min(first + perSlice, config.forest.trees) {
            forest!.regrowTree(tree, vectors: vectors, using: &generator)
        }
    }
}
