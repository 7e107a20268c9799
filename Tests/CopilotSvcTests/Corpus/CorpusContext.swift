/// Questions told with their context: a sentence of why before or after the ask, composed from
/// people, situations and endings of this corpus's own, none of them a metric's word or written
/// with a capital inside the sentence. A context that names nothing leaves the expected
/// understanding as it is; one that names a campaign the workspace does not have (with a capital,
/// or beside "campaign") turns the question into a clarifying one that names it. Drawn from a
/// generator of its own, so the rest of the corpus is the same with or without it.
enum CorpusContext {
    static let people = [
        "My manager", "The client", "Our finance director", "The founder", "Someone from the agency", "My colleague",
        "Our head of marketing",
    ]
    static let situations = [
        "keeps asking me about this", "wants it before our catch up", "asked me to double check something",
        "is putting together slides", "needs it for a board pack", "is preparing the investor update",
        "asked me on the way out",
    ]
    static let endings = [".", ":", "!", " so bear with me."]
    static let afterwards = ["Thanks!", "Need it for a deck.", "Cheers.", "It's for the investor update.", "Much appreciated."]

    /// Answerable intents: the context is set aside. Clarifying and refused ones stay as made.
    static let answerable: Set<String> = ["metric_value", "compare", "rank", "trend", "explain", "anomalies", "lineage"]

    /// The item with a sentence of context before or after it, some of the time.
    static func wrap(_ item: CorpusItem, _ rng: inout SplitMix64) -> CorpusItem {
        guard answerable.contains(item.intent), rng.chance(0.12) else { return item }
        var item = item
        let situation = "\(rng.pick(people)) \(rng.pick(situations))"
        if rng.chance(0.6) {
            item.question = situation + rng.pick(endings) + " " + item.question
        } else {
            let question = item.question.hasSuffix("?") ? item.question : item.question + "?"
            item.question = question + " " + rng.pick(afterwards)
        }
        item.form += "+context"
        return item
    }

    /// An answerable item told after a sentence naming a campaign the workspace does not have:
    /// a clarifying question that names it.
    static func naming(_ item: CorpusItem, _ rng: inout SplitMix64) -> CorpusItem {
        let fake = rng.pick(CorpusGenerator.fakeCampaigns)
        let sentence =
            rng.chance(0.5)
            ? "\(rng.pick(people)) worries about \(fake)." : "\(rng.pick(people)) worries about the \(fake.lowercased()) campaign."
        return CorpusItem(
            question: sentence + " " + item.question, asOf: item.asOf, timezone: item.timezone, intent: "clarify",
            unknownWords: CorpusVocabulary.tokens(fake), form: "clarify_context_name")
    }
}
