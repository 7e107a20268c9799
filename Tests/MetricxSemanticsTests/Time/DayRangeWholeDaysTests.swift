import MetricxSemantics
import Testing

/// A range that runs into today, set against whole days, is cut to its whole days against as many
/// of the comparison's: LineageSvc explains a sum over those (the hours still to come are not a
/// change).
@Suite("Whole days of a running range")
struct DayRangeWholeDaysTests {
    static let thursday = CalendarDay(year: 2026, month: 11, day: 19)

    static func cut(_ range: (String, String), against comparison: (String, String)) -> [String]? {
        let range = DayRange(start: CalendarDay(range.0)!, end: CalendarDay(range.1)!)
        let comparison = DayRange(start: CalendarDay(comparison.0)!, end: CalendarDay(comparison.1)!)
        return range.wholeDays(against: comparison, today: thursday).map {
            [$0.range.start, $0.range.end, $0.comparison.start, $0.comparison.end].map(\.description)
        }
    }

    @Test func aRunningRangeIsCutToItsWholeDaysAgainstAsManyOfTheComparison() {
        // This week on a Thursday: Monday to Wednesday against the same days of last week.
        #expect(
            Self.cut(("2026-11-16", "2026-11-19"), against: ("2026-11-09", "2026-11-12")) == [
                "2026-11-16", "2026-11-18", "2026-11-09", "2026-11-11",
            ])
        // The same dates a year earlier, and a month against the same span of the one before.
        #expect(Self.cut(("2026-11-01", "2026-11-19"), against: ("2025-11-01", "2025-11-19"))?[1] == "2026-11-18")
        #expect(Self.cut(("2026-11-01", "2026-11-19"), against: ("2025-11-01", "2025-11-19"))?[3] == "2025-11-18")
        #expect(
            Self.cut(("2026-11-01", "2026-11-19"), against: ("2026-10-01", "2026-10-31")) == [
                "2026-11-01", "2026-11-18", "2026-10-01", "2026-10-18",
            ])
    }

    @Test func nothingIsCutWithoutAWholeDayToCompareLikeForLike() {
        // Today alone, a range of whole days, both running, or a comparison too short.
        #expect(Self.cut(("2026-11-19", "2026-11-19"), against: ("2026-11-18", "2026-11-18")) == nil)
        #expect(Self.cut(("2026-11-12", "2026-11-18"), against: ("2026-11-05", "2026-11-11")) == nil)
        #expect(Self.cut(("2026-11-13", "2026-11-19"), against: ("2026-11-19", "2026-11-19")) == nil)
        #expect(Self.cut(("2026-11-10", "2026-11-19"), against: ("2026-11-01", "2026-11-03")) == nil)
    }
}
