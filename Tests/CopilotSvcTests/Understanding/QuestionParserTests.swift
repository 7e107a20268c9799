import MetricxProtos
import MetricxSemantics
import Testing

@testable import CopilotSvc

/// The embedded understanding on a Thursday, 2026-11-19, with a small set of entity names.
struct QuestionParserTests {
    static let parser = QuestionParser(
        today: CalendarDay("2026-11-19")!,
        entities: EntityIndex([
            ("campaign", "Winter Promo"), ("campaign", "Retargeting - Cart"), ("campaign", "Lead Magnet"), ("campaign", "Brand Search"),
            ("adset", "Winter Promo - Set 1"), ("ad", "WP Video 15s"), ("ad", "Carousel"), ("account", "Acme Meta"),
        ]),
        providers: ProviderIndex(["meta", "google", "tiktok"]))

    func parse(_ question: String, previous: Understanding? = nil) -> Understanding {
        Self.parser.parse(question, previous: previous)
    }

    func dates(_ range: Metricx_V1_TimeRange) -> String { "\(range.dates.start)..\(range.dates.end)" }

    // MARK: - Metrics and synonyms

    @Test(arguments: [
        ("what is the cost per click", "cpc"), ("return on ad spend please", "roas"), ("click-through rate on facebook", "ctr"),
        ("cost per lead this month", "cpl"), ("avg order value", "aov"), ("number of orders", "purchases"), ("profit on ad spend", "poas"),
        ("cost per thousand impressions", "cpm"), ("how many sign ups", "leads"),
    ])
    func metricSynonyms(question: String, metric: String) {
        #expect(parse(question).query.metrics == [metric], "\(question)")
    }

    @Test func aWorkspacesOwnMetricsAreReadByName() {
        var parser = Self.parser
        parser.vocabulary = MetricVocabulary([
            .with {
                $0.name = "net_roas"
                $0.formula = "(revenue - spend) / spend"
                $0.unit = "ratio"
            },
            .with {
                $0.name = "margin"
                $0.formula = "profit / revenue"
                $0.unit = "fraction"
            },
        ])
        #expect(parser.parse("net roas last week", previous: nil).query.metrics == ["net_roas"])
        #expect(parser.parse("what was net_roas on meta", previous: nil).query.metrics == ["net_roas"])
        #expect(parser.parse("margin by campaign", previous: nil).query.metrics == ["margin"])
        #expect(parser.parse("roas and spend yesterday", previous: nil).query.metrics == ["roas", "spend"])
        // Without the workspace's own "margin", the word is the catalog's profit.
        #expect(parse("margin by campaign").query.metrics == ["profit"])
    }

    @Test func providersAndTheirAliases() {
        #expect(parse("spend on instagram yesterday").query.filters.map(\.values) == [["meta"]])
        #expect(parse("adwords clicks").query.filters.map(\.values) == [["google"]])
        #expect(parse("clicks for Google Ads today").query.filters.map(\.values) == [["google"]])
    }

    // MARK: - Intents

    @Test func intents() {
        #expect(parse("revenue last month").intent == .metricValue)
        #expect(parse("which ad set had the most clicks").query.breakdown.dimension == "adset")
        #expect(parse("cpa by ad").intent == .rank)
        #expect(parse("spend per day in october").intent == .trend)
        #expect(parse("instagram versus adwords cpc").intent == .compare)
        #expect(parse("why did cpa go up last week").intent == .explain)
        #expect(parse("any outliers in spend?").intent == .anomalies)
        #expect(parse("how is cpa computed").intent == .lineage)
        #expect(parse("did anything look off yesterday?").intent == .anomalies)
        #expect(parse("if cpc looks off what else is affected").intent == .lineage)
        #expect(parse("if we redefine clicks, which metrics would be affected?").intent == .lineage)
        #expect(parse("cheapest campaign on a cost per acquisition basis").intent == .rank)
        #expect(parse("Provide impressions and clicks for the Winter Promo - Set 1 ad set yesterday").intent == .metricValue)
        #expect(
            parse("Sorry if this is a silly question, but could you maybe tell me how many conversions we picked up last week?").intent
                == .metricValue)
        #expect(parse("Any odd spikes today that I should flag to the client?").intent == .anomalies)
        #expect(parse("tell me a joke").intent == .unsupported)
        #expect(parse("").intent == .unsupported)
    }

    @Test func rankingKnowsThatALowerCostIsBetter() {
        let cheapest = parse("best 4 campaigns by cpa")
        #expect(cheapest.query.breakdown.order == "asc")
        #expect(cheapest.query.breakdown.limit == 4)
        #expect(parse("worst campaigns by roas").query.breakdown.order == "asc")
        #expect(parse("worst ads by cost per click").query.breakdown.order == "desc")
        #expect(parse("top five ads by revenue").query.breakdown.limit == 5)
        #expect(parse("campaign with the lowest ctr").query.breakdown.order == "asc")
    }

    @Test(arguments: [
        ("rank all our ads by roas last month", "ad", 1_000), ("show every campaign by spend", "campaign", 1_000),
        ("spend for each of the ad sets last week", "adset", 1_000), ("rank all our tiktok ads by ctr", "ad", 1_000),
        ("top 3 of all our campaigns by revenue", "campaign", 3), ("rank our ads by roas", "ad", 10),
        ("which campaign had the best roas each week", "campaign", 10), ("list all channels by conversions", "provider", 1_000),
    ])
    func allOrEveryListsTheWholeLevel(question: String, dimension: String, limit: Int32) {
        let answer = parse(question)
        #expect(answer.query.breakdown.dimension == dimension, "\(question): \(answer.intent) \(answer.message ?? "")")
        #expect(answer.query.breakdown.limit == limit, "\(question)")
    }

    @Test func aCostBeforePerUnitIsThatUnitsCost() {
        let ranked = parse("which one of my ads cost me the most per click last month?")
        #expect(ranked.intent == .rank)
        #expect(ranked.query.metrics == ["cpc"])
        #expect(ranked.query.breakdown.dimension == "ad")
        #expect(parse("what did each conversion cost me last week").query.metrics == ["cpa"])
        #expect(parse("spend and cost per click last week").query.metrics == ["spend", "cpc"])
        #expect(parse("cost/conv for Brand Search L14D").query.metrics == ["cpa"])
        #expect(parse("how much did I get back for every dollar I put into ads last month").query.metrics == ["roas"])
        #expect(parse("total advertising spend last quarter").query.metrics == ["spend"])
    }

    @Test func anAverageIsExplainedOnlyForARatio() {
        #expect(parse("avg CPC on Google yesterday").query.metrics == ["cpc"])
        #expect(parse("what did each conversion cost me on average last week").intent == .metricValue)
        // Of a sum an average is a different number: asked back, as is a rate of something unread.
        #expect(parse("average daily spend last week").intent == .clarify)
        #expect(parse("clicks per dollar last week").intent == .clarify)
    }

    @Test func myAdsAreTheAdvertisingUnlessRanked() {
        for question in ["how much profit did my ads make me this past week?", "How many clicks have my ads gotten since the 1st?"] {
            let answer = parse(question)
            #expect(answer.intent == .metricValue, "\(question): \(answer.intent)")
            #expect(!answer.query.hasBreakdown, "\(question)")
        }
        #expect(parse("which of my ads got the most clicks").query.breakdown.dimension == "ad")
        #expect(parse("clicks by ad").query.breakdown.dimension == "ad")
    }

    @Test func allChannelsIsTheirTotalUnlessListed() {
        for question in ["spend across all channels yesterday", "spend on all platforms yesterday"] {
            let answer = parse(question)
            #expect(answer.intent == .metricValue, "\(question)")
            #expect(!answer.query.hasBreakdown, "\(question)")
        }
    }

    @Test func segmentsSideBySide() {
        let providers = parse("facebook or google: where is cpa better?")
        #expect(providers.intent == .compare)
        #expect(providers.query.breakdown.dimension == "provider")
        #expect(providers.query.breakdown.order == "asc")
        let campaigns = parse("compare revenue of winter promo and lead magnet last week")
        #expect(campaigns.query.breakdown.dimension == "campaign")
        #expect(campaigns.query.filters.first { $0.dimension == "campaign" }?.values == ["Winter Promo", "Lead Magnet"])
        #expect(campaigns.query.timeRange.preset == "last_week")
    }

    // MARK: - Time

    @Test(arguments: [
        ("spend today", "today"), ("spend so far this quarter", "this_quarter"), ("ytd revenue", "this_year"),
        ("roas l7d", "last_7_days"), ("roas over the past 30 days", "last_30_days"), ("clicks for the last two weeks", "last_14_days"),
        ("revenue last quarter", "last_quarter"), ("spend wtd", "this_week"), ("cpc", "last_7_days"),
        ("cpc for the past fortnight", "last_14_days"), ("clicks last fortnight", "last_14_days"),
        ("this week's click-through rate", "this_week"), ("purchases during the previous week", "last_week"),
        ("cpm on google in the prior month", "last_month"), ("conversions for the last full week", "last_week"),
        ("spend l30d", "last_30_days"), ("convesions this wk", "this_week"), ("spend last qtr", "last_quarter"),
        ("daily clicks since the start of the month", "this_month"),
    ])
    func presets(question: String, preset: String) {
        #expect(parse(question).query.timeRange.preset == preset, "\(question)")
    }

    @Test(arguments: [
        ("spend in september", "2026-09-01..2026-09-30"),
        ("spend in december", "2025-12-01..2025-12-31"), // the most recent December
        ("spend in november", "2026-11-01..2026-11-19"), // this month so far
        ("revenue between oct 3 and oct 9", "2026-10-03..2026-10-09"),
        ("revenue from 2026-10-01 to 2026-10-15", "2026-10-01..2026-10-15"),
        ("clicks since november 10", "2026-11-10..2026-11-19"),
        ("clicks past 3 days", "2026-11-16..2026-11-18"),
        ("spend on oct 31", "2026-10-31..2026-10-31"),
        ("spend from Dec 20 to Jan 5", "2025-12-20..2026-01-05"),
        ("spend in march 2025", "2025-03-01..2025-03-31"),
        ("how much profit have we made since the 3rd", "2026-11-03..2026-11-19"),
        ("profit on the 3rd", "2026-11-03..2026-11-03"),
        ("visitors the week before last", "2026-11-02..2026-11-08"),
        ("revenue the month before last", "2026-09-01..2026-09-30"),
        ("spend and revenue for the first half of october", "2026-10-01..2026-10-15"),
        ("cpm in the second half of september 2025", "2025-09-16..2025-09-30"),
        ("impressions oct 1st through the 15th", "2026-10-01..2026-10-15"),
        ("cpm for the week of oct 5", "2026-10-05..2026-10-11"),
        ("clicks the week of nov 18", "2026-11-16..2026-11-19"), // this week: to today
        ("cpc and cpm l10d", "2026-11-09..2026-11-18"),
        ("how much is the spend of meta for the month of october", "2026-10-01..2026-10-31"),
        ("revenue week by week across h1 2026", "2026-01-01..2026-06-30"),
        ("revenue in h2", "2026-07-01..2026-11-19"),
    ])
    func explicitDates(question: String, range: String) {
        #expect(dates(parse(question).query.timeRange) == range, "\(question)")
    }

    @Test func mayIsAMonthOnlyWhereItCanBe() {
        #expect(parse("may I see spend in may").query.timeRange.dates.start == "2026-05-01")
        #expect(parse("may I see the spend").query.timeRange.preset == "last_7_days")
    }

    @Test func comparisons() {
        let weeks = parse("cpc this week compared with last week")
        #expect(weeks.intent == .compare)
        #expect(weeks.query.timeRange.preset == "this_week")
        #expect(weeks.query.comparison.type == "previous_period")
        let than = parse("is revenue higher than last quarter")
        #expect(than.query.timeRange.preset == "this_quarter")
        #expect(than.query.comparison.type == "previous_period")
        let yoy = parse("clicks last month vs same time last year")
        #expect(yoy.query.timeRange.preset == "last_month")
        #expect(yoy.query.comparison.type == "year_over_year")
        let trailing = parse("how did spend change vs the prior 30 days")
        #expect(trailing.query.timeRange.preset == "last_30_days")
        #expect(trailing.query.comparison.type == "previous_period")
        // Set against something, "the previous week" stays the comparison side.
        let previous = parse("how does cpc this week compare with the previous week")
        #expect(previous.query.timeRange.preset == "this_week")
        #expect(previous.query.comparison.type == "previous_period")
        let against = parse("cpc vs the previous week")
        #expect(against.query.comparison.type == "previous_period")
        // A change from one period to another: the later-named one is the main range.
        let change = parse("how did spend change from the week before last to last week")
        #expect(change.query.timeRange.preset == "last_week")
        #expect(change.query.comparison.custom.start == "2026-11-02")
        let custom = parse("spend in october vs september")
        #expect(custom.query.comparison.custom.start == "2026-09-01")
        #expect(custom.query.comparison.custom.end == "2026-09-30")
    }

    /// Words around a metric or a period that a marketer adds and that change nothing.
    @Test func everydayWordsAroundMetricsAndPeriods() {
        #expect(parse("how many site visitors did we have last week").query.metrics == ["visitors"])
        #expect(parse("how has brand search conversion volume trended over the last 10 days").query.metrics == ["conversions"])
        let lineage = parse("if install tracking breaks, which kpis are affected?")
        #expect(lineage.intent == .lineage)
        #expect(lineage.query.metrics == ["installs"])
        let improved = parse("has our conversion rate improved this month compared to last month?")
        #expect(improved.intent == .compare)
        #expect(improved.query.timeRange.preset == "this_month")
        #expect(improved.query.comparison.type == "previous_period")
        let samePoint = parse("cpc week to date versus the same point last week")
        #expect(samePoint.query.timeRange.preset == "this_week")
        #expect(samePoint.query.comparison.type == "previous_period")
        let cheapest = parse("can you list the ad sets by cost per click, cheapest first, last 30 days")
        #expect(cheapest.intent == .rank)
        #expect(cheapest.query.breakdown.order == "asc")
        #expect(parse("top 4 ads by profit in q3 2026, for the deck").intent == .rank)
        let feeds = parse("quick q - what feeds into cpa")
        #expect(feeds.intent == .lineage)
        #expect(feeds.lineageDirection == .upstream)
        let spendFeeds = parse("which metrics does spend feed into")
        #expect(spendFeeds.lineageDirection == .downstream)
        let pixel = parse("our purchase pixel is broken, what other numbers does that mess up")
        #expect(pixel.intent == .lineage)
        #expect(pixel.lineageDirection == .downstream)
        let pulled = parse("what pulled roas down yesterday vs the same day last week")
        #expect(pulled.intent == .explain)
        #expect(pulled.query.comparison.custom.start == "2026-11-11")
        let prior = parse("cpa l7d vs prior 7d")
        #expect(prior.query.timeRange.preset == "last_7_days")
        #expect(prior.query.comparison.type == "previous_period")
        let sameDays = parse("spend mtd vs the same days last month")
        #expect(sameDays.query.timeRange.preset == "this_month")
        #expect(sameDays.query.comparison.type == "previous_period")
        #expect(parse("revenue yesterday vs the same day a year ago").query.comparison.type == "year_over_year")
        #expect(parse("how did our spending develop over the last 3 weeks?").intent == .trend)
        let slipped = parse("Meta ROAS has really slipped over the last week. What's driving that?")
        #expect(slipped.intent == .explain)
        #expect(slipped.assumedDirection == -1)
        #expect(parse("whats our blended roas for february").intent == .metricValue)
        #expect(parse("as the owner i mostly care about poas: what was it on google in may?").query.metrics == ["poas"])
        let weekPrior = parse("did we get more conversions last week than in the week prior?")
        #expect(weekPrior.query.timeRange.preset == "last_week")
        #expect(weekPrior.query.comparison.type == "previous_period")
        #expect(parse("can u chart our spend per day over the past fortnight").intent == .trend)
        let thrown = parse("if the spend figures coming in from meta were wrong, which kpis would be thrown off?")
        #expect(thrown.intent == .lineage)
        #expect(thrown.lineageDirection == .downstream)
        // Writing is not reading numbers, even about a platform the workspace does not have.
        #expect(parse("draft a linkedin post announcing our new product line").intent == .unsupported)
    }

    @Test func segmentsCombinedAreOneTotal() {
        let combined = parse("impressions for winter promo and lead magnet combined last week")
        #expect(combined.intent == .metricValue)
        #expect(!combined.query.hasBreakdown)
        #expect(combined.query.filters.map(\.values) == [["Winter Promo", "Lead Magnet"]])
        #expect(parse("impressions for winter promo and lead magnet last week").intent == .compare)
    }

    @Test func adPlatformsAreProvidersNotAds() {
        let ranked = parse("rank the ad platforms by roas for last month")
        #expect(ranked.intent == .rank)
        #expect(ranked.query.breakdown.dimension == "provider")
        #expect(parse("spend by advertising channel").query.breakdown.dimension == "provider")
        #expect(parse("top 3 ads by spend").query.breakdown.dimension == "ad")
    }

    @Test func grains() {
        #expect(parse("weekly revenue this year").query.granularity == "week")
        #expect(parse("spend hour by hour today").query.granularity == "hour")
        let undecided = parse("how has roas trended this month")
        #expect(undecided.query.granularity.isEmpty && undecided.query.includeTimeseries)
    }

    // MARK: - Entity names

    /// Part of a name before a level word names the one name of that level holding it; without
    /// the level word, or held by two names, it is asked about.
    @Test func partOfANameWithItsLevelWordNamesIt() {
        let retargeting = parse("conversion rate for the retargeting campaign so far this month")
        #expect(retargeting.intent == .metricValue)
        #expect(retargeting.query.filters.map(\.dimension) == ["campaign"])
        #expect(retargeting.query.filters.map(\.values) == [["Retargeting - Cart"]])
        let adset = parse("spend of the winter ad set last week")
        #expect(adset.query.filters.map(\.dimension) == ["adset"])
        #expect(adset.query.filters.map(\.values) == [["Winter Promo - Set 1"]])
        #expect(parse("clicks on the video ad").query.filters.map(\.values) == [["WP Video 15s"]])
        #expect(parse("retargeting spend last week").intent == .clarify)
        // Provider and metric words alone are not part of a name: "the google campaign" is no name.
        #expect(!parse("spend of the best google campaign").query.filters.contains { $0.dimension == "campaign" })
        // Nor is the copilot's own word before a level word that is part of a dimension.
        let topSets = QuestionParser(
            today: CalendarDay("2026-11-19")!, entities: EntityIndex([("ad", "Top Sellers"), ("adset", "Evergreen Set")]),
            providers: ProviderIndex(["meta"])
        ).parse("top ad sets by roas", previous: nil)
        #expect(topSets.intent == .rank)
        #expect(topSets.query.breakdown.dimension == "adset")
        #expect(topSets.query.filters.isEmpty)
    }

    @Test func entityNamesAreMatchedTolerantly() {
        #expect(parse("cpa of retargeting cart").query.filters.map(\.values) == [["Retargeting - Cart"]])
        #expect(parse("clicks for the wintr promo campaign").query.filters.first?.values == ["Winter Promo"])
        // The longest name wins, and the level comes with it.
        let adset = parse("spend of winter promo set 1")
        #expect(adset.query.filters.first?.dimension == "adset")
        // A campaign whose name holds a metric word is a name, not the metric.
        let lead = parse("cpc for lead magnet")
        #expect(lead.query.metrics == ["cpc"])
        #expect(lead.query.filters.first?.values == ["Lead Magnet"])
        // A one-word name is a name, unless it is one of the copilot's own words.
        #expect(parse("carousel spend").query.filters.first?.values == ["Carousel"])
    }

    // MARK: - Follow-ups

    @Test func followUpsUseTheConversation() {
        let first = parse("roas on meta last week")
        let month = parse("and last month?", previous: first)
        #expect(month.query.metrics == ["roas"])
        #expect(month.query.timeRange.preset == "last_month")
        #expect(month.query.filters.map(\.values) == [["meta"]])
        let google = parse("only google", previous: first)
        #expect(google.query.filters.map(\.values) == [["google"]])
        #expect(google.query.timeRange.preset == "last_week")
        let why = parse("why?", previous: first)
        #expect(why.intent == .explain)
        #expect(why.query.metrics == ["roas"])
        #expect(why.query.comparison.type == "previous_period")
        // With nothing to follow, the same words are unsupported.
        #expect(parse("and last month?").intent == .unsupported)
    }
}
