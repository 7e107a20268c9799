import Foundation
import MetricxSemantics

/// A dimension of DESIGN.md: provider, or an entity level.
enum Dimension: String, CaseIterable, Sendable {
    case provider, account, campaign, adset, ad

    /// The column of the ad's entity row that groups by this dimension.
    var column: String {
        switch self {
        case .provider: "e.provider"
        case .account: "e.account_id"
        case .campaign: "e.campaign_id"
        case .adset: "e.adset_id"
        case .ad: "e.id"
        }
    }

    /// The column of the campaign rollup; nil for levels below a campaign, which it cannot serve.
    var campaignRollupColumn: String? {
        switch self {
        case .provider: "f.provider"
        case .account: "f.account_id"
        case .campaign: "nullif(f.campaign_id, 0)"
        case .adset, .ad: nil
        }
    }
}

/// The timeseries grain.
enum Granularity: String, CaseIterable, Sendable {
    case fifteenMinutes = "15min"
    case hour, day, week, month

    /// Sub-day grains read raw snapshots; day and longer read the daily rollup.
    var isSubDaily: Bool { self == .fifteenMinutes || self == .hour }

    var seconds: Int { self == .fifteenMinutes ? 900 : 3600 }

    /// DESIGN.md's default: hourly up to 2 days, daily up to 92 days, weekly beyond.
    static func defaultFor(_ range: DayRange) -> Granularity {
        switch range.dayCount {
        case ...2: .hour
        case ...92: .day
        default: .week
        }
    }
}

enum FilterOperator: String, Sendable {
    case `in`
    case notIn = "not_in"
    case contains
}

struct FilterPlan: Sendable, Equatable {
    var dimension: Dimension
    var op: FilterOperator
    var values: [String]
}

struct BreakdownPlan: Sendable, Equatable {
    var dimension: Dimension
    var limit: Int
    var orderBy: MetricDefinition
    var ascending: Bool
}

/// A validated SemanticQuery with every time range resolved.
struct QueryPlan: Sendable {
    var metrics: [MetricDefinition]
    var range: DayRange
    var preset: TimePreset?
    var comparison: DayRange?
    var comparisonType: TimeResolver.ComparisonKind?
    var granularity: Granularity?
    var filters: [FilterPlan]
    var breakdown: BreakdownPlan?
    var timeZone: TimeZone
    var timeZoneName: String
}
