import MetricxProtos
import MetricxSemantics
import Testing

@testable import CopilotSvc

/// Words the copilot does not know never vanish: they make a clarifying question, while typos,
/// the workspace's own providers and shorthand are understood.
struct ClarificationTests {
    static let parser = QuestionParser(
        today: CalendarDay("2026-11-19")!,
        entities: EntityIndex([
            ("campaign", "Black Friday Blowout"), ("campaign", "Evergreen Prospecting"), ("campaign", "Summer Splash"),
            ("campaign", "Super Saver"),
            ("adset", "Lookalike 2%"), ("ad", "UGC Testimonial"),
        ]),
        providers: ProviderIndex(["meta", "google", "tiktok", "microsoft_ads"]))

    func parse(_ question: String) -> Understanding { Self.parser.parse(question, previous: nil) }

    @Test func aPlatformTheWorkspaceDoesNotHaveIsAskedAbout() {
        let answer = parse("what did snapchat cost us in october?")
        #expect(answer.intent == .clarify)
        #expect(answer.message?.contains("snapchat") == true)
        #expect(answer.message?.contains("meta") == true)
        #expect(answer.query == Metricx_V1_SemanticQuery())
    }

    @Test func wordsTypedTogetherAreNamedTogether() {
        let answer = parse("what's the cpc for the winter promo campaign?")
        #expect(answer.intent == .clarify)
        #expect(answer.message?.hasPrefix("I don't know what “winter promo” refers to") == true, "\(answer.message ?? "")")
        // Apart, they are named apart.
        let apart = parse("winter cpc for promo")
        #expect(apart.message?.contains("“winter” and “promo”") == true, "\(apart.message ?? "")")
    }

    @Test(arguments: [
        ("tiktok spend yesterday", ["tiktok"]), ("tik tok spend yesterday", ["tiktok"]), ("fb spend", ["meta"]), ("ig roas", ["meta"]),
        ("g ads clicks", ["google"]), ("ms ads cpc", ["microsoft_ads"]), ("bing cpc", ["microsoft_ads"]),
    ])
    func providersFromTheWorkspaceAndTheirAliases(question: String, values: [String]) {
        let answer = parse(question)
        #expect(answer.intent == .metricValue, "\(question): \(answer.message ?? "")")
        #expect(answer.query.filters.first { $0.dimension == "provider" }?.values == values, "\(question)")
    }

    @Test(arguments: [
        ("revnue last week", "revenue"), ("conversoins yesterday", "conversions"), ("impresions this month", "impressions"),
        ("how much did we spedn", "spend"), ("how much did we pay for clicks", "spend"), ("what did clicks cost us", "spend"),
        ("cost per conversoin", "cpa"), ("clikc through rate", "ctr"),
        // A typo in a phrase's last word keeps the phrase: not CPM and impressions.
        ("cost per 1000 impressiosn", "cpm"), ("cost per thousand impresisons", "cpm"),
        // Typed on a phone.
        ("how much r we paying per purchase on google", "cpp"), ("how much rev did we do yday", "revenue"),
        ("what did u spend w meta this wk", "spend"),
    ])
    func typosAndShorthandInMetricWords(question: String, metric: String) {
        let answer = parse(question)
        #expect(answer.query.metrics == [metric], "\(question): \(answer.intent) \(answer.message ?? "")")
    }

    @Test func cheapestPerConversionIsTheLowestCPA() {
        let answer = parse("cheapest campaign per conversion last month")
        #expect(answer.intent == .rank)
        #expect(answer.query.metrics == ["cpa"])
        #expect(answer.query.breakdown.order == "asc")
        #expect(answer.query.breakdown.dimension == "campaign")
    }

    @Test func segmentsSideBySideKeepBothSides() {
        let providers = parse("is tiktok cheaper per click than meta?")
        #expect(providers.intent == .compare)
        #expect(providers.query.metrics == ["cpc"])
        #expect(providers.query.filters.first?.values == ["tiktok", "meta"])
        #expect(providers.query.breakdown.dimension == "provider")
        let campaigns = parse("how do summer splash and super saver stack up on roas")
        #expect(campaigns.intent == .compare)
        #expect(campaigns.query.filters.first?.values == ["Summer Splash", "Super Saver"])
        #expect(campaigns.query.breakdown.dimension == "campaign")
    }

    @Test func typosInNamesAreForgivenButAnEqualTieIsAsked() {
        #expect(parse("roas for black firday blowout").query.filters.first?.values == ["Black Friday Blowout"])
        #expect(parse("roas of evergren prospecting").query.filters.first?.values == ["Evergreen Prospecting"])
        let unknown = parse("spend for the cyber monday campaign")
        #expect(unknown.intent == .clarify)
        #expect(unknown.message?.contains("cyber monday") == true, "\(unknown.message ?? "")")
    }

    @Test func anUnknownMetricWordIsNotDropped() {
        let answer = parse("what is our roi on meta last week")
        #expect(answer.intent == .clarify, "\(answer.intent)")
        #expect(answer.message?.contains("roi") == true)
    }

    @Test(arguments: [
        ("what happened to roas last week", Understanding.Intent.explain), ("cpc went through the roof yesterday, why?", .explain),
        ("revenue tanked this week", .explain), ("anything odd in spend?", .anomalies), ("did anything blow up yesterday", .anomalies),
        ("if the spend numbers are off, what else is off?", .lineage), ("forecast revenue", .unsupported),
        ("what is our ltv", .unsupported),
        ("pause the worst ad", .unsupported), ("raise the budget on meta", .unsupported), ("whats the weather in paris", .unsupported),
        ("spend l7d", .metricValue), ("break down spend by campaign", .rank),
    ])
    func intentWords(question: String, intent: Understanding.Intent) {
        #expect(parse(question).intent == intent, "\(question): \(parse(question).intent) \(parse(question).message ?? "")")
    }

    @Test func aNameThatDoesNotExistIsAskedAboutEvenWithoutAMetric() {
        let answer = parse("how's the winter warmup campaign doing")
        #expect(answer.intent == .clarify, "\(answer.intent) \(answer.message ?? "")")
        #expect(answer.message?.contains("winter") == true)
        // An action word inside a name is not a request to act.
        let launch = parse("roas for the autumn launch campaign")
        #expect(launch.intent == .clarify, "\(launch.intent)")
    }

    @Test(arguments: [
        ("please turn off the tiktok campaign", Understanding.Intent.unsupported), ("can you pause summer splash", .unsupported),
        ("which platforms drove the most revenue last month", .rank), ("how many leads came from meta yesterday", .metricValue),
        ("did anything break over the weekend", .anomalies), ("profit for the quarter so far", .metricValue),
        ("if spend is wrong what does that break downstream", .lineage), ("why did cpc fall off a cliff in october", .explain),
    ])
    func everydayWordsAroundTheQuestion(question: String, intent: Understanding.Intent) {
        let answer = parse(question)
        #expect(answer.intent == intent, "\(question): \(answer.intent) \(answer.message ?? "")")
    }

    @Test func howMuchWeMadeIsRevenueUnlessTheMetricIsNamed() {
        #expect(parse("how much did we make last week").query.metrics == ["revenue"])
        #expect(parse("how much profit did we make last week").query.metrics == ["profit"])
    }

    @Test func aPlatformsAdsAreRankedAsAds() {
        let answer = parse("rank our tiktok ads by ctr")
        #expect(answer.query.breakdown.dimension == "ad")
        #expect(answer.query.filters.first?.values == ["tiktok"])
        // After a preposition the name is the platform's alone: its campaigns are ranked.
        let platform = parse("top 3 by ctr from tiktok ads")
        #expect(platform.query.breakdown.dimension == "campaign")
        #expect(platform.query.filters.first?.values == ["tiktok"])
    }
}
