import Foundation

// Two periods to compare, said the many ways people say them.

extension CorpusGenerator {
    /// A main period and its comparison, with how to say them.
    struct PeriodPair {
        var main: String
        var comp: String
        var joined: String?
        var range: CorpusRange
        var comparison: CorpusRange
        var tag: String
    }

    mutating func periodPair(_ ctx: CorpusAsOf) -> PeriodPair? {
        let today = ctx.today
        if ctx.restricted {
            let y = today.adding(-1)
            if rng.chance(0.5) {
                return PeriodPair(
                    main: "yesterday", comp: "the same day last week", joined: nil, range: CorpusRange(y, y),
                    comparison: CorpusRange(y.adding(-7), y.adding(-7)), tag: "same_day_last_week")
            }
            let lw = today.monday.adding(-7)
            return PeriodPair(
                main: "last week", comp: "the week before that", joined: nil, range: CorpusRange(lw, lw.adding(6)),
                comparison: CorpusRange(lw.adding(-7), lw.adding(-1)), tag: "week_before_that")
        }
        switch rng.int(11) {
        case 0:
            // vs the previous period
            let t = time(ctx, allowNone: false)
            guard let prev = previousPeriod(t) else { return nil }
            var comps = ["vs the previous period", "vs the prior period", "compared to the previous period", "versus the prior period"]
            if t.range.length == 7, case .plain = t.span { comps.append("vs the week before") }
            if case .full(.week) = t.span { comps.append("vs the week before") }
            return PeriodPair(
                main: t.text, comp: rng.pick(comps), joined: nil, range: t.range, comparison: prev, tag: "previous_period|time:\(t.tag)")
        case 1:
            let n = rng.pick([7, 14, 30, 10, 28])
            let main = CorpusRange(today.adding(-n), today.adding(-1))
            return PeriodPair(
                main: "\(rng.pick(["last", "past"])) \(n) days", comp: "vs the previous \(n) days", joined: nil, range: main,
                comparison: CorpusRange(main.start.adding(-n), main.start.adding(-1)), tag: "previous_n_days")
        case 2:
            // "vs last week/month/quarter/year" with no other time: to date vs its same span.
            let (word, unit): (String, CorpusTimeExpr.Unit) = rng.pick([
                ("week", .week), ("month", .month), ("quarter", .quarter), ("year", .year),
            ])
            let main = CorpusRange(periodStart(unit, today), today)
            guard let comp = sameSpan(unit, main) else { return nil }
            return PeriodPair(
                main: "", comp: "\(rng.pick(["vs", "compared to"])) last \(word)", joined: nil, range: main, comparison: comp,
                tag: "vs_last_\(word)")
        case 3:
            // yoy with a stated range
            let t = time(ctx, allowNone: false)
            if case .currentNamed = t.span { return nil }
            guard let comp = yearEarlier(t.range) else { return nil }
            let word = rng.pick(["yoy", "year over year", "vs same period last year", "vs a year earlier", "vs a year ago", "YoY"])
            return PeriodPair(main: t.text, comp: word, joined: nil, range: t.range, comparison: comp, tag: "yoy_range|time:\(t.tag)")
        case 4:
            // wow / mom / qoq with a stated range
            let kind = rng.int(3)
            let t: CorpusTimeExpr
            let word: String
            let yesterday = today.adding(-1)
            switch kind {
            case 0:
                word = rng.pick(["wow", "week over week", "WoW"])
                t = rng.pick([
                    CorpusTimeExpr(
                        text: "last week", range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week),
                        tag: "last_week"),
                    CorpusTimeExpr(text: "this week", range: CorpusRange(today.monday, today), span: .toDate(.week), tag: "this_week"),
                    CorpusTimeExpr(text: "last 7 days", range: CorpusRange(today.adding(-7), yesterday), span: .plain, tag: "last_n"),
                ])
            case 1:
                word = rng.pick(["mom", "month over month", "MoM"])
                t = rng.pick([
                    CorpusTimeExpr(text: "mtd", range: CorpusRange(today.monthStart, today), span: .toDate(.month), tag: "this_month"),
                    CorpusTimeExpr(text: "last 30 days", range: CorpusRange(today.adding(-30), yesterday), span: .plain, tag: "last_n"),
                    CorpusTimeExpr(
                        text: "this month", range: CorpusRange(today.monthStart, today), span: .toDate(.month), tag: "this_month"),
                ])
            default:
                word = rng.pick(["qoq", "quarter over quarter", "QoQ"])
                t = rng.pick([
                    CorpusTimeExpr(
                        text: "qtd", range: CorpusRange(today.quarterStart, today), span: .toDate(.quarter), tag: "this_quarter"),
                    CorpusTimeExpr(text: "last 90 days", range: CorpusRange(today.adding(-90), yesterday), span: .plain, tag: "last_n"),
                ])
            }
            guard let comp = previousPeriod(t) else { return nil }
            return PeriodPair(
                main: t.text, comp: word, joined: nil, range: t.range, comparison: comp,
                tag: "\(word.lowercased().replacingOccurrences(of: " ", with: "_"))_range|time:\(t.tag)")
        case 5:
            // wow / mom / qoq / yoy alone
            let (word, unit): (String, CorpusTimeExpr.Unit) = rng.pick([
                ("wow", .week), ("week over week", .week), ("mom", .month), ("month over month", .month), ("qoq", .quarter),
                ("quarter over quarter", .quarter), ("yoy", .year), ("year over year", .year),
            ])
            let main = CorpusRange(periodStart(unit, today), today)
            let comp: CorpusRange?
            if unit == .year {
                comp = yearEarlier(main)
            } else {
                comp = sameSpan(unit, main)
            }
            guard let comp else { return nil }
            return PeriodPair(
                main: "", comp: word, joined: nil, range: main, comparison: comp,
                tag: "\(word.replacingOccurrences(of: " ", with: "_"))_alone")
        case 6:
            let y = today.adding(-1)
            return PeriodPair(
                main: "yesterday", comp: "vs the same day last week", joined: nil, range: CorpusRange(y, y),
                comparison: CorpusRange(y.adding(-7), y.adding(-7)), tag: "same_day_last_week")
        case 7:
            let lw = today.monday.adding(-7)
            return PeriodPair(
                main: "last week", comp: "vs the week before that", joined: nil, range: CorpusRange(lw, lw.adding(6)),
                comparison: CorpusRange(lw.adding(-7), lw.adding(-1)), tag: "week_before_that")
        case 8:
            // Two months or two quarters by name.
            if rng.chance(0.5) {
                let m1 = 1 + rng.int(12)
                var m2 = 1 + rng.int(12)
                while m2 == m1 { m2 = 1 + rng.int(12) }
                guard let r1 = namedMonth(m1, today), let r2 = namedMonth(m2, today) else { return nil }
                return PeriodPair(
                    main: monthWord(m1), comp: "", joined: "\(monthWord(m1)) vs \(monthWord(m2))", range: r1, comparison: r2,
                    tag: "month_vs_month"
                ).withJoin(rng.chance(0.5) ? "vs" : "compared to", monthWord(m1), monthWord(m2))
            }
            let q1 = 1 + rng.int(4)
            var q2 = 1 + rng.int(4)
            while q2 == q1 { q2 = 1 + rng.int(4) }
            let r1 = namedQuarter(q1, today)
            let r2 = namedQuarter(q2, today)
            return PeriodPair(main: "q\(q1)", comp: "", joined: nil, range: r1, comparison: r2, tag: "quarter_vs_quarter").withJoin(
                rng.pick(["vs", "versus"]), "q\(q1)", "q\(q2)")
        case 9:
            // Two ranges in one shape: "mar 1-15 vs feb 1-15".
            let back = rng.int(100)
            let anchor = today.adding(-back)
            let m1 = anchor.month
            let m2 = m1 == 1 ? 12 : m1 - 1
            let d1 = 1 + rng.int(10)
            let d2 = d1 + 3 + rng.int(12)
            guard d2 <= 28 else { return nil }
            guard let s1 = recentDate(m1, d1, today), let s2 = recentDate(m2, d1, today) else { return nil }
            let r1 = CorpusRange(s1, min(CorpusDay(s1.year, m1, d2), today))
            let r2 = CorpusRange(s2, min(CorpusDay(s2.year, m2, d2), today))
            let a = "\(monthWord(m1)) \(d1)-\(d2)"
            let b = "\(monthWord(m2)) \(d1)-\(d2)"
            return PeriodPair(main: a, comp: "", joined: nil, range: r1, comparison: r2, tag: "range_vs_range").withJoin("vs", a, b)
        default:
            // A stated main period compared to another single period; "this week vs last week"
            // is the week so far against the same span of last week (DESIGN.md's previous_period).
            guard let lastWeekSpan = sameSpan(.week, CorpusRange(today.monday, today)),
                let lastMonthSpan = sameSpan(.month, CorpusRange(today.monthStart, today))
            else { return nil }
            let pairs: [(String, String, CorpusRange, CorpusRange, String)] = [
                ("this week", "last week", CorpusRange(today.monday, today), lastWeekSpan, "this_vs_last_week"),
                ("this month", "last month", CorpusRange(today.monthStart, today), lastMonthSpan, "this_vs_last_month"),
                (
                    "yesterday", "the day before yesterday", CorpusRange(today.adding(-1), today.adding(-1)),
                    CorpusRange(today.adding(-2), today.adding(-2)), "yesterday_vs_day_before"
                ),
                (
                    "last month", "the same month last year",
                    CorpusRange(today.monthStart.adding(-1).monthStart, today.monthStart.adding(-1)),
                    CorpusRange(
                        CorpusDay(today.monthStart.adding(-1).year - 1, today.monthStart.adding(-1).month, 1),
                        CorpusDay(today.monthStart.adding(-1).year - 1, today.monthStart.adding(-1).month, 1).monthEnd),
                    "month_vs_year_earlier"
                ),
            ]
            let (a, b, r1, r2, tag) = rng.pick(pairs)
            return PeriodPair(main: a, comp: "", joined: nil, range: r1, comparison: r2, tag: tag).withJoin(
                rng.pick(["vs", "compared to", "versus"]), a, b)
        }
    }
}

extension CorpusGenerator.PeriodPair {
    /// "<a> <join> <b>" as the whole time phrase.
    func withJoin(_ join: String, _ a: String, _ b: String) -> CorpusGenerator.PeriodPair {
        var copy = self
        copy.joined = "\(a) \(join) \(b)"
        return copy
    }
}
