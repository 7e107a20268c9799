/// Every word the embedded understanding knows, for spelling correction and for telling an
/// explained question from one with a word left over.
enum Vocabulary {
    static let timeWords: Set<String> = {
        var words = Set(TimeParser.months.keys).union(TimeParser.weekdays.keys).union(TimeParser.units.keys)
        words.formUnion(TimeParser.ordinals.keys)
        words.formUnion(TimeParser.joiners.flatMap { $0.split(separator: " ").map(String.init) })
        words.formUnion(TimeParser.leads)
        words.formUnion(NumberWords.values.keys)
        words.formUnion([
            "today", "yesterday", "tomorrow", "ago", "since", "last", "past", "this", "next", "previous", "prior", "preceding", "trailing",
            "rolling", "recent", "coming", "following", "same", "period", "date", "dates", "earlier", "before", "after", "until", "mtd",
            "qtd",
            "ytd", "wtd", "l7d", "l14d", "l30d", "l90d", "weekday", "weekend", "morning", "afternoon", "evening", "hourly", "daily",
            "weekly",
            "monthly", "quarterly", "yearly", "annual", "calendar", "so", "far", "yday", "iso",
        ])
        return words
    }()

    /// The words of the copilot's own phrases: intents, grains, metrics, platforms and dimensions.
    static let phraseWords: Set<String> = {
        var phrases: [String] =
            Lexicon.metricPhrases.map(\.phrase) + Lexicon.platforms.flatMap(\.phrases) + Lexicon.dimensionWords.map(\.phrase)
        phrases += IntentWords.lineageUpstream + IntentWords.lineageDownstream + IntentWords.suspicion + IntentWords.anomalies
        phrases += IntentWords.explain + IntentWords.down + IntentWords.up + IntentWords.trend + IntentWords.compare + IntentWords.rank
        phrases +=
            IntentWords.better + IntentWords.worse + IntentWords.cheaper + IntentWords.pricier + IntentWords.overShorthand.map(\.phrase)
        phrases +=
            IntentWords.unsupported.flatMap(\.phrases) + QuestionParser.grains.map(\.phrase) + IntentWords.wholeAccount
            + IntentWords.actions + IntentWords.dramatic
        return Set(phrases.flatMap { $0.split(separator: " ").map(String.init) })
    }()

    /// Words a typo may be corrected to in one workspace: everything the copilot knows except
    /// short filler words (a 4-letter typo is more likely a word it does not know than "then").
    static func spelling(names: Set<String>, providers: Set<String>, metrics: Set<String>, phrases: [(phrase: String, metric: String)])
        -> Spelling
    {
        // The named days are targets but not the copilot's own words: "the black friday campaign"
        // may still name a campaign by part of its name (``EntityIndex``).
        let content = timeWords.union(names).union(providers).union(metrics).union(Lexicon.platforms.flatMap(\.phrases))
            .union(TimeParser.holidayWords)
        let secondary = phraseWords.union(Fillers.words.filter { $0.count >= 5 })
        var meanings: [String: String] = [:]
        for (phrase, metric) in phrases where !phrase.contains(" ") { meanings[phrase] = metric }
        return Spelling(targets: content, secondary: secondary, meanings: meanings)
    }

    static func isKnown(_ word: String) -> Bool {
        timeWords.contains(word) || phraseWords.contains(word) || Fillers.words.contains(word)
    }
}
