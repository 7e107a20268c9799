import MetricxProtos
import MetricxSemantics
import Testing

@testable import CopilotSvc

/// The time grammar on Thursday 2026-11-19, resolved to dates (a preset is resolved as the
/// semantic layer would), so each case states the days a marketer would expect.
struct TimeGrammarTests {
    static let today = CalendarDay("2026-11-19")!
    static let parser = QuestionParser(
        today: today, entities: EntityIndex([("campaign", "Spring Promo")]), providers: ProviderIndex(["meta", "google"]))

    static func resolved(_ range: Metricx_V1_TimeRange) -> String {
        switch range.kind {
        case .preset(let name)?: TimePreset(rawValue: name).map { "\($0.range(today: today))" } ?? name
        case .dates(let dates)?: "\(dates.start)..\(dates.end)"
        case nil: "none"
        }
    }

    static func comparison(_ understanding: Understanding) -> String {
        guard understanding.query.hasComparison else { return "none" }
        let comparison = understanding.query.comparison
        let preset = TimePreset(rawValue: understanding.query.timeRange.preset)
        guard
            let range = CalendarDay(understanding.query.timeRange.dates.start).map({ start in
                DayRange(start: start, end: CalendarDay(understanding.query.timeRange.dates.end)!)
            }) ?? preset?.range(today: today)
        else { return "?" }
        let custom =
            comparison.hasCustom ? DayRange(start: CalendarDay(comparison.custom.start)!, end: CalendarDay(comparison.custom.end)!) : nil
        let kind = TimeResolver.ComparisonKind(rawValue: comparison.type) ?? .previousPeriod
        return TimeResolver.comparison(kind, of: range, preset: preset, custom: custom).map { "\($0)" } ?? "?"
    }

    @Test(arguments: [
        ("spend 3 days ago", "2026-11-16..2026-11-16"),
        ("spend two days ago", "2026-11-17..2026-11-17"),
        ("spend the day before yesterday", "2026-11-17..2026-11-17"),
        ("spend last tuesday", "2026-11-17..2026-11-17"),
        ("spend on tuesday", "2026-11-17..2026-11-17"),
        ("spend on thursday", "2026-11-19..2026-11-19"),
        ("spend last thursday", "2026-11-12..2026-11-12"),
        ("spend since monday", "2026-11-16..2026-11-19"),
        ("spend from 5 to 12 march", "2026-03-05..2026-03-12"),
        ("spend mar 5-12", "2026-03-05..2026-03-12"),
        ("spend nov 10–25", "2026-11-10..2026-11-19"),
        ("spend between the 3rd and the 9th", "2026-11-03..2026-11-09"),
        ("spend between the 20th and the 25th", "2026-10-20..2026-10-25"),
        ("spend in q3", "2026-07-01..2026-09-30"),
        ("spend in q4", "2026-10-01..2026-11-19"),
        ("spend q1 2025", "2025-01-01..2025-03-31"),
        ("spend in q3 last year", "2025-07-01..2025-09-30"),
        ("spend since june 1", "2026-06-01..2026-11-19"),
        ("spend this week", "2026-11-16..2026-11-19"),
        ("spend past week", "2026-11-12..2026-11-18"),
        ("spend last week", "2026-11-09..2026-11-15"),
        ("spend past month", "2026-10-20..2026-11-18"),
        ("spend october last year", "2025-10-01..2025-10-31"),
        ("spend 2026-10-01 to 2026-10-15", "2026-10-01..2026-10-15"),
        ("spend the 1st of october", "2026-10-01..2026-10-01"),
        ("spend l14d", "2026-11-05..2026-11-18"),
        ("spend a week ago", "2026-11-09..2026-11-15"),
        ("spend in may", "2026-05-01..2026-05-31"),
        ("impressions in the first ten days of october", "2026-10-01..2026-10-10"),
        ("clicks the last 5 days of september 2025", "2025-09-26..2025-09-30"),
        ("spend the first week of november", "2026-11-01..2026-11-07"),
        ("spend the last week of october", "2026-10-25..2026-10-31"),
        ("poas for the first half of the year", "2026-01-01..2026-06-30"),
        ("spend second half of last year", "2025-07-01..2025-12-31"),
        ("spend first half of 2025", "2025-01-01..2025-06-30"),
        // A weekday beside a date is that date, not a second day.
        ("spend on monday the 16th", "2026-11-16..2026-11-16"),
        ("spend tuesday, nov 17", "2026-11-17..2026-11-17"),
        ("spend this past weekend", "2026-11-14..2026-11-15"),
        ("spend since the start of november", "2026-11-01..2026-11-19"),
        ("spend from the beginning of october", "2026-10-01..2026-11-19"),
        ("clicks from the start of the month", "2026-11-01..2026-11-19"),
        ("roas week ending nov 15", "2026-11-09..2026-11-15"),
        ("spend over the last seven full days", "2026-11-12..2026-11-18"),
        ("spend the last 3 full weeks", "2026-10-26..2026-11-15"),
        ("spend the last 2 complete months", "2026-09-01..2026-10-31"),
        ("chart monthly spend for january through september 2026", "2026-01-01..2026-09-30"),
        ("spend from march to june", "2026-03-01..2026-06-30"),
        ("total spend for calendar year 2025, please", "2025-01-01..2025-12-31"),
        ("spend in 2025", "2025-01-01..2025-12-31"),
        ("top 5 campaigns in 2026 by roas", "2026-01-01..2026-11-19"),
        ("hourly cpc on 11/18", "2026-11-18..2026-11-18"),
        ("spend 10/14 to 10/20", "2026-10-14..2026-10-20"),
        ("spend since 10/15", "2026-10-15..2026-11-19"),
        ("spend on 11/18/26", "2026-11-18..2026-11-18"),
        ("spend november to january", "2025-11-01..2026-01-31"),
        // "with" is no comparison: one period.
        ("the 2 ads with most clicks of last week", "2026-11-09..2026-11-15"),
        // Named days: this year's Black Friday (Nov 27) is still to come, so last year's.
        ("revenue on black friday", "2025-11-28..2025-11-28"),
        ("revenue black friday 2024", "2024-11-29..2024-11-29"),
        ("spend over the black friday weekend", "2025-11-28..2025-11-30"),
        ("orders from black friday to cyber monday", "2025-11-28..2025-12-01"),
        ("revenue since cyber monday", "2025-12-01..2026-11-19"),
        ("spend on christmas eve", "2025-12-24..2025-12-24"),
        ("sales on halloween", "2026-10-31..2026-10-31"),
        ("revenue on valentine's day", "2026-02-14..2026-02-14"),
        // Day first with a year: the one reading.
        ("clicks from 15/10/2026 until 21/10/2026", "2026-10-15..2026-10-21"),
        ("ctr for 2026-10-05 through 2026-10-11, inclusive", "2026-10-05..2026-10-11"),
        // ISO weeks: week 1 holds January 4th; without a year, the most recent that has begun.
        ("impressions in ISO week 44 of 2026", "2026-10-26..2026-11-01"),
        ("spend iso week 1 2026", "2025-12-29..2026-01-04"),
        ("spend iso week 3 of last year", "2025-01-13..2025-01-19"),
        ("spend in iso week 10 in 2025", "2025-03-03..2025-03-09"),
        ("spend iso wk 50", "2025-12-08..2025-12-14"),
        ("clicks in iso week 47", "2026-11-16..2026-11-19"),
        // Words that say a period runs into today, of one that does.
        ("impressions today until now", "2026-11-19..2026-11-19"),
        ("revenue for each month of this year until now", "2026-01-01..2026-11-19"),
        ("ctr since the beginning of this month, today included", "2026-11-01..2026-11-19"),
        ("spend since the start of the current quarter", "2026-10-01..2026-11-19"),
        ("spend this month up to today", "2026-11-01..2026-11-19"),
        // The days before a date.
        ("cvr in the 10 days before 20 October", "2026-10-10..2026-10-19"),
        ("spend the two weeks before nov 3", "2026-10-20..2026-11-02"),
        ("spend the week before oct 24", "2026-10-17..2026-10-23"),
        ("clicks the day before 15 october", "2026-10-14..2026-10-14"),
        ("revenue the day before black friday", "2025-11-27..2025-11-27"),
        ("spend the week before monday", "2026-11-09..2026-11-15"),
    ])
    func ranges(question: String, expected: String) {
        let understanding = Self.parser.parse(question, previous: nil)
        #expect(understanding.intent != .clarify && understanding.intent != .unsupported, "\(question): \(understanding.message ?? "")")
        #expect(Self.resolved(understanding.query.timeRange) == expected, "\(question)")
    }

    @Test(arguments: [
        ("spend q1 vs q4", "2026-01-01..2026-03-31", "2026-10-01..2026-11-19"),
        ("revenue october vs october last year", "2026-10-01..2026-10-31", "2025-10-01..2025-10-31"),
        ("revenue in q3 vs the same quarter last year", "2026-07-01..2026-09-30", "2025-07-01..2025-09-30"),
        ("spend yesterday vs the same day last week", "2026-11-18..2026-11-18", "2026-11-11..2026-11-11"),
        ("spend mar 1-15 vs feb 1-15", "2026-03-01..2026-03-15", "2026-02-01..2026-02-15"),
        ("spend wow", "2026-11-16..2026-11-19", "2026-11-09..2026-11-12"),
        ("revenue mom", "2026-11-01..2026-11-19", "2026-10-01..2026-10-19"),
        ("revenue yoy", "2026-01-01..2026-11-19", "2025-01-01..2025-11-19"),
        ("cpc last week vs the week before", "2026-11-09..2026-11-15", "2026-11-02..2026-11-08"),
        ("profit last quarter vs the quarter before", "2026-07-01..2026-09-30", "2026-04-01..2026-06-30"),
        ("spend in october vs the month before", "2026-10-01..2026-10-31", "2026-09-01..2026-09-30"),
        ("ctr vs last month", "2026-11-01..2026-11-19", "2026-10-01..2026-10-19"),
        ("spend past 14 days compared with the previous 14 days", "2026-11-05..2026-11-18", "2026-10-22..2026-11-04"),
        ("roas on cyber monday vs black friday", "2025-12-01..2025-12-01", "2025-11-28..2025-11-28"),
        ("May vs October revenue", "2026-05-01..2026-05-31", "2026-10-01..2026-10-31"),
        ("conversions past 14 days vs the previous 14", "2026-11-05..2026-11-18", "2026-10-22..2026-11-04"),
        ("spend last 2 weeks vs the prior 2", "2026-11-05..2026-11-18", "2026-10-22..2026-11-04"),
        ("revenue on monday the 16th vs monday the 9th", "2026-11-16..2026-11-16", "2026-11-09..2026-11-09"),
        (
            "compare ctr for the last 14 days (through yesterday) with the 14 days immediately before that", "2026-11-05..2026-11-18",
            "2026-10-22..2026-11-04"
        ),
        ("spend in march and april", "2026-03-01..2026-03-31", "2026-04-01..2026-04-30"),
        (
            "how did impressions for november 1-14 this year compare with the same dates in 2025", "2026-11-01..2026-11-14",
            "2025-11-01..2025-11-14"
        ),
        ("revenue in q3 vs the same period of 2024", "2026-07-01..2026-09-30", "2024-07-01..2024-09-30"),
        ("spend 2025 vs 2026", "2025-01-01..2025-12-31", "2026-01-01..2026-11-19"),
        ("compare revenue over the last seven days with the same dates a year ago", "2026-11-12..2026-11-18", "2025-11-12..2025-11-18"),
        ("cpc yesterday vs the same weekday a week earlier", "2026-11-18..2026-11-18", "2026-11-11..2026-11-11"),
        ("spend this week until today vs the same days of last week", "2026-11-16..2026-11-19", "2026-11-09..2026-11-12"),
    ])
    func comparisons(question: String, range: String, comparison: String) {
        let understanding = Self.parser.parse(question, previous: nil)
        #expect(understanding.intent == .compare, "\(question): \(understanding.intent) \(understanding.message ?? "")")
        #expect(Self.resolved(understanding.query.timeRange) == range, "\(question)")
        #expect(Self.comparison(understanding) == comparison, "\(question)")
    }

    @Test("a named day in a campaign's name is the campaign's, with its level word")
    func namedDayInACampaignName() {
        let parser = QuestionParser(
            today: Self.today, entities: EntityIndex([("campaign", "Black Friday Sale"), ("campaign", "Evergreen")]),
            providers: ProviderIndex(["meta"]))
        let understanding = parser.parse("spend of the black friday campaign yesterday", previous: nil)
        #expect(understanding.query.filters.map(\.values) == [["Black Friday Sale"]])
        #expect(Self.resolved(understanding.query.timeRange) == "2026-11-18..2026-11-18")
    }

    @Test("a weekday that is not the date's own is asked back, not read as a second day")
    func aWeekdayThatDisagreesWithItsDate() {
        let understanding = Self.parser.parse("spend on tuesday the 16th", previous: nil)
        #expect(understanding.intent == .clarify)
        #expect(understanding.message?.contains("tuesday") == true, "\(understanding.message ?? "")")
        // "11/3" is the 3rd of November or the 11th of March: not guessed.
        let slashed = Self.parser.parse("spend between 11/3 and 11/9", previous: nil)
        #expect(slashed.intent == .clarify)
        #expect(slashed.message?.contains("“11/3” could be Nov 3 or Mar 11") == true, "\(slashed.message ?? "")")
        #expect(Self.parser.parse("spend 24/7", previous: nil).intent == .clarify)
        #expect(Self.parser.parse("spend on 15/10", previous: nil).intent == .clarify)
        // 2026 has no ISO week 53; "week 44" alone is numbered more than one way.
        #expect(!Self.parser.parse("spend iso week 53 of 2026", previous: nil).isUnderstood)
        #expect(Self.parser.parse("spend in week 44", previous: nil).intent == .clarify)
        // A period that does not run into today is not said to run to today.
        #expect(Self.parser.parse("spend last week until today", previous: nil).intent == .clarify)
        // A fiscal year is the company's own: not taken for the calendar one.
        #expect(Self.parser.parse("spend fiscal year 2025", previous: nil).intent == .clarify)
        // A unit left out is the one said with the same number; another number is not guessed.
        #expect(Self.parser.parse("spend past 14 days vs the previous 7", previous: nil).intent == .clarify)
    }

    @Test(arguments: ["spend next week", "what will revenue be tomorrow", "forecast roas for next month"])
    func theFutureIsNotForecast(question: String) {
        let understanding = Self.parser.parse(question, previous: nil)
        #expect(understanding.intent == .unsupported, "\(question)")
        #expect(understanding.message?.contains("forecast") == true)
    }
}
