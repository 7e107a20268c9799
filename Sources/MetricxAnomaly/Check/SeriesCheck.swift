/// The anomaly checker: a whole series in, a verdict per point out, each point judged causally.
/// Validates its input first and says which point is at fault.
public struct SeriesCheck: Sendable {
    /// One input point: a time (seconds since 1970; nil for an indexed series) and a value
    /// (nil for a gap: reported, never judged, never learnt).
    public struct Point: Sendable, Hashable {
        public var time: Double?
        public var value: Double?

        public init(time: Double?, value: Double?) {
            self.time = time
            self.value = value
        }
    }

    /// A point's verdict, or nil for a gap.
    public struct Result: Sendable {
        public var verdicts: [PointVerdict?]
        /// The points that were kept, in order: a restated time keeps its last value only.
        public var points: [Point]
        /// For each kept point, its position in the input (the last report of a restated time).
        public var sourceIndices: [Int]
        public var notes: [String]
    }

    /// The most points one check accepts.
    public static let maximumPoints = 100_000
    /// How many points are judged between two looks at whether the request has ended.
    public static let stopCheckInterval = 1_024
    /// The longest season an indexed series may declare (a week of minutes).
    public static let maximumPeriod = 10_080

    public let config: SeriesDetector.Config

    public init(config: SeriesDetector.Config = .defaults) {
        self.config = config
    }

    /// Checks a timestamped series, or an evenly spaced one when `period` is given (> 0).
    public func run(_ input: [Point], period: Int? = nil) throws(SeriesCheckError) -> Result {
        // Never stopped, so always a result.
        try run(input, period: period, stopping: { false }) ?? Result(verdicts: [], points: [], sourceIndices: [], notes: [])
    }

    /// ``run(_:period:)`` for a request that may end first: `isStopped` is asked every
    /// ``stopCheckInterval`` points, and once it says true the check ends with nil.
    public func run(_ input: [Point], period: Int?, stopping isStopped: () -> Bool) throws(SeriesCheckError) -> Result? {
        let sourceIndices = try validated(input, period: period)
        let points = sourceIndices.map { input[$0] }
        var notes: [String] = []
        if points.count < input.count {
            notes.append("\(input.count - points.count) restated point(s) replaced an earlier value at the same time")
        }
        let clock: SeasonalClock
        if let period, period > 0 {
            clock = .indexed(period: period)
        } else {
            let spacing = Self.medianSpacing(points.compactMap(\.time))
            clock = .timed(spacing: spacing)
            notes.append("season inferred from a median spacing of \(Self.describe(seconds: spacing))")
        }
        var detector = SeriesDetector(clock: clock, config: config)
        var verdicts: [PointVerdict?] = []
        verdicts.reserveCapacity(points.count)
        for (index, point) in points.enumerated() {
            if index % Self.stopCheckInterval == 0, isStopped() { return nil }
            guard let value = point.value else {
                verdicts.append(nil)
                continue
            }
            verdicts.append(detector.judge(value, at: point.time ?? Double(index), index: index))
        }
        let gaps = points.count(where: { $0.value == nil })
        if gaps > 0 { notes.append("\(gaps) gap(s) without a value were skipped") }
        let valued = points.count - gaps
        if valued <= detector.minimumHistory {
            notes.append("series too short to judge: \(valued) point(s) with a value, more than \(detector.minimumHistory) needed")
        } else {
            notes.append("the first \(detector.minimumHistory) points are history the detector learns from; they are not judged")
        }
        let suppressed = verdicts.count(where: { $0?.suppressed == true })
        if suppressed > 0 {
            notes.append("\(suppressed) further point(s) past the threshold belong to incidents already flagged")
        }
        return Result(verdicts: verdicts, points: points, sourceIndices: sourceIndices, notes: notes)
    }

    /// The positions of the input points to judge, in order; throws at the first bad point.
    private func validated(_ input: [Point], period: Int?) throws(SeriesCheckError) -> [Int] {
        if input.isEmpty { throw SeriesCheckError(field: "points", reason: "at least one point is required") }
        if input.count > Self.maximumPoints {
            throw SeriesCheckError(field: "points", reason: "at most \(Self.maximumPoints) points per check, got \(input.count)")
        }
        if let period, period != 0, !(2...Self.maximumPeriod).contains(period) {
            throw SeriesCheckError(field: "period", reason: "must be between 2 and \(Self.maximumPeriod) points, got \(period)")
        }
        let indexed = (period ?? 0) > 0
        var kept: [Int] = []
        kept.reserveCapacity(input.count)
        for (index, point) in input.enumerated() {
            if let value = point.value, !value.isFinite {
                throw SeriesCheckError(field: "points[\(index)].value", reason: "must be a finite number")
            }
            if indexed {
                kept.append(index)
                continue
            }
            guard let time = point.time else {
                throw SeriesCheckError(field: "points[\(index)].ts", reason: "is required (or send values with a period)")
            }
            if let last = kept.last.flatMap({ input[$0].time }) {
                if time == last {
                    kept[kept.count - 1] = index
                    continue
                }
                if time < last {
                    throw SeriesCheckError(field: "points[\(index)].ts", reason: "is before the previous point; send points in time order")
                }
            }
            kept.append(index)
        }
        return kept
    }

    static func medianSpacing(_ times: [Double]) -> Double {
        guard times.count >= 2 else { return 3_600 }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }
        return gaps.isEmpty ? 3_600 : RobustStatistics.median(gaps)
    }

    private static func describe(seconds: Double) -> String {
        if seconds >= 86_400 { return "\(Int((seconds / 86_400).rounded())) day(s)" }
        if seconds >= 3_600 { return "\(Int((seconds / 3_600).rounded())) hour(s)" }
        return "\(Int((seconds / 60).rounded())) minute(s)"
    }
}

/// Bad input to the anomaly checker: which field, and why.
public struct SeriesCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
