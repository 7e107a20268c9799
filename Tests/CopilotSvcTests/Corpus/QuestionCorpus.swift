import Foundation

// The generated question corpus: questions composed from independent parts (metric phrasings,
// scope phrasings drawn from CorpusWorld's names, time forms, comparison forms, intent templates,
// fillers) with the understanding each must get under CONVENTIONS.md, dates computed here with
// CorpusDay's own arithmetic.
//
// Where the conventions leave room for two readings (the "same span" of a previous month or
// quarter when the months differ in length, previous_period of a whole calendar period whose
// predecessor has another length, previous_period of a month or quarter named while it is still
// running, days-of-the-month ranges that end after today, the edges of the default trend grain),
// the generator does not ask.

struct CorpusRange: Equatable, Sendable, CustomStringConvertible {
    let start: CorpusDay
    let end: CorpusDay
    init(_ start: CorpusDay, _ end: CorpusDay) {
        precondition(start <= end, "empty range \(start)…\(end)")
        self.start = start
        self.end = end
    }
    var length: Int { end - start + 1 }
    var description: String { "\(start)…\(end)" }
}

struct CorpusBreakdown: Sendable, CustomStringConvertible {
    var dimension: String
    /// Exact limit (a stated N, or the default 10); nil when only `minLimit` is checked.
    var limit: Int?
    var minLimit: Int?
    var order: String?
    var orderBy: String?
    var description: String {
        "\(dimension) limit \(limit.map(String.init) ?? ">=\(minLimit ?? 0)") \(orderBy ?? "") \(order ?? "")"
    }
}

struct CorpusItem: Sendable {
    var question: String
    var asOf: String
    var timezone: String
    var intent: String
    var metrics: [String] = []
    /// dimension → lowercased values.
    var filters: [String: Set<String>] = [:]
    var breakdown: CorpusBreakdown?
    /// Checked when set (stated, or for trends the default by range length).
    var granularity: String?
    var range: CorpusRange?
    var comparison: CorpusRange?
    /// For clarify: the answer must name one of these (lowercased).
    var unknownWords: [String] = []
    /// What the question exercises, for grouping failures.
    var form: String

    var expectedDescription: String {
        var parts = ["intent=\(intent)"]
        if !metrics.isEmpty { parts.append("metrics=\(metrics)") }
        if !filters.isEmpty { parts.append("filters=\(filters.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.sorted())" })") }
        if let breakdown { parts.append("breakdown=\(breakdown)") }
        if let granularity { parts.append("grain=\(granularity)") }
        if let range { parts.append("range=\(range)") }
        if intent != "clarify", intent != "unsupported", intent != "anomalies", intent != "lineage" {
            parts.append("comparison=\(comparison.map(\.description) ?? "none")")
        }
        if !unknownWords.isEmpty { parts.append("names=\(unknownWords)") }
        return parts.joined(separator: " ")
    }
}

struct CorpusAsOf: Sendable {
    let instant: String
    let timezone: String
    /// The workspace's local date at `instant`, worked out by hand.
    let today: CorpusDay
    /// Far from the data (the leap-year instant): unnamed scope and a few forms only.
    let restricted: Bool
}

enum QuestionCorpus {
    static let seed: UInt64 = 0x5EED_2026_0022

    static let asOfs: [CorpusAsOf] = [
        CorpusAsOf(instant: "2027-01-04T09:30:00Z", timezone: "UTC", today: CorpusDay(2027, 1, 4), restricted: false),    // Monday, ISO week 1, a new year
        CorpusAsOf(instant: "2026-12-31T22:00:00Z", timezone: "UTC", today: CorpusDay(2026, 12, 31), restricted: false),  // Thursday, year end
        CorpusAsOf(instant: "2026-11-30T14:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 30), restricted: false),  // Monday, month end
        CorpusAsOf(instant: "2026-10-01T08:00:00Z", timezone: "UTC", today: CorpusDay(2026, 10, 1), restricted: false),   // Thursday, quarter start
        CorpusAsOf(instant: "2026-12-13T18:00:00Z", timezone: "UTC", today: CorpusDay(2026, 12, 13), restricted: false),  // Sunday
        CorpusAsOf(instant: "2026-11-04T12:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 4), restricted: false),   // Wednesday
        CorpusAsOf(instant: "2026-11-21T11:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 21), restricted: false),  // Saturday
        // 04:00 UTC on Jan 1 is still Dec 31 (20:00) in Los Angeles: the year has not turned there.
        CorpusAsOf(instant: "2027-01-01T04:00:00Z", timezone: "America/Los_Angeles", today: CorpusDay(2026, 12, 31), restricted: false),
    ]
    /// A leap year's March 1st (Wednesday): February has 29 days.
    static let leap = CorpusAsOf(instant: "2028-03-01T12:00:00Z", timezone: "UTC", today: CorpusDay(2028, 3, 1), restricted: true)

    static let quotas: [(intent: String, count: Int)] = [
        ("metric_value", 560), ("compare", 450), ("rank", 335), ("trend", 225), ("explain", 180),
        ("clarify", 180), ("unsupported", 112), ("anomalies", 90), ("lineage", 112),
    ]

    static func generate() -> [CorpusItem] {
        var generator = CorpusGenerator(rng: SplitMix64(seed: seed))
        var items: [CorpusItem] = []
        var seen: Set<String> = []
        for (intent, count) in quotas {
            var made = 0
            var attempts = 0
            while made < count {
                attempts += 1
                precondition(attempts < count * 200, "cannot make \(count) distinct \(intent) questions")
                guard var item = generator.make(intent) else { continue }
                item.question = generator.dress(item.question, intent: item.intent, scoped: !item.filters.isEmpty)
                let key = item.asOf + "|" + item.question.lowercased()
                guard seen.insert(key).inserted else { continue }
                items.append(item)
                made += 1
            }
        }
        return items
    }
}

// MARK: - Vocabulary

enum CorpusVocabulary {
    static let metricPhrases: [String: [String]] = [
        "spend": ["spend", "ad spend", "total spend"],
        "revenue": ["revenue", "total revenue"],
        "clicks": ["clicks"],
        "impressions": ["impressions"],
        "conversions": ["conversions"],
        "leads": ["leads"],
        "installs": ["installs"],
        "purchases": ["purchases"],
        "visitors": ["visitors"],
        "profit": ["profit"],
        "cpc": ["cpc", "CPC", "cost per click"],
        "cpm": ["cpm", "CPM", "cost per 1000 impressions"],
        "cpa": ["cpa", "CPA", "cost per acquisition", "cost per conversion", "cost per result"],
        "cpl": ["cpl", "CPL", "cost per lead"],
        "cpi": ["cpi", "cost per install"],
        "cpp": ["cpp", "cost per purchase"],
        "roas": ["roas", "ROAS", "return on ad spend"],
        "poas": ["poas", "POAS"],
        "arpv": ["arpv", "ARPV"],
        "aov": ["aov", "AOV", "average order value"],
        "ctr": ["ctr", "CTR", "click-through rate"],
        "cvr": ["cvr", "CVR", "conversion rate"],
    ]
    static let additive = ["spend", "revenue", "clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors", "profit"]
    static let countable = ["clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors"]
    static let costRatios = ["cpc", "cpm", "cpa", "cpl", "cpi", "cpp"]
    static let otherRatios = ["roas", "poas", "arpv", "aov", "ctr", "cvr"]
    static let derived = costRatios + otherRatios
    /// "cheapest ... per X" → the cost ratio.
    static let perUnit: [(text: String, metric: String)] = [
        ("per click", "cpc"), ("per conversion", "cpa"), ("per lead", "cpl"), ("per install", "cpi"),
        ("per purchase", "cpp"), ("per 1000 impressions", "cpm"),
    ]

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    static let monthShort = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

    /// Words the questions use besides names, for the typo generator's closeness check.
    static let words: Set<String> = {
        var all: Set<String> = []
        let phrases = metricPhrases.values.flatMap { $0 } + additive + costRatios + otherRatios
            + CorpusWorld.providers.flatMap(\.aliases) + CorpusWorld.entities.map(\.name) + CorpusWorld.entities.compactMap(\.plural)
            + monthNames + monthShort + weekdayNames + numberWords
        let more = """
            what was our show me how much did we spend pay for click clicks cost costs us many get got the of on in at from via \
            today yesterday day days before ago this last past previous prior week weeks month months quarter quarters year years \
            date to through between and since next tomorrow period same earlier over compared compare versus than vs stack up \
            top best worst bottom lowest highest most least fewest biggest cheapest expensive cheaper more which had by per \
            daily weekly monthly hourly trend chart plot time show why drop dropped up down low high tanked fell off cliff went \
            roof happened behind driving change changes anything odd unusual weird strange anomalies anomaly blow spike break \
            outliers calculated made depend depends metrics metric else affected wrong broken numbers forecast predict will be \
            lifetime value customers pause raise budget create campaign campaigns account accounts ad ads set sets adset adsets \
            provider providers platform platforms channel channels hey quick can you tell pls please across performance \
            weather poem joke sale sales lead send sent spent click rate rates total order value return average
            """
        for phrase in phrases + [more] {
            for token in tokens(phrase) { all.insert(token) }
        }
        return all
    }()

    /// Real words a typo must not turn into.
    static let realWords: Set<String> = [
        "sped", "send", "pend", "spent", "lead", "lads", "click", "clink", "lick", "slick", "profits", "visitor", "install",
        "purchase", "conversion", "impression", "revenues", "sale", "sales", "seller", "sellers", "rand", "bran", "bard",
        "summe", "ummer", "dies", "idea", "ideas", "pins", "pint", "light", "night", "nights", "lights", "sights", "fights",
        "deals", "deal", "dale", "post", "spot", "stop", "tops", "pots", "core", "cord", "exact", "fine", "loads",
        "makes", "maker", "leds", "spar", "carouse", "mates", "brand", "bands", "title", "tiles", "liens",
    ]

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// Optimal string alignment distance (a transposition counts as one edit).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The typo budget of a word of that length (CONVENTIONS.md).
    static func budget(_ length: Int) -> Int { length >= 9 ? 2 : (length >= 4 ? 1 : 0) }

    /// One transposition, deletion or duplication inside `word` (≥ 5 letters, never the first
    /// letter), such that the result is nearer to `word` than to any other known word, is not
    /// itself a word, and stays within `word`'s budget. Nil when no such typo was found.
    static func typo(_ word: String, _ rng: inout SplitMix64) -> String? {
        let letters = Array(word)
        guard letters.count >= 5, letters.allSatisfy(\.isLetter) else { return nil }
        let lower = word.lowercased()
        for _ in 0..<12 {
            var out = letters
            let i = 1 + rng.int(letters.count - 1)
            switch rng.int(3) {
            case 0:
                guard i + 1 < out.count else { continue }
                out.swapAt(i, i + 1)
            case 1: out.remove(at: i)
            default: out.insert(out[i], at: i)
            }
            let candidate = String(out)
            let c = candidate.lowercased()
            guard c != lower, !words.contains(c), !realWords.contains(c) else { continue }
            let own = distance(c, lower)
            guard own <= budget(lower.count) else { continue }
            if words.contains(where: { $0 != lower && distance(c, $0) <= own }) { continue }
            return candidate
        }
        return nil
    }

    /// A word garbled past any typo budget and far from every known word.
    static func garble(_ word: String, _ rng: inout SplitMix64) -> String? {
        let lower = word.lowercased()
        guard lower.count >= 5, lower.allSatisfy(\.isLetter) else { return nil }
        for _ in 0..<20 {
            var out = Array(lower)
            for _ in 0..<3 {
                let i = 1 + rng.int(out.count - 1)
                if rng.chance(0.5), out.count > 4 { out.remove(at: i) } else if i + 1 < out.count { out.swapAt(i, i + 1) }
            }
            let c = String(out)
            if words.contains(where: { distance(c, $0) <= budget($0.count) + 1 }) { continue }
            return c
        }
        return nil
    }
}

// MARK: - Parts

struct CorpusTimeExpr {
    enum Span { case plain, toDate(Unit), full(Unit), currentNamed }
    enum Unit { case week, month, quarter, year }
    var text: String
    var range: CorpusRange
    var span: Span
    var tag: String
}

struct CorpusScope {
    var prep: String      // "on tiktok", "for the Summer Sale campaign"
    var adj: String       // "tiktok", "Summer Sale"
    var subject: String   // "tiktok", "the Summer Sale campaign"
    var dimension: String?
    var value: String?
    var tag: String
    static let none = CorpusScope(prep: "", adj: "", subject: "", dimension: nil, value: nil, tag: "none")
}

struct CorpusGenerator {
    var rng: SplitMix64

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
            byCalendar = r.end.day <= CorpusDay.daysIn(prevStart.year, prevStart.month) ? CorpusDay(prevStart.year, prevStart.month, r.end.day) : nil
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
        if (11...13).contains(n % 100) { suffix = "th" } else {
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
        if day <= CorpusDay.daysIn(today.year, month), CorpusDay(today.year, month, day) <= today { return CorpusDay(today.year, month, day) }
        guard day <= CorpusDay.daysIn(today.year - 1, month) else { return nil }
        return CorpusDay(today.year - 1, month, day)
    }

    /// A random time expression (never a future one). `none` allows "no time expression".
    mutating func time(_ ctx: CorpusAsOf, allowNone: Bool = true) -> CorpusTimeExpr {
        let today = ctx.today
        if ctx.restricted {
            let options: [CorpusTimeExpr] = [
                CorpusTimeExpr(text: "yesterday", range: CorpusRange(today.adding(-1), today.adding(-1)), span: .plain, tag: "yesterday"),
                CorpusTimeExpr(text: "last month", range: CorpusRange(CorpusDay(2028, 2, 1), CorpusDay(2028, 2, 29)), span: .full(.month), tag: "last_month"),
                CorpusTimeExpr(text: "in february", range: CorpusRange(CorpusDay(2028, 2, 1), CorpusDay(2028, 2, 29)), span: .full(.month), tag: "month_name"),
                CorpusTimeExpr(text: "feb 29", range: CorpusRange(CorpusDay(2028, 2, 29), CorpusDay(2028, 2, 29)), span: .plain, tag: "date"),
                CorpusTimeExpr(text: "past 7 days", range: CorpusRange(today.adding(-7), today.adding(-1)), span: .plain, tag: "last_n"),
                CorpusTimeExpr(text: "last week", range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week), tag: "last_week"),
                CorpusTimeExpr(text: "this week", range: CorpusRange(today.monday, today), span: .toDate(.week), tag: "this_week"),
                CorpusTimeExpr(text: "from feb 20 to feb 29", range: CorpusRange(CorpusDay(2028, 2, 20), CorpusDay(2028, 2, 29)), span: .plain, tag: "range"),
            ]
            return rng.pick(options)
        }
        while true {
            if let t = timeCandidate(ctx, allowNone: allowNone) { return t }
        }
    }

    private mutating func timeCandidate(_ ctx: CorpusAsOf, allowNone: Bool) -> CorpusTimeExpr? {
        let today = ctx.today
        let yesterday = today.adding(-1)
        switch rng.int(19) {
        case 0:
            guard allowNone else { return nil }
            return CorpusTimeExpr(text: "", range: CorpusRange(today.adding(-7), yesterday), span: .plain, tag: "none")
        case 1:
            switch rng.int(3) {
            case 0: return CorpusTimeExpr(text: "today", range: CorpusRange(today, today), span: .plain, tag: "today")
            case 1: return CorpusTimeExpr(text: "yesterday", range: CorpusRange(yesterday, yesterday), span: .plain, tag: "yesterday")
            default: return CorpusTimeExpr(text: "the day before yesterday", range: CorpusRange(today.adding(-2), today.adding(-2)), span: .plain, tag: "day_before_yesterday")
            }
        case 2:
            let n = 2 + rng.int(5)
            let text = rng.chance(0.5) ? "\(n) days ago" : "\(CorpusVocabulary.numberWords[n]) days ago"
            let day = today.adding(-n)
            return CorpusTimeExpr(text: text, range: CorpusRange(day, day), span: .plain, tag: "days_ago")
        case 3:
            return CorpusTimeExpr(text: rng.pick(["this week", "week to date", "wtd", "this week"]), range: CorpusRange(today.monday, today), span: .toDate(.week), tag: "this_week")
        case 4:
            return CorpusTimeExpr(text: rng.pick(["last week", "previous week", "last week"]), range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week), tag: "last_week")
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
            case 0: return CorpusTimeExpr(text: rng.pick(["this month", "mtd", "month to date", "MTD"]), range: CorpusRange(today.monthStart, today), span: .toDate(.month), tag: "this_month")
            case 1: return CorpusTimeExpr(text: rng.pick(["this quarter", "qtd", "quarter to date", "QTD"]), range: CorpusRange(today.quarterStart, today), span: .toDate(.quarter), tag: "this_quarter")
            default: return CorpusTimeExpr(text: rng.pick(["this year", "ytd", "year to date", "YTD"]), range: CorpusRange(today.yearStart, today), span: .toDate(.year), tag: "this_year")
            }
        case 9:
            switch rng.int(3) {
            case 0:
                let start = today.monthStart.adding(-1).monthStart
                return CorpusTimeExpr(text: "last month", range: CorpusRange(start, start.monthEnd), span: .full(.month), tag: "last_month")
            case 1:
                let start = today.quarterStart.adding(-1).quarterStart
                return CorpusTimeExpr(text: "last quarter", range: CorpusRange(start, start.quarterEnd), span: .full(.quarter), tag: "last_quarter")
            default:
                return CorpusTimeExpr(text: "last year", range: CorpusRange(CorpusDay(today.year - 1, 1, 1), CorpusDay(today.year - 1, 12, 31)), span: .full(.year), tag: "last_year")
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
            let m = target.month, d = target.day
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
                guard d2 <= today.day else { return nil }  // capping is not stated for this form
                month = today.monthStart
            } else {
                month = today.monthStart.adding(-1).monthStart
            }
            let text = rng.chance(0.5) ? "between the \(ordinal(d1)) and the \(ordinal(d2))" : "from the \(ordinal(d1)) to the \(ordinal(d2))"
            return CorpusTimeExpr(text: text, range: CorpusRange(CorpusDay(month.year, month.month, d1), CorpusDay(month.year, month.month, d2)), span: .plain, tag: "days_of_month")
        case 17:
            // since X
            switch rng.int(3) {
            case 0:
                let target = today.adding(-(3 + rng.int(150)))
                guard let day = recentDate(target.month, target.day, today) else { return nil }
                let text = rng.chance(0.5)
                    ? "since \(CorpusVocabulary.monthNames[target.month - 1]) \(target.day)"
                    : "since \(CorpusVocabulary.monthShort[target.month - 1]) \(ordinal(target.day))"
                return CorpusTimeExpr(text: text, range: CorpusRange(day, today), span: .plain, tag: "since_date")
            case 1:
                let m = 1 + rng.int(12)
                let year = m <= today.month ? today.year : today.year - 1
                guard !(year == today.year && m == today.month) || today.day > 1 else { return nil }
                return CorpusTimeExpr(text: "since \(CorpusVocabulary.monthNames[m - 1])", range: CorpusRange(CorpusDay(year, m, 1), today), span: .plain, tag: "since_month")
            default:
                let wd = 1 + rng.int(7)
                let back = (today.weekday - wd + 7) % 7
                guard back != 0 else { return nil }  // "since <today's weekday>" reads two ways
                return CorpusTimeExpr(text: "since \(CorpusVocabulary.weekdayNames[wd - 1])", range: CorpusRange(today.adding(-back), today), span: .plain, tag: "since_weekday")
            }
        default:
            return CorpusTimeExpr(text: rng.pick(["last 7 days", "yesterday", "last week", "this month"]), range: {
                // keep the common ones common
                CorpusRange(today.adding(-7), yesterday)
            }(), span: .plain, tag: "common").fixed(today)
        }
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
            let t = rng.chance(0.5)
                ? "from \(monthWord(m)) \(s1) to \(monthWord(m2)) \(e1)"
                : "between \(monthWord(m)) \(s1) and \(monthWord(m2)) \(e1)"
            return CorpusTimeExpr(text: t, range: CorpusRange(s, e), span: .plain, tag: "range_cross_month")
        }
        return CorpusTimeExpr(text: text, range: CorpusRange(start, end), span: .plain, tag: "range")
    }

    // MARK: Metrics and scope

    /// A phrase for `metric`, sometimes with a typo by rule.
    mutating func phrase(_ metric: String, typos: Bool = true) -> (text: String, typo: Bool) {
        let base = rng.pick(CorpusVocabulary.metricPhrases[metric]!)
        guard typos, rng.chance(0.22) else { return (base, false) }
        var words = base.split(separator: " ").map(String.init)
        let eligible = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) && words[$0] != "total" }
        guard let index = eligible.isEmpty ? nil : rng.pick(eligible), let typo = CorpusVocabulary.typo(words[index], &rng) else {
            return (base, false)
        }
        words[index] = typo
        return (words.joined(separator: " "), true)
    }

    mutating func anyMetric() -> String {
        // Base measures and ratios about evenly.
        rng.chance(0.5) ? rng.pick(CorpusVocabulary.additive) : rng.pick(CorpusVocabulary.derived)
    }

    /// A way to type an entity's name: as stored, lowercased, punctuation dropped, plural, or with a typo.
    mutating func nameVariant(_ entity: CorpusEntity) -> (text: String, tag: String) {
        let name = entity.name
        switch rng.int(8) {
        case 0, 1: return (name, "exact")
        case 2, 3: return (name.lowercased(), "lowercase")
        case 4:
            let dropped = name.replacingOccurrences(of: " - ", with: " ").replacingOccurrences(of: " & ", with: " ")
            if dropped != name { return (rng.chance(0.5) ? dropped.lowercased() : dropped, "no_punctuation") }
            return (name.uppercased() == name ? name : name.lowercased(), "lowercase")
        case 5:
            if let plural = entity.plural { return (rng.chance(0.5) ? plural.lowercased() : plural, "plural") }
            return (name, "exact")
        default:
            var words = name.split(separator: " ").map(String.init)
            let eligible = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
            let index = eligible.isEmpty ? -1 : rng.pick(eligible)
            if index >= 0, let typo = CorpusVocabulary.typo(words[index], &rng) {
                words[index] = typo
                let text = words.joined(separator: " ")
                return (rng.chance(0.5) ? text.lowercased() : text, "typo")
            }
            return (name.lowercased(), "lowercase")
        }
    }

    func levelWord(_ level: CorpusEntity.Level) -> String {
        switch level {
        case .account: "account"
        case .campaign: "campaign"
        case .adset: "ad set"
        case .ad: "ad"
        }
    }

    mutating func providerScope(_ provider: CorpusProvider) -> CorpusScope {
        let alias = rng.pick(provider.aliases)
        let prep = rng.pick(["on", "for", "from", "on", "in"]) + " " + alias
        return CorpusScope(prep: prep, adj: alias, subject: alias, dimension: "provider", value: provider.value, tag: "provider:" + (alias.lowercased() == provider.value ? "name" : "alias"))
    }

    mutating func entityScope(_ entity: CorpusEntity) -> CorpusScope {
        let (text, tag) = nameVariant(entity)
        let level = levelWord(entity.level)
        let prep: String
        let subject: String
        switch rng.int(3) {
        case 0:
            prep = "for the \(text) \(level)"
            subject = "the \(text) \(level)"
        case 1:
            prep = "for \(level) \(text)"
            subject = "\(level) \(text)"
        default:
            prep = (entity.level == .campaign ? "for " : "in the ") + text + (entity.level == .campaign ? "" : " \(level)")
            subject = entity.level == .campaign ? text : "the \(text) \(level)"
        }
        return CorpusScope(prep: prep, adj: text, subject: subject, dimension: entity.level.rawValue, value: entity.name, tag: "\(entity.level.rawValue):\(tag)")
    }

    /// A scope with data in every one of `ranges`.
    mutating func scope(_ ctx: CorpusAsOf, _ ranges: [CorpusRange], noneShare: Double = 0.35) -> CorpusScope {
        if ctx.restricted || rng.chance(noneShare) { return .none }
        for _ in 0..<8 {
            let roll = rng.nextDouble()
            if roll < 0.45 {
                let provider = rng.pick(CorpusWorld.providers)
                if ranges.allSatisfy({ provider.firstDay <= $0.end && provider.lastDay >= $0.start }) { return providerScope(provider) }
            } else {
                let level: CorpusEntity.Level = roll < 0.75 ? .campaign : (roll < 0.85 ? .adset : (roll < 0.93 ? .ad : .account))
                let entity = rng.pick(CorpusWorld.entities.filter { $0.level == level })
                if ranges.allSatisfy({ entity.hasData($0.start, $0.end) }) { return entityScope(entity) }
            }
        }
        return .none
    }

    func filters(_ scopes: [CorpusScope]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for scope in scopes {
            if let dimension = scope.dimension, let value = scope.value { out[dimension, default: []].insert(value.lowercased()) }
        }
        return out
    }

    mutating func pickAsOf(allowRestricted: Bool) -> CorpusAsOf {
        if allowRestricted, rng.chance(0.03) { return QuestionCorpus.leap }
        return rng.pick(QuestionCorpus.asOfs)
    }

    static func clean(_ text: String) -> String {
        var out = text
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        out = out.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: " ?", with: "?")
        return out.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ",")).trimmingCharacters(in: .whitespaces)
    }

    /// Fillers and capitalisation around a composed question.
    mutating func dress(_ question: String, intent: String, scoped: Bool) -> String {
        var q = question
        if rng.chance(0.3) {
            let imperative = ["compare", "show", "plot", "chart", "pause", "raise", "create", "forecast", "predict", "write", "tell", "translate"]
                .contains { q.lowercased().hasPrefix($0) }
            let prefix = rng.pick(["hey ", "hey, ", "quick q: ", imperative ? "pls " : "can you tell me ", "pls ", "Hey, ", "Quick q: "])
            q = prefix + q
        }
        if rng.chance(0.4) {
            var suffixes = ["?", " pls", " for us", "?", " for us?"]
            if !scoped, intent == "metric_value" || intent == "trend" { suffixes += [" across the account", " across the account?"] }
            q += rng.pick(suffixes)
        }
        if rng.chance(0.3), let first = q.first, first.isLowercase { q = first.uppercased() + q.dropFirst() }
        return Self.clean(q)
    }

    // MARK: Intents

    mutating func make(_ intent: String) -> CorpusItem? {
        switch intent {
        case "metric_value": metricValue()
        case "compare": rng.chance(0.62) ? comparePeriods() : compareSegments()
        case "rank": rank()
        case "trend": trend()
        case "explain": explain()
        case "anomalies": anomalies()
        case "lineage": lineage()
        case "unsupported": unsupported()
        default: clarify()
        }
    }

    mutating func metricValue() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: true)
        let t = time(ctx)
        let s = scope(ctx, [t.range])
        var metric = anyMetric()
        let (mText, typo) = phrase(metric)
        var metrics = [metric]
        var text: String
        var form = "metric_value"
        switch rng.int(14) {
        case 0, 1: text = "\(mText) \(s.prep) \(t.text)"
        case 2: text = "what was our \(mText) \(s.prep) \(t.text)"
        case 3: text = s.adj.isEmpty ? "\(mText) \(t.text)" : "\(s.adj) \(mText) \(t.text)"
        case 4:
            guard !t.text.isEmpty else { return nil }
            text = "\(t.text), \(s.adj) \(mText)"
        case 5: text = "show me \(mText) \(s.prep) \(t.text)"
        case 6:
            metric = "spend"; metrics = [metric]
            text = "how much did we spend \(s.prep) \(t.text)"; form = "spend_verb"
        case 7:
            guard !s.subject.isEmpty else { return nil }
            metric = "spend"; metrics = [metric]
            text = "what did \(s.subject) cost us \(t.text)"; form = "cost_us"
        case 8:
            metric = "spend"; metrics = [metric]
            text = rng.chance(0.5) ? "how much did we pay for clicks \(s.prep) \(t.text)" : "what did clicks cost \(s.prep) \(t.text)"
            form = "pay_for_clicks"
        case 9:
            metric = "cpc"; metrics = [metric]
            text = "what did we pay per click \(s.prep) \(t.text)"; form = "pay_per_click"
        case 10: text = "\(mText) \(t.text) \(s.prep)"
        case 11:
            metric = rng.pick(CorpusVocabulary.countable); metrics = [metric]
            let (m2, _) = phrase(metric)
            text = "how many \(m2) did we get \(s.prep) \(t.text)"; form = "how_many"
        case 12:
            var second = anyMetric()
            while second == metric { second = anyMetric() }
            metrics = [metric, second]
            text = "\(mText) and \(phrase(second).text) \(s.prep) \(t.text)"; form = "two_metrics"
        default: text = "what's the \(mText) \(s.prep) \(t.text)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "metric_value", metrics: metrics,
            filters: filters([s]), range: t.range, comparison: nil,
            form: "\(form)|time:\(t.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
    }

    /// A main period and its comparison, with how to say them.
    struct PeriodPair { var main: String; var comp: String; var joined: String?; var range: CorpusRange; var comparison: CorpusRange; var tag: String }

    mutating func periodPair(_ ctx: CorpusAsOf) -> PeriodPair? {
        let today = ctx.today
        if ctx.restricted {
            let y = today.adding(-1)
            if rng.chance(0.5) {
                return PeriodPair(main: "yesterday", comp: "the same day last week", joined: nil, range: CorpusRange(y, y), comparison: CorpusRange(y.adding(-7), y.adding(-7)), tag: "same_day_last_week")
            }
            let lw = today.monday.adding(-7)
            return PeriodPair(main: "last week", comp: "the week before that", joined: nil, range: CorpusRange(lw, lw.adding(6)), comparison: CorpusRange(lw.adding(-7), lw.adding(-1)), tag: "week_before_that")
        }
        switch rng.int(11) {
        case 0:
            // vs the previous period
            let t = time(ctx, allowNone: false)
            guard let prev = previousPeriod(t) else { return nil }
            var comps = ["vs the previous period", "vs the prior period", "compared to the previous period", "versus the prior period"]
            if t.range.length == 7, case .plain = t.span { comps.append("vs the week before") }
            if case .full(.week) = t.span { comps.append("vs the week before") }
            return PeriodPair(main: t.text, comp: rng.pick(comps), joined: nil, range: t.range, comparison: prev, tag: "previous_period|time:\(t.tag)")
        case 1:
            let n = rng.pick([7, 14, 30, 10, 28])
            let main = CorpusRange(today.adding(-n), today.adding(-1))
            return PeriodPair(main: "\(rng.pick(["last", "past"])) \(n) days", comp: "vs the previous \(n) days", joined: nil, range: main, comparison: CorpusRange(main.start.adding(-n), main.start.adding(-1)), tag: "previous_n_days")
        case 2:
            // "vs last week/month/quarter/year" with no other time: to date vs its same span.
            let (word, unit): (String, CorpusTimeExpr.Unit) = rng.pick([("week", .week), ("month", .month), ("quarter", .quarter), ("year", .year)])
            let main = CorpusRange(periodStart(unit, today), today)
            guard let comp = sameSpan(unit, main) else { return nil }
            return PeriodPair(main: "", comp: "\(rng.pick(["vs", "compared to"])) last \(word)", joined: nil, range: main, comparison: comp, tag: "vs_last_\(word)")
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
                    CorpusTimeExpr(text: "last week", range: CorpusRange(today.monday.adding(-7), today.monday.adding(-1)), span: .full(.week), tag: "last_week"),
                    CorpusTimeExpr(text: "this week", range: CorpusRange(today.monday, today), span: .toDate(.week), tag: "this_week"),
                    CorpusTimeExpr(text: "last 7 days", range: CorpusRange(today.adding(-7), yesterday), span: .plain, tag: "last_n"),
                ])
            case 1:
                word = rng.pick(["mom", "month over month", "MoM"])
                t = rng.pick([
                    CorpusTimeExpr(text: "mtd", range: CorpusRange(today.monthStart, today), span: .toDate(.month), tag: "this_month"),
                    CorpusTimeExpr(text: "last 30 days", range: CorpusRange(today.adding(-30), yesterday), span: .plain, tag: "last_n"),
                    CorpusTimeExpr(text: "this month", range: CorpusRange(today.monthStart, today), span: .toDate(.month), tag: "this_month"),
                ])
            default:
                word = rng.pick(["qoq", "quarter over quarter", "QoQ"])
                t = rng.pick([
                    CorpusTimeExpr(text: "qtd", range: CorpusRange(today.quarterStart, today), span: .toDate(.quarter), tag: "this_quarter"),
                    CorpusTimeExpr(text: "last 90 days", range: CorpusRange(today.adding(-90), yesterday), span: .plain, tag: "last_n"),
                ])
            }
            guard let comp = previousPeriod(t) else { return nil }
            return PeriodPair(main: t.text, comp: word, joined: nil, range: t.range, comparison: comp, tag: "\(word.lowercased().replacingOccurrences(of: " ", with: "_"))_range|time:\(t.tag)")
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
            return PeriodPair(main: "", comp: word, joined: nil, range: main, comparison: comp, tag: "\(word.replacingOccurrences(of: " ", with: "_"))_alone")
        case 6:
            let y = today.adding(-1)
            return PeriodPair(main: "yesterday", comp: "vs the same day last week", joined: nil, range: CorpusRange(y, y), comparison: CorpusRange(y.adding(-7), y.adding(-7)), tag: "same_day_last_week")
        case 7:
            let lw = today.monday.adding(-7)
            return PeriodPair(main: "last week", comp: "vs the week before that", joined: nil, range: CorpusRange(lw, lw.adding(6)), comparison: CorpusRange(lw.adding(-7), lw.adding(-1)), tag: "week_before_that")
        case 8:
            // Two months or two quarters by name.
            if rng.chance(0.5) {
                let m1 = 1 + rng.int(12)
                var m2 = 1 + rng.int(12)
                while m2 == m1 { m2 = 1 + rng.int(12) }
                guard let r1 = namedMonth(m1, today), let r2 = namedMonth(m2, today) else { return nil }
                return PeriodPair(main: monthWord(m1), comp: "", joined: "\(monthWord(m1)) vs \(monthWord(m2))", range: r1, comparison: r2, tag: "month_vs_month").withJoin(rng.chance(0.5) ? "vs" : "compared to", monthWord(m1), monthWord(m2))
            }
            let q1 = 1 + rng.int(4)
            var q2 = 1 + rng.int(4)
            while q2 == q1 { q2 = 1 + rng.int(4) }
            let r1 = namedQuarter(q1, today), r2 = namedQuarter(q2, today)
            return PeriodPair(main: "q\(q1)", comp: "", joined: nil, range: r1, comparison: r2, tag: "quarter_vs_quarter").withJoin(rng.pick(["vs", "versus"]), "q\(q1)", "q\(q2)")
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
            let a = "\(monthWord(m1)) \(d1)-\(d2)", b = "\(monthWord(m2)) \(d1)-\(d2)"
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
                ("yesterday", "the day before yesterday", CorpusRange(today.adding(-1), today.adding(-1)), CorpusRange(today.adding(-2), today.adding(-2)), "yesterday_vs_day_before"),
                ("last month", "the same month last year", CorpusRange(today.monthStart.adding(-1).monthStart, today.monthStart.adding(-1)),
                 CorpusRange(CorpusDay(today.monthStart.adding(-1).year - 1, today.monthStart.adding(-1).month, 1), CorpusDay(today.monthStart.adding(-1).year - 1, today.monthStart.adding(-1).month, 1).monthEnd), "month_vs_year_earlier"),
            ]
            let (a, b, r1, r2, tag) = rng.pick(pairs)
            return PeriodPair(main: a, comp: "", joined: nil, range: r1, comparison: r2, tag: tag).withJoin(rng.pick(["vs", "compared to", "versus"]), a, b)
        }
    }

    func namedMonth(_ m: Int, _ today: CorpusDay) -> CorpusRange? {
        let year = m <= today.month ? today.year : today.year - 1
        let start = CorpusDay(year, m, 1)
        return CorpusRange(start, min(start.monthEnd, today))
    }

    func namedQuarter(_ q: Int, _ today: CorpusDay) -> CorpusRange {
        let year = q <= today.quarter ? today.year : today.year - 1
        let start = CorpusDay(year, 3 * q - 2, 1)
        return CorpusRange(start, min(start.quarterEnd, today))
    }

    mutating func comparePeriods() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: true)
        guard let pair = periodPair(ctx) else { return nil }
        let s = scope(ctx, [pair.range, pair.comparison])
        let metric = anyMetric()
        let (mText, typo) = phrase(metric)
        var text: String
        if let joined = pair.joined {
            switch rng.int(4) {
            case 0: text = "\(mText) \(s.prep) \(joined)"
            case 1: text = "\(s.adj) \(mText): \(joined)"
            case 2: text = "\(joined) \(mText) \(s.prep)"
            default: text = "compare \(mText) \(s.prep) \(joined)"
            }
        } else {
            switch rng.int(4) {
            case 0: text = "\(mText) \(s.prep) \(pair.main) \(pair.comp)"
            case 1: text = "\(s.adj) \(mText) \(pair.main) \(pair.comp)"
            case 2: text = "how did \(mText) \(s.prep) \(pair.main) do \(pair.comp)"
            default: text = pair.comp.hasPrefix("compared") ? "\(mText) \(s.prep) \(pair.main) \(pair.comp)" : "compare \(mText) \(s.prep) \(pair.main) \(pair.comp)"
            }
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "compare", metrics: [metric],
            filters: filters([s]), range: pair.range, comparison: pair.comparison,
            form: "compare_periods|\(pair.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
    }

    mutating func compareSegments() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let t = time(ctx)
        var comparison: CorpusRange?
        var compText = ""
        if rng.chance(0.15) {
            guard let prev = previousPeriod(t), !t.text.isEmpty else { return nil }
            comparison = prev
            compText = rng.pick(["vs the previous period", "vs the prior period"])
        }
        let ranges = [t.range] + (comparison.map { [$0] } ?? [])
        var a: CorpusScope, b: CorpusScope
        let dimension: String
        if rng.chance(0.55) {
            var pa = rng.pick(CorpusWorld.providers), pb = rng.pick(CorpusWorld.providers)
            var tries = 0
            while pb.value == pa.value || !ranges.allSatisfy({ pa.firstDay <= $0.end && pb.firstDay <= $0.end }) {
                pa = rng.pick(CorpusWorld.providers); pb = rng.pick(CorpusWorld.providers)
                tries += 1
                if tries > 20 { return nil }
            }
            a = providerScope(pa); b = providerScope(pb)
            dimension = "provider"
        } else {
            let campaigns = CorpusWorld.entities.filter { e in e.level == .campaign && ranges.allSatisfy { r in e.hasData(r.start, r.end) } }
            guard campaigns.count >= 2 else { return nil }
            let ea = rng.pick(campaigns)
            var eb = rng.pick(campaigns)
            while eb.id == ea.id { eb = rng.pick(campaigns) }
            a = entityScope(ea); b = entityScope(eb)
            // Side by side, the names read best bare.
            let va = nameVariant(ea).text, vb = nameVariant(eb).text
            a.adj = va; b.adj = vb
            dimension = "campaign"
        }
        var metric = anyMetric()
        let (mText, typo) = phrase(metric)
        var text: String
        var form = "segments"
        switch rng.int(7) {
        case 0: text = "\(a.adj) vs \(b.adj) \(mText) \(t.text) \(compText)"
        case 1: text = "\(mText) \(t.text) \(compText): \(a.adj) vs \(b.adj)"
        case 2: text = "compare \(a.adj) and \(b.adj) on \(mText) \(t.text) \(compText)"
        case 3: text = "how do \(a.adj) and \(b.adj) stack up on \(mText) \(t.text) \(compText)"
        case 4:
            let (unit, m) = rng.pick(CorpusVocabulary.perUnit)
            metric = m
            text = "is \(a.adj) cheaper \(unit) than \(b.adj) \(t.text) \(compText)"
            form = "segments_cheaper"
        case 5:
            let (unit, m) = rng.pick(CorpusVocabulary.perUnit)
            metric = m
            text = "is \(a.adj) more expensive \(unit) than \(b.adj) \(t.text) \(compText)"
            form = "segments_more_expensive"
        default: text = "\(mText) for \(a.adj) versus \(b.adj) \(t.text) \(compText)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "compare", metrics: [metric],
            filters: [dimension: [a.value!.lowercased(), b.value!.lowercased()]],
            breakdown: CorpusBreakdown(dimension: dimension, limit: nil, minLimit: 2, order: nil, orderBy: nil),
            range: t.range, comparison: comparison,
            form: "\(form)|\(dimension)|time:\(t.tag)\(comparison == nil ? "" : "|with_period")\(typo ? "|typo" : "")")
    }

    mutating func rank() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let t = time(ctx)
        let levels: [(plural: String, singular: String, dimension: String)] = [
            ("campaigns", "campaign", "campaign"), ("campaigns", "campaign", "campaign"), ("campaigns", "campaign", "campaign"),
            ("ad sets", "ad set", "adset"), ("ads", "ad", "ad"), ("accounts", "account", "account"),
            ("providers", "provider", "provider"), ("platforms", "platform", "provider"), ("channels", "channel", "provider"),
        ]
        let level = rng.pick(levels)
        var s = CorpusScope.none
        if level.dimension != "provider", rng.chance(0.3) {
            let provider = rng.pick(CorpusWorld.providers)
            if provider.firstDay <= t.range.end { s = providerScope(provider) }
        }
        let scopeWords = s.prep
        var metric = anyMetric()
        var (mText, typo) = phrase(metric)
        let n = rng.pick([3, 5, 5, 10, 2, 4, 7])
        var limit = 10
        var order = "desc"
        var text: String
        var form: String
        func bestOrder(_ m: String, best: Bool) -> String {
            let cost = CorpusVocabulary.costRatios.contains(m)
            return best == cost ? "asc" : "desc"
        }
        switch rng.int(13) {
        case 0:
            limit = n
            text = "top \(n) \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "top_n"
        case 1:
            text = "top \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "top"
        case 2:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            limit = n; order = bestOrder(metric, best: true)
            text = "\(n) best \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "n_best"
        case 3:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            order = bestOrder(metric, best: true)
            text = "best \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "best"
        case 4:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            order = bestOrder(metric, best: false)
            if rng.chance(0.5) {
                limit = n
                text = "\(n) worst \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "n_worst"
            } else {
                text = "worst \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "worst"
            }
        case 5:
            limit = n; order = "asc"
            text = "bottom \(n) \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "bottom_n"
        case 6:
            text = "which \(level.plural) had the highest \(mText) \(scopeWords) \(t.text)"; form = "highest"
        case 7:
            order = "asc"
            text = "which \(level.plural) had the lowest \(mText) \(scopeWords) \(t.text)"; form = "lowest"
        case 8:
            metric = rng.pick(CorpusVocabulary.countable)
            (mText, typo) = phrase(metric)
            if rng.chance(0.5) {
                text = "which \(level.plural) got the most \(mText) \(scopeWords) \(t.text)"; form = "most"
            } else {
                order = "asc"
                text = "which \(level.plural) got the fewest \(mText) \(scopeWords) \(t.text)"; form = "fewest"
            }
        case 9:
            let (unit, m) = rng.pick(CorpusVocabulary.perUnit)
            metric = m; typo = false
            if rng.chance(0.6) {
                order = "asc"
                text = "cheapest \(level.plural) \(unit) \(scopeWords) \(t.text)"; form = "cheapest_per"
            } else {
                text = "most expensive \(level.plural) \(unit) \(scopeWords) \(t.text)"; form = "most_expensive_per"
            }
        case 10:
            text = "\(mText) by \(level.singular) \(scopeWords) \(t.text)"; form = "metric_by_level"
        case 11:
            guard level.dimension == "campaign" else { return nil }
            limit = n
            text = "top \(n) by \(mText) \(scopeWords) \(t.text)"; form = "top_n_default_level"
        default:
            metric = rng.pick(CorpusVocabulary.additive)
            (mText, typo) = phrase(metric)
            text = "biggest \(level.plural) by \(mText) \(scopeWords) \(t.text)"; form = "biggest"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "rank", metrics: [metric],
            filters: filters([s]),
            breakdown: CorpusBreakdown(dimension: level.dimension, limit: limit, minLimit: nil, order: order, orderBy: metric),
            range: t.range, comparison: nil,
            form: "rank_\(form)|\(level.plural)|time:\(t.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
    }

    mutating func trend() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: true)
        var t = time(ctx)
        let metric = anyMetric()
        let (mText, typo) = phrase(metric)
        var grain: String
        var text: String
        let s0 = CorpusScope.none
        var s = s0
        let kind = rng.int(10)
        switch kind {
        case 0, 1:
            grain = "day"
            while t.range.length < 3 { t = time(ctx) }
        case 2, 3:
            grain = "week"
            while t.range.length < 21 { t = time(ctx) }
        case 4:
            guard !ctx.restricted else { return nil }
            grain = "month"
            while t.range.length < 60 { t = time(ctx) }
        case 5:
            grain = "hour"
            while t.range.length > 1 || t.text.isEmpty { t = time(ctx) }
        default:
            let length = t.range.length
            if [2, 3, 92, 93].contains(length) { return nil }
            grain = length <= 2 ? "hour" : (length <= 92 ? "day" : "week")
        }
        s = scope(ctx, [t.range])
        switch kind {
        case 0: text = rng.chance(0.5) ? "daily \(mText) \(s.prep) \(t.text)" : "\(s.adj) \(mText) by day \(t.text)"
        case 1: text = "show \(mText) by day \(s.prep) \(t.text)"
        case 2: text = "weekly \(mText) \(s.prep) \(t.text)"
        case 3: text = "\(mText) per week \(s.prep) \(t.text)"
        case 4: text = rng.chance(0.5) ? "monthly \(mText) \(s.prep) \(t.text)" : "\(s.adj) \(mText) by month \(t.text)"
        case 5: text = "hourly \(mText) \(s.prep) \(t.text)"
        case 6: text = "\(mText) over time \(s.prep) \(t.text)"
        case 7: text = "\(s.adj) \(mText) trend \(t.text)"
        case 8: text = "chart \(mText) \(s.prep) \(t.text)"
        default: text = "plot \(s.adj) \(mText) \(t.text)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "trend", metrics: [metric],
            filters: filters([s]), granularity: grain, range: t.range, comparison: nil,
            form: "trend_\(kind < 6 ? grain : "default")|time:\(t.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
    }

    mutating func explain() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let t = time(ctx)
        guard let prev = previousPeriod(t) else { return nil }
        let s = rng.chance(0.4) ? scope(ctx, [t.range, prev], noneShare: 0) : .none
        let metric = anyMetric()
        let (mText, typo) = phrase(metric)
        let text: String
        let kind = rng.int(10)
        switch kind {
        case 0: text = "why did \(s.adj) \(mText) drop \(t.text)"
        case 1: text = "why is \(mText) up \(s.prep) \(t.text)"
        case 2: text = "why was \(mText) so low \(s.prep) \(t.text)"
        case 3: text = "what happened to \(mText) \(s.prep) \(t.text)"
        case 4: text = "\(s.adj) \(mText) tanked \(t.text), why?"
        case 5: text = "\(s.adj) \(mText) fell off a cliff \(t.text) - why?"
        case 6: text = "\(s.adj) \(mText) went through the roof \(t.text) — why?"
        case 7: text = "what's behind the \(mText) change \(s.prep) \(t.text)"
        case 8: text = "what's driving \(mText) \(s.prep) \(t.text)"
        default: text = "why did \(mText) go down \(s.prep) \(t.text)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "explain", metrics: [metric],
            filters: filters([s]), range: t.range, comparison: prev,
            form: "explain_\(kind)|time:\(t.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
    }

    mutating func anomalies() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let t = time(ctx)
        let s = scope(ctx, [t.range], noneShare: 0.5)
        let (mText, _) = phrase(anyMetric())
        let text: String
        switch rng.int(10) {
        case 0: text = "anything odd \(s.prep) \(t.text)"
        case 1: text = "anything unusual in \(mText) \(t.text)"
        case 2: text = s.subject.isEmpty ? "anything weird \(t.text)" : "anything weird with \(s.subject) \(t.text)"
        case 3: text = "anything strange \(s.prep) \(t.text)"
        case 4: text = "any anomalies \(s.prep) \(t.text)"
        case 5: text = "did anything blow up \(s.prep) \(t.text)"
        case 6: text = "did anything spike \(t.text)"
        case 7: text = "did anything break \(s.prep) \(t.text)"
        case 8: text = "any outliers in \(mText) \(s.prep) \(t.text)"
        default: text = "anomalies in \(mText) \(t.text)"
        }
        return CorpusItem(question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "anomalies", form: "anomalies|scope:\(s.tag)")
    }

    mutating func lineage() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let text: String
        var metric: String
        let kind = rng.int(6)
        switch kind {
        case 0, 1:
            metric = rng.pick(CorpusVocabulary.derived)
            let m = phrase(metric).text
            text = kind == 0 ? "what is \(m) calculated from" : "what is \(m) made from"
        case 2:
            metric = rng.pick(CorpusVocabulary.additive)
            text = "which metrics depend on \(phrase(metric).text)"
        case 3:
            metric = anyMetric()
            text = "if \(phrase(metric).text) is off, what else is affected"
        case 4:
            metric = anyMetric()
            text = "if the \(phrase(metric).text) numbers are wrong, what else is off"
        default:
            metric = anyMetric()
            text = "if \(phrase(metric).text) is broken what else is affected"
        }
        return CorpusItem(question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "lineage", metrics: [metric], form: "lineage_\(kind)")
    }

    mutating func unsupported() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let (mText, _) = phrase(anyMetric(), typos: false)
        let s = scope(ctx, [CorpusRange(ctx.today.adding(-7), ctx.today.adding(-1))], noneShare: 0.5)
        let campaign = rng.pick(CorpusWorld.entities.filter { $0.level == .campaign })
        let text: String
        let kind = rng.int(14)
        switch kind {
        case 0: text = "\(mText) \(s.prep) next week"
        case 1: text = "forecast \(mText) for next month"
        case 2: text = "predict \(mText) \(s.prep) next quarter"
        case 3: text = "what will \(mText) be tomorrow"
        case 4: text = "how much will we spend \(s.prep) next week"
        case 5: text = rng.pick(["what's the LTV of our customers", "customer lifetime value \(s.prep)", "ltv by campaign", "what is our lifetime value per customer"])
        case 6: text = "pause the worst ad \(s.prep)"
        case 7: text = "raise the budget on \(campaign.name)"
        case 8: text = "create a campaign on \(rng.pick(CorpusWorld.providers).aliases[0])"
        case 9: text = rng.pick(["what's the weather in lisbon", "how is the weather today", "will it rain in oslo"])
        case 10: text = rng.pick(["write a poem about autumn", "write me a short poem", "tell me a joke"])
        case 11: text = rng.pick(["who won the world cup in 2018", "what's the capital of peru", "translate good morning into german"])
        case 12: text = "\(mText) tomorrow \(s.prep)"
        default: text = "raise the budget \(s.prep) by 20%"
        }
        return CorpusItem(question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "unsupported", form: "unsupported_\(kind)")
    }

    static let unknownProviders: [(text: String, names: [String])] = [
        ("snapchat", ["snapchat"]), ("Snapchat", ["snapchat"]), ("snap", ["snap", "snapchat"]), ("twitter", ["twitter"]),
        ("quora", ["quora"]), ("taboola", ["taboola"]), ("outbrain", ["outbrain"]),
    ]
    static let fakeCampaigns = ["Blue Falcon", "Midnight Orchard", "Velvet Thunder", "Granite Peak Series", "Coral Bay Promo", "Silver Comet", "Iron Maple"]
    static let unknownMetrics: [(text: String, names: [String])] = [
        ("bounce rate", ["bounce"]), ("reach", ["reach"]), ("frequency", ["frequency"]), ("engagement rate", ["engagement"]),
        ("video views", ["video", "views"]), ("follower growth", ["follower"]),
    ]

    mutating func clarify() -> CorpusItem? {
        let ctx = pickAsOf(allowRestricted: false)
        let t = time(ctx)
        let metric = anyMetric()
        let (mText, _) = phrase(metric, typos: false)
        let text: String
        let names: [String]
        let kind = rng.int(10)
        switch kind {
        case 0, 1, 2:
            let u = rng.pick(Self.unknownProviders)
            names = u.names
            switch rng.int(6) {
            case 0: text = "\(mText) on \(u.text) \(t.text)"
            case 1: text = "what did \(u.text) cost us \(t.text)"
            case 2: text = "\(u.text) \(mText) \(t.text)"
            case 3: text = "top campaigns on \(u.text) by \(mText) \(t.text)"
            case 4: text = "\(u.text) vs \(rng.pick(CorpusWorld.providers).aliases[0]) \(mText) \(t.text)"
            default: text = "daily \(mText) for \(u.text) \(t.text)"
            }
        case 3, 4:
            let fake = rng.pick(Self.fakeCampaigns)
            names = CorpusVocabulary.tokens(fake)
            let f = rng.chance(0.5) ? fake : fake.lowercased()
            switch rng.int(4) {
            case 0: text = "\(mText) for the \(f) campaign \(t.text)"
            case 1: text = "what did the \(f) campaign cost us \(t.text)"
            case 2: text = "\(f) campaign \(mText) \(t.text)"
            default: text = "how did \(f) do on \(mText) \(t.text)"
            }
        case 5, 6:
            let candidates = CorpusWorld.entities.filter { $0.level == .campaign || $0.level == .adset }
            let entity = rng.pick(candidates)
            var words = entity.name.split(separator: " ").map(String.init)
            var garbled: [String] = []
            for i in words.indices {
                if let g = CorpusVocabulary.garble(words[i], &rng) { words[i] = g; garbled.append(g) }
            }
            guard !garbled.isEmpty else { return nil }
            names = garbled
            let level = entity.level == .campaign ? "campaign" : "ad set"
            text = "\(mText) for the \(words.joined(separator: " ").replacingOccurrences(of: " - ", with: " ")) \(level) \(t.text)"
        case 7, 8:
            let u = rng.pick(Self.unknownMetrics)
            names = u.names
            let s = scope(ctx, [t.range])
            text = rng.chance(0.5) ? "what was our \(u.text) \(s.prep) \(t.text)" : "\(s.adj) \(u.text) \(t.text)"
        default:
            // Equally close to two names: "fights" is one edit from both "Lights" and "Nights".
            names = ["fights"]
            text = rng.chance(0.5) ? "\(mText) for harbor fights \(t.text)" : "how much did harbor fights spend \(t.text)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "clarify", unknownWords: names,
            form: "clarify_\(["provider", "provider", "provider", "campaign", "campaign", "garbled", "garbled", "metric", "metric", "ambiguous"][kind])")
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

extension CorpusTimeExpr {
    /// For the "common" pick: the range of whatever text was drawn.
    func fixed(_ today: CorpusDay) -> CorpusTimeExpr {
        var copy = self
        switch text {
        case "yesterday":
            copy.range = CorpusRange(today.adding(-1), today.adding(-1)); copy.tag = "yesterday"
        case "last week":
            copy.range = CorpusRange(today.monday.adding(-7), today.monday.adding(-1)); copy.span = .full(.week); copy.tag = "last_week"
        case "this month":
            copy.range = CorpusRange(today.monthStart, today); copy.span = .toDate(.month); copy.tag = "this_month"
        default:
            copy.tag = "last_n"
        }
        return copy
    }
}
