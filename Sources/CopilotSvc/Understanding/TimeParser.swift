import MetricxSemantics

/// A time expression found in a question.
struct TimeMention: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case preset(TimePreset)
        case range(DayRange)
        /// "the week before", "the previous period", "prior 7 days" — relative to the other range;
        /// `days` when the phrase named a length ("the previous 7 days").
        case previousPeriod(days: Int?)
        /// "the same period last year", "a year earlier".
        case yearOverYear
        /// "the same day last week": the other range moved back by a number of days.
        case shifted(days: Int)
        /// "the same dates in 2025": the other range's days in that year.
        case sameDatesIn(year: Int)
        /// "the month before", "the quarter before that": the calendar period before the other
        /// range when that is a whole month, quarter or year; otherwise the previous period.
        case calendarBefore(unit: String)
        /// "week over week", "mom", "yoy": a comparison with the previous period of that unit and,
        /// when the question names no period, the current one so far.
        case over(unit: String)
        /// "next week", "tomorrow": the copilot reads what happened and does not forecast.
        case future
    }

    var kind: Kind
    var span: Range<Int>

    /// Whether it names days of its own, not days relative to another period's.
    var isPeriod: Bool {
        switch kind {
        case .preset, .range: true
        default: false
        }
    }
}

/// Finds time expressions and resolves the ones that are not presets against `today`, the
/// workspace's local date at `as_of`. The rules (CONVENTIONS.md in the copilot's tests lists them
/// with examples): a date, month, quarter or weekday without a year is the most recent one not
/// after today; ranges are inclusive and end at today at the latest; "past week" is the last 7
/// days while "last week" is Monday to Sunday; "N days ago" is one day.
///
/// Each step marks the words it explains, so later steps (and the metric and name parsers after
/// this one) never read them again; comparisons are read first, so "the same period last year"
/// leaves no "last year" behind.
struct TimeParser: Sendable {
    let today: CalendarDay

    func parse(_ words: inout Words) -> [TimeMention] {
        // "this month until now", "since monday, today included": said where every period named
        // runs into today, the words say what the periods already are (they end today); said of
        // any other ("last week until today"), they stay unexplained and the question is asked
        // back. A comparison's side ("vs the same days last week") is not a period of its own.
        var trial = words
        var saidThroughToday = false
        for phrase in Self.throughToday { while trial.take(phrase) != nil { saidThroughToday = true } }
        if saidThroughToday {
            let mentions = parseMentions(&trial)
            let periods = mentions.filter(\.isPeriod)
            if !periods.isEmpty, periods.allSatisfy(runsIntoToday) {
                words = trial
                return mentions
            }
        }
        return parseMentions(&words)
    }

    /// Words that say a period ends today.
    static let throughToday = [
        "up until now", "up till now", "until now", "till now", "til now", "up to now", "up until today", "up till today", "up to today",
        "until today", "till today", "through today", "today included", "including today", "up to this point",
    ]

    private func runsIntoToday(_ mention: TimeMention) -> Bool {
        switch mention.kind {
        case .preset(let preset): preset.range(today: today).end == today
        case .range(let range): range.end == today
        default: false
        }
    }

    private func parseMentions(_ words: inout Words) -> [TimeMention] {
        var mentions: [TimeMention] = []
        parseRelativeComparisons(&words, into: &mentions)
        parseFuture(&words, into: &mentions)
        parseDaysAgo(&words, into: &mentions)
        // Before the trailing periods: "the last 5 days of september" is not the last 5 days.
        parseMonthEnds(&words, into: &mentions)
        parseTrailing(&words, into: &mentions)
        parseHolidays(&words, into: &mentions)
        parseQuarters(&words, into: &mentions)
        parseHalves(&words, into: &mentions)
        parseISOWeeks(&words, into: &mentions)
        parseDates(&words, into: &mentions)
        parseYears(&words, into: &mentions)
        parseWeekdays(&words, into: &mentions)
        parseWeekends(&words, into: &mentions)
        parseDaysBeforeDates(&words, &mentions)
        parsePresets(&words, into: &mentions)
        readAlonePreviousAsCalendar(words, &mentions)
        return mentions.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    /// Whether a date, a named day or a weekday starts at `index`.
    private func namesADay(at index: Int, in words: Words) -> Bool {
        date(at: index, in: words) != nil || holiday(at: index, in: words) != nil || words.word(index).flatMap({ Self.weekdays[$0] }) != nil
    }

    /// "the 10 days before 20 october", "the two weeks before nov 3", "the week before black
    /// friday", "the day before monday": the days (or weeks) that end the day before that day.
    private func parseDaysBeforeDates(_ words: inout Words, _ mentions: inout [TimeMention]) {
        for (position, mention) in mentions.enumerated() {
            guard case .range(let day) = mention.kind, day.start == day.end else { continue }
            let at = mention.span.lowerBound
            guard at >= 2, words.word(at - 1) == "before", let unit = words.word(at - 2),
                let length = Self.units[unit], [1, 7].contains(length), words.isFree(at - 1), words.isFree(at - 2)
            else { continue }
            // "the 10 days before", "the week before": a number, or one of a unit said alone.
            var first = at - 2
            var count = 1
            if let word = words.word(at - 3), let value = NumberWords.value(word), words.isFree(at - 3) {
                first = at - 3
                count = value
            } else if unit.hasSuffix("s") {
                continue
            }
            guard (1...366).contains(count * length) else { continue }
            let start = words.start(withThe: first)
            words.markUsed(start..<at)
            let range = DayRange(start: day.start.adding(days: -count * length), end: day.start.adding(days: -1))
            mentions[position] = TimeMention(kind: .range(range), span: start..<mention.span.upperBound)
        }
    }

    /// "purchases during the previous week": with no other period and nothing it is set against
    /// ("vs", "than", "from"), "the previous week" is last week itself, not the comparison side
    /// of the default range.
    /// Words before "the previous week" that set it against another period.
    private static let setAgainst = QuestionParser.comparisonWords.union(["from", "since", "to", "over", "and", "or"])

    private func readAlonePreviousAsCalendar(_ words: Words, _ mentions: inout [TimeMention]) {
        guard mentions.count == 1, let mention = mentions.first else { return }
        switch mention.kind {
        case .previousPeriod(nil), .calendarBefore: break
        default: return
        }
        let said = words.words[mention.span]
        guard said.contains(where: { ["previous", "prior"].contains($0) }) else { return }
        if let lead = words.word(before: mention.span.lowerBound), Self.setAgainst.contains(lead) { return }
        let presets: [String: TimePreset] = [
            "day": .yesterday, "week": .lastWeek, "month": .lastMonth, "quarter": .lastQuarter, "year": .lastYear,
        ]
        guard let unit = said.first(where: { presets[$0] != nil }), let preset = presets[unit] else { return }
        mentions[0] = TimeMention(kind: .preset(preset), span: mention.span)
    }

    // MARK: - Comparisons and shorthand

    private func parseRelativeComparisons(_ words: inout Words, into mentions: inout [TimeMention]) {
        // "the day before yesterday" is a day, not "the day before" + "yesterday".
        for phrase in ["the day before yesterday", "day before yesterday", "the day prior to yesterday"] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .range(Self.day(today.adding(days: -2))), span: span)) }
        }
        // "the week before last" is a week, not "the week before" + "last".
        let twoWeeksBack = today.startOfWeek.adding(days: -14)
        let twoMonthsBack = today.startOfMonth.adding(months: -2)
        for (phrase, range) in [
            ("the week before last", DayRange(start: twoWeeksBack, end: twoWeeksBack.adding(days: 6))),
            ("week before last", DayRange(start: twoWeeksBack, end: twoWeeksBack.adding(days: 6))),
            ("the month before last", DayRange(start: twoMonthsBack, end: twoMonthsBack.adding(months: 1).adding(days: -1))),
            ("month before last", DayRange(start: twoMonthsBack, end: twoMonthsBack.adding(months: 1).adding(days: -1))),
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .range(range), span: span)) }
        }
        for phrase in [
            "the same dates a year ago", "same dates a year ago", "the same dates last year",
            "the same day a year ago", "same day a year ago", "the same day a year earlier", "same day a year earlier",
            "same date last year", "same date a year ago",
            "same period last year", "same time last year", "same period a year ago", "same period of last year", "same dates last year",
            "same month last year", "same quarter last year", "same week last year", "same day last year", "same days last year",
            "same period the year before", "same period the previous year", "same period in the previous year",
            "same period in the prior year",
            "same month a year ago", "same quarter a year ago", "same month a year earlier", "same quarter a year earlier",
            "same period a year earlier", "same one a year earlier", "same one last year", "a year earlier", "a year ago", "a year before",
            "the prior year", "prior year", "previous year same period", "last years",
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .yearOverYear, span: span)) }
        }
        for (phrase, days) in [
            ("same day last week", 7), ("same day the week before", 7), ("same day a week earlier", 7), ("same day a week ago", 7),
            ("same day the previous week", 7), ("same weekday last week", 7), ("same day of last week", 7),
            ("same weekday a week earlier", 7), ("same weekday a week ago", 7), ("same weekday the week before", 7),
            ("same weekday the previous week", 7), ("same weekday of last week", 7),
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .shifted(days: days), span: span)) }
        }
        // "the same dates in 2025", "the same period of 2024".
        for lead in ["the same dates", "same dates", "the same period", "same period", "the same days", "same days", "the same time"] {
            let parts = lead.split(separator: " ").map(String.init)
            var from = 0
            while let start = words.find(parts, from: from) {
                from = start + 1
                let cursor = start + parts.count
                guard ["in", "of"].contains(words.word(cursor) ?? ""), let year = words.word(cursor + 1).flatMap(Self.yearNumber),
                    words.isFree(cursor), words.isFree(cursor + 1)
                else { continue }
                mentions.record(.sameDatesIn(year: year), start..<(cursor + 2), in: &words)
            }
        }
        for (phrase, unit) in IntentWords.overShorthand {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .over(unit: unit), span: span)) }
        }
        for (phrase, unit) in [
            ("the month before that", "month"), ("the month before", "month"), ("month before", "month"), ("the previous month", "month"),
            ("the prior month", "month"), ("the quarter before that", "quarter"), ("the quarter before", "quarter"),
            ("quarter before", "quarter"),
            ("the previous quarter", "quarter"), ("the prior quarter", "quarter"), ("the year before that", "year"),
            ("the year before", "year"),
        ] {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .calendarBefore(unit: unit), span: span)) }
        }
        // "the 14 days immediately before that", "the 2 weeks before it": the period before, of that length.
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), let count = NumberWords.value(words[index]), let unit = words.word(index + 1),
                let length = Self.units[unit], (1...3_660).contains(count * length)
            else { continue }
            var cursor = index + 2
            if ["immediately", "just", "right", "directly"].contains(words.word(cursor) ?? "") { cursor += 1 }
            guard ["before", "prior", "preceding"].contains(words.word(cursor) ?? ""),
                ["that", "it", "then", "those"].contains(words.word(cursor + 1) ?? ""),
                (index...(cursor + 1)).allSatisfy({ words.isFree($0) })
            else { continue }
            mentions.record(.previousPeriod(days: count * length), words.start(withThe: index)..<(cursor + 2), in: &words)
        }
        for phrase in [
            "the week prior", "week prior", "the month prior", "month prior", "the quarter prior", "the day prior",
            "the same days last week", "same days last week", "the same days last month", "same days last month",
            "the same days last quarter", "same days last quarter", "the same days of last week", "same days of last week",
            "the same days of the last week", "the same days of the previous week", "the same days of last month",
            "same days of last month",
            "the same point last week", "same point last week", "the same point last month", "same point last month",
            "the same point last quarter", "same point last quarter", "the same time last week", "same time last week",
            "the same time last month", "same time last month", "the same point lw", "same point lw", "same time lw",
            "previous period", "prior period", "period before", "preceding period", "the period before that", "the week before that",
            "the week before", "week before", "the previous week", "the prior week", "the month before that", "the month before",
            "month before",
            "the previous month", "the prior month", "the quarter before that", "the quarter before", "quarter before",
            "the previous quarter",
            "the year before", "the day before", "day before", "the previous day", "the prior day", "before that",
        ] {
            let parts = phrase.split(separator: " ").map(String.init)
            var from = 0
            while let start = words.find(parts, from: from) {
                from = start + 1
                // "the week before oct 24" is the week that ends the day before it, not the other
                // side of a comparison (``parseDaysBeforeDates(_:_:)``).
                if parts.last == "before", namesADay(at: start + parts.count, in: words) { continue }
                mentions.record(.previousPeriod(days: nil), start..<(start + parts.count), in: &words)
            }
        }
    }

    private func parseFuture(_ words: inout Words, into mentions: inout [TimeMention]) {
        for phrase in [
            "tomorrow", "next week", "next month", "next quarter", "next year", "coming week", "coming month", "upcoming week",
            "rest of the month", "rest of the week", "rest of the year", "end of the month", "end of the year", "end of the quarter",
        ] {
            while let span = words.take(phrase) { mentions.record(.future, span, in: &words) }
        }
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), ["next", "coming", "following"].contains(words[index]) else { continue }
            var cursor = index + 1
            if let word = words.word(cursor), NumberWords.value(word) != nil { cursor += 1 }
            guard let unit = words.word(cursor), Self.units[unit] != nil else { continue }
            mentions.record(.future, index..<(cursor + 1), in: &words)
        }
    }

    // MARK: - "3 days ago", "two weeks ago"

    private func parseDaysAgo(_ words: inout Words, into mentions: inout [TimeMention]) {
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index), words.word(index + 2) == "ago", words.isFree(index + 1), words.isFree(index + 2),
                let unit = words.word(index + 1)
            else { continue }
            let count = words[index] == "a" || words[index] == "one" ? 1 : NumberWords.value(words[index])
            guard let count, count > 0, count <= 3_660 else { continue }
            let span = index..<(index + 3)
            switch unit {
            case "day", "days":
                mentions.record(.range(Self.day(today.adding(days: -count))), span, in: &words)
            case "week", "weeks":
                let start = today.startOfWeek.adding(days: -7 * count)
                mentions.record(.range(DayRange(start: start, end: start.adding(days: 6))), span, in: &words)
            case "month", "months":
                let start = today.startOfMonth.adding(months: -count)
                mentions.record(.range(DayRange(start: start, end: start.adding(months: 1).adding(days: -1))), span, in: &words)
            default:
                continue
            }
        }
    }

    // MARK: - Trailing windows: "last 3 days", "past two weeks", "previous 7 days", "past month"

    static let units: [String: Int] = [
        "day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 30, "months": 30, "quarter": 90,
        "quarters": 90, "year": 365, "years": 365,
    ]

    /// The last `count` whole calendar weeks or months before the current one.
    private func wholePeriods(_ count: Int, _ unit: String) -> DayRange? {
        guard (1...120).contains(count) else { return nil }
        switch unit {
        case "week", "weeks":
            let monday = today.startOfWeek
            return DayRange(start: monday.adding(days: -7 * count), end: monday.adding(days: -1))
        case "month", "months":
            let first = today.startOfMonth
            return DayRange(start: first.adding(months: -count), end: first.adding(days: -1))
        default:
            return nil
        }
    }

    private func parseTrailing(_ words: inout Words, into mentions: inout [TimeMention]) {
        // Shorthand for any length: "l10d", "last10d", "l60d".
        for index in 0..<words.count where words.isFree(index) {
            let word = words[index]
            // "vs prior 7d": the comparison side.
            if index > 0, ["prior", "previous", "preceding"].contains(words[index - 1]), words.isFree(index - 1), word.hasSuffix("d"),
                let days = Int(word.dropLast()), days > 0, days <= 3_660
            {
                mentions.record(.previousPeriod(days: days), (index - 1)..<(index + 1), in: &words)
                continue
            }
            let digits = word.hasPrefix("last") ? word.dropFirst(4) : word.hasPrefix("l") ? word.dropFirst() : ""
            guard digits.hasSuffix("d"), let days = Int(digits.dropLast()), days > 0, days <= 3_660 else { continue }
            let kind: TimeMention.Kind =
                [7: TimePreset.last7Days, 14: .last14Days, 30: .last30Days, 90: .last90Days][days].map { .preset($0) }
                ?? .range(DayRange(start: today.adding(days: -days), end: today.adding(days: -1)))
            mentions.record(kind, index..<(index + 1), in: &words)
        }
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words.isFree(index),
                ["last", "past", "previous", "prior", "trailing", "preceding", "recent", "rolling"].contains(words[index])
            else { continue }
            let lead = words[index]
            var cursor = index + 1
            if ["the", "last", "past"].contains(words.word(cursor) ?? "") { cursor += 1 }
            var count = 1
            var hasNumber = false
            if let word = words.word(cursor), let number = NumberWords.value(word), words.isFree(cursor) {
                count = number
                hasNumber = true
                cursor += 1
                // "the last seven full days": whole days are what every trailing range counts;
                // "the last 3 full weeks" are calendar weeks, as "the last full week" is one.
                if ["full", "complete", "whole"].contains(words.word(cursor) ?? ""), words.isFree(cursor) {
                    cursor += 1
                    if !["previous", "prior", "preceding"].contains(lead), let unit = words.word(cursor), words.isFree(cursor),
                        let whole = wholePeriods(count, unit)
                    {
                        mentions.record(.range(whole), index..<(cursor + 1), in: &words)
                        continue
                    }
                }
            }
            // "past 14 days vs the previous 14": the unit left out is the one said with that number.
            if hasNumber, ["previous", "prior", "preceding"].contains(lead), words.word(cursor).flatMap({ Self.units[$0] }) == nil,
                let said = (0..<index).last(where: { $0 > 0 && NumberWords.value(words[$0 - 1]) == count && Self.units[words[$0]] != nil }),
                let length = Self.units[words[said]], (1...3_660).contains(count * length)
            {
                mentions.record(.previousPeriod(days: count * length), index..<cursor, in: &words)
                continue
            }
            guard let unit = words.word(cursor), words.isFree(cursor), let length = Self.units[unit] else { continue }
            // "last week" / "last month" are calendar periods (presets); "past week" is 7 days. A
            // fortnight is no calendar period: "last fortnight" is 14 days.
            let trailing =
                hasNumber || unit.hasPrefix("day") || unit.hasPrefix("fortnight")
                || (lead == "past" || lead == "trailing" || lead == "rolling")
            guard trailing else { continue }
            // "the past year" is 365 days, but "the previous year" is the calendar one.
            if !hasNumber, ["previous", "prior", "preceding"].contains(lead) { continue }
            let days = count * length
            guard days > 0, days <= 3_660 else { continue }
            var span = index..<(cursor + 1)
            // "the last 14 days, ending yesterday": every trailing range ends yesterday.
            if let word = words.word(cursor + 1), ["ending", "through", "thru", "until", "to"].contains(word),
                words.word(cursor + 2) == "yesterday", words.isFree(cursor + 1), words.isFree(cursor + 2)
            {
                span = index..<(cursor + 3)
            }
            if ["previous", "prior", "preceding"].contains(lead) {
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

    // MARK: - Weekends: "over the weekend", "last weekend"

    /// The most recent Saturday and Sunday that have begun (a weekend in progress ends today);
    /// "last weekend" on a Saturday or Sunday is the one before.
    private func parseWeekends(_ words: inout Words, into mentions: inout [TimeMention]) {
        let weekday = today.isoWeekday
        let current = today.adding(days: weekday >= 6 ? -(weekday - 6) : -(weekday + 1))
        for (phrase, previous) in [
            ("last weekend", true), ("previous weekend", true), ("over the weekend", false), ("this weekend", false),
            ("the weekend", false), ("this past weekend", false), ("past weekend", false), ("weekend", false),
        ] {
            while let span = words.take(phrase) {
                let saturday = previous && weekday >= 6 ? current.adding(days: -7) : current
                mentions.record(.range(DayRange(start: saturday, end: min(saturday.adding(days: 1), today))), span, in: &words)
            }
        }
    }

    // MARK: - Presets

    private func parsePresets(_ words: inout Words, into mentions: inout [TimeMention]) {
        let table: [(String, TimePreset)] = [
            ("today", .today), ("so far today", .today), ("yesterday", .yesterday), ("yday", .yesterday), ("ytday", .yesterday),
            ("this week", .thisWeek), ("this weeks", .thisWeek), ("this months", .thisMonth), ("this quarters", .thisQuarter),
            ("last weeks", .lastWeek), ("last months", .lastMonth), ("last quarters", .lastQuarter), ("current week", .thisWeek),
            ("week so far", .thisWeek), ("the week so far", .thisWeek),
            ("month so far", .thisMonth), ("the month so far", .thisMonth), ("quarter so far", .thisQuarter),
            ("the quarter so far", .thisQuarter),
            ("year so far", .thisYear), ("the year so far", .thisYear), ("week to date", .thisWeek), ("wtd", .thisWeek),
            ("this week so far", .thisWeek),
            ("last full week", .lastWeek), ("last complete week", .lastWeek), ("previous full week", .lastWeek),
            ("last full month", .lastMonth), ("last complete month", .lastMonth), ("last full quarter", .lastQuarter),
            ("last week", .lastWeek), ("previous week", .lastWeek), ("prior week", .lastWeek), ("last calendar week", .lastWeek),
            ("this month", .thisMonth), ("current month", .thisMonth), ("month to date", .thisMonth), ("mtd", .thisMonth),
            ("last month", .lastMonth), ("previous month", .lastMonth), ("prior month", .lastMonth), ("last calendar month", .lastMonth),
            ("this quarter", .thisQuarter), ("current quarter", .thisQuarter), ("quarter to date", .thisQuarter), ("qtd", .thisQuarter),
            ("last quarter", .lastQuarter), ("previous quarter", .lastQuarter), ("prior quarter", .lastQuarter),
            ("this year", .thisYear), ("current year", .thisYear), ("year to date", .thisYear), ("ytd", .thisYear),
            ("last year", .lastYear), ("previous year", .lastYear), ("prior year", .lastYear), ("last calendar year", .lastYear),
            ("lw", .lastWeek), ("l7d", .last7Days), ("l14d", .last14Days), ("l30d", .last30Days), ("l90d", .last90Days),
            ("last7d", .last7Days), ("last14d", .last14Days), ("last30d", .last30Days), ("last90d", .last90Days),
            ("7d", .last7Days), ("14d", .last14Days), ("30d", .last30Days), ("90d", .last90Days),
        ]
        for (phrase, preset) in (table + Self.sinceStart).sorted(by: { $0.0.split(separator: " ").count > $1.0.split(separator: " ").count }
        ) {
            while let span = words.take(phrase) { mentions.append(TimeMention(kind: .preset(preset), span: span)) }
        }
    }

    /// "since the start of the month", "from the beginning of this year": the period so far.
    static let sinceStart: [(String, TimePreset)] = {
        var phrases: [(String, TimePreset)] = []
        for (unit, preset) in [("week", TimePreset.thisWeek), ("month", .thisMonth), ("quarter", .thisQuarter), ("year", .thisYear)] {
            for lead in ["since", "from"] {
                for start in ["start", "beginning"] {
                    for article in ["the", "this", "the current"] { phrases.append(("\(lead) the \(start) of \(article) \(unit)", preset)) }
                }
            }
        }
        return phrases
    }()

    static func day(_ day: CalendarDay) -> DayRange { DayRange(start: day, end: day) }
}

extension Array where Element == TimeMention {
    /// Adds a mention and marks its words as explained, so that no later parser reads them again.
    mutating func record(_ kind: TimeMention.Kind, _ span: Range<Int>, in words: inout Words) {
        words.markUsed(span)
        append(TimeMention(kind: kind, span: span))
    }
}
