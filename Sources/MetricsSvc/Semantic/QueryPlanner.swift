import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxSemantics

/// Validates a SemanticQuery and resolves its time ranges in the workspace's time zone. Every
/// rejection names the field at fault.
struct QueryPlanner: Sendable {
    static let maximumDays = 3_700
    static let maximumBuckets = 5_000
    /// Filters AND together; a query needs a handful. Each becomes a predicate (and, for
    /// `contains`, a scan) in the fact query, so 10,000 of them held a connection until the
    /// deadline (#23).
    static let maximumFilters = 20
    static let maximumFilterValues = 500
    static let maximumBreakdownLimit = 1_000

    var timeZoneName: String
    var timeZone: TimeZone
    var now: Date
    /// The workspace's own metrics, when the query names any.
    var customMetrics = CustomMetricCatalog.Snapshot.empty

    init(settings: Metricx_V1_WorkspaceSettings, asOf: String) throws {
        (self.timeZoneName, self.timeZone) = try WorkspaceTimeZone.resolve(settings.timezone, field: "settings.timezone")
        if asOf.isEmpty {
            self.now = Date()
        } else {
            guard let instant = Self.parseInstant(asOf) else {
                throw ServiceError.invalidArgument("must be an RFC 3339 instant such as 2026-11-19T15:00:00Z", field: "as_of")
            }
            self.now = instant
        }
    }

    var today: CalendarDay { CalendarDay(now, in: timeZone) }

    func plan(_ query: Metricx_V1_SemanticQuery) throws -> QueryPlan {
        let metrics = try MetricCatalog.resolve(
            query.metrics, custom: customMetrics.metrics, sourceOnly: customMetrics.sourceOnly)
        let (range, preset) = try resolve(query.hasTimeRange ? query.timeRange : nil, field: "time_range")

        var comparison: DayRange?
        var comparisonType: TimeResolver.ComparisonKind?
        if query.hasComparison, !query.comparison.type.isEmpty {
            guard let kind = TimeResolver.ComparisonKind(rawValue: query.comparison.type) else {
                throw ServiceError.invalidArgument(
                    "must be previous_period, year_over_year or custom", field: "comparison.type")
            }
            var custom: DayRange?
            if kind == .custom {
                guard query.comparison.hasCustom else {
                    throw ServiceError.invalidArgument("a custom comparison needs start and end", field: "comparison.start")
                }
                custom = try dates(query.comparison.custom, field: "comparison")
            }
            comparison = TimeResolver.comparison(kind, of: range, preset: preset, custom: custom)
            comparisonType = kind
        }

        var granularity: Granularity?
        if !query.granularity.isEmpty {
            guard let grain = Granularity(rawValue: query.granularity) else {
                throw ServiceError.invalidArgument("must be one of 15min, hour, day, week, month", field: "granularity")
            }
            granularity = grain
        } else if query.includeTimeseries {
            granularity = Granularity.defaultFor(range)
        }
        if let granularity, granularity.isSubDaily, range.dayCount * 86_400 / granularity.seconds > Self.maximumBuckets {
            throw ServiceError.invalidArgument(
                "\(granularity.rawValue) over \(range.dayCount) days is more than \(Self.maximumBuckets) points; use a coarser grain",
                field: "granularity")
        }

        guard query.filters.count <= Self.maximumFilters else {
            throw ServiceError.invalidArgument("at most \(Self.maximumFilters) filters per query", field: "filters")
        }
        let filters = try query.filters.enumerated().map { index, filter in try plan(filter, field: "filters[\(index)]") }

        var breakdown: BreakdownPlan?
        if query.hasBreakdown, !query.breakdown.dimension.isEmpty {
            breakdown = try plan(query.breakdown, metrics: metrics)
        }
        return QueryPlan(
            metrics: metrics, range: range, preset: preset, comparison: comparison, comparisonType: comparisonType,
            granularity: granularity, filters: filters, breakdown: breakdown, timeZone: timeZone,
            timeZoneName: timeZoneName)
    }

    /// A preset or explicit dates; no time range means last_7_days.
    func resolve(_ timeRange: Metricx_V1_TimeRange?, field: String) throws -> (DayRange, TimePreset?) {
        switch timeRange?.kind {
        case .preset(let name):
            guard let preset = TimePreset(rawValue: name) else {
                throw ServiceError.invalidArgument(
                    "unknown preset \"\(name)\"; known: \(TimePreset.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "\(field).preset")
            }
            return (preset.range(today: today), preset)
        case .dates(let dates):
            return (try self.dates(dates, field: field), nil)
        case nil:
            return (TimePreset.last7Days.range(today: today), .last7Days)
        }
    }

    private func dates(_ dates: Metricx_V1_DateRange, field: String) throws -> DayRange {
        guard let start = CalendarDay(dates.start) else {
            throw ServiceError.invalidArgument("must be a date YYYY-MM-DD", field: "\(field).start")
        }
        guard let end = CalendarDay(dates.end) else {
            throw ServiceError.invalidArgument("must be a date YYYY-MM-DD", field: "\(field).end")
        }
        guard start <= end else {
            throw ServiceError.invalidArgument("must not be after end", field: "\(field).start")
        }
        let range = DayRange(start: start, end: end)
        guard range.dayCount <= Self.maximumDays else {
            throw ServiceError.invalidArgument("a range may span at most \(Self.maximumDays) days", field: field)
        }
        return range
    }

    private func plan(_ filter: Metricx_V1_Filter, field: String) throws -> FilterPlan {
        guard let dimension = Dimension(rawValue: filter.dimension) else {
            throw ServiceError.invalidArgument("must be one of provider, account, campaign, adset, ad", field: "\(field).dimension")
        }
        guard let op = FilterOperator(rawValue: filter.op.isEmpty ? "in" : filter.op) else {
            throw ServiceError.invalidArgument("must be in, not_in or contains", field: "\(field).op")
        }
        guard filter.values.count <= Self.maximumFilterValues else {
            throw ServiceError.invalidArgument("give 1 to \(Self.maximumFilterValues) non-empty values", field: "\(field).values")
        }
        let values = filter.values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !values.isEmpty else {
            throw ServiceError.invalidArgument("give 1 to \(Self.maximumFilterValues) non-empty values", field: "\(field).values")
        }
        return FilterPlan(dimension: dimension, op: op, values: values)
    }

    private func plan(_ breakdown: Metricx_V1_Breakdown, metrics: [MetricDefinition]) throws -> BreakdownPlan {
        guard let dimension = Dimension(rawValue: breakdown.dimension) else {
            throw ServiceError.invalidArgument("must be one of provider, account, campaign, adset, ad", field: "breakdown.dimension")
        }
        let limit = breakdown.limit == 0 ? 10 : Int(breakdown.limit)
        guard (1...Self.maximumBreakdownLimit).contains(limit) else {
            throw ServiceError.invalidArgument("must be from 1 to \(Self.maximumBreakdownLimit)", field: "breakdown.limit")
        }
        var orderBy = metrics[0]
        if !breakdown.orderBy.isEmpty {
            guard let metric = metrics.first(where: { $0.name == breakdown.orderBy.lowercased() }) else {
                throw ServiceError.invalidArgument("must be one of the query's metrics", field: "breakdown.order_by")
            }
            orderBy = metric
        }
        let order = breakdown.order.isEmpty ? "desc" : breakdown.order.lowercased()
        guard order == "asc" || order == "desc" else {
            throw ServiceError.invalidArgument("must be asc or desc", field: "breakdown.order")
        }
        return BreakdownPlan(dimension: dimension, limit: limit, orderBy: orderBy, ascending: order == "asc")
    }

    static func parseInstant(_ text: String) -> Date? {
        RFC3339.date(text)
    }
}
