import Foundation
import Testing

@testable import MetricxAnomaly

@Suite("Thresholds learnt from a series' own scores")
struct ScoreCalibratorTests {
    /// Two weeks of hourly calm scores, clamped at zero as the ratio detector learns them:
    /// standard normal deviates times `scale`.
    static func calmScores(scale: Double, count: Int = 14 * 24) -> [Double] {
        var random = WorldRandom(seed: 7)
        return (0..<count).map { _ in Swift.max(0, scale * random.normal()) }
    }

    /// One alert per year of hourly points shared by five windows: the rate the one-hour window gets.
    static let rate = 1 / (365.0 * 24 * 5)

    @Test("a normal tail puts the threshold where the scores' own scale says, not past it")
    func normalTail() {
        let due = NormalQuantile.deviate(upperTail: Self.rate)
        for scale in [1.0, 1.5] {
            let threshold = ScoreCalibrator.tailQuantile(Self.calmScores(scale: scale), rate: Self.rate, tail: .normal)
            #expect(abs(threshold / (scale * due) - 1) < 0.12, "scale \(scale): \(threshold) where \(scale * due) is due")
        }
    }

    @Test("an exponential tail fitted to normal scores overshoots a rare quantile")
    func exponentialOvershoots() {
        let scores = Self.calmScores(scale: 1)
        let exponential = ScoreCalibrator.tailQuantile(scores, rate: Self.rate, tail: .exponential)
        let normal = ScoreCalibrator.tailQuantile(scores, rate: Self.rate, tail: .normal)
        #expect(exponential > normal + 0.8, "exponential \(exponential), normal \(normal)")
    }

    @Test("the threshold is never under the floor, and only the floor applies until enough is learnt")
    func floorAndWarmUp() {
        var calibrator = ScoreCalibrator(falseAlarmRate: Self.rate, capacity: 400, minimumScores: 48, tail: .normal)
        for score in Self.calmScores(scale: 3, count: 47) { calibrator.learn(score) }
        #expect(calibrator.threshold(floor: 4.5) == 4.5)
        calibrator.learn(1)
        #expect(calibrator.threshold(floor: 4.5) > 9)
        var quiet = ScoreCalibrator(falseAlarmRate: Self.rate, capacity: 400, minimumScores: 48, tail: .normal)
        for score in Self.calmScores(scale: 0.5) { quiet.learn(score) }
        #expect(quiet.threshold(floor: 4.5) == 4.5)
    }
}
