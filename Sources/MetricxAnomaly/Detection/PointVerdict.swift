/// What a detector concluded about one point.
public struct PointVerdict: Sendable, Hashable {
    /// The observed value.
    public var value: Double
    /// The value the baseline expected; nil before the series has a level.
    public var expected: Double?
    /// The normal band around `expected`; nil while the series is too short to judge.
    public var lower: Double?
    public var upper: Double?
    /// The combined anomaly score in [0, 1].
    public var score: Double
    /// How far from expected, in robust standard deviations (signed; 0 while not judged).
    public var deviation: Double
    /// True for the first point of an incident whose score crossed the threshold.
    public var anomaly: Bool
    /// True for a point past the threshold inside an incident that was already reported.
    public var suppressed: Bool
    /// False while the detector is still learning the series (score 0, never an anomaly).
    public var judged: Bool
    /// For an anomaly, the evidence in words ("412 where 180–260 was expected"); nil otherwise.
    public var evidence: String? = nil

    /// Above or below what was expected.
    public var direction: Direction {
        value >= (expected ?? value) ? .up : .down
    }

    /// How far from normal a flagged point is: by its distance from the expected value, which
    /// people read more easily than a score.
    public var severity: Severity { Severity(deviation: deviation) }

    public enum Direction: String, Sendable, Hashable {
        case up, down
    }
}

/// An anomaly's severity. Ordered, so that "severity >= medium" reads as it says.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case low, medium, high

    /// Under 6 robust standard deviations from expected: low; from 6: medium; from 10: high.
    public init(deviation: Double) {
        let distance = abs(deviation)
        self = distance >= 10 ? .high : distance >= 6 ? .medium : .low
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
