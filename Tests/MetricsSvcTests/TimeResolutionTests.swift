import Foundation
import MetricxProtos
import MetricxSemantics
import Testing

@testable import MetricsSvc

@Suite struct TimeResolutionTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }
    static func range(_ start: String, _ end: String) -> DayRange { DayRange(start: day(start), end: day(end)) }

    /// Thursday 2026-11-19, as in the copilot eval.
    @Test(arguments: [
        ("today", "2026-11-19", "2026-11-19"), ("yesterday", "2026-11-18", "2026-11-18"),
        ("this_week", "2026-11-16", "2026-11-19"), ("last_week", "2026-11-09", "2026-11-15"),
        ("last_7_days", "2026-11-12", "2026-11-18"), ("last_14_days", "2026-11-05", "2026-11-18"),
        ("last_30_days", "2026-10-20", "2026-11-18"), ("last_90_days", "2026-08-21", "2026-11-18"),
        ("this_month", "2026-11-01", "2026-11-19"), ("last_month", "2026-10-01", "2026-10-31"),
        ("this_quarter", "2026-10-01", "2026-11-19"), ("last_quarter", "2026-07-01", "2026-09-30"),
        ("this_year", "2026-01-01", "2026-11-19"), ("last_year", "2025-01-01", "2025-12-31"),
    ])
    func presetsOnAThursday(preset: String, start: String, end: String) {
        #expect(TimePreset(rawValue: preset)!.range(today: Self.day("2026-11-19")) == Self.range(start, end))
    }

    @Test func presetsAcrossYearQuarterAndISOWeekBoundaries() {
        let newYear = Self.day("2026-01-01") // a Thursday; its ISO week starts in 2025
        #expect(TimePreset.thisWeek.range(today: newYear) == Self.range("2025-12-29", "2026-01-01"))
        #expect(TimePreset.lastWeek.range(today: newYear) == Self.range("2025-12-22", "2025-12-28"))
        #expect(TimePreset.lastMonth.range(today: newYear) == Self.range("2025-12-01", "2025-12-31"))
        #expect(TimePreset.lastQuarter.range(today: newYear) == Self.range("2025-10-01", "2025-12-31"))
        #expect(TimePreset.thisQuarter.range(today: newYear) == Self.range("2026-01-01", "2026-01-01"))
        #expect(TimePreset.last7Days.range(today: newYear) == Self.range("2025-12-25", "2025-12-31"))
        let sunday = Self.day("2026-11-22")
        #expect(TimePreset.thisWeek.range(today: sunday) == Self.range("2026-11-16", "2026-11-22"))
        let leapDay = Self.day("2028-02-29")
        #expect(TimePreset.lastMonth.range(today: leapDay) == Self.range("2028-01-01", "2028-01-31"))
        #expect(TimePreset.thisMonth.range(today: leapDay) == Self.range("2028-02-01", "2028-02-29"))
    }

    @Test func previousPeriodOfThisPresetsIsTheSameSpanOfThePreviousPeriod() {
        let today = Self.day("2026-11-19")
        func previous(_ preset: TimePreset, today: CalendarDay = today) -> DayRange? {
            TimeResolver.comparison(.previousPeriod, of: preset.range(today: today), preset: preset, custom: nil)
        }
        #expect(previous(.thisWeek) == Self.range("2026-11-09", "2026-11-12"))
        #expect(previous(.thisMonth) == Self.range("2026-10-01", "2026-10-19"))
        #expect(previous(.thisQuarter) == Self.range("2026-07-01", "2026-08-19"))
        #expect(previous(.thisYear) == Self.range("2025-01-01", "2025-11-19"))
        #expect(previous(.today) == Self.range("2026-11-18", "2026-11-18"))
        // March 31st so far compares with all of February, clipped to its end.
        #expect(previous(.thisMonth, today: Self.day("2026-03-31")) == Self.range("2026-02-01", "2026-02-28"))
        // Other ranges: the same length, ending the day before.
        #expect(previous(.last7Days) == Self.range("2026-11-05", "2026-11-11"))
        #expect(previous(.lastMonth) == Self.range("2026-08-31", "2026-09-30"))
        #expect(
            TimeResolver.comparison(.previousPeriod, of: Self.range("2026-11-01", "2026-11-10"), preset: nil, custom: nil)
                == Self.range("2026-10-22", "2026-10-31"))
    }

    @Test func yearOverYearAndCustom() {
        #expect(
            TimeResolver.comparison(.yearOverYear, of: Self.range("2026-11-01", "2026-11-19"), preset: nil, custom: nil)
                == Self.range("2025-11-01", "2025-11-19"))
        #expect(
            TimeResolver.comparison(.yearOverYear, of: Self.range("2028-02-29", "2028-02-29"), preset: nil, custom: nil)
                == Self.range("2027-02-28", "2027-02-28"))
        let custom = Self.range("2026-01-01", "2026-01-31")
        #expect(TimeResolver.comparison(.custom, of: Self.range("2026-11-01", "2026-11-19"), preset: nil, custom: custom) == custom)
    }

    @Test func todayIsTakenInTheWorkspaceTimeZone() throws {
        let asOf = "2026-11-19T23:30:00Z"
        let tokyo = try QueryPlanner(settings: .with { $0.timezone = "Asia/Tokyo" }, asOf: asOf)
        let losAngeles = try QueryPlanner(settings: .with { $0.timezone = "America/Los_Angeles" }, asOf: asOf)
        let utc = try QueryPlanner(settings: .init(), asOf: asOf)
        #expect(tokyo.today == Self.day("2026-11-20"))
        #expect(losAngeles.today == Self.day("2026-11-19"))
        #expect(utc.today == Self.day("2026-11-19"))
    }

    @Test func hourlyBucketsFollowADaylightSavingChange() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let spring = TimeBuckets(range: Self.range("2026-03-29", "2026-03-29"), granularity: .hour, timeZone: berlin)
        #expect(spring.keys.count == 23)
        #expect(spring.keys.first?.label == "2026-03-29T00:00:00+01:00")
        #expect(spring.keys[2].label == "2026-03-29T03:00:00+02:00")
        let autumn = TimeBuckets(range: Self.range("2026-10-25", "2026-10-25"), granularity: .hour, timeZone: berlin)
        #expect(autumn.keys.count == 25)
        let quarters = TimeBuckets(range: Self.range("2026-11-19", "2026-11-19"), granularity: .fifteenMinutes, timeZone: .gmt)
        #expect(quarters.keys.count == 96)
        let weeks = TimeBuckets(range: Self.range("2026-11-04", "2026-11-19"), granularity: .week, timeZone: .gmt)
        #expect(weeks.keys.map(\.label) == ["2026-11-02", "2026-11-09", "2026-11-16"])
    }

    @Test func defaultGrainDependsOnTheRangeLength() {
        #expect(Granularity.defaultFor(Self.range("2026-11-18", "2026-11-19")) == .hour)
        #expect(Granularity.defaultFor(Self.range("2026-08-20", "2026-11-19")) == .day)
        #expect(Granularity.defaultFor(Self.range("2026-01-01", "2026-11-19")) == .week)
    }

    @Test func datesAreParsedStrictly() {
        #expect(CalendarDay("2026-02-30") == nil)
        #expect(CalendarDay("2026-2-3") == nil)
        #expect(CalendarDay("20261-01-01") == nil)
        #expect(CalendarDay("2026-12-31")?.description == "2026-12-31")
    }
}
