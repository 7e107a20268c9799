/// DESIGN.md's time range presets. `last_N_days` ends with yesterday; `this_*` runs from the
/// start of the period to today inclusive.
public enum TimePreset: String, CaseIterable, Sendable {
    case today, yesterday
    case thisWeek = "this_week"
    case lastWeek = "last_week"
    case last7Days = "last_7_days"
    case last14Days = "last_14_days"
    case last30Days = "last_30_days"
    case last90Days = "last_90_days"
    case thisMonth = "this_month"
    case lastMonth = "last_month"
    case thisQuarter = "this_quarter"
    case lastQuarter = "last_quarter"
    case thisYear = "this_year"
    case lastYear = "last_year"

    /// The range the preset means on `today`.
    public func range(today: CalendarDay) -> DayRange {
        switch self {
        case .today: DayRange(start: today, end: today)
        case .yesterday: DayRange(start: today.adding(days: -1), end: today.adding(days: -1))
        case .thisWeek: DayRange(start: today.startOfWeek, end: today)
        case .lastWeek: DayRange(start: today.startOfWeek.adding(days: -7), end: today.startOfWeek.adding(days: -1))
        case .last7Days: Self.trailing(7, today)
        case .last14Days: Self.trailing(14, today)
        case .last30Days: Self.trailing(30, today)
        case .last90Days: Self.trailing(90, today)
        case .thisMonth: DayRange(start: today.startOfMonth, end: today)
        case .lastMonth: DayRange(start: today.startOfMonth.adding(months: -1), end: today.startOfMonth.adding(days: -1))
        case .thisQuarter: DayRange(start: today.startOfQuarter, end: today)
        case .lastQuarter: DayRange(start: today.startOfQuarter.adding(months: -3), end: today.startOfQuarter.adding(days: -1))
        case .thisYear: DayRange(start: today.startOfYear, end: today)
        case .lastYear: DayRange(start: today.startOfYear.adding(months: -12), end: today.startOfYear.adding(days: -1))
        }
    }

    /// For `this_*` presets (and today): how far back the "same span of the previous period" is.
    public var periodShift: PeriodShift? {
        switch self {
        case .today: .days(1)
        case .thisWeek: .days(7)
        case .thisMonth: .months(1)
        case .thisQuarter: .months(3)
        case .thisYear: .months(12)
        default: nil
        }
    }

    public enum PeriodShift: Sendable {
        case days(Int)
        case months(Int)
    }

    private static func trailing(_ days: Int, _ today: CalendarDay) -> DayRange {
        DayRange(start: today.adding(days: -days), end: today.adding(days: -1))
    }
}

/// Resolves the time parts of a query in the workspace's time zone.
public enum TimeResolver {
    public enum ComparisonKind: String, Sendable {
        case previousPeriod = "previous_period"
        case yearOverYear = "year_over_year"
        case custom
    }

    /// The comparison range of `range` (which came from `preset`, if any).
    public static func comparison(_ kind: ComparisonKind, of range: DayRange, preset: TimePreset?, custom: DayRange?) -> DayRange? {
        switch kind {
        case .custom:
            return custom
        case .yearOverYear:
            return DayRange(start: range.start.adding(months: -12), end: range.end.adding(months: -12))
        case .previousPeriod:
            // The same span of the previous period: this week so far (Mon-Thu) compares with
            // Mon-Thu of last week; this month so far (1-19) with the 1st-19th of last month.
            if let shift = preset?.periodShift {
                switch shift {
                case .days(let days):
                    return DayRange(start: range.start.adding(days: -days), end: range.end.adding(days: -days))
                case .months(let months):
                    let start = range.start.adding(months: -months)
                    let periodEnd = range.start.adding(days: -1)
                    let end = min(range.end.adding(months: -months), periodEnd)
                    return DayRange(start: start, end: end)
                }
            }
            // Any other range: the range of the same length that ends the day before it starts.
            let length = range.dayCount
            return DayRange(start: range.start.adding(days: -length), end: range.start.adding(days: -1))
        }
    }
}
