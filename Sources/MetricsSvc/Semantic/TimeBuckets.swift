import Foundation
import MetricxRuntime
import MetricxSemantics

/// Every bucket of a timeseries over a range, so that empty ones are filled with zeros, and how
/// the fact query groups to match them.
struct TimeBuckets {
    struct Bucket {
        /// What the fact query returns for it.
        var key: String
        /// What the client sees: a date for day and longer grains, RFC 3339 with the workspace's
        /// offset for sub-day grains.
        var label: String
    }

    let keys: [Bucket]
    let grouping: FactQuery.Grouping

    init(range: DayRange, granularity: Granularity, timeZone: TimeZone) {
        var buckets: [Bucket] = []
        switch granularity {
        case .day:
            buckets = Self.calendarBuckets(from: range.start, through: range.end) { $0.adding(days: 1) }
            grouping = .day
        case .week:
            buckets = Self.calendarBuckets(from: range.start.startOfWeek, through: range.end) { $0.adding(days: 7) }
            grouping = .week
        case .month:
            buckets = Self.calendarBuckets(from: range.start.startOfMonth, through: range.end) { $0.adding(months: 1) }
            grouping = .month
        case .hour, .fifteenMinutes:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            // Local midnight exists in every accepted zone (WorkspaceTimeZone); a day the calendar
            // cannot place gives no buckets rather than a trap.
            let endDay = range.end.adding(days: 1)
            guard
                let origin = calendar.date(from: DateComponents(year: range.start.year, month: range.start.month, day: range.start.day)),
                let end = calendar.date(from: DateComponents(year: endDay.year, month: endDay.month, day: endDay.day))
            else {
                self.keys = []
                self.grouping = .instant(seconds: granularity.seconds, origin: Date(timeIntervalSince1970: 0))
                return
            }
            var instant = origin
            while instant < end {
                let epoch = instant.timeIntervalSince1970
                buckets.append(Bucket(key: Self.key(epoch), label: RFC3339.string(instant, in: timeZone)))
                instant = instant.addingTimeInterval(Double(granularity.seconds))
            }
            grouping = .instant(seconds: granularity.seconds, origin: origin)
        }
        self.keys = buckets
    }

    /// Buckets from `first`, stepping by `step` while they start on or before `last`; keyed and
    /// labelled by their first day.
    private static func calendarBuckets(
        from first: CalendarDay, through last: CalendarDay, step: (CalendarDay) -> CalendarDay
    ) -> [Bucket] {
        var buckets: [Bucket] = []
        var day = first
        while day <= last {
            buckets.append(Bucket(key: day.description, label: day.description))
            day = step(day)
        }
        return buckets
    }

    /// Normalises a key from SQL to the form of ``keys``.
    func normalize(_ key: String) -> String {
        if case .instant = grouping, let epoch = Double(key) { return Self.key(epoch) }
        return key
    }

    private static func key(_ epoch: Double) -> String { String(Int64(epoch.rounded())) }
}
