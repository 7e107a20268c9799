import MetricxProtos
import MetricxSemantics

/// The period and the comparison of a question, from its time mentions.
extension QuestionParser {
    /// Words that open the comparison side ("... vs last week", "better than last month"). Not
    /// "with" alone: "the ads with the most clicks last week" names one period.
    static let comparisonWords: Set<String> = ["vs", "versus", "than", "against", "compared", "relative"]

    /// The range and comparison from the time mentions. Mentions after a comparison word
    /// ("vs", "than", "with") and relative ones ("the week before") are the comparison side; a
    /// comparison alone ("than last month") implies the current period of the same kind.
    func timeParts(
        _ mentions: [TimeMention], words: Words, base: Understanding?, forceComparison: Bool, segmentsCompared: Bool = false
    ) -> (Metricx_V1_TimeRange, Metricx_V1_Comparison?) {
        // "tiktok vs meta last week": the "vs" sets segments apart, not periods.
        let cue = segmentsCompared ? nil : words.words.indices.first { $0 > 0 && Self.comparisonWords.contains(words[$0]) }
        let periods = mentions.filter { !Self.isComparison($0.kind) && $0.kind != .future }.count
        var main: TimeMention.Kind?
        var other: TimeMention.Kind?
        for mention in mentions {
            switch mention.kind {
            case .previousPeriod, .yearOverYear, .shifted, .sameDatesIn, .over, .calendarBefore: other = other ?? mention.kind
            case .future: break
            default:
                if let cue, mention.span.lowerBound > cue, other == nil, main != nil || periods == 1 {
                    other = mention.kind
                } else if main == nil {
                    main = mention.kind
                } else {
                    other = other ?? mention.kind
                }
            }
        }
        // "change from the week before last to last week": the period it changed to is the main one.
        let periodMentions = mentions.filter { !Self.isComparison($0.kind) && $0.kind != .future }
        if periodMentions.count == 2, let from = periodMentions.first, let to = periodMentions.last,
            words.word(before: from.span.lowerBound) == "from", ["to", "into"].contains(words.word(before: to.span.lowerBound) ?? "")
        {
            main = to.kind
            other = from.kind
        }
        if main == nil, let other {
            switch other {
            case .preset(let preset):
                if let current = Self.currentPeriod(of: preset) { main = .preset(current) }
            case .previousPeriod(let days?):
                main =
                    [7: TimePreset.last7Days, 14: .last14Days, 30: .last30Days, 90: .last90Days][days].map { .preset($0) }
                    ?? .range(DayRange(start: today.adding(days: -days), end: today.adding(days: -1)))
            case .over(let unit):
                main = .preset(Self.current(unit))
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
        case .yearOverYear, .over("year"):
            return (range, .with { $0.type = "year_over_year" })
        case .previousPeriod, .over:
            return (range, .with { $0.type = "previous_period" })
        case .calendarBefore(let unit):
            guard let resolved = resolve(range), let before = Self.calendarPeriod(before: resolved, unit: unit) else {
                return (range, .with { $0.type = "previous_period" })
            }
            return (range, Self.custom(before))
        case .sameDatesIn(let year):
            // Whole years back, as year over year is: 29 February is the 28th in a common year.
            guard let resolved = resolve(range) else { return (range, .with { $0.type = "year_over_year" }) }
            let months = 12 * (year - resolved.start.year)
            return (range, Self.custom(DayRange(start: resolved.start.adding(months: months), end: resolved.end.adding(months: months))))
        case .shifted(let days):
            guard let resolved = resolve(range) else { return (range, .with { $0.type = "previous_period" }) }
            return (range, Self.custom(DayRange(start: resolved.start.adding(days: -days), end: resolved.end.adding(days: -days))))
        case .preset(let preset):
            if case .preset(let current)? = main, Self.previous(of: current) == preset {
                return (range, .with { $0.type = "previous_period" })
            }
            // "october vs last year": the same dates a year earlier.
            if preset == .lastYear, let resolved = resolve(range), resolved.start.year == today.year, main != .preset(.thisYear) {
                return (range, .with { $0.type = "year_over_year" })
            }
            return (range, Self.custom(preset.range(today: today)))
        case .range(let dates):
            // The same days twice ("the 16th ... on monday") are one period, not a comparison.
            if resolve(range) == dates { return (range, nil) }
            return (range, Self.custom(dates))
        case .future:
            return (range, nil)
        }
    }

    private func resolve(_ range: Metricx_V1_TimeRange) -> DayRange? {
        switch range.kind {
        case .preset(let name)?: TimePreset(rawValue: name)?.range(today: today)
        case .dates(let dates)?:
            CalendarDay(dates.start).flatMap { start in CalendarDay(dates.end).map { DayRange(start: start, end: $0) } }
        case nil: nil
        }
    }

    /// The month, quarter or year before `range` when `range` is exactly one of them.
    static func calendarPeriod(before range: DayRange, unit: String) -> DayRange? {
        let months = ["month": 1, "quarter": 3, "year": 12][unit] ?? 0
        guard months > 0, range.start.day == 1, (range.start.month - 1) % months == 0 || months == 1,
            range.end == range.start.adding(months: months).adding(days: -1)
        else { return nil }
        let start = range.start.adding(months: -months)
        return DayRange(start: start, end: range.start.adding(days: -1))
    }

    static func custom(_ dates: DayRange) -> Metricx_V1_Comparison {
        .with {
            $0.type = "custom"
            $0.custom = .with {
                $0.start = dates.start.description
                $0.end = dates.end.description
            }
        }
    }

    static func current(_ unit: String) -> TimePreset {
        switch unit {
        case "week": .thisWeek
        case "month": .thisMonth
        case "quarter": .thisQuarter
        default: .thisYear
        }
    }

    static func timeRange(_ kind: TimeMention.Kind) -> Metricx_V1_TimeRange? {
        switch kind {
        case .preset(let preset): .with { $0.preset = preset.rawValue }
        case .range(let range):
            .with {
                $0.dates = .with {
                    $0.start = range.start.description
                    $0.end = range.end.description
                }
            }
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
