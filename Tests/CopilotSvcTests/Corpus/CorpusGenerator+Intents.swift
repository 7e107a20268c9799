import Foundation
import MetricxSemantics

extension CorpusGenerator {
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
            metric = "spend"
            metrics = [metric]
            text = "how much did we spend \(s.prep) \(t.text)"
            form = "spend_verb"
        case 7:
            guard !s.subject.isEmpty else { return nil }
            metric = "spend"
            metrics = [metric]
            text = "what did \(s.subject) cost us \(t.text)"
            form = "cost_us"
        case 8:
            metric = "spend"
            metrics = [metric]
            text = rng.chance(0.5) ? "how much did we pay for clicks \(s.prep) \(t.text)" : "what did clicks cost \(s.prep) \(t.text)"
            form = "pay_for_clicks"
        case 9:
            metric = "cpc"
            metrics = [metric]
            text = "what did we pay per click \(s.prep) \(t.text)"
            form = "pay_per_click"
        case 10: text = "\(mText) \(t.text) \(s.prep)"
        case 11:
            metric = rng.pick(CorpusVocabulary.countable)
            metrics = [metric]
            let (m2, _) = phrase(metric)
            text = "how many \(m2) did we get \(s.prep) \(t.text)"
            form = "how_many"
        case 12:
            var second = anyMetric()
            while second == metric { second = anyMetric() }
            metrics = [metric, second]
            text = "\(mText) and \(phrase(second).text) \(s.prep) \(t.text)"
            form = "two_metrics"
        default: text = "what's the \(mText) \(s.prep) \(t.text)"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "metric_value", metrics: metrics,
            filters: filters([s]), range: t.range, comparison: nil,
            form: "\(form)|time:\(t.tag)|scope:\(s.tag)\(typo ? "|typo" : "")")
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
            default:
                text =
                    pair.comp.hasPrefix("compared")
                    ? "\(mText) \(s.prep) \(pair.main) \(pair.comp)" : "compare \(mText) \(s.prep) \(pair.main) \(pair.comp)"
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
        var a: CorpusScope
        var b: CorpusScope
        let dimension: String
        if rng.chance(0.55) {
            var pa = rng.pick(CorpusWorld.providers)
            var pb = rng.pick(CorpusWorld.providers)
            var tries = 0
            while pb.value == pa.value || !ranges.allSatisfy({ pa.firstDay <= $0.end && pb.firstDay <= $0.end }) {
                pa = rng.pick(CorpusWorld.providers)
                pb = rng.pick(CorpusWorld.providers)
                tries += 1
                if tries > 20 { return nil }
            }
            a = providerScope(pa)
            b = providerScope(pb)
            dimension = "provider"
        } else {
            let campaigns = CorpusWorld.entities.filter { e in e.level == .campaign && ranges.allSatisfy { r in e.hasData(r.start, r.end) }
            }
            guard campaigns.count >= 2 else { return nil }
            let ea = rng.pick(campaigns)
            var eb = rng.pick(campaigns)
            while eb.id == ea.id { eb = rng.pick(campaigns) }
            a = entityScope(ea)
            b = entityScope(eb)
            // Side by side, the names read best bare.
            let va = nameVariant(ea).text
            let vb = nameVariant(eb).text
            a.adj = va
            b.adj = vb
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
            text = "top \(n) \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "top_n"
        case 1:
            text = "top \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "top"
        case 2:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            limit = n
            order = bestOrder(metric, best: true)
            text = "\(n) best \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "n_best"
        case 3:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            order = bestOrder(metric, best: true)
            text = "best \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "best"
        case 4:
            while metric == "spend" { metric = anyMetric() }
            (mText, typo) = phrase(metric)
            order = bestOrder(metric, best: false)
            if rng.chance(0.5) {
                limit = n
                text = "\(n) worst \(level.plural) by \(mText) \(scopeWords) \(t.text)"
                form = "n_worst"
            } else {
                text = "worst \(level.plural) by \(mText) \(scopeWords) \(t.text)"
                form = "worst"
            }
        case 5:
            limit = n
            order = "asc"
            text = "bottom \(n) \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "bottom_n"
        case 6:
            text = "which \(level.plural) had the highest \(mText) \(scopeWords) \(t.text)"
            form = "highest"
        case 7:
            order = "asc"
            text = "which \(level.plural) had the lowest \(mText) \(scopeWords) \(t.text)"
            form = "lowest"
        case 8:
            metric = rng.pick(CorpusVocabulary.countable)
            (mText, typo) = phrase(metric)
            if rng.chance(0.5) {
                text = "which \(level.plural) got the most \(mText) \(scopeWords) \(t.text)"
                form = "most"
            } else {
                order = "asc"
                text = "which \(level.plural) got the fewest \(mText) \(scopeWords) \(t.text)"
                form = "fewest"
            }
        case 9:
            let (unit, m) = rng.pick(CorpusVocabulary.perUnit)
            metric = m
            typo = false
            if rng.chance(0.6) {
                order = "asc"
                text = "cheapest \(level.plural) \(unit) \(scopeWords) \(t.text)"
                form = "cheapest_per"
            } else {
                text = "most expensive \(level.plural) \(unit) \(scopeWords) \(t.text)"
                form = "most_expensive_per"
            }
        case 10:
            if rng.chance(0.3) {
                // "all our campaigns": the whole level, not its top ten.
                limit = 1_000
                let every = rng.pick([
                    "all our \(level.plural)", "every \(level.singular)", "each of the \(level.plural)", "all \(level.plural)",
                ])
                text = "\(rng.pick(["rank", "list", "show"])) \(every) by \(mText) \(scopeWords) \(t.text)"
                form = "every_level"
            } else {
                text = "\(mText) by \(level.singular) \(scopeWords) \(t.text)"
                form = "metric_by_level"
            }
        case 11:
            guard level.dimension == "campaign" else { return nil }
            limit = n
            text = "top \(n) by \(mText) \(scopeWords) \(t.text)"
            form = "top_n_default_level"
        default:
            metric = rng.pick(CorpusVocabulary.additive)
            (mText, typo) = phrase(metric)
            text = "biggest \(level.plural) by \(mText) \(scopeWords) \(t.text)"
            form = "biggest"
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
        // A sum over a range that runs into today is explained over its whole days, against as
        // many days from the comparison's start (CONVENTIONS.md, "Answers").
        var (range, comparison) = (t.range, prev)
        if Measure(rawValue: metric) != nil, range.end == ctx.today, range.start < ctx.today, prev.end < ctx.today,
            prev.start.adding(range.end - range.start - 1) <= prev.end
        {
            range = CorpusRange(range.start, ctx.today.adding(-1))
            comparison = CorpusRange(prev.start, prev.start.adding(range.end - range.start))
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "explain", metrics: [metric],
            filters: filters([s]), range: range, comparison: comparison,
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
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "anomalies", form: "anomalies|scope:\(s.tag)")
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
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "lineage", metrics: [metric],
            form: "lineage_\(kind)")
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
        case 5:
            text = rng.pick([
                "what's the LTV of our customers", "customer lifetime value \(s.prep)", "ltv by campaign",
                "what is our lifetime value per customer",
            ])
        case 6: text = "pause the worst ad \(s.prep)"
        case 7: text = "raise the budget on \(campaign.name)"
        case 8: text = "create a campaign on \(rng.pick(CorpusWorld.providers).aliases[0])"
        case 9: text = rng.pick(["what's the weather in lisbon", "how is the weather today", "will it rain in oslo"])
        case 10: text = rng.pick(["write a poem about autumn", "write me a short poem", "tell me a joke"])
        case 11: text = rng.pick(["who won the world cup in 2018", "what's the capital of peru", "translate good morning into german"])
        case 12: text = "\(mText) tomorrow \(s.prep)"
        default: text = "raise the budget \(s.prep) by 20%"
        }
        return CorpusItem(
            question: Self.clean(text), asOf: ctx.instant, timezone: ctx.timezone, intent: "unsupported", form: "unsupported_\(kind)")
    }

    static let unknownProviders: [(text: String, names: [String])] = [
        ("snapchat", ["snapchat"]), ("Snapchat", ["snapchat"]), ("snap", ["snap", "snapchat"]), ("twitter", ["twitter"]),
        ("quora", ["quora"]), ("taboola", ["taboola"]), ("outbrain", ["outbrain"]),
    ]
    static let fakeCampaigns = [
        "Blue Falcon", "Midnight Orchard", "Velvet Thunder", "Granite Peak Series", "Coral Bay Promo", "Silver Comet", "Iron Maple",
    ]
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
                if let g = CorpusVocabulary.garble(words[i], &rng) {
                    words[i] = g
                    garbled.append(g)
                }
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
            form:
                "clarify_\(["provider", "provider", "provider", "campaign", "campaign", "garbled", "garbled", "metric", "metric", "ambiguous"][kind])"
        )
    }
}
