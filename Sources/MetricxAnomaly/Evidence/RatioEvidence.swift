/// The numbers behind a ratio's verdict, over the window that decided it: what the numerator
/// was, what the series' own history expected from the denominator seen, and how much of the
/// denominator there was. This is what a person checks before trusting an alert.
public struct RatioEvidence: Sendable, Hashable {
    /// The numerator over the window (events, or money for revenue).
    public var observed: Double
    /// The numerator the reference rate expects from `denominator`.
    public var expected: Double
    /// The numerator's normal range, about two standard deviations either side.
    public var lower: Double
    public var upper: Double
    /// The denominator over the window (clicks, impressions, spend).
    public var denominator: Double
    /// The window's length in buckets (1: the bucket alone; 24 hourly buckets: a day).
    public var windowBuckets: Int
    /// The reference rate: numerator per unit of denominator in steady state.
    public var rate: Double
}
