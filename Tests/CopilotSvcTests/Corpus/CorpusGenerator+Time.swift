import Foundation

extension CorpusGenerator {
    // MARK: Dates

    /// previous_period under DESIGN.md, or nil where the conventions admit two readings.
    func previousPeriod(_ t: CorpusTimeExpr) -> CorpusRange? {
        let r = t.range
        switch t.span {
        case .plain:
            return CorpusRange(r.start.adding(-r.length), r.start.adding(-1))
        case .full(let unit):
            let prevStart = periodStart(unit, r.start.adding(-1))
            let prev = CorpusRange(prevStart, r.start.adding(-1))
            return prev.length == r.length ? prev : nil
        case .toDate(let unit):
            return sameSpan(unit, r)
        case .currentNamed:
            return nil
        }
    }

    func periodStart(_ unit: CorpusTimeExpr.Unit, _ day: CorpusDay) -> CorpusDay {
        switch unit {
        case .week: day.monday
        case .month: day.monthStart
        case .quarter: day.quarterStart
        case .year: day.yearStart
        }
    }

    /// The same span of the previous period, when counting days and counting calendar positions agree.
    func sameSpan(_ unit: CorpusTimeExpr.Unit, _ r: CorpusRange) -> CorpusRange? {
        let prevStart = periodStart(unit, r.start.adding(-1))
        let prevEnd = r.start.adding(-1)
        let byDays = prevStart.adding(r.end - r.start)
        let byCalendar: CorpusDay?
        switch unit {
        case .week:
            byCalendar = r.end.adding(-7)
        case .month:
            byCalendar =
                r.end.day <= CorpusDay.daysIn(prevStart.year, prevStart.month) ? CorpusDay(prevStart.year, prevStart.month, r.end.day) : nil
        case .quarter:
            let month = prevStart.month + (r.end.month - r.start.month)
            byCalendar = r.end.day <= CorpusDay.daysIn(prevStart.year, month) ? CorpusDay(prevStart.year, month, r.end.day) : nil
        case .year:
            byCalendar = r.end.inYear(r.end.year - 1)
        }
        guard let byCalendar, byCalendar == byDays, byDays <= prevEnd else { return nil }
        return CorpusRange(prevStart, byDays)
    }

    func yearEarlier(_ r: CorpusRange) -> CorpusRange? {
        guard let s = r.start.inYear(r.start.year - 1), let e = r.end.inYear(r.end.year - 1) else { return nil }
        // Feb 28 of a leap year one year earlier is fine; a range that loses or gains a day is not asked.
        return (e - s) == (r.end - r.start) ? CorpusRange(s, e) : nil
    }

    func ordinal(_ n: Int) -> String {
        let suffix: String
        if (11...13).contains(n % 100) {
            suffix = "th"
        } else {
            switch n % 10 {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return "\(n)\(suffix)"
    }

    mutating func monthWord(_ m: Int) -> String {
        switch rng.int(4) {
        case 0: CorpusVocabulary.monthShort[m - 1]
        case 1: CorpusVocabulary.monthNames[m - 1].capitalized
        default: CorpusVocabulary.monthNames[m - 1]
        }
    }

    /// The most recent (month, day) not after today.
    func recentDate(_ month: Int, _ day: Int, _ today: CorpusDay) -> CorpusDay? {
        guard day <= CorpusDay.daysIn(today.year, month) || day <= CorpusDay.daysIn(today.year - 1, month) else { return nil }
        if day <= CorpusDay.daysIn(today.year, month), CorpusDay(today.year, month, day) <= today {
            return CorpusDay(today.year, month, day)
        }
        guard day <= CorpusDay.daysIn(today.year - 1, month) else { return nil }
        return CorpusDay(today.year - 1, month, day)
    }

    /// A random time expression (never a future one). `none` allows "no time expression".
    mutating func time(_ ctx: CorpusAsOf, allowNone: Bool = true) -> CorpusTimeExpr {
        let today = ctx.today
        if ctx.restricted {
            let options: [CorpusTimeExpr] = [
                CorpusTimeExpr(text: "yesterday", range: CorpusRange(today.adding(-1), today.adding(-1)), span: .plain, tag: "yesterday"),
                CorpusTimeExpr(
                    text: "last month", range: CorpusRange(CorpusDay(2028, 2, 1), CorpusDay(2028, 2, 29)), span: .full(.month),
                    tag: "last_month"),
                CorpusTimeExpr(
                    text: "in february", range: CorpusRange(CorpusDay(2028, 2, 1), CorpusDay(2028, 2, 29)), span: .full(.month),
                    tag: "month_name"),
                CorpusTimeExpr(
                    text: "feb 29", range: CorpusRange(CorpusDay(2028, 2, 29), CorpusDay(2028, 2, 29)), span: .plain, tag: "date"),
                CorpusTimeExpr(text: "past 7 days", range: CorpusRange(today.adding(-7), today.adding(-1)), span: .plain, tag: "last_n"),
                CorpusTimeExpr(
                    text: "last week", range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week),
                    tag: "last_week"),
                CorpusTimeExpr(text: "this week", range: CorpusRange(today.monday, today), span: .toDate(.week), tag: "this_week"),
                CorpusTimeExpr(
                    text: "from feb 20 to feb 29", range: CorpusRange(CorpusDay(2028, 2, 20), CorpusDay(2028, 2, 29)), span: .plain,
                    tag: "range"),
            ]
            return rng.pick(options)
        }
        while true {
            if let t = timeCandidate(ctx, allowNone: allowNone) { return t }
        }
    }

    fileprivate mutating func timeCandidate(_ ctx: CorpusAsOf, allowNone: Bool) -> CorpusTimeExpr? {
        let today = ctx.today
        let yesterday = today.adding(-1)
        switch rng.int(20) {
        case 0:
            guard allowNone else { return nil }
            return CorpusTimeExpr(text: "", range: CorpusRange(today.adding(-7), yesterday), span: .plain, tag: "none")
        case 1:
            switch rng.int(3) {
            case 0: return CorpusTimeExpr(text: "today", range: CorpusRange(today, today), span: .plain, tag: "today")
            case 1: return CorpusTimeExpr(text: "yesterday", range: CorpusRange(yesterday, yesterday), span: .plain, tag: "yesterday")
            default:
                return CorpusTimeExpr(
                    text: "the day before yesterday", range: CorpusRange(today.adding(-2), today.adding(-2)), span: .plain,
                    tag: "day_before_yesterday")
            }
        case 2:
            let n = 2 + rng.int(5)
            let text = rng.chance(0.5) ? "\(n) days ago" : "\(CorpusVocabulary.numberWords[n]) days ago"
            let day = today.adding(-n)
            return CorpusTimeExpr(text: text, range: CorpusRange(day, day), span: .plain, tag: "days_ago")
        case 3:
            return CorpusTimeExpr(
                text: rng.pick(["this week", "week to date", "wtd", "this week"]), range: CorpusRange(today.monday, today),
                span: .toDate(.week), tag: "this_week")
        case 4:
            return CorpusTimeExpr(
                text: rng.pick(["last week", "previous week", "last week"]),
                range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week), tag: "last_week")
        case 5:
            let options: [(String, Int)] = [
                ("past week", 7), ("past 7 days", 7), ("last 7 days", 7), ("l7d", 7), ("L7D", 7), ("last 14 days", 14), ("l14d", 14),
                ("past 30 days", 30), ("l30d", 30), ("last 30 days", 30), ("last 90 days", 90), ("l90d", 90), ("past 14 days", 14),
            ]
            let (text, n) = rng.pick(options)
            return CorpusTimeExpr(text: text, range: CorpusRange(today.adding(-n), yesterday), span: .plain, tag: "last_n")
        case 6:
            let unit = rng.int(3)
            let n: Int
            let text: String
            switch unit {
            case 0:
                n = rng.pick([3, 5, 10, 21, 28, 45, 60])
                text = "\(rng.pick(["last", "past"])) \(n) days"
            case 1:
                let w = rng.pick([2, 3, 4, 6])
                n = 7 * w
                text = "\(rng.pick(["last", "past"])) \(rng.chance(0.5) ? String(w) : CorpusVocabulary.numberWords[w]) weeks"
            default:
                let mo = rng.pick([2, 3])
                n = 30 * mo
                text = "\(rng.pick(["last", "past"])) \(mo) months"
            }
            return CorpusTimeExpr(text: text, range: CorpusRange(today.adding(-n), yesterday), span: .plain, tag: "last_n_units")
        case 7:
            let (text, n) = rng.pick([("past month", 30), ("past quarter", 90), ("past year", 365)])
            return CorpusTimeExpr(text: text, range: CorpusRange(today.adding(-n), yesterday), span: .plain, tag: "past_unit")
        case 8:
            switch rng.int(3) {
            case 0:
                return CorpusTimeExpr(
                    text: rng.pick(["this month", "mtd", "month to date", "MTD"]), range: CorpusRange(today.monthStart, today),
                    span: .toDate(.month), tag: "this_month")
            case 1:
                return CorpusTimeExpr(
                    text: rng.pick(["this quarter", "qtd", "quarter to date", "QTD"]), range: CorpusRange(today.quarterStart, today),
                    span: .toDate(.quarter), tag: "this_quarter")
            default:
                return CorpusTimeExpr(
                    text: rng.pick(["this year", "ytd", "year to date", "YTD"]), range: CorpusRange(today.yearStart, today),
                    span: .toDate(.year), tag: "this_year")
            }
        case 9:
            switch rng.int(3) {
            case 0:
                let start = today.monthStart.adding(-1).monthStart
                return CorpusTimeExpr(text: "last month", range: CorpusRange(start, start.monthEnd), span: .full(.month), tag: "last_month")
            case 1:
                let start = today.quarterStart.adding(-1).quarterStart
                return CorpusTimeExpr(
                    text: "last quarter", range: CorpusRange(start, start.quarterEnd), span: .full(.quarter), tag: "last_quarter")
            default:
                return CorpusTimeExpr(
                    text: "last year", range: CorpusRange(CorpusDay(today.year - 1, 1, 1), CorpusDay(today.year - 1, 12, 31)),
                    span: .full(.year), tag: "last_year")
            }
        case 10:
            // A month by name, with or without a year.
            let m = 1 + rng.int(12)
            var year = (m <= today.month) ? today.year : today.year - 1
            var text = monthWord(m)
            if rng.chance(0.3) {
                year = today.year - (m <= today.month ? rng.int(2) : 1)
                text += " \(year)"
            }
            text = rng.pick(["in ", "", "for ", "during "]) + text
            let start = CorpusDay(year, m, 1)
            if year == today.year && m == today.month {
                return CorpusTimeExpr(text: text, range: CorpusRange(start, today), span: .currentNamed, tag: "month_name_current")
            }
            return CorpusTimeExpr(text: text, range: CorpusRange(start, start.monthEnd), span: .full(.month), tag: "month_name")
        case 11:
            let q = 1 + rng.int(4)
            let qName = rng.chance(0.5) ? "q\(q)" : "Q\(q)"
            var year = q <= today.quarter ? today.year : today.year - 1
            var text = qName
            switch rng.int(4) {
            case 0:
                year = today.year - 1
                text = "\(qName) last year"
            case 1:
                year = today.year - (q <= today.quarter ? rng.int(2) : 1)
                text = "\(qName) \(year)"
            default: break
            }
            text = rng.pick(["in ", "", "for "]) + text
            let start = CorpusDay(year, 3 * q - 2, 1)
            if start == today.quarterStart {
                return CorpusTimeExpr(text: text, range: CorpusRange(start, today), span: .currentNamed, tag: "quarter_current")
            }
            return CorpusTimeExpr(text: text, range: CorpusRange(start, start.quarterEnd), span: .full(.quarter), tag: "quarter")
        case 12:
            let wd = 1 + rng.int(7)
            let name = CorpusVocabulary.weekdayNames[wd - 1]
            let back = (today.weekday - wd + 7) % 7
            if rng.chance(0.5) {
                let day = today.adding(-(back == 0 ? 7 : back))
                return CorpusTimeExpr(text: "last \(name)", range: CorpusRange(day, day), span: .plain, tag: "last_weekday")
            }
            let day = today.adding(-back)
            return CorpusTimeExpr(text: rng.pick(["on \(name)", name]), range: CorpusRange(day, day), span: .plain, tag: "weekday")
        case 13:
            // A single date.
            let back = 1 + rng.int(200)
            let target = today.adding(-back)
            let m = target.month
            let d = target.day
            guard let day = recentDate(m, d, today) else { return nil }
            let text: String
            switch rng.int(5) {
            case 0: text = "\(CorpusVocabulary.monthShort[m - 1]) \(d)"
            case 1: text = "\(d) \(CorpusVocabulary.monthShort[m - 1])"
            case 2: text = "\(CorpusVocabulary.monthNames[m - 1]) \(ordinal(d))"
            case 3: text = "on \(CorpusVocabulary.monthNames[m - 1].capitalized) \(d)"
            default: return CorpusTimeExpr(text: "on \(target)", range: CorpusRange(target, target), span: .plain, tag: "iso_date")
            }
            return CorpusTimeExpr(text: text, range: CorpusRange(day, day), span: .plain, tag: "date")
        case 14, 15:
            return range(ctx)
        case 16:
            // Days of the month.
            let d1 = 1 + rng.int(20)
            let d2 = d1 + 2 + rng.int(7)
            let month: CorpusDay
            if d1 <= today.day {
                guard d2 <= today.day else { return nil } // capping is not stated for this form
                month = today.monthStart
            } else {
                month = today.monthStart.adding(-1).monthStart
            }
            let text =
                rng.chance(0.5) ? "between the \(ordinal(d1)) and the \(ordinal(d2))" : "from the \(ordinal(d1)) to the \(ordinal(d2))"
            return CorpusTimeExpr(
                text: text, range: CorpusRange(CorpusDay(month.year, month.month, d1), CorpusDay(month.year, month.month, d2)),
                span: .plain, tag: "days_of_month")
        case 17:
            // since X
            switch rng.int(3) {
            case 0:
                let target = today.adding(-(3 + rng.int(150)))
                guard let day = recentDate(target.month, target.day, today) else { return nil }
                let text =
                    rng.chance(0.5)
                    ? "since \(CorpusVocabulary.monthNames[target.month - 1]) \(target.day)"
                    : "since \(CorpusVocabulary.monthShort[target.month - 1]) \(ordinal(target.day))"
                return CorpusTimeExpr(text: text, range: CorpusRange(day, today), span: .plain, tag: "since_date")
            case 1:
                let m = 1 + rng.int(12)
                let year = m <= today.month ? today.year : today.year - 1
                guard !(year == today.year && m == today.month) || today.day > 1 else { return nil }
                return CorpusTimeExpr(
                    text: "since \(CorpusVocabulary.monthNames[m - 1])", range: CorpusRange(CorpusDay(year, m, 1), today), span: .plain,
                    tag: "since_month")
            default:
                let wd = 1 + rng.int(7)
                let back = (today.weekday - wd + 7) % 7
                guard back != 0 else { return nil } // "since <today's weekday>" reads two ways
                return CorpusTimeExpr(
                    text: "since \(CorpusVocabulary.weekdayNames[wd - 1])", range: CorpusRange(today.adding(-back), today), span: .plain,
                    tag: "since_weekday")
            }
        case 18:
            switch rng.int(8) {
            case 0: return namedDay(today)
            case 1: return monthEnd(today)
            case 2: return halfYear(today)
            case 3: return daysBeforeDate(today)
            case 4: return throughToday(today)
            case 5: return dayFirstDate(today)
            case 6: return isoWeek(today)
            default: return weekdayDate(today)
            }
        default:
            return CorpusTimeExpr(
                text: rng.pick(["last 7 days", "yesterday", "last week", "this month"]),
                range: {
                    // keep the common ones common
                    CorpusRange(today.adding(-7), yesterday)
                }(), span: .plain, tag: "common"
            ).fixed(today)
        }
    }

    /// A shopping day by name ("black friday", "over the black friday weekend", "on christmas
    /// eve"): the most recent one that has begun, capped at today.
    mutating func namedDay(_ today: CorpusDay) -> CorpusTimeExpr {
        func thanksgiving(_ year: Int) -> CorpusDay {
            let first = CorpusDay(year, 11, 1)
            return first.adding((4 - first.weekday + 7) % 7 + 21)
        }
        let forms: [(text: String, days: (Int) -> (CorpusDay, CorpusDay))] = [
            (
                "black friday",
                {
                    let d = thanksgiving($0).adding(1)
                    return (d, d)
                }
            ),
            ("the black friday weekend", { (thanksgiving($0).adding(1), thanksgiving($0).adding(3)) }),
            (
                "cyber monday",
                {
                    let d = thanksgiving($0).adding(4)
                    return (d, d)
                }
            ),
            (
                "thanksgiving",
                {
                    let d = thanksgiving($0)
                    return (d, d)
                }
            ),
            (
                "christmas eve",
                {
                    let d = CorpusDay($0, 12, 24)
                    return (d, d)
                }
            ),
            (
                "christmas",
                {
                    let d = CorpusDay($0, 12, 25)
                    return (d, d)
                }
            ),
            (
                "boxing day",
                {
                    let d = CorpusDay($0, 12, 26)
                    return (d, d)
                }
            ),
            (
                "new year's eve",
                {
                    let d = CorpusDay($0, 12, 31)
                    return (d, d)
                }
            ),
            (
                "halloween",
                {
                    let d = CorpusDay($0, 10, 31)
                    return (d, d)
                }
            ),
            (
                "valentine's day",
                {
                    let d = CorpusDay($0, 2, 14)
                    return (d, d)
                }
            ),
        ]
        let form = rng.pick(forms)
        var (start, end) = form.days(today.year)
        if today < start { (start, end) = form.days(today.year - 1) }
        let lead = form.text.hasPrefix("the ") ? rng.pick(["over ", "during ", ""]) : rng.pick(["on ", "", "during "])
        return CorpusTimeExpr(text: lead + form.text, range: CorpusRange(start, min(end, today)), span: .plain, tag: "named_day")
    }

    /// The first or last days (or week) of a month that has ended: "the first ten days of
    /// october", "the last week of august 2025"; nil when they would run past today.
    mutating func monthEnd(_ today: CorpusDay) -> CorpusTimeExpr? {
        let anchor = today.adding(-(20 + rng.int(300)))
        let first = anchor.monthStart
        let count = rng.chance(0.3) ? 7 : 3 + rng.int(12)
        let side = rng.pick(["first", "last"])
        let start = side == "first" ? first : first.monthEnd.adding(1 - count)
        let end = side == "first" ? first.adding(count - 1) : first.monthEnd
        guard end < today else { return nil }
        let words = ["three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let amount = count == 7 && rng.chance(0.5) ? "week" : (count <= 10 && rng.chance(0.5) ? words[count - 3] : "\(count)") + " days"
        // Without a year, the month is the most recent one not after this month.
        let year = recentDate(first.month, 1, today) == first ? rng.pick(["", " \(first.year)"]) : " \(first.year)"
        return CorpusTimeExpr(
            text: "\(rng.pick(["in the ", "the ", "for the "]))\(side) \(amount) of \(monthWord(first.month))\(year)",
            range: CorpusRange(start, end), span: .plain, tag: "month_end")
    }

    /// "the first half of the year", "second half of last year", "the 1st half of 2025": a whole
    /// half that has ended.
    mutating func halfYear(_ today: CorpusDay) -> CorpusTimeExpr? {
        let year = today.year - rng.int(2)
        let second = rng.chance(0.5)
        let start = CorpusDay(year, second ? 7 : 1, 1)
        let end = CorpusDay(year, second ? 12 : 6, second ? 31 : 30)
        guard end < today else { return nil }
        let half = second ? rng.pick(["second", "2nd"]) : rng.pick(["first", "1st"])
        let of = year == today.year ? rng.pick(["the year", "this year", "\(year)"]) : rng.pick(["last year", "\(year)"])
        return CorpusTimeExpr(
            text: "\(rng.pick(["in the ", "the ", "for the ", ""]))\(half) half of \(of)", range: CorpusRange(start, end), span: .plain,
            tag: "half_year")
    }

    /// "the 10 days before oct 20", "the two weeks before 3 November": the days that end the day
    /// before a recent date.
    mutating func daysBeforeDate(_ today: CorpusDay) -> CorpusTimeExpr? {
        let date = today.adding(-rng.int(120))
        let weeks = rng.chance(0.3)
        let count = weeks ? 1 + rng.int(3) : 2 + rng.int(20)
        let unit = weeks ? (count == 1 ? "week" : "weeks") : "days"
        let number = count <= 10 && rng.chance(0.4) ? CorpusVocabulary.numberWords[count] : "\(count)"
        let day = rng.chance(0.5) ? "\(monthWord(date.month)) \(date.day)" : "\(date.day) \(monthWord(date.month))"
        let days = count * (weeks ? 7 : 1)
        return CorpusTimeExpr(
            text: "\(rng.pick(["in the ", "the ", "for the ", "over the "]))\(number) \(unit) before \(day)",
            range: CorpusRange(date.adding(-days), date.adding(-1)), span: .plain, tag: "days_before_date")
    }

    /// "this month until now", "since the beginning of the year, today included": a period that
    /// runs into today, said to.
    mutating func throughToday(_ today: CorpusDay) -> CorpusTimeExpr {
        let (text, start, span): (String, CorpusDay, CorpusTimeExpr.Span) = rng.pick([
            ("this week", today.monday, .toDate(.week)), ("this month", today.monthStart, .toDate(.month)),
            ("this year", today.yearStart, .toDate(.year)), ("today", today, .plain),
            ("since the start of this month", today.monthStart, .toDate(.month)),
            ("since the beginning of the current quarter", today.quarterStart, .toDate(.quarter)),
            ("from the start of this year", today.yearStart, .toDate(.year)),
        ])
        let until = rng.pick([" until now", " up to today", ", today included", " till now", " through today", " including today"])
        return CorpusTimeExpr(text: text + until, range: CorpusRange(start, today), span: span, tag: "through_today")
    }

    /// "ISO week 44 of 2026", "in iso week 3": a whole ISO week that has ended (week 1 holds
    /// January 4th), with its year or, without one, the most recent.
    mutating func isoWeek(_ today: CorpusDay) -> CorpusTimeExpr? {
        let monday = today.monday.adding(-7 * (1 + rng.int(40)))
        let thursday = monday.adding(3)
        let firstMonday = CorpusDay(thursday.year, 1, 4).monday
        let number = (monday - firstMonday) / 7 + 1
        // Without a year, the most recent week of that number: one in the last 50 weeks (the
        // number comes back 52 or 53 weeks later).
        let withYear = rng.chance(0.5) || monday < today.monday.adding(-7 * 50)
        let year = withYear ? rng.pick([" of \(thursday.year)", " \(thursday.year)", " in \(thursday.year)"]) : ""
        return CorpusTimeExpr(
            text: "\(rng.pick(["in ", "for ", ""]))\(rng.pick(["ISO week", "iso week", "iso wk"])) \(number)\(year)",
            range: CorpusRange(monday, monday.adding(6)), span: .plain, tag: "iso_week")
    }

    /// "on 18/10/2026": a recent date written day first, with its year, where the day is over 12.
    mutating func dayFirstDate(_ today: CorpusDay) -> CorpusTimeExpr? {
        let date = today.adding(-(1 + rng.int(300)))
        guard date.day > 12 else { return nil }
        return CorpusTimeExpr(
            text: "\(rng.pick(["on ", ""]))\(date.day)/\(date.month)/\(date.year)", range: CorpusRange(date, date), span: .plain,
            tag: "day_first_date")
    }

    /// "monday the 16th", "on tuesday, nov 3": a recent day named by its weekday and its date.
    mutating func weekdayDate(_ today: CorpusDay) -> CorpusTimeExpr? {
        let day = today.adding(-(1 + rng.int(25)))
        guard day.day <= 28 else { return nil }
        let name = CorpusVocabulary.weekdayNames[day.weekday - 1]
        let date = rng.chance(0.5) ? "the \(ordinal(day.day))" : "\(monthWord(day.month)) \(day.day)"
        return CorpusTimeExpr(
            text: "\(rng.pick(["on ", ""]))\(name)\(rng.pick([" ", ", "]))\(date)", range: CorpusRange(day, day), span: .plain,
            tag: "weekday_date")
    }

    /// A date range in one of the listed shapes.
    mutating func range(_ ctx: CorpusAsOf) -> CorpusTimeExpr? {
        let today = ctx.today
        let anchor = today.adding(-(rng.int(160)))
        let m = anchor.month
        let daysInMonth = CorpusDay.daysIn(anchor.year, m)
        let d1 = 1 + rng.int(20)
        let d2 = min(daysInMonth, d1 + 1 + rng.int(12))
        // The most recent such range whose start is not after today; the end capped at today.
        guard let start = recentDate(m, d1, today) else { return nil }
        guard d2 <= CorpusDay.daysIn(start.year, m) else { return nil }
        let end = min(CorpusDay(start.year, m, d2), today)
        let mw = monthWord(m)
        let text: String
        switch rng.int(7) {
        case 0: text = "from \(mw) \(d1) to \(mw) \(d2)"
        case 1: text = "between \(mw) \(d1) and \(mw) \(d2)"
        case 2: text = "\(mw) \(d1)-\(d2)"
        case 3: text = "\(d1)-\(d2) \(mw)"
        case 4: text = "from \(d1) to \(d2) \(mw)"
        case 5: text = "\(mw) \(d1) through \(d2)"
        default:
            // Across a month end.
            let m2 = m == 12 ? 1 : m + 1
            let y2 = m == 12 ? start.year + 1 : start.year
            let e1 = 1 + rng.int(9)
            let s1 = max(d1, CorpusDay.daysIn(start.year, m) - rng.int(6))
            guard let s = recentDate(m, s1, today) else { return nil }
            let endYear = m == 12 ? s.year + 1 : s.year
            _ = y2
            let e = min(CorpusDay(endYear, m2, e1), today)
            guard s <= e else { return nil }
            let t =
                rng.chance(0.5)
                ? "from \(monthWord(m)) \(s1) to \(monthWord(m2)) \(e1)"
                : "between \(monthWord(m)) \(s1) and \(monthWord(m2)) \(e1)"
            return CorpusTimeExpr(text: t, range: CorpusRange(s, e), span: .plain, tag: "range_cross_month")
        }
        return CorpusTimeExpr(text: text, range: CorpusRange(start, end), span: .plain, tag: "range")
    }
}

extension CorpusTimeExpr {
    /// For the "common" pick: the range of whatever text was drawn.
    func fixed(_ today: CorpusDay) -> CorpusTimeExpr {
        var copy = self
        switch text {
        case "yesterday":
            copy.range = CorpusRange(today.adding(-1), today.adding(-1))
            copy.tag = "yesterday"
        case "last week":
            copy.range = CorpusRange(today.monday.adding(-7), today.monday.adding(-1))
            copy.span = .full(.week)
            copy.tag = "last_week"
        case "this month":
            copy.range = CorpusRange(today.monthStart, today)
            copy.span = .toDate(.month)
            copy.tag = "this_month"
        default:
            copy.tag = "last_n"
        }
        return copy
    }
}
