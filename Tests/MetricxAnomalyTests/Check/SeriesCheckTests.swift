import MetricxAnomaly
import Testing

@Suite("Anomaly checker")
struct SeriesCheckTests {
    let check = SeriesCheck()

    @Test("a daily cycle on an hourly series is normal, not an anomaly")
    func dailySeasonality() throws {
        var series = SyntheticSeries(seed: 1)
        let result = try check.run(series.hourly(days: 28))
        #expect(result.flagged.isEmpty)
        let judged = result.verdicts.compactMap { $0 }.filter(\.judged)
        #expect(judged.count == 28 * 24 - 48)
        // Once learnt, the expected value follows the cycle: the peak is expected to be high.
        let lastPeak = try #require(result.verdicts[27 * 24 + 15])
        #expect(abs(try #require(lastPeak.expected) - lastPeak.value) / lastPeak.value < 0.1)
    }

    @Test("a weekly pattern on a daily series (quiet weekends) is not an anomaly")
    func weeklySeasonality() throws {
        var series = SyntheticSeries(seed: 2)
        let result = try check.run(series.dailyWithWeekends(weeks: 16))
        #expect(result.flagged.isEmpty)
        #expect(result.verdicts.contains { $0?.judged == true })
    }

    @Test("a level shift is flagged at its start and once")
    func levelShift() throws {
        var series = SyntheticSeries(seed: 3)
        var points = series.hourly(days: 21)
        let shift = 20 * 24 + 3
        for i in shift..<points.count { points[i].value! *= 1.6 }
        let result = try check.run(points)
        let flagged = result.flagged
        #expect(flagged.count == 1)
        let first = try #require(flagged.first)
        #expect((shift..<(shift + 3)).contains(first))
        #expect(result.verdicts[first]?.direction == .up)
        #expect(result.verdicts[first].map { $0.value > $0.upper! } == true)
    }

    @Test("a single spike is flagged at the spike, downward too")
    func spike() throws {
        for factor in [3.0, 0.2] {
            var series = SyntheticSeries(seed: 4)
            var points = series.hourly(days: 14)
            let at = 12 * 24 + 10
            points[at].value! *= factor
            let result = try check.run(points)
            #expect(result.flagged == [at])
            #expect(result.verdicts[at]?.direction == (factor > 1 ? .up : .down))
            #expect(result.verdicts[at]?.severity == .high)
        }
    }

    @Test("a gradual drift away from the pattern is caught while it builds")
    func gradualDrift() throws {
        var series = SyntheticSeries(seed: 5)
        var points = series.hourly(days: 21)
        let start = 18 * 24
        for i in start..<points.count { points[i].value! *= 1 + 0.02 * Double(i - start) }
        let result = try check.run(points)
        let first = try #require(result.flagged.first)
        #expect(first > start && first < start + 24)
        #expect(result.flagged.allSatisfy { $0 > start })
    }

    @Test("gaps in time and missing values neither alarm nor stop detection")
    func gaps() throws {
        var series = SyntheticSeries(seed: 6)
        var points = series.hourly(days: 21)
        points.removeSubrange((10 * 24)..<(10 * 24 + 9)) // nine hours never reported
        for i in (15 * 24)..<(15 * 24 + 4) { points[i].value = nil } // reported without a value
        let spike = 19 * 24
        points[spike].value! *= 3
        let result = try check.run(points)
        #expect(result.flagged == [spike])
        #expect(result.verdicts[15 * 24] == nil)
        #expect(result.notes.contains { $0.contains("4 gap(s)") })
    }

    @Test("a series too short to judge raises no alert and says why")
    func tooShort() throws {
        let points = (0..<10).map { SeriesCheck.Point(time: SyntheticSeries.start + Double($0) * 3_600, value: $0 == 9 ? 1_000 : 10) }
        let result = try check.run(points)
        #expect(result.flagged.isEmpty)
        #expect(result.verdicts.allSatisfy { $0?.judged == false && $0?.score == 0 })
        #expect(result.notes.contains { $0.contains("too short to judge") && $0.contains("10 point(s)") })
    }

    @Test("an incident lasting many points is flagged once; the rest (and its recovery) are suppressed; a later one alerts again")
    func suppression() throws {
        var series = SyntheticSeries(seed: 7)
        var points = series.hourly(days: 21)
        let first = 15 * 24
        let second = 19 * 24
        for i in first..<(first + 6) { points[i].value! *= 4 }
        points[second].value! *= 4
        let result = try check.run(points)
        #expect(result.flagged == [first, second])
        let suppressed = result.verdicts.indices.filter { result.verdicts[$0]?.suppressed == true }
        #expect(suppressed.count >= 5 && suppressed.allSatisfy { $0 > first && $0 < second })
    }

    @Test("values with a period: the season is the caller's, in points")
    func indexedSeries() throws {
        var series = SyntheticSeries(seed: 8)
        var points = (0..<200).map { i in
            SeriesCheck.Point(time: nil, value: [5.0, 9, 4, 7, 12][i % 5] * (1 + 0.02 * series.noise()))
        }
        points[150].value = 30
        let result = try check.run(points, period: 5)
        #expect(result.flagged == [150])
    }

    @Test("a restated point replaces the earlier value at its time")
    func restatement() throws {
        var series = SyntheticSeries(seed: 9)
        var points = series.hourly(days: 14)
        let at = 13 * 24
        points[at].value! *= 5 // the first report looked like a spike...
        points.insert(SeriesCheck.Point(time: points[at].time, value: points[at].value! / 5), at: at + 1)
        let result = try check.run(points) // ...the restatement says it was normal
        #expect(result.points.count == 14 * 24)
        #expect(result.flagged.isEmpty)
        #expect(result.notes.contains { $0.contains("1 restated point(s)") })
    }

    @Test("the same series gives the same verdicts on every run")
    func deterministic() throws {
        var series = SyntheticSeries(seed: 10)
        let points = series.hourly(days: 30)
        let first = try check.run(points).verdicts
        let second = try check.run(points).verdicts
        #expect(first == second)
    }

    @Test(
        "bad input names the field and why",
        arguments: [
            ([SeriesCheck.Point](), nil as Int?, "points"),
            ([.init(time: 10, value: .nan)], nil, "points[0].value"),
            ([.init(time: 10, value: 1), .init(time: nil, value: 2)], nil, "points[1].ts"),
            ([.init(time: 10, value: 1), .init(time: 5, value: 2)], nil, "points[1].ts"),
            ([.init(time: nil, value: 1)], 1, "period"),
            ([.init(time: nil, value: 1)], 20_000, "period"),
        ])
    func badInput(points: [SeriesCheck.Point], period: Int?, field: String) {
        #expect(throws: SeriesCheckError.self) { try check.run(points, period: period) }
        do {
            _ = try check.run(points, period: period)
        } catch {
            #expect(error.field == field)
            #expect(!error.reason.isEmpty)
        }
    }
}
