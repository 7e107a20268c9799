import MetricxSemantics

extension TimeParser {
    // MARK: - ISO weeks: "iso week 44", "ISO week 44 of 2026", "iso wk 3 2025"

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
            var end = start + 3
            var year: Int?
            if ["of", "in"].contains(words.word(end) ?? ""), words.isFree(end), let value = words.word(end + 1).flatMap(Self.yearNumber) {
                year = value
                end += 2
            } else if let value = words.word(end).flatMap(Self.yearNumber), words.isFree(end) {
                year = value
                end += 1
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
