import Foundation

/// Learns the distribution of one series' own scores while it behaves normally and turns a
/// target false-alarm rate into a threshold for that series (peaks over threshold, as in
/// SPOT, Siffer et al. 2017): the scores above their 90th percentile are taken as an
/// exponential tail, whose quantile at the target rate is where an alert starts. A series that
/// is noisy by nature raises its own bar; a quiet one keeps the detector's floor.
public struct ScoreCalibrator: Sendable {
    /// Scores remembered; only steady-state points (outside an incident) are learnt.
    public let capacity: Int
    /// Scores needed before the calibrated threshold is trusted; until then only the floor applies.
    public let minimumScores: Int
    /// The target: the chance that one steady-state point alerts.
    public let falseAlarmRate: Double
    private var scores: RingBuffer<Double>
    private var cached: Double?
    private var sinceRefresh = 0

    /// A calibrator that aims at `falseAlarmRate` alerts per point, learning from up to
    /// `capacity` steady-state scores.
    public init(falseAlarmRate: Double, capacity: Int = 1_000, minimumScores: Int = 100) {
        self.falseAlarmRate = Swift.min(0.5, Swift.max(1e-9, falseAlarmRate))
        self.capacity = Swift.max(10, capacity)
        self.minimumScores = Swift.max(10, minimumScores)
        scores = RingBuffer(capacity: self.capacity)
    }

    /// The score this series must reach to alert: never under `floor`.
    public mutating func threshold(floor: Double) -> Double {
        guard scores.count >= minimumScores else { return floor }
        // Sorting a thousand values on every point would dominate the cost of judging: the tail
        // is re-estimated every few points, which moves it by a fraction of a percent.
        if cached == nil || sinceRefresh >= 8 {
            cached = Self.tailQuantile(scores.unordered, rate: falseAlarmRate)
            sinceRefresh = 0
        }
        sinceRefresh += 1
        return Swift.max(floor, cached!)
    }

    /// Learns a steady-state score.
    public mutating func learn(_ score: Double) {
        guard score.isFinite else { return }
        scores.append(score)
    }

    /// The score exceeded with probability `rate`, from an exponential fit of the top decile.
    static func tailQuantile(_ values: [Double], rate: Double) -> Double {
        var sorted = values
        sorted.sort()
        let tailFraction = 0.1
        let cut = Int(Double(sorted.count) * (1 - tailFraction))
        let u = sorted[Swift.min(cut, sorted.count - 1)]
        let excess = sorted[cut...].map { $0 - u }
        let meanExcess = excess.reduce(0, +) / Double(Swift.max(1, excess.count))
        guard rate < tailFraction else { return u }
        return u + meanExcess * log(tailFraction / rate)
    }
}
