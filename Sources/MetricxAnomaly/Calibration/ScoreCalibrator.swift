import Foundation

/// Learns the distribution of one series' own scores while it behaves normally and turns a
/// target false-alarm rate into a threshold for that series: the scores' far tail is drawn
/// from their top decile (``Tail``), and its quantile at the target rate is where an alert
/// starts. A series that is noisy by nature raises its own bar; a quiet one keeps the
/// detector's floor.
public struct ScoreCalibrator: Sendable {
    /// How the tail beyond the scores seen is drawn from the ones seen.
    public enum Tail: Sendable, Hashable {
        /// Scores of any kind: the top decile as an exponential tail (peaks over threshold, as
        /// in SPOT, Siffer et al. 2017).
        case exponential
        /// Scores that are standard normal deviates under the detector's own model, up to a
        /// scale the model may misjudge: the scale is read off the 90th percentile and the tail
        /// is the normal one at that scale. An exponential fitted to a normal's top decile
        /// stretches a rare quantile far past where it is: at one point in 44,000 it asks for
        /// 5.3 sd where 4.1 is due, so a series whose model fits perfectly still gets a bar
        /// over the floor, and an incident of 5 sd goes unheard.
        case normal
    }

    /// How the far tail is drawn.
    public let tail: Tail
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
    public init(falseAlarmRate: Double, capacity: Int = 1_000, minimumScores: Int = 100, tail: Tail = .exponential) {
        self.tail = tail
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
            cached = Self.tailQuantile(scores.unordered, rate: falseAlarmRate, tail: tail)
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

    /// The score exceeded with probability `rate`, drawn from the top decile as `tail` says.
    static func tailQuantile(_ values: [Double], rate: Double, tail: Tail = .exponential) -> Double {
        var sorted = values
        sorted.sort()
        let tailFraction = 0.1
        let cut = Int(Double(sorted.count) * (1 - tailFraction))
        let u = sorted[Swift.min(cut, sorted.count - 1)]
        guard rate < tailFraction else { return u }
        switch tail {
        case .exponential:
            let excess = sorted[cut...].map { $0 - u }
            let meanExcess = excess.reduce(0, +) / Double(Swift.max(1, excess.count))
            return u + meanExcess * log(tailFraction / rate)
        case .normal:
            let scale = u / NormalQuantile.deviate(upperTail: tailFraction)
            return scale * NormalQuantile.deviate(upperTail: rate)
        }
    }
}
