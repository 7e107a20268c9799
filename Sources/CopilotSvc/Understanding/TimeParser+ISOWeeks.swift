import MetricxSemantics

extension TimeParser {
    // MARK: - ISO weeks: "iso week 44", "ISO week 44 of 2026", "iso wk 3 2025", "iso week 3 of last year"

    /// "ISO week N [of / in YEAR]": Monday … Sunday of that week (week 1 holds January 4th),
    /// capped at today; without a year, the most recent one that has begun. A week number the
    /// year does not have (53 in most years) is left unexplained, so it is asked back. "week 44"
    /// without "ISO" is not read: calendars number weeks in more than one way.
    func parseISOWeeks(_ words: inout Words, into mentions: inout [TimeMention]) {
        var from = 0
        while let start = words.find(["iso", "week"], from: from) {
            from = start + 1
            guard let number = words.word(start + 2).flatMap({ Int($0) }), (1...53).contains(number), words.isFree(start + 2) else {
                continue
            }
            // "of 2026", "2026", "of last year" as after a date (``year(at:in:)``), and "in 2026".
            var (year, end) = self.year(at: start + 3, in: words)
            if year == nil, words.word(start + 3) == "in", words.isFree(start + 3),
                let value = words.word(start + 4).flatMap(Self.yearNumber), words.isFree(start + 4)
            {
                (year, end) = (value, start + 5)
            }
            let years = year.map { [$0] } ?? [today.year, today.year - 1]
            guard
                let monday = years.lazy.compactMap({ Self.isoWeekMonday(number, of: $0) }).first(where: { year != nil || $0 <= self.today })
            else { continue }
            let week = DayRange(start: monday, end: monday.adding(days: 6))
            mentions.record(monday > today ? .future : .range(capped(week)), words.start(withThe: start)..<end, in: &words)
        }
    }

    /// The Monday of ISO week `number` of `year`, when the year has that week.
    static func isoWeekMonday(_ number: Int, of year: Int) -> CalendarDay? {
        let firstMonday = CalendarDay(year: year, month: 1, day: 4).startOfWeek
        let monday = firstMonday.adding(days: 7 * (number - 1))
        // A week belongs to the year its Thursday is in.
        return monday.adding(days: 3).year == year ? monday : nil
    }
}
