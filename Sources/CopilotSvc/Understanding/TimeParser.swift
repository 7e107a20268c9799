import MetricxSemantics

/// A time expression found in a question.
struct TimeMention: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case preset(TimePreset)
        case range(DayRange)
        /// "the week before", "the previous period", "prior 7 days" — relative to the other range;
        /// `days` when the phrase named a length ("the previous 7 days").
        case previousPeriod(days: Int?)
        /// "the same period last year", "year over year".
        case yearOverYear
    }

    var kind: Kind
    var span: Range<Int>
}

/// Finds time expressions — presets ("last week", "MTD", "L30D"), trailing windows ("past 3
/// days"), months ("in October"), dates and ranges ("between Sept 10 and Sept 20", "since
/// November 1") — and resolves the ones that are not presets against `today`, the workspace's
/// local date at `as_of`. Dates without a year are the most recent such date not after today.
struct TimeParser: Sendable {
    let today: CalendarDay

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// Month words that are also ordinary English: only months next to a day, a year or "in".
    static let ambiguousMonths: Set<String> = ["may", "mar", "march", "jan", "dec", "sep"]

    func parse(_ words: inout Words) -> [TimeMention] {
        var mentions: [TimeMention] = []
        // Comparisons first: "same period last year" must not leave a "last year" behind.
        for phrase in [
            "same period last year", "same time last year", "same period a year ago", "same period of last year", "same dates last year",
            "year over year", "year on year", "yoy", "prior year", "a year ago", "a year earlier", "last years",
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .yearOverYear, span: span)) }
        }
        for phrase in [
            "previous period", "prior period", "period before", "the week before", "week before", "the month before", "month before",
            "the day before", "day before", "the quarter before", "quarter before", "the year before", "preceding period",
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .previousPeriod(days: nil), span: span)) }
        }
        parseTrailing(&words, into: &mentions)
        parseDates(&words, into: &mentions)
        parsePresets(&words, into: &mentions)
        return mentions.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    // MARK: - Presets

    private func parsePresets(_ words: inout Words, into mentions: inout [TimeMention]) {

        let table: [(String, TimePreset)] = [
            ("today", .today), ("so far today", .today), ("yesterday", .yesterday),
            ("this week", .thisWeek), ("current week", .thisWeek), ("week to date", .thisWeek), ("wtd", .thisWeek),
            ("last week", .lastWeek), ("past week", .lastWeek), ("previous week", .lastWeek), ("prior week", .lastWeek),
            ("this month", .thisMonth), ("current month", .thisMonth), ("month to date", .thisMonth), ("mtd", .thisMonth),
            ("last month", .lastMonth), ("past month", .lastMonth), ("previous month", .lastMonth), ("prior month", .lastMonth),
            ("this quarter", .thisQuarter), ("current quarter", .thisQuarter), ("quarter to date", .thisQuarter), ("qtd", .thisQuarter),
            ("last quarter", .lastQuarter), ("previous quarter", .lastQuarter), ("past quarter", .lastQuarter), ("prior quarter", .lastQuarter),
            ("this year", .thisYear), ("current year", .thisYear), ("year to date", .thisYear), ("ytd", .thisYear),
            ("last year", .lastYear), ("previous year", .lastYear), ("past year", .lastYear),
            ("l7d", .last7Days), ("l14d", .last14Days), ("l30d", .last30Days), ("l90d", .last90Days),
        ]
        for (phrase, preset) in table.sorted(by: { $0.0.count > $1.0.count }) {
            while let span = words.take(phrase) { mentions.record(.preset(preset), span, in: &words) }
        }
    }

    // MARK: - Trailing windows: "last 3 days", "past two weeks", "previous 7 days"

    private func parseTrailing(_ words: inout Words, into mentions: inout [TimeMention]) {

        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), ["last", "past", "previous", "prior", "trailing", "preceding", "the"].contains(words[index]) else { continue }
            var cursor = index + 1
            if words.word(cursor) == "the" || words.word(cursor) == "last" || words.word(cursor) == "past" { cursor += 1 }
            var count = 1
            var hasNumber = false
            if let word = words.word(cursor), let number = NumberWords.value(word), words.isFree(cursor) {
                count = number
                hasNumber = true
                cursor += 1
            }
            guard let unit = words.word(cursor), words.isFree(cursor) else { continue }
            let days: Int
            switch unit {
            case "day", "days": days = count
            case "week", "weeks": days = count * 7
            case "month", "months" where hasNumber: days = count * 30
            default: continue
            }
            // "last week" is a preset (Monday to Sunday); only "last N weeks" is trailing.
            guard hasNumber || unit == "days", days > 0, days <= 3_660 else { continue }
            let isPrevious = ["previous", "prior", "preceding"].contains(words[index]) && hasNumber
            let span = index..<(cursor + 1)
            if isPrevious {
                // "compared to the previous 7 days": the comparison side of a 7-day range.
                mentions.record(.previousPeriod(days: days), span, in: &words)
                continue
            }
            switch days {
            case 7: mentions.record(.preset(.last7Days), span, in: &words)
            case 14: mentions.record(.preset(.last14Days), span, in: &words)
            case 30: mentions.record(.preset(.last30Days), span, in: &words)
            case 90: mentions.record(.preset(.last90Days), span, in: &words)
            default: mentions.record(.range(DayRange(start: today.adding(days: -days), end: today.adding(days: -1))), span, in: &words)
            }
        }
    }

    // MARK: - Dates, date ranges and months

    /// A date at `index`: "november 1", "nov 1st", "1 november", "2026-11-01" (split into three
    /// numbers by the word splitter), each optionally followed by a year.
    private func date(at index: Int, in words: Words) -> (month: Int, day: Int?, year: Int?, next: Int)? {
        guard let word = words.word(index), words.isFree(index) else { return nil }
        // ISO: 2026 11 01
        if word.count == 4, let year = Int(word), (2000...2100).contains(year),
            let month = words.word(index + 1).flatMap(Int.init), let day = words.word(index + 2).flatMap(Int.init),
            (1...12).contains(month), (1...31).contains(day)
        {
            return (month, day, year, index + 3)
        }
        if let month = Self.months[word] {
            var next = index + 1
            var day: Int?
            if let text = words.word(next), let value = Self.dayNumber(text), words.isFree(next) {
                day = value
                next += 1
                if words.word(next) == "th" || words.word(next) == "st" { next += 1 }
            }
            var year: Int?
            if let text = words.word(next), text.count == 4, let value = Int(text), (2000...2100).contains(value) {
                year = value
                next += 1
            }
            if Self.ambiguousMonths.contains(word), day == nil, year == nil {
                let before = words.word(index - 1) ?? ""
                guard ["in", "during", "for", "since", "of", "from", "between", "through", "until"].contains(before) else { return nil }
            }
            return (month, day, year, next)
        }
        if let day = Self.dayNumber(word), let monthWord = words.word(index + 1), let month = Self.months[monthWord] {
            var next = index + 2
            var year: Int?
            if let text = words.word(next), text.count == 4, let value = Int(text), (2000...2100).contains(value) {
                year = value
                next += 1
            }
            return (month, day, year, next)
        }
        return nil
    }

    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits.removeLast(2) }
        guard let value = Int(digits), (1...31).contains(value), digits.count <= 2 else { return nil }
        return value
    }

    /// The most recent date with this month and day that is not after today (or in `year`).
    private func resolve(month: Int, day: Int, year: Int?) -> CalendarDay? {
        if let year { return CalendarDay(Self.text(year, month, day)) }
        guard let candidate = CalendarDay(Self.text(today.year, month, day)) else { return nil }
        return candidate > today ? CalendarDay(Self.text(today.year - 1, month, day)) : candidate
    }

    private static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// A whole month: the most recent one not after this month; this month ends today.
    private func monthRange(_ month: Int, year: Int?) -> DayRange {
        let year = year ?? (month > today.month ? today.year - 1 : today.year)
        let start = CalendarDay(year: year, month: month, day: 1)
        var end = start.adding(months: 1).adding(days: -1)
        if end > today { end = today }
        return DayRange(start: start, end: end)
    }

    private func parseDates(_ words: inout Words, into mentions: inout [TimeMention]) {

        var index = 0
        while index < words.count {
            guard let first = date(at: index, in: words) else { index += 1; continue }
            var start = index
            let lead = words.word(index - 1) ?? ""
            if ["from", "between", "since", "on", "in", "during", "for", "after", "starting"].contains(lead), words.isFree(index - 1) { start -= 1 }
            // A second date: "to|until|through|and|-" B, or B straight after A.
            var cursor = first.next
            if let joiner = words.word(cursor), ["to", "until", "till", "through", "thru", "and"].contains(joiner) { cursor += 1 }
            var second = date(at: cursor, in: words)
            if second == nil, let word = words.word(cursor), let day = Self.dayNumber(word), first.day != nil, cursor > first.next {
                // "November 1 to 10": the month carries over.
                second = (first.month, day, first.year, cursor + 1)
            }
            if let second, let firstDay = first.day, let secondDay = second.day,
                var from = resolve(month: first.month, day: firstDay, year: first.year ?? second.year)
            {
                var to = CalendarDay(Self.text(from.year, second.month, secondDay)) ?? from
                if let year = second.year { to = CalendarDay(Self.text(year, second.month, secondDay)) ?? to }
                if to < from, second.year == nil { to = CalendarDay(Self.text(from.year + 1, second.month, secondDay)) ?? to }
                if to < from { swap(&from, &to) }
                mentions.record(.range(DayRange(start: from, end: min(to, max(from, today)))), start..<second.next, in: &words)
                index = second.next
                continue
            }
            if lead == "since" || lead == "after" || lead == "starting", let day = first.day, let from = resolve(month: first.month, day: day, year: first.year) {
                mentions.record(.range(DayRange(start: from, end: max(from, today))), start..<first.next, in: &words)
            } else if let day = first.day, let on = resolve(month: first.month, day: day, year: first.year) {
                mentions.record(.range(DayRange(start: on, end: on)), start..<first.next, in: &words)
            } else if lead == "since" {
                mentions.record(.range(DayRange(start: monthRange(first.month, year: first.year).start, end: today)), start..<first.next, in: &words)
            } else {
                mentions.record(.range(monthRange(first.month, year: first.year)), start..<first.next, in: &words)
            }
            index = first.next
        }
    }
}

extension Array where Element == TimeMention {
    /// Adds a mention and marks its words as explained, so that no later parser reads them again.
    mutating func record(_ kind: TimeMention.Kind, _ span: Range<Int>, in words: inout Words) {
        words.markUsed(span)
        append(TimeMention(kind: kind, span: span))
    }
}
