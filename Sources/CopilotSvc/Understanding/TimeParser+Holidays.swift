import MetricxSemantics

/// The shopping days marketers name: "black friday", "cyber monday", "christmas eve". Each is the
/// day (or days) it falls on in a year; without a year, the most recent one that has begun, like
/// a date. Read before dates and weekdays, so the "friday" of "black friday" is not a weekday.
extension TimeParser {
    /// A named day: its words, and the days it covers in a year.
    struct Holiday: Sendable {
        var words: [String]
        var days: @Sendable (Int) -> DayRange
    }

    /// Longest phrases first, so "black friday weekend" is not read as "black friday".
    static let holidays: [Holiday] = {
        func fixed(_ month: Int, _ day: Int) -> @Sendable (Int) -> DayRange {
            { year in Self.day(CalendarDay(year: year, month: month, day: day)) }
        }
        // US Thanksgiving, the fourth Thursday of November, sets the dates of the shopping weekend.
        func afterThanksgiving(_ from: Int, _ to: Int) -> @Sendable (Int) -> DayRange {
            { year in
                let first = CalendarDay(year: year, month: 11, day: 1)
                let thanksgiving = first.adding(days: (4 - first.isoWeekday + 7) % 7 + 21)
                return DayRange(start: thanksgiving.adding(days: from), end: thanksgiving.adding(days: to))
            }
        }
        let list: [([String], @Sendable (Int) -> DayRange)] = [
            (["black", "friday", "cyber", "monday"], afterThanksgiving(1, 4)),
            (["black", "friday", "weekend"], afterThanksgiving(1, 3)),
            (["thanksgiving", "weekend"], afterThanksgiving(0, 3)),
            (["bfcm"], afterThanksgiving(1, 4)),
            (["black", "friday"], afterThanksgiving(1, 1)),
            (["cyber", "monday"], afterThanksgiving(4, 4)),
            (["thanksgiving", "day"], afterThanksgiving(0, 0)),
            (["thanksgiving"], afterThanksgiving(0, 0)),
            (["christmas", "eve"], fixed(12, 24)),
            (["christmas", "day"], fixed(12, 25)),
            (["christmas"], fixed(12, 25)),
            (["xmas"], fixed(12, 25)),
            (["boxing", "day"], fixed(12, 26)),
            (["new", "years", "eve"], fixed(12, 31)),
            (["new", "years", "day"], fixed(1, 1)),
            (["valentines", "day"], fixed(2, 14)),
            (["halloween"], fixed(10, 31)),
            (["singles", "day"], fixed(11, 11)),
        ]
        return list.map { Holiday(words: $0.0, days: $0.1) }
    }()

    /// Words before a named day that belong to it, besides the leads of any date.
    static let holidayLeads: Set<String> = ["over", "last", "this", "previous", "past"]

    /// Words of the named days, for the spelling corrector's known words.
    static var holidayWords: Set<String> { Set(holidays.flatMap(\.words)) }

    // MARK: - Named days: "on black friday", "black friday 2025", "since cyber monday"

    func parseHolidays(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            // "the cyber monday campaign" names a campaign, one the workspace may not have: it is
            // asked about, not read as the day.
            guard let (holiday, afterName) = holiday(at: index, in: words), EntityIndex.levelWord(startingAt: afterName, in: words) == nil
            else {
                index += 1
                continue
            }
            // "over the black friday weekend"; "last black friday" is the most recent one, as
            // "last christmas" is.
            var start = words.start(withThe: index)
            let lead = words.word(before: index) ?? ""
            let free = words.isFree(start - 1)
            if free, Self.leads.contains(lead) || Self.holidayLeads.contains(lead) { start -= 1 }
            let (year, afterYear) = self.year(at: afterName, in: words)
            var range = occurrence(of: holiday, year: year)
            var end = afterYear
            // "from black friday to cyber monday"
            if let joiner = words.word(end), Self.joiners.contains(joiner), words.isFree(end),
                let (other, afterOther) = self.holiday(at: end + 1, in: words)
            {
                let (otherYear, afterOtherYear) = self.year(at: afterOther, in: words)
                let to = other.days(otherYear ?? range.start.year)
                if !(to.end < range.start) {
                    range.end = to.end
                    end = afterOtherYear
                }
            }
            if Self.sinceLeads.contains(lead), free { range.end = max(range.start, today) }
            mentions.record(.range(capped(range)), start..<end, in: &words)
            index = end
        }
    }

    /// Whether the word at `index` is part of a named day's words ("monday" in "the cyber monday
    /// campaign"), which the weekday reading leaves alone.
    func isInHoliday(_ index: Int, in words: Words) -> Bool {
        (Swift.max(0, index - 3)...index).contains { start in
            guard let (_, end) = holiday(at: start, in: words) else { return false }
            return end > index
        }
    }

    /// The named day whose words start at `index`, and the index after them.
    func holiday(at index: Int, in words: Words) -> (Holiday, Int)? {
        for holiday in Self.holidays {
            let span = index..<(index + holiday.words.count)
            guard span.upperBound <= words.count, span.allSatisfy({ words.isFree($0) }),
                zip(span, holiday.words).allSatisfy({ words[$0] == $1 })
            else { continue }
            return (holiday, span.upperBound)
        }
        return nil
    }

    /// The named day in `year`, or without one the most recent that has begun by today.
    private func occurrence(of holiday: Holiday, year: Int?) -> DayRange {
        if let year { return holiday.days(year) }
        let thisYear = holiday.days(today.year)
        return thisYear.start > today ? holiday.days(today.year - 1) : thisYear
    }
}
