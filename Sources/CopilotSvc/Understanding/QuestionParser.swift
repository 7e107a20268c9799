import MetricxProtos
import MetricxSemantics

/// The embedded understanding: a question (and the conversation's previous understanding) to an
/// intent and a SemanticQuery, with no external service.
///
/// It reads in steps, each marking the words it explains: spelling first (a word it does not
/// know becomes the known word it is closest to), then the workspace's names (so "Lead Magnet"
/// is a campaign, not leads), providers, time, grain, metrics, dimensions and intent words. What
/// is left must be filler; a word that is not ("snapchat" in a workspace without it, a campaign
/// that does not exist, "roi") makes the answer a clarifying question that names it, because an
/// answer computed without it would be a number for something else.
struct QuestionParser: Sendable {
    let today: CalendarDay
    let entities: EntityIndex
    var providers = ProviderIndex([])
    var vocabulary = MetricVocabulary.builtin

    init(today: CalendarDay, entities: EntityIndex, providers: ProviderIndex = ProviderIndex([])) {
        self.today = today
        self.entities = entities
        self.providers = providers
    }

    /// What the steps found in one question.
    struct Reading {
        var words: Words
        var entities: [EntityIndex.Match] = []
        var providers: [String] = []
        var absentProviders: [String] = []
        var times: [TimeMention] = []
        var grain: String?
        var metrics: [String] = []
        var dimensions: [String] = []
        var cues: Set<Cue> = []
        var limit: Int?
        var unsupportedReason: String?
        var providerNamedAds = false
        /// "all our campaigns", "every ad": the whole list, not the top ten.
        var everyOne = false
        /// Ads were named only as "my ads" / "our ads": the advertising, not a level to list.
        var possessiveAds = false
    }

    enum Cue: Hashable {
        case explain, dramatic, anomalies, upstream, downstream, suspicion, trend, compare, rank, ascending, descending, better, worse
        /// "cheaper than", "more expensive than": a comparison of costs, lowest or highest first.
        case cheaper, pricier
        case segmentsOr
        case down, up
    }

    func parse(_ question: String, previous: Understanding?) -> Understanding {
        var reading = read(question)
        let leftUnexplained = !Self.unexplained(reading.words).isEmpty
        let whole = decide(&reading, previous: previous)
        // Words no step explains may be the context the question was told in (``askAmidContext``).
        guard !whole.isUnderstood, leftUnexplained else { return whole }
        return askAmidContext(question, previous: previous) ?? whole
    }

    // MARK: - Reading

    /// Words before a platform's name that make it the platform, not its ads: "from ms ads".
    static let platformPrepositions: Set<String> = ["from", "on", "in", "across", "via", "through", "at", "within", "for"]

    func read(_ question: String) -> Reading {
        var reading = Reading(words: Words(question))
        correctSpelling(&reading.words)
        reading.entities = entities.match(&reading.words)
        for found in providers.match(&reading.words) {
            switch found.match {
            case .present(let values):
                for value in values where !reading.providers.contains(value) { reading.providers.append(value) }
                // "rank our tiktok ads": the platform's name ends with the ads to rank, unless a
                // preposition makes it the platform's name alone ("top 3 from ms ads").
                if reading.words.word(found.span.upperBound - 1) == "ads",
                    !Self.platformPrepositions.contains(reading.words.word(found.span.lowerBound - 1) ?? "")
                {
                    reading.providerNamedAds = true
                    reading.everyOne = reading.everyOne || Self.isEvery(before: found.span.lowerBound, in: reading.words)
                }
            case .absent(let typed):
                reading.absentProviders.append(reading.words.original[found.span].joined(separator: " ").nonEmpty ?? typed)
            }
        }
        takeWholeAccount(&reading.words)
        reading.times = TimeParser(today: today).parse(&reading.words)
        reading.unsupportedReason = takeAction(&reading.words)
        reading.grain = takeGrain(&reading.words)
        reading.metrics = takeMetrics(&reading.words)
        // "what did each conversion cost on average": a ratio is already the average; of a sum
        // ("average daily spend") it is not, and stays unexplained.
        if !reading.metrics.isEmpty, reading.metrics.allSatisfy({ MetricCatalog.builtin[$0]?.isAdditive == false }) {
            reading.words.takeAll(["on average", "average", "avg"])
        }
        if reading.words.takeAll(Lexicon.revenueVerbs), reading.metrics.isEmpty { reading.metrics = ["revenue"] }
        takeDimensions(&reading)
        reading.cues = takeCues(&reading.words)
        reading.limit = takeLimit(&reading.words, cues: reading.cues, dimensions: reading.dimensions)
        if reading.limit == nil, reading.everyOne, !reading.dimensions.isEmpty || reading.providerNamedAds {
            reading.limit = Self.maximumLimit
        }
        reading.unsupportedReason = reading.unsupportedReason ?? takeUnsupported(&reading.words)
        return reading
    }

    /// Replaces each word the copilot does not know by the known word it is closest to
    /// (`Spelling`), and a plural of a known word by the word.
    private func correctSpelling(_ words: inout Words) {
        let names = entities.nameWords
        let providerWords = providers.words
        let metricWords = Set(vocabulary.phrases.flatMap { $0.phrase.split(separator: " ").map(String.init) })
        func known(_ word: String) -> Bool {
            Vocabulary.isKnown(word) || names.contains(word) || providerWords.contains(word) || metricWords.contains(word)
        }
        var spelling: Spelling?
        for index in 0..<words.count {
            let word = words[index]
            guard !known(word), word.allSatisfy(\.isLetter) else { continue }
            // "visitorss", "leadss": a doubled plural is the plural.
            if word.hasSuffix("s"), known(String(word.dropLast())), !Fillers.words.contains(String(word.dropLast())) {
                words.replace(index, with: String(word.dropLast()))
                continue
            }
            if spelling == nil {
                spelling = Vocabulary.spelling(names: names, providers: providerWords, metrics: metricWords, phrases: vocabulary.phrases)
            }
            if let corrected = spelling?.correction(of: word) { words.replace(index, with: corrected) }
        }
    }

    static let grains: [(phrase: String, grain: String)] = [
        ("every 15 minutes", "15min"), ("15 minute", "15min"), ("15 minutes", "15min"), ("15min", "15min"), ("quarter hourly", "15min"),
        ("hourly", "hour"), ("by hour", "hour"), ("per hour", "hour"), ("each hour", "hour"), ("hour by hour", "hour"),
        ("every hour", "hour"),
        ("daily", "day"), ("by day", "day"), ("per day", "day"), ("each day", "day"), ("day by day", "day"), ("every day", "day"),
        ("a day", "day"),
        ("day over day", "day"), ("day on day", "day"), ("dod", "day"),
        ("weekly", "week"), ("by week", "week"), ("per week", "week"), ("each week", "week"), ("week by week", "week"),
        ("every week", "week"),
        ("monthly", "month"), ("by month", "month"), ("per month", "month"), ("each month", "month"), ("month by month", "month"),
        ("every month", "month"),
    ]

    private func takeGrain(_ words: inout Words) -> String? {
        var grain: String?
        for (phrase, value) in Self.grains.sorted(by: { $0.phrase.count > $1.phrase.count }) where words.take(phrase) != nil {
            grain = grain ?? value
        }
        return grain
    }

    private func takeMetrics(_ words: inout Words) -> [String] {
        var hits: [(span: Range<Int>, metric: String)] = []
        for (phrase, metric) in vocabulary.phrases {
            while let span = words.take(phrase) {
                if !hits.contains(where: { $0.metric == metric }) { hits.append((span, metric)) }
            }
        }
        hits.sort { $0.span.lowerBound < $1.span.lowerBound }
        // "which ad cost me the most per click": the cost is per click, not spend beside CPC;
        // "spend and cost per click" still asks for both.
        if let spend = hits.firstIndex(where: { $0.metric == "spend" && $0.span.count == 1 }),
            Self.costWords.contains(words[hits[spend].span.lowerBound]),
            let ratio = hits.first(where: { hit in
                hit.span.lowerBound > hits[spend].span.upperBound && words[hit.span.lowerBound] == "per"
                    && MetricCatalog.builtin[hit.metric]?.higherIsBetter == false
            }),
            ratio.span.lowerBound - hits[spend].span.upperBound <= 5,
            !(hits[spend].span.upperBound..<ratio.span.lowerBound).contains(where: { Self.metricJoiners.contains(words[$0]) })
        {
            hits.remove(at: spend)
        }
        // "back for every dollar we put into ads": the spend is the dollar already counted.
        if let roas = hits.first(where: { $0.metric == "roas" && words[$0.span.upperBound - 1] == "dollar" }),
            let spend = hits.firstIndex(where: { $0.metric == "spend" && (0...3).contains($0.span.lowerBound - roas.span.upperBound) })
        {
            hits.remove(at: spend)
        }
        return hits.map(\.metric)
    }

    /// Single words that read as spend but, before "per <unit>", are that unit's cost.
    static let costWords: Set<String> = ["cost", "costs", "costing", "spend", "spent", "paid", "pay", "paying"]
    /// Words that list metrics side by side: "spend and cost per click".
    static let metricJoiners: Set<String> = ["and", "plus", "or", "vs", "versus", "with", "also"]

    private func takeDimensions(_ reading: inout Reading) {
        var possessive: Bool?
        for (phrase, dimension) in Lexicon.dimensionWords {
            while let span = reading.words.take(phrase) {
                if !reading.dimensions.contains(dimension) { reading.dimensions.append(dimension) }
                reading.everyOne = reading.everyOne || Self.isEvery(before: span.lowerBound, in: reading.words)
                if dimension == "ad" {
                    let owned = phrase == "ads" && ["my", "our", "your"].contains(reading.words.word(span.lowerBound - 1) ?? "")
                    possessive = (possessive ?? true) && owned
                }
            }
        }
        reading.possessiveAds = possessive ?? false
    }

    /// "across all channels", "in total": the account as a whole, no breakdown; but "list all
    /// channels" asks for each of them.
    private func takeWholeAccount(_ words: inout Words) {
        for phrase in IntentWords.wholeAccount {
            let parts = phrase.split(separator: " ").map(String.init)
            var from = 0
            while let start = words.find(parts, from: from) {
                from = start + 1
                if parts[0] == "all", IntentWords.listing.contains(words.word(start - 1) ?? "") { continue }
                words.markUsed(start..<(start + parts.count))
            }
        }
    }

    /// The most rows a breakdown may ask MetricsSvc for (its `breakdown.limit` bound): what
    /// "all our ads" asks for; a larger number in a question is not a limit.
    static let maximumLimit = 1_000

    /// Whether "all", "every" or "each" comes before `index`, past possessives and articles:
    /// "all our ads", "every one of the campaigns", "each of my ad sets".
    static func isEvery(before index: Int, in words: Words) -> Bool {
        var cursor = index - 1
        while let word = words.word(cursor), ["our", "my", "the", "your", "of", "one", "single"].contains(word) { cursor -= 1 }
        return ["all", "every", "each"].contains(words.word(cursor) ?? "")
    }

    private func takeCues(_ words: inout Words) -> Set<Cue> {
        var cues: Set<Cue> = []
        // "break down by" is a breakdown, not something breaking.
        if words.takeAll(["break down", "broken down", "breakdown", "split by", "split", "segmented by", "grouped by", "group by"]) {
            cues.insert(.rank)
        }
        let table: [(Cue, [String])] = [
            (.dramatic, IntentWords.dramatic),
            (.explain, IntentWords.explain), (.anomalies, IntentWords.anomalies),
            (.upstream, IntentWords.lineageUpstream), (.downstream, IntentWords.lineageDownstream), (.suspicion, IntentWords.suspicion),
            (.trend, IntentWords.trend), (.cheaper, IntentWords.cheaper), (.pricier, IntentWords.pricier), (.better, IntentWords.better),
            (.worse, IntentWords.worse),
            (.ascending, IntentWords.ascending), (.descending, IntentWords.descending), (.rank, IntentWords.rank),
            (.compare, IntentWords.compare.filter { $0 != "or" }), (.down, IntentWords.down), (.up, IntentWords.up),
        ]
        for (cue, phrases) in table {
            for phrase in phrases.sorted(by: { $0.split(separator: " ").count > $1.split(separator: " ").count })
            where words.takeAll([phrase]) {
                cues.insert(cue)
            }
        }
        if cues.contains(.dramatic) { cues.formUnion([.explain]) }
        if words.takeAll(["or"]) { cues.insert(.segmentsOr) }
        return cues
    }

    /// "top 3", "5 best", "the ten most expensive", "3 ads": a number next to a ranking word or a
    /// dimension is how many rows to show.
    private func takeLimit(_ words: inout Words, cues: Set<Cue>, dimensions: [String]) -> Int? {
        guard
            cues.contains(.rank) || cues.contains(.ascending) || cues.contains(.descending) || cues.contains(.better)
                || cues.contains(.worse)
                || !dimensions.isEmpty
        else { return nil }
        for index in words.leftoverIndices {
            guard let value = NumberWords.value(words[index]), (1...Self.maximumLimit).contains(value) else { continue }
            words.markUsed(index..<(index + 1))
            return value
        }
        return nil
    }

    private func takeUnsupported(_ words: inout Words) -> String? {
        for (phrases, reason) in IntentWords.unsupported {
            for phrase in phrases.sorted(by: { $0.split(separator: " ").count > $1.split(separator: " ").count })
            where words.take(phrase) != nil {
                return reason
            }
        }
        return nil
    }

    /// An imperative: the first word that is not filler ("please", "can you") is an action.
    private func takeAction(_ words: inout Words) -> String? {
        guard let first = words.leftoverIndices.first(where: { !Fillers.words.contains(words[$0]) }) else { return nil }
        if IntentWords.writing.contains(words[first]) {
            words.markUsed(first..<(first + 1))
            return IntentWords.writingReason
        }
        for action in IntentWords.actions.sorted(by: { $0.count > $1.count }) {
            let parts = action.split(separator: " ").map(String.init)
            if words.find(parts, from: first) == first {
                words.markUsed(first..<(first + parts.count))
                return IntentWords.actionReason
            }
        }
        return nil
    }

    /// The words no step explained and that are not filler.
    static func unexplained(_ words: Words) -> [Int] {
        let leftover = words.leftoverIndices
        // "clicks per dollar": a rate of something no step read is not the count beside it.
        let rates = Set(leftover.filter { words[$0] == "per" && words.isFree($0 + 1) }.flatMap { [$0, $0 + 1] })
        return leftover.filter { !Fillers.words.contains(words[$0]) || rates.contains($0) }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
