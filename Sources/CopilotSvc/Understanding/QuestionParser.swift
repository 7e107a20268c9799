import MetricxProtos
import MetricxSemantics

/// The embedded understanding: a question (and the conversation's previous understanding) to an
/// intent and a SemanticQuery, with no external service. Each parser marks the words it explains,
/// so names are read before metrics ("Lead Magnet" is a campaign, not leads) and numbers left
/// over after dates are limits ("top 3").
struct QuestionParser: Sendable {
    let today: CalendarDay
    let entities: EntityIndex
    var vocabulary = MetricVocabulary.builtin

    static let lineageUpstream = ["calculated", "computed", "made of", "made from", "formula", "derived", "defined", "definition", "inputs", "built from", "consist", "composed"]
    static let lineageDownstream = ["depend", "depends", "dependent", "dependents", "downstream", "affected by", "affects", "affect", "impacted", "blast radius", "uses", "use", "built on", "feeds"]
    static let anomalyWords = ["anomaly", "anomalies", "anomalous", "outlier", "outliers", "unusual", "abnormal", "irregular", "unexpected", "weird", "strange"]
    static let explainStarts = ["why", "what caused", "what drove", "what drives", "whats driving", "what is driving", "reason", "reasons", "explain", "root cause", "whats behind", "what is behind", "what made", "how come"]
    static let downWords = ["drop", "dropped", "drops", "fall", "fell", "falling", "decline", "declined", "decrease", "decreased", "down", "lower", "worse", "dip", "dipped", "tank", "tanked", "plunge", "plunged", "shrink", "shrank", "go down", "went down"]
    static let upWords = ["rise", "rose", "rising", "up", "increase", "increased", "grow", "grew", "jump", "jumped", "spike", "spiked", "higher", "surge", "surged", "climb", "climbed", "went up", "go up"]
    static let trendWords = ["trend", "trends", "trended", "trending", "over time", "plot", "chart", "graph", "timeseries", "time series", "evolution", "evolved", "evolve", "day by day", "history"]
    static let compareWords = ["compare", "compared", "comparing", "comparison", "vs", "versus", "than", "against", "relative to", "change", "changed", "changes", "difference", "differ", "better or worse", "week over week", "month over month", "wow", "mom"]
    static let rankWords = ["top", "best", "worst", "highest", "lowest", "most", "least", "rank", "ranked", "ranking", "bottom", "cheapest", "priciest", "expensive", "largest", "smallest", "biggest", "fewest", "leading", "leader", "leaders"]
    static let followUpStarts = ["and", "what about", "how about", "same for", "now", "only", "just", "then", "also", "ok and", "okay and"]

    func parse(_ question: String, previous: Understanding?) -> Understanding {
        var words = Words(question)
        let raw = words

        let entityMatches = entities.match(&words)
        let times = TimeParser(today: today).parse(&words)
        let grain = take(grainOf: &words)
        var providers: [String] = []
        for (phrase, provider) in Lexicon.providerPhrases {
            while words.take(phrase) != nil {
                if !providers.contains(provider) { providers.append(provider) }
            }
        }
        var metricHits: [(position: Int, metric: String)] = []
        for (phrase, metric) in vocabulary.phrases {
            while let span = words.take(phrase) {
                if !metricHits.contains(where: { $0.metric == metric }) { metricHits.append((span.lowerBound, metric)) }
            }
        }
        var metrics = metricHits.sorted { $0.position < $1.position }.map(\.metric)
        var dimensions: [String] = []
        for (phrase, dimension) in Lexicon.dimensionWords {
            while words.take(phrase) != nil {
                if !dimensions.contains(dimension) { dimensions.append(dimension) }
            }
        }
        let limit = words.leftovers.compactMap(NumberWords.value).first { (1...1_000).contains($0) }

        let text = raw.words.joined(separator: " ")
        // Where the comparison side starts: "... vs last week", "better than last month".
        let cue = raw.words.firstIndex { ["vs", "versus", "than", "against", "compared", "with"].contains($0) }
        func has(_ phrases: [String]) -> Bool { phrases.contains { raw.contains($0) } }

        // Graph and detection questions need no SemanticQuery.
        if has(Self.anomalyWords) {
            var understanding = Understanding(intent: .anomalies, query: Metricx_V1_SemanticQuery())
            understanding.query.metrics = metrics
            understanding.query.timeRange = times.first.flatMap { Self.timeRange($0.kind) } ?? .with { $0.preset = "last_7_days" }
            return understanding
        }
        if has(Self.lineageUpstream + Self.lineageDownstream), let metric = metrics.first, !has(Self.explainStarts) {
            var understanding = Understanding(intent: .lineage, query: .with { $0.metrics = [metric] })
            let up = has(Self.lineageUpstream)
            let down = has(Self.lineageDownstream)
            understanding.lineageDirection = up && !down ? .upstream : (down && !up ? .downstream : .both)
            return understanding
        }

        let isFollowUp = previous.map { $0.intent != .unsupported } == true
            && (Self.followUpStarts.contains { text.hasPrefix($0 + " ") || text == $0 } || metrics.isEmpty)
        let base = isFollowUp ? previous : nil
        if metrics.isEmpty, let base { metrics = Array(base.query.metrics.prefix(base.intent == .explain ? 1 : 20)) }

        if has(Self.explainStarts) {
            guard let metric = metrics.first else { return .unsupported() }
            var understanding = Understanding(intent: .explain, query: .with { $0.metrics = [metric] })
            let (range, comparison) = timeParts(times, cue: has(Self.compareWords) ? cue : nil, base: base, forceComparison: true)
            understanding.query.timeRange = range
            understanding.query.comparison = comparison ?? .with { $0.type = "previous_period" }
            understanding.query.filters = filters(providers: providers, entities: entityMatches, base: base)
            understanding.assumedDirection = has(Self.downWords) ? -1 : (has(Self.upWords) ? 1 : 0)
            return understanding
        }
        guard !metrics.isEmpty else { return .unsupported() }

        // Segments named side by side: "Meta vs Google", "Summer Sale and Prospecting Broad".
        let entityLevels = Dictionary(grouping: entityMatches, by: \.level)
        let segmentLevel = entityLevels.first { $0.value.count >= 2 }?.key
        let segments: (dimension: String, values: [String])? =
            providers.count >= 2 ? ("provider", providers) : segmentLevel.map { ($0, entityLevels[$0]!.map(\.name)) }
        let asksRanking = has(Self.rankWords) || raw.contains("which") || raw.contains("who")
        let comparesPeriods = times.count >= 2 || times.contains { if case .previousPeriod = $0.kind { true } else if case .yearOverYear = $0.kind { true } else { false } }
        let asksComparison = has(Self.compareWords) || comparesPeriods || (segments != nil && raw.contains("or"))

        var intent: Understanding.Intent
        if grain != nil || has(Self.trendWords) {
            intent = .trend
        } else if asksComparison && (segments != nil || comparesPeriods || has(Self.compareWords)) {
            intent = .compare
        } else if asksRanking || !dimensions.isEmpty {
            intent = .rank
        } else if let base, isFollowUp, base.readsData {
            intent = base.intent
        } else {
            intent = .metricValue
        }

        var query = Metricx_V1_SemanticQuery()
        query.metrics = metrics
        let (range, comparison) = timeParts(
            times, cue: asksComparison && segments == nil ? cue : nil, base: base, forceComparison: intent == .compare && segments == nil)
        query.timeRange = range
        if let comparison, intent == .compare || intent == .trend || intent == .metricValue { query.comparison = comparison }
        if intent == .metricValue, query.hasComparison { intent = .compare }
        query.filters = filters(providers: providers, entities: entityMatches, base: base)

        let higherIsBetter = vocabulary.higherIsBetter(metrics[0])
        var ascending = false
        if has(["lowest", "least", "fewest", "bottom", "cheapest", "smallest", "minimum"]) { ascending = true }
        if has(["worst", "weakest", "poorest"]) { ascending = higherIsBetter }
        if has(["best", "better", "strongest", "top performing", "best performing"]) && !has(["worst"]) { ascending = !higherIsBetter }
        if has(["highest", "most", "largest", "biggest", "most expensive", "priciest", "top"]) && !has(["lowest", "least"]) { ascending = false }

        switch intent {
        case .trend:
            if let grain { query.granularity = grain } else { query.includeTimeseries = true }
            if let dimension = dimensions.first, asksRanking { query.breakdown = breakdown(dimension, limit: limit, ascending: ascending, metric: metrics[0]) }
        case .compare:
            if let segments {
                query.breakdown = breakdown(segments.dimension, limit: limit ?? max(10, segments.values.count), ascending: ascending, metric: metrics[0])
            } else if let dimension = dimensions.first {
                query.breakdown = breakdown(dimension, limit: limit, ascending: ascending, metric: metrics[0])
            }
        case .rank:
            query.breakdown = breakdown(dimensions.first ?? base?.query.breakdown.dimension.nonEmpty ?? "campaign", limit: limit, ascending: ascending, metric: metrics[0])
        default:
            if let base, isFollowUp, base.query.hasBreakdown, dimensions.isEmpty {
                query.breakdown = base.query.breakdown
                if base.query.breakdown.orderBy != metrics[0] { query.breakdown.orderBy = "" }
            }
        }
        return Understanding(intent: intent, query: query)
    }

    // MARK: - Parts

    private func take(grainOf words: inout Words) -> String? {
        let table: [(String, String)] = [
            ("every 15 minutes", "15min"), ("15 minute", "15min"), ("15min", "15min"), ("quarter hourly", "15min"),
            ("hourly", "hour"), ("by hour", "hour"), ("per hour", "hour"), ("each hour", "hour"), ("hour by hour", "hour"),
            ("daily", "day"), ("by day", "day"), ("per day", "day"), ("each day", "day"), ("day by day", "day"), ("every day", "day"),
            ("weekly", "week"), ("by week", "week"), ("per week", "week"), ("each week", "week"), ("week by week", "week"),
            ("monthly", "month"), ("by month", "month"), ("per month", "month"), ("each month", "month"), ("month by month", "month"),
        ]
        var grain: String?
        for (phrase, value) in table where words.take(phrase) != nil { grain = grain ?? value }
        return grain
    }

    private func breakdown(_ dimension: String, limit: Int?, ascending: Bool, metric: String) -> Metricx_V1_Breakdown {
        .with {
            $0.dimension = dimension
            $0.limit = Int32(limit ?? 10)
            $0.orderBy = metric
            $0.order = ascending ? "asc" : "desc"
        }
    }

    private func filters(providers: [String], entities: [EntityIndex.Match], base: Understanding?) -> [Metricx_V1_Filter] {
        var filters: [Metricx_V1_Filter] = []
        if !providers.isEmpty {
            filters.append(.with { $0.dimension = "provider"; $0.op = "in"; $0.values = providers })
        }
        for level in EntityIndex.levelOrder {
            let names = entities.filter { $0.level == level }.map(\.name)
            if !names.isEmpty { filters.append(.with { $0.dimension = level; $0.op = "in"; $0.values = names }) }
        }
        // A follow-up keeps the earlier scope for the dimensions it does not name again.
        if let base {
            for filter in base.query.filters where !filters.contains(where: { $0.dimension == filter.dimension }) {
                filters.append(filter)
            }
        }
        return filters
    }

    /// The range and comparison from the time mentions. Mentions after a comparison word
    /// ("vs", "than", "with") and relative ones ("the week before") are the comparison side; a
    /// comparison alone ("than last month") implies the current period of the same kind.
    private func timeParts(
        _ mentions: [TimeMention], cue: Int?, base: Understanding?, forceComparison: Bool
    ) -> (Metricx_V1_TimeRange, Metricx_V1_Comparison?) {
        var main: TimeMention.Kind?
        var other: TimeMention.Kind?
        for mention in mentions {
            switch mention.kind {
            case .previousPeriod, .yearOverYear: other = other ?? mention.kind
            default:
                if let cue, mention.span.lowerBound > cue, other == nil {
                    other = mention.kind
                } else if main == nil {
                    main = mention.kind
                } else {
                    other = other ?? mention.kind
                }
            }
        }
        if main == nil, let other {
            switch other {
            case .preset(let preset):
                if let current = Self.currentPeriod(of: preset) { main = .preset(current) }
            case .previousPeriod(let days?):
                main = [7: TimePreset.last7Days, 14: .last14Days, 30: .last30Days, 90: .last90Days][days].map { .preset($0) }
                    ?? .range(DayRange(start: today.adding(days: -days), end: today.adding(days: -1)))
            default: break
            }
        }
        let range: Metricx_V1_TimeRange
        if let main, let value = Self.timeRange(main) {
            range = value
        } else if let base, base.query.hasTimeRange {
            range = base.query.timeRange
        } else {
            range = .with { $0.preset = "last_7_days" }
        }
        guard let other else {
            if main == nil, let base, base.query.hasComparison { return (range, base.query.comparison) }
            return (range, forceComparison ? .with { $0.type = "previous_period" } : nil)
        }
        switch other {
        case .yearOverYear:
            return (range, .with { $0.type = "year_over_year" })
        case .previousPeriod:
            return (range, .with { $0.type = "previous_period" })
        case .preset(let preset):
            if case .preset(let current)? = main, Self.previous(of: current) == preset {
                return (range, .with { $0.type = "previous_period" })
            }
            let dates = preset.range(today: today)
            return (range, .with { $0.type = "custom"; $0.custom = .with { $0.start = dates.start.description; $0.end = dates.end.description } })
        case .range(let dates):
            return (range, .with { $0.type = "custom"; $0.custom = .with { $0.start = dates.start.description; $0.end = dates.end.description } })
        }
    }

    static func timeRange(_ kind: TimeMention.Kind) -> Metricx_V1_TimeRange? {
        switch kind {
        case .preset(let preset): .with { $0.preset = preset.rawValue }
        case .range(let range): .with { $0.dates = .with { $0.start = range.start.description; $0.end = range.end.description } }
        default: nil
        }
    }

    /// "than last month" compares this month with it.
    static func currentPeriod(of preset: TimePreset) -> TimePreset? {
        switch preset {
        case .yesterday: .today
        case .lastWeek: .thisWeek
        case .lastMonth: .thisMonth
        case .lastQuarter: .thisQuarter
        case .lastYear: .thisYear
        default: nil
        }
    }

    static func previous(of preset: TimePreset) -> TimePreset? {
        switch preset {
        case .today: .yesterday
        case .thisWeek: .lastWeek
        case .thisMonth: .lastMonth
        case .thisQuarter: .lastQuarter
        case .thisYear: .lastYear
        default: nil
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
