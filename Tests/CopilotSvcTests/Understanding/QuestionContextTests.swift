import MetricxProtos
import MetricxSemantics
import Testing

@testable import CopilotSvc

/// A question told with its context is answered from the sentence that asks, but only when the
/// other sentences cannot change the number; otherwise the words are asked about as before.
struct QuestionContextTests {
    static let parser = QuestionParser(
        today: CalendarDay("2026-11-19")!,
        entities: EntityIndex([
            ("campaign", "Harvest Deals"), ("campaign", "Always On Search"), ("ad", "Carousel Autumn"),
        ]),
        providers: ProviderIndex(["meta", "google"]))

    func parse(_ question: String) -> Understanding { Self.parser.parse(question, previous: nil) }

    @Test(arguments: [
        // Context before the ask, after it, and around it; sentences end with ".", "!", "?" or ":".
        "We have a review with the board soon. What was spend on Meta last week?",
        "My boss keeps bugging me about this: what was spend on Meta last week?",
        "What was spend on Meta last week? Need it for a deck I'm putting together.",
        "Hi there! Quick favour for a colleague. What was spend on Meta last week? Cheers.",
        // Context that repeats what the ask names changes nothing.
        "Meta spend looks heavy to my manager. What was spend on Meta last week?",
    ])
    func contextAroundAnAskIsSetAside(question: String) {
        let answer = parse(question)
        #expect(answer.intent == .metricValue, "\(question): \(answer.message ?? "")")
        #expect(answer.query.metrics == ["spend"])
        #expect(answer.query.filters.map(\.dimension) == ["provider"])
        #expect(answer.query.filters.first?.values == ["meta"])
        #expect(answer.query.timeRange.preset == "last_week", "\(question)")
    }

    @Test(arguments: [
        // A name in the context the ask does not repeat: the spend may have been meant to be its.
        "Harvest Deals is what my manager worries about. What was spend last week?",
        // A capitalised word inside a sentence may be the name of something in the account.
        "The Winter Promo numbers worry me. What was spend last week?",
        // A word beside a level word names a campaign.
        "the winter promo campaign worries me. What was spend last week?",
        // A period, a metric or a provider of its own.
        "We changed bids yesterday. What was spend last week?",
        "Our conversions worry the team. What was spend last week?",
        "google worries the team. What was spend last week?",
        // A ranking or comparison word of its own.
        "I need the top ones for the board. What was spend last week?",
        // Two sentences that each ask.
        "What was spend last week? And clicks yesterday, roughly, for the board?",
    ])
    func contextThatMayChangeTheNumberIsAskedAbout(question: String) {
        let answer = parse(question)
        #expect(!answer.isUnderstood, "\(question): \(answer.intent) \(answer.query.metrics)")
    }

    @Test func aContextMayAskForWhatTheAskIsAnyway() {
        let answer = parse("I'm building a chart for the team. Daily CPA on Google for the last 14 days?")
        #expect(answer.intent == .trend, "\(answer.message ?? "")")
        #expect(answer.query.granularity == "day")
        // ... but not for something the ask is not.
        #expect(!parse("I need a chart for the board. What was spend last week?").isUnderstood)
    }

    @Test func oneSentenceWithUnknownWordsIsStillAskedAbout() {
        let answer = parse("what was spend for the board review last week?")
        #expect(answer.intent == .clarify)
        #expect(answer.message?.contains("board review") == true, "\(answer.message ?? "")")
    }

    @Test func sentencesAndClausesEndAtPunctuationBeforeASpaceOnly() {
        #expect(QuestionParser.clauses("ROAS 2.5 on 15.10.2026? Thanks. ok") == [["ROAS 2.5 on 15.10.2026?"], [" Thanks."], [" ok"]])
        #expect(QuestionParser.clauses("Context here: what was spend\nthanks") == [["Context here:", " what was spend"], ["thanks"]])
        #expect(QuestionParser.clauses("... ?") == [])
    }

    @Test func anAskMayRunOverAColon() {
        let answer = parse("My boss keeps bugging me. Click-through rate: aug 2-14 vs july 2-14")
        #expect(answer.intent == .compare, "\(answer.message ?? "")")
        #expect(answer.query.metrics == ["ctr"])
        #expect(answer.query.timeRange.dates.start == "2026-08-02")
        #expect(answer.query.comparison.custom.start == "2026-07-02")
    }
}
