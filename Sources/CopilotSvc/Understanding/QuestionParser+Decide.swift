import MetricxProtos
import MetricxSemantics

/// From what was read to an understanding: refusals and clarifications first, then the intents
/// that need no query, then the query of the intents that read numbers.
extension QuestionParser {
    func decide(_ reading: inout Reading, previous: Understanding?) -> Understanding {
        let words = reading.words
        guard words.count > 0 else { return .unsupported() }
        let cues = reading.cues
        let unexplained = Self.unexplained(words)
        let isFollowUp =
            previous.map { $0.intent != .unsupported && $0.intent != .clarify } == true
            && (IntentWords.followUpStarts.contains {
                words.words.joined(separator: " ").hasPrefix($0 + " ") || words.words.joined(separator: " ") == $0
            }
                || (reading.metrics.isEmpty && unexplained.isEmpty))
        let base = isFollowUp ? previous : nil
        let names = !reading.entities.isEmpty || !reading.providers.isEmpty || !reading.absentProviders.isEmpty
        let namesAMetric = unexplained.contains { IntentWords.unknownMetrics.contains(words[$0]) }
        // "the cyber monday blast campaign": words next to a level word name something.
        let levelWords: Set<String> = ["campaign", "adset", "ad", "account", "set", "group", "creative"]
        let namesAnEntity = unexplained.contains { index in
            levelWords.contains(words.word(index + 1) ?? "") || levelWords.contains(words.word(index - 1) ?? "")
        }
        let aboutData = !reading.metrics.isEmpty || names || base != nil || namesAMetric || namesAnEntity

        if let reason = reading.unsupportedReason, aboutData || unexplained.isEmpty { return .unsupported(reason) }
        if reading.times.contains(where: { $0.kind == .future }) {
            return .unsupported("I can't forecast: I answer from what has already happened in your data.")
        }
        if let typed = reading.absentProviders.first {
            return .clarify(Clarification.absentProvider(typed, providers: providers.values))
        }
        if !unexplained.isEmpty {
            guard aboutData || cues.contains(.explain) && !reading.metrics.isEmpty else {
                return .unsupported(reading.unsupportedReason)
            }
            // Words next to each other are said together: “winter promo”, not “winter” and “promo”.
            var phrases: [[String]] = []
            for (position, index) in unexplained.enumerated() {
                if position > 0, unexplained[position - 1] == index - 1 {
                    phrases[phrases.count - 1].append(words.original[index])
                } else {
                    phrases.append([words.original[index]])
                }
            }
            return .clarify(
                Clarification.unknownWords(
                    unexplained.map { words.original[$0] }, corrected: unexplained.map { words[$0] },
                    phrases: phrases.map { $0.joined(separator: " ") }, entities: entities, providers: providers.values,
                    vocabulary: vocabulary))
        }

        var metrics = reading.metrics
        if metrics.isEmpty, let base { metrics = Array(base.query.metrics.prefix(base.intent == .explain ? 1 : 20)) }

        // Graph and detection questions need no SemanticQuery.
        let upstream = cues.contains(.upstream)
        let downstream = cues.contains(.downstream) || (cues.contains(.suspicion) && !cues.contains(.explain))
        if upstream || downstream, let metric = metrics.first, !cues.contains(.explain) || upstream && !cues.contains(.dramatic) {
            var understanding = Understanding(intent: .lineage, query: .with { $0.metrics = [metric] })
            understanding.lineageDirection = upstream && !downstream ? .upstream : (downstream && !upstream ? .downstream : .both)
            return understanding
        }
        if cues.contains(.anomalies), !cues.contains(.explain) || cues.contains(.dramatic) && metrics.isEmpty {
            var understanding = Understanding(intent: .anomalies, query: Metricx_V1_SemanticQuery())
            understanding.query.metrics = metrics
            understanding.query.timeRange = reading.times.first.flatMap { Self.timeRange($0.kind) } ?? .with { $0.preset = "last_7_days" }
            understanding.query.filters = filters(reading, base: nil)
            return understanding
        }
        if cues.contains(.explain) {
            guard let metric = metrics.first else { return .clarify(Clarification.whichMetric(explain: true)) }
            var understanding = Understanding(intent: .explain, query: .with { $0.metrics = [metric] })
            let (range, comparison) = timeParts(reading.times, words: words, base: base, forceComparison: true)
            understanding.query.timeRange = range
            understanding.query.comparison = comparison ?? .with { $0.type = "previous_period" }
            understanding.query.filters = filters(reading, base: base)
            understanding.assumedDirection = cues.contains(.down) ? -1 : (cues.contains(.up) ? 1 : 0)
            return understanding
        }
        guard !metrics.isEmpty else {
            return names || !reading.times.isEmpty && !reading.dimensions.isEmpty
                ? .clarify(Clarification.whichMetric(explain: false)) : .unsupported()
        }
        return dataQuery(reading, metrics: metrics, base: base)
    }

    // MARK: - Questions that read numbers

    private func dataQuery(_ reading: Reading, metrics: [String], base: Understanding?) -> Understanding {
        let cues = reading.cues
        // Segments named side by side: "Meta vs Google", "Summer Sale and Prospecting Broad".
        let entityLevels = Dictionary(grouping: reading.entities, by: \.level)
        let segmentLevel = EntityIndex.levelOrder.first { level in Set(entityLevels[level]?.map(\.name) ?? []).count >= 2 }
        var segments: (dimension: String, values: [String])?
        if reading.providers.count >= 2 {
            segments = ("provider", reading.providers)
        } else if let segmentLevel {
            segments = (segmentLevel, Self.unique(entityLevels[segmentLevel]!.map(\.name)))
        }
        // "impressions for A and B combined": one total over both, not the two side by side.
        if segments != nil, !cues.contains(.compare),
            reading.words.words.contains(where: { ["combined", "together", "altogether"].contains($0) })
        {
            segments = nil
        }
        let ranking =
            cues.contains(.rank) || cues.contains(.ascending) || cues.contains(.descending) || cues.contains(.better)
            || cues.contains(.worse)
        var reading = reading
        if ranking, reading.dimensions.isEmpty, reading.providerNamedAds { reading.dimensions = ["ad"] }
        // "how much profit did my ads make": the advertising as a whole, unless it is ranked.
        if !ranking, !reading.everyOne, reading.possessiveAds { reading.dimensions.removeAll { $0 == "ad" } }
        let comparesPeriods = reading.times.count >= 2 || reading.times.contains { Self.isComparison($0.kind) }
        let comparing =
            cues.contains(.compare) || cues.contains(.cheaper) || cues.contains(.pricier) || comparesPeriods
            || (segments != nil && cues.contains(.segmentsOr))

        var intent: Understanding.Intent
        if reading.grain != nil || cues.contains(.trend) {
            intent = .trend
        } else if segments != nil || comparesPeriods || comparing {
            intent = .compare
        } else if ranking || !reading.dimensions.isEmpty {
            intent = .rank
        } else if let base, base.readsData {
            intent = base.intent
        } else {
            intent = .metricValue
        }

        var query = Metricx_V1_SemanticQuery()
        query.metrics = metrics
        let (range, comparison) = timeParts(
            reading.times, words: reading.words, base: base, forceComparison: intent == .compare && segments == nil,
            segmentsCompared: segments != nil)
        query.timeRange = range
        if let comparison, intent != .rank { query.comparison = comparison }
        if intent == .metricValue, query.hasComparison { intent = .compare }
        // Two mentions of the same days ("on the 16th, monday") and nothing else compared: one value.
        if intent == .compare, !query.hasComparison, segments == nil, !comparing || (comparesPeriods && !cues.contains(.compare)),
            reading.dimensions.isEmpty, !reading.times.contains(where: { $0.kind == .future })
        {
            intent = .metricValue
        }
        query.filters = filters(reading, base: base)

        let ascending = order(cues, metric: metrics[0])
        switch intent {
        case .trend:
            if let grain = reading.grain { query.granularity = grain } else { query.includeTimeseries = true }
            if let dimension = reading.dimensions.first, ranking {
                query.breakdown = breakdown(dimension, limit: reading.limit, ascending: ascending, metric: metrics[0])
            }
        case .compare:
            if let segments {
                query.breakdown = breakdown(
                    segments.dimension, limit: max(reading.limit ?? 10, segments.values.count), ascending: ascending, metric: metrics[0])
            } else if let dimension = reading.dimensions.first {
                query.breakdown = breakdown(dimension, limit: reading.limit, ascending: ascending, metric: metrics[0])
            }
        case .rank:
            query.breakdown = breakdown(
                reading.dimensions.first ?? base?.query.breakdown.dimension.nonEmpty ?? "campaign", limit: reading.limit,
                ascending: ascending, metric: metrics[0])
        default:
            if let base, base.query.hasBreakdown, reading.dimensions.isEmpty {
                query.breakdown = base.query.breakdown
                if base.query.breakdown.orderBy != metrics[0] { query.breakdown.orderBy = "" }
            }
        }
        return Understanding(intent: intent, query: query)
    }

    /// Whether the ranking runs from the lowest value: "lowest", "cheapest", and "best" of a
    /// metric where less is better (a cost), "worst" of one where more is.
    private func order(_ cues: Set<Cue>, metric: String) -> Bool {
        let higherIsBetter = vocabulary.higherIsBetter(metric)
        if cues.contains(.cheaper) { return true }
        if cues.contains(.pricier) { return false }
        if cues.contains(.ascending) && !cues.contains(.descending) { return true }
        if cues.contains(.descending) && !cues.contains(.ascending) { return false }
        if cues.contains(.worse) && !cues.contains(.better) { return higherIsBetter }
        if cues.contains(.better) && !cues.contains(.worse) { return !higherIsBetter }
        return false
    }

    private func breakdown(_ dimension: String, limit: Int?, ascending: Bool, metric: String) -> Metricx_V1_Breakdown {
        .with {
            $0.dimension = dimension
            $0.limit = Int32(limit ?? 10)
            $0.orderBy = metric
            $0.order = ascending ? "asc" : "desc"
        }
    }

    func filters(_ reading: Reading, base: Understanding?) -> [Metricx_V1_Filter] {
        var filters: [Metricx_V1_Filter] = []
        if !reading.providers.isEmpty {
            filters.append(
                .with {
                    $0.dimension = "provider"
                    $0.op = "in"
                    $0.values = reading.providers
                })
        }
        for level in EntityIndex.levelOrder {
            let names = Self.unique(reading.entities.filter { $0.level == level }.map(\.name))
            if !names.isEmpty {
                filters.append(
                    .with {
                        $0.dimension = level
                        $0.op = "in"
                        $0.values = names
                    })
            }
        }
        // A follow-up keeps the earlier scope for the dimensions it does not name again.
        if let base {
            for filter in base.query.filters where !filters.contains(where: { $0.dimension == filter.dimension }) {
                filters.append(filter)
            }
        }
        return filters
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    static func isComparison(_ kind: TimeMention.Kind) -> Bool {
        switch kind {
        case .previousPeriod, .yearOverYear, .shifted, .sameDatesIn, .over, .calendarBefore: true
        default: false
        }
    }
}
