import Foundation
import MetricxSemantics

/// Calendar words: dates, date ranges, months, quarters and weekdays.
extension TimeParser {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// Month words that are also ordinary English: "may" is a month unless a pronoun or verb
    /// follows it ("may I see ...").
    static let ambiguousMonths: Set<String> = ["may"]
    static let notAMonthAfter: Set<String> = [
        "i", "we", "you", "be", "have", "it", "they", "not", "also", "need", "want", "see", "show", "get", "ask", "know",
    ]
    static let weekdays: [String: Int] = [
        "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "weds": 3, "wed": 3, "thursday": 4, "thurs": 4, "thur": 4,
        "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sunday": 7,
    ]
    static let ordinals: [String: Int] = ["first": 1, "second": 2, "third": 3, "fourth": 4]
    static let joiners: Set<String> = ["to", "until", "till", "til", "through", "thru", "and", "through to"]
    /// Words that may open a date or range and belong to it.
    static let leads: Set<String> = ["from", "between", "since", "on", "in", "during", "for", "after", "starting", "beginning", "of"]
    /// Leads that run a date on to today: "since the 3rd", "starting nov 5".
    static let sinceLeads: Set<String> = ["since", "after", "starting", "beginning"]

    // MARK: - Reading one date

    /// A date at `index`: "november 1", "nov 1st", "1 november", "the 1st of november", "2026-11-01"
    /// (three numbers once split), each optionally followed by a year ("2025", "last year").
    func date(at index: Int, in words: Words) -> (month: Int, day: Int?, year: Int?, next: Int)? {
        guard let word = words.word(index), words.isFree(index) else { return nil }
        // ISO: 2026 11 01
        if let year = Self.yearNumber(word),
            let month = words.word(index + 1).flatMap(Int.init), let day = words.word(index + 2).flatMap(Int.init),
            (1...12).contains(month), (1...31).contains(day)
        {
            return (month, day, year, index + 3)
        }
        // "11/18", "11/18/2026": month first, the US way, where that is the one reading (a day
        // over 12); "11/3" could be the 11th of March, and is asked back rather than guessed.
        // Day first ("18/11/2026") with a year only: "24/7" is round the clock, not July 24.
        if let (first, second, year) = Self.numericDate(word) {
            guard year.map(Self.years.contains) ?? true else { return nil }
            if (1...12).contains(first), (13...31).contains(second) || first == second { return (first, second, year, index + 1) }
            if year != nil, (13...31).contains(first), (1...12).contains(second) { return (second, first, year, index + 1) }
            return nil
        }
        if let month = Self.months[word] {
            var next = index + 1
            var day: Int?
            if let text = words.word(next), let value = Self.dayNumber(text), words.isFree(next) {
                day = value
                next += 1
            }
            let (year, afterYear) = self.year(at: next, in: words)
            next = afterYear
            // "May vs October" opens with a month; "may I see ..." does not.
            if Self.ambiguousMonths.contains(word), day == nil, year == nil {
                guard !Self.notAMonthAfter.contains(words.word(index + 1) ?? ""), index > 0 || words.word(index + 1) != nil else {
                    return nil
                }
            }
            return (month, day, year, next)
        }
        // "1 november", "the 1st of november"
        if let day = Self.dayNumber(word) {
            var next = index + 1
            if words.word(next) == "of" { next += 1 }
            if let monthWord = words.word(next), let month = Self.months[monthWord], words.isFree(next) {
                let (year, afterYear) = self.year(at: next + 1, in: words)
                return (month, day, year, afterYear)
            }
        }
        return nil
    }

    /// The years a question may name.
    static let years = 2000...2100

    /// A four-digit year in `years`: "2025".
    static func yearNumber(_ text: String) -> Int? {
        guard text.count == 4, let value = Int(text), years.contains(value) else { return nil }
        return value
    }

    /// "11/18", "11/18/26" (kept whole by `Words`): its first two numbers and its year, two
    /// digits read as 20xx. Which number is the month is the caller's question.
    static func numericDate(_ word: String) -> (first: Int, second: Int, year: Int?)? {
        let fields = word.split(separator: "/")
        let parts = fields.compactMap { Int($0) }
        guard parts.count == fields.count, parts.count == 2 || parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts.count == 3 ? (parts[2] < 100 ? 2000 + parts[2] : parts[2]) : nil)
    }

    /// A year after a date or month: "2025", "last year", "this year", "of last year".
    func year(at index: Int, in words: Words) -> (year: Int?, next: Int) {
        var cursor = index
        if words.word(cursor) == "of", words.isFree(cursor) { cursor += 1 }
        if let text = words.word(cursor), words.isFree(cursor), let value = Self.yearNumber(text) {
            return (value, cursor + 1)
        }
        if words.isFree(cursor), words.isFree(cursor + 1), words.word(cursor + 1) == "year" {
            switch words.word(cursor) {
            case "last", "previous", "prior": return (today.year - 1, cursor + 2)
            case "this", "current": return (today.year, cursor + 2)
            default: break
            }
        }
        return (nil, index)
    }

    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits.removeLast(2) }
        guard digits.count <= 2, let value = Int(digits), (1...31).contains(value) else { return nil }
        return value
    }

    static func isOrdinal(_ word: String) -> Bool {
        ["st", "nd", "rd", "th"].contains { word.hasSuffix($0) } && dayNumber(word) != nil
    }

    // MARK: - Resolving

    /// The most recent date with this month and day that is not after today (or in `year`).
    func resolve(month: Int, day: Int, year: Int?) -> CalendarDay? {
        if let year { return Self.calendarDay(year, month, day) }
        if let candidate = Self.calendarDay(today.year, month, day), !(candidate > today) { return candidate }
        return Self.calendarDay(today.year - 1, month, day)
    }

    static func calendarDay(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay? {
        CalendarDay(String(format: "%04d-%02d-%02d", year, month, day))
    }

    /// A whole month: the most recent one not after this month; this month ends today.
    func monthRange(_ month: Int, year: Int?) -> DayRange {
        let year = year ?? (month > today.month ? today.year - 1 : today.year)
        let start = CalendarDay(year: year, month: month, day: 1)
        return capped(DayRange(start: start, end: start.adding(months: 1).adding(days: -1)))
    }

    /// A range that ends at today at the latest.
    func capped(_ range: DayRange) -> DayRange {
        DayRange(start: range.start, end: max(range.start, min(range.end, today)))
    }

    // MARK: - Quarters: "q3", "q3 2025", "Q1 last year", "the second quarter"

    func parseQuarters(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index) else { continue }
            var quarter: Int?
            var next = index + 1
            let word = words[index]
            if word.count == 2, word.hasPrefix("q"), let value = Int(word.dropFirst()), (1...4).contains(value) {
                quarter = value
            } else if let value = Self.ordinals[word]
                ?? Self.dayNumber(word).flatMap({ (1...4).contains($0) && Self.isOrdinal(word) ? $0 : nil }),
                words.word(index + 1) == "quarter", words.isFree(index + 1)
            {
                quarter = value
                next = index + 2
            }
            guard let quarter else { continue }
            var start = index
            if let lead = words.word(index - 1), ["in", "during", "for", "of", "since", "the"].contains(lead), words.isFree(index - 1) {
                start -= 1
            }
            if words.word(start) == "the", let lead = words.word(start - 1), ["in", "during", "for", "since"].contains(lead),
                words.isFree(start - 1)
            {
                start -= 1
            }
            let (year, afterYear) = self.year(at: next, in: words)
            let month = (quarter - 1) * 3 + 1
            let resolvedYear = year ?? (CalendarDay(year: today.year, month: month, day: 1) > today ? today.year - 1 : today.year)
            let first = CalendarDay(year: resolvedYear, month: month, day: 1)
            var range = capped(DayRange(start: first, end: first.adding(months: 3).adding(days: -1)))
            if words.word(start) == "since" { range.end = max(range.start, today) }
            mentions.record(first > today ? .future : .range(range), start..<afterYear, in: &words)
            index = afterYear - 1
        }
    }

    // MARK: - Weekdays: "on tuesday", "last friday", "since monday"

    func parseWeekdays(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), let weekday = Self.weekdays[words[index]], !isInHoliday(index, in: words) else { continue }
            var start = index
            let lead = words.word(index - 1) ?? ""
            let free = words.isFree(index - 1)
            // The most recent such day, today included; "last friday" is the one before today.
            var back = (today.isoWeekday - weekday + 7) % 7
            if free, ["last", "previous", "past"].contains(lead) {
                if back == 0 { back = 7 }
                start -= 1
            } else if free, ["on", "this", "since", "from", "for", "of"].contains(lead) {
                start -= 1
            }
            // "monday the 16th", "tuesday, nov 3": the weekday names the date beside it. When it
            // is that date's weekday the two are one mention; when not, the weekday is left
            // unexplained, so the question is asked back rather than read as two days.
            if let dated = mentions.firstIndex(where: { [index + 1, index + 2].contains($0.span.lowerBound) }),
                (index + 1..<mentions[dated].span.lowerBound).allSatisfy({ words.word($0) == "the" }),
                case .range(let date) = mentions[dated].kind, date.start == date.end
            {
                if date.start.isoWeekday == weekday {
                    words.markUsed(start..<index + 1)
                    mentions[dated].span = start..<mentions[dated].span.upperBound
                }
                continue
            }
            let day = today.adding(days: -back)
            var end = index + 1
            // "from monday to wednesday"
            if let joiner = words.word(end), Self.joiners.contains(joiner), let other = words.word(end + 1).flatMap({ Self.weekdays[$0] }),
                words.isFree(end), words.isFree(end + 1)
            {
                let to = day.adding(days: (other - weekday + 7) % 7)
                mentions.record(.range(capped(DayRange(start: day, end: to))), start..<(end + 2), in: &words)
                continue
            }
            if words.word(end) == "morning" || words.word(end) == "afternoon" || words.word(end) == "evening" { end += 1 }
            let range = lead == "since" && free ? DayRange(start: day, end: today) : Self.day(day)
            mentions.record(.range(range), start..<end, in: &words)
        }
    }

    // MARK: - Years: "in 2025", "for calendar year 2025", "the year 2024"

    /// Words before a lone year that make it a period.
    static let yearLeads: Set<String> = ["in", "for", "during", "of", "over", "across", "throughout", "vs", "versus", "against", "than"]

    /// A year on its own, after a word that makes it a period (a year beside a month or date
    /// was read with it already).
    func parseYears(_ words: inout Words, into mentions: inout [TimeMention]) {
        for index in 0..<words.count where words.isFree(index) {
            guard let year = Self.yearNumber(words[index]) else { continue }
            var start = index
            if words.word(start - 1) == "year", words.isFree(start - 1) {
                start -= 1
                if ["calendar", "the"].contains(words.word(start - 1) ?? ""), words.isFree(start - 1) { start -= 1 }
                if words.word(start - 1) == "the", words.isFree(start - 1) { start -= 1 }
            }
            guard
                Self.yearLeads.contains(words.word(start - 1) ?? "") || start < index
                    || ["vs", "versus"].contains(words.word(index + 1) ?? "")
            else { continue }
            let first = CalendarDay(year: year, month: 1, day: 1)
            let range = DayRange(start: first, end: CalendarDay(year: year, month: 12, day: 31))
            mentions.record(first > today ? .future : .range(capped(range)), start..<(index + 1), in: &words)
        }
    }

    // MARK: - Halves of a month: "the first half of october", "second half of sep 2025"

    func parseHalves(_ words: inout Words, into mentions: inout [TimeMention]) {
        // "h1 2026", "H2".
        for index in 0..<words.count where words.isFree(index) && (words[index] == "h1" || words[index] == "h2") {
            let (year, next) = self.year(at: index + 1, in: words)
            mentions.record(halfYear(second: words[index] == "h2", year: year), index..<next, in: &words)
        }
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), let half = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "latter": 2][words[index]],
                words.word(index + 1) == "half", words.word(index + 2) == "of", words.isFree(index + 1), words.isFree(index + 2)
            else { continue }
            // "the first half of october": the 1st to the 15th, or the 16th to the month's end.
            if let monthWord = words.word(index + 3), let month = Self.months[monthWord], words.isFree(index + 3) {
                let (year, next) = self.year(at: index + 4, in: words)
                let first = monthRange(month, year: year).start
                let last = first.adding(months: 1).adding(days: -1)
                let range =
                    half == 1 ? DayRange(start: first, end: first.adding(days: 14)) : DayRange(start: first.adding(days: 15), end: last)
                mentions.record(range.start > today ? .future : .range(capped(range)), words.start(withThe: index)..<next, in: &words)
                continue
            }
            // "the first half of the year", "second half of last year", "first half of 2025".
            var (year, cursor) = self.year(at: index + 3, in: words)
            if year == nil {
                guard words.word(cursor) == "the", words.word(cursor + 1) == "year" else { continue }
                cursor += 2
            }
            guard (index..<cursor).allSatisfy({ words.isFree($0) }) else { continue }
            mentions.record(halfYear(second: half == 2, year: year), words.start(withThe: index)..<cursor, in: &words)
        }
    }

    /// January to June or July to December; without a year, the most recent one that has begun.
    private func halfYear(second: Bool, year: Int?) -> TimeMention.Kind {
        var first = CalendarDay(year: year ?? today.year, month: second ? 7 : 1, day: 1)
        if year == nil, first > today { first = CalendarDay(year: today.year - 1, month: first.month, day: 1) }
        let range = DayRange(start: first, end: first.adding(months: 6).adding(days: -1))
        return first > today ? .future : .range(capped(range))
    }

    // MARK: - The ends of a month: "the first ten days of november", "the last week of october"

    func parseMonthEnds(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), let side = words.word(index), side == "first" || side == "last" else { continue }
            // "first 10 days of", "first week of": a count of days, or one week of seven.
            var cursor = index + 1
            var days = 7
            if let word = words.word(cursor), let count = Int(word) ?? NumberWords.values[word] {
                guard words.word(cursor + 1) == "days" else { continue }
                days = count
                cursor += 2
            } else {
                guard words.word(cursor) == "week" else { continue }
                cursor += 1
            }
            guard words.word(cursor) == "of", let monthWord = words.word(cursor + 1), let month = Self.months[monthWord],
                (index...(cursor + 1)).allSatisfy({ words.isFree($0) })
            else { continue }
            let (year, next) = self.year(at: cursor + 2, in: words)
            let first = monthRange(month, year: year).start
            let last = first.adding(months: 1).adding(days: -1)
            guard (1...first.days(to: last) + 1).contains(days) else { continue }
            let range =
                side == "first"
                ? DayRange(start: first, end: first.adding(days: days - 1)) : DayRange(start: last.adding(days: 1 - days), end: last)
            mentions.record(range.start > today ? .future : .range(capped(range)), words.start(withThe: index)..<next, in: &words)
        }
    }

    // MARK: - Dates, date ranges and months

    func parseDates(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            if var (range, end) = dayOfMonthRange(at: index, in: words) {
                var start = index
                if let lead = words.word(index - 1), Self.leads.contains(lead), words.isFree(index - 1) {
                    start -= 1
                    // "since the 3rd": from that day to today.
                    if Self.sinceLeads.contains(lead), range.start == range.end { range.end = max(range.start, today) }
                }
                mentions.record(.range(range), start..<end, in: &words)
                index = end
                continue
            }
            guard let first = date(at: index, in: words) else {
                index += 1
                continue
            }
            var start = index
            let lead = words.word(index - 1) ?? ""
            if Self.leads.contains(lead), words.isFree(index - 1) { start -= 1 }
            // A second date: "to|until|through|and|-" B, or B straight after A.
            var cursor = first.next
            if let joiner = words.word(cursor), Self.joiners.contains(joiner), words.isFree(cursor) {
                cursor += 1
                // "oct 1st through the 15th"
                if words.word(cursor) == "the", words.isFree(cursor) { cursor += 1 }
            }
            var second = date(at: cursor, in: words)
            if second == nil, let word = words.word(cursor), let day = Self.dayNumber(word), first.day != nil, cursor > first.next,
                words.isFree(cursor)
            {
                // "November 1 to 10": the month carries over, and a year may follow.
                let (year, next) = self.year(at: cursor + 1, in: words)
                second = (first.month, day, year ?? first.year, next)
            }
            // "january through september 2026", "from march to june": whole months ("march and
            // april" are two months, unless "between" makes them a range).
            if let second, first.day == nil, second.day == nil, words.word(first.next) != "and" || lead == "between" {
                let last = monthRange(second.month, year: second.year)
                var year = first.year ?? last.start.year
                if first.year == nil, first.month > second.month { year -= 1 }
                let from = CalendarDay(year: year, month: first.month, day: 1)
                if from <= last.start {
                    mentions.record(.range(capped(DayRange(start: from, end: last.end))), start..<second.next, in: &words)
                    index = second.next
                    continue
                }
            }
            if let second, let firstDay = first.day, let secondDay = second.day,
                var from = resolve(month: first.month, day: firstDay, year: first.year ?? second.year)
            {
                var to = Self.calendarDay(from.year, second.month, secondDay) ?? from
                if let year = second.year { to = Self.calendarDay(year, second.month, secondDay) ?? to }
                if to < from, second.year == nil { to = Self.calendarDay(from.year + 1, second.month, secondDay) ?? to }
                // Without a year, the most recent such range: one that would start after today is last year's.
                if first.year == nil, second.year == nil, to > today, from > today {
                    from = Self.calendarDay(from.year - 1, first.month, firstDay) ?? from
                    to = Self.calendarDay(to.year - 1, second.month, secondDay) ?? to
                }
                if to < from { swap(&from, &to) }
                mentions.record(.range(capped(DayRange(start: from, end: to))), start..<second.next, in: &words)
                index = second.next
                continue
            }
            var since = Self.sinceLeads.contains(lead)
            // "since the start of november", "from the beginning of october": its first day on.
            if lead == "of", ["start", "beginning"].contains(words.word(index - 2) ?? ""), words.word(index - 3) == "the",
                ["since", "from"].contains(words.word(index - 4) ?? ""), ((index - 4)..<index).allSatisfy({ words.isFree($0) })
            {
                since = true
                start = index - 4
            }
            // "the week ending nov 15": the seven days up to that day.
            if lead == "ending", words.word(index - 2) == "week", words.isFree(index - 1), words.isFree(index - 2), let day = first.day,
                let on = resolve(month: first.month, day: day, year: first.year)
            {
                start = words.start(withThe: index - 2)
                let week = DayRange(start: on.adding(days: -6), end: on)
                mentions.record(week.start > today ? .future : .range(capped(week)), start..<first.next, in: &words)
                index = first.next
                continue
            }
            // "the week of oct 5": Monday to Sunday around that day.
            if lead == "of", words.word(index - 2) == "week", words.isFree(index - 2), let day = first.day,
                let on = resolve(month: first.month, day: day, year: first.year)
            {
                start = words.start(withThe: index - 2)
                let monday = on.startOfWeek
                let week = DayRange(start: monday, end: monday.adding(days: 6))
                mentions.record(monday > today ? .future : .range(capped(week)), start..<first.next, in: &words)
                index = first.next
                continue
            }
            if since, let day = first.day, let from = resolve(month: first.month, day: day, year: first.year) {
                mentions.record(.range(DayRange(start: from, end: max(from, today))), start..<first.next, in: &words)
            } else if let day = first.day, let on = resolve(month: first.month, day: day, year: first.year) {
                mentions.record(on > today ? .future : .range(Self.day(on)), start..<first.next, in: &words)
            } else if since {
                let from = monthRange(first.month, year: first.year).start
                mentions.record(.range(DayRange(start: from, end: max(from, today))), start..<first.next, in: &words)
            } else if first.day == nil {
                // "for the month of october"
                if lead == "of", words.word(index - 2) == "month", words.isFree(index - 2) {
                    start = words.start(withThe: index - 2)
                }
                let range = monthRange(first.month, year: first.year)
                mentions.record(range.start > today ? .future : .range(range), start..<first.next, in: &words)
            }
            index = first.next
        }
    }

    /// "5 to 12 march", "5th-12th of march 2025", "between the 3rd and the 9th", "the 3rd": days
    /// of one month; without a month, the most recent month in which the first day is not after today.
    private func dayOfMonthRange(at index: Int, in words: Words) -> (DayRange, Int)? {
        var cursor = index
        var hadThe = false
        if words.word(cursor) == "the", words.isFree(cursor) {
            cursor += 1
            hadThe = true
        }
        guard let firstWord = words.word(cursor), words.isFree(cursor), let firstDay = Self.dayNumber(firstWord) else { return nil }
        // "1 november" is a date, read by `date(at:)`.
        if let next = words.word(cursor + 1),
            Self.months[next] != nil || (next == "of" && words.word(cursor + 2).flatMap { Self.months[$0] } != nil)
        {
            return nil
        }
        cursor += 1
        var lastDay = firstDay
        var isRange = false
        if let joiner = words.word(cursor), Self.joiners.contains(joiner), words.isFree(cursor) {
            var after = cursor + 1
            if words.word(after) == "the" { after += 1 }
            if let word = words.word(after), words.isFree(after), let day = Self.dayNumber(word) {
                lastDay = day
                isRange = true
                cursor = after + 1
            }
        }
        let ordinal = Self.isOrdinal(firstWord)
        let lead = words.word(index - 1) ?? ""
        // Plain numbers are days only in a range with a lead ("from 5 to 12 march") or before a month.
        var month: Int?
        var year: Int?
        var next = cursor
        if words.word(next) == "of" { next += 1 }
        if let word = words.word(next), let value = Self.months[word], words.isFree(next) {
            month = value
            (year, next) = self.year(at: next + 1, in: words)
        } else {
            next = cursor
        }
        guard isRange || month != nil || (hadThe && ordinal) else { return nil }
        if month == nil {
            guard ordinal || hadThe || ["between", "from"].contains(lead) else { return nil }
        } else if !isRange {
            return nil
        }
        guard lastDay >= firstDay else { return nil }
        if let month {
            guard let from = resolve(month: month, day: firstDay, year: year), let to = Self.calendarDay(from.year, month, lastDay) else {
                return nil
            }
            return (capped(DayRange(start: from, end: to)), next)
        }
        // The most recent month whose `firstDay` is not after today and that has `lastDay`.
        var monthStart = today.startOfMonth
        for _ in 0..<12 {
            if let from = Self.calendarDay(monthStart.year, monthStart.month, firstDay), !(from > today),
                let to = Self.calendarDay(monthStart.year, monthStart.month, lastDay)
            {
                return (capped(DayRange(start: from, end: to)), next)
            }
            monthStart = monthStart.adding(months: -1)
        }
        return nil
    }
}
