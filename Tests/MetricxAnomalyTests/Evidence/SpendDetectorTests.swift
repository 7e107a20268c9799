import Foundation
import MetricxAnomaly
import Testing

@Suite("Runaway spend")
struct SpendDetectorTests {
    /// Four weeks of hourly spend: a daily curve with quiet nights, lighter weekends and 12%
    /// noise, with `factor(hour)` applied on top.
    static func spend(days: Int = 28, factor: (Int) -> Double = { _ in 1 }) -> [Double] {
        var random = WorldRandom(seed: 5)
        return (0..<(days * 24)).map { h in
            let phase = Double(Swift.max(h % 24 - 6, 0)) / 18
            let daily: Double = 0.12 + 0.88 * pow(sin(.pi * phase), 2)
            let weekly = (h / 24) % 7 >= 5 ? 0.8 : 1
            return 20 * daily * weekly * random.factor(0.12) * factor(h)
        }
    }

    @Test("four times a night hour's spend is flagged in its first hour, once, with the range expected")
    func runawayAtNight() throws {
        let start = 24 * 24 + 2
        var detector = SpendDetector()
        let verdicts = Self.spend { $0 >= start && $0 < start + 5 ? 4 : 1 }.map { detector.judge($0) }
        let flagged = verdicts.indices.filter { verdicts[$0].anomaly }
        #expect(flagged == [start])
        let verdict = verdicts[start]
        let upper = try #require(verdict.upper)
        #expect(verdict.value > 2 * upper)
    }

    @Test("the monitor's spend alert states the money with cents")
    func evidenceText() throws {
        let start = 24 * 24 + 2
        var detector = AdMetricDetector(metric: .spend)
        let texts = Self.spend { $0 >= start && $0 < start + 5 ? 4 : 1 }.compactMap {
            detector.judge(AdBucket(spend: $0)).text
        }
        let text = try #require(texts.first)
        #expect(texts.count == 1)
        #expect(text.wholeMatch(of: /spend [0-9,]+\.[0-9]{2} where [0-9,]+\.[0-9]{2}–[0-9,]+\.[0-9]{2} was expected/) != nil, "\(text)")
    }

    @Test("a budget raised by half, a budget cut and the weekends raise nothing")
    func plannedChanges() {
        var detector = SpendDetector()
        let hours = Self.spend { $0 < 12 * 24 ? 1 : $0 < 20 * 24 ? 1.5 : 0.7 }
        let flagged = hours.indices.filter { detector.judge(hours[$0]).anomaly }
        #expect(flagged.isEmpty, "flagged at hours \(flagged)")
    }

    @Test("daily buckets are judged against the same weekday: quiet weekends pass, a fivefold Wednesday does not")
    func dailyBuckets() {
        var detector = SpendDetector(bucketsPerDay: 1)
        let days = (0..<56).map { day -> Double in
            let weekday: Double = day % 7 >= 5 ? 0.6 : 1
            let wobble: Double = 1 + 0.02 * Double((day * 7) % 5 - 2)
            return 200 * weekday * wobble
        }
        let flagged = days.indices.filter { detector.judge(days[$0] * ($0 == 51 ? 5 : 1)).anomaly }
        #expect(flagged == [51])
    }

    @Test("spend that stops is not runaway spend")
    func spendStopping() {
        var detector = SpendDetector()
        let hours = Self.spend { $0 >= 20 * 24 ? 0 : 1 }
        #expect(hours.allSatisfy { !detector.judge($0).anomaly })
    }
}
