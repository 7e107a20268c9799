import Foundation

/// Words the corpus says things with, and the typos it makes of them, by rule.
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
    static let additive = [
        "spend", "revenue", "clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors", "profit",
    ]
    static let countable = ["clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors"]
    static let costRatios = ["cpc", "cpm", "cpa", "cpl", "cpi", "cpp"]
    static let otherRatios = ["roas", "poas", "arpv", "aov", "ctr", "cvr"]
    static let derived = costRatios + otherRatios
    /// "cheapest ... per X" → the cost ratio.
    static let perUnit: [(text: String, metric: String)] = [
        ("per click", "cpc"), ("per conversion", "cpa"), ("per lead", "cpl"), ("per install", "cpi"),
        ("per purchase", "cpp"), ("per 1000 impressions", "cpm"),
    ]

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let monthShort = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

    /// Words the questions use besides names, for the typo generator's closeness check.
    static let words: Set<String> = {
        var all: Set<String> = []
        let phrases =
            metricPhrases.values.flatMap { $0 } + additive + costRatios + otherRatios
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
        let a = Array(a)
        let b = Array(b)
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
