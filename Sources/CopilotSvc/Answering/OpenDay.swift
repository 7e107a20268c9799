import Foundation
import MetricxProtos
import MetricxSemantics

/// Today in the workspace's time zone, which a period ending today includes only up to now.
///
/// A sum over part of a day is not comparable with a whole day's: at 01:45 "today against
/// yesterday" reads spend down 97% though nothing happened. Answers say how far the figures run,
/// and do not state a change of a sum between a running period and whole ones.
struct OpenDay: Sendable, Equatable {
    var day: CalendarDay
    /// The local time the figures run to, "01:45".
    var through: String

    init(day: CalendarDay, through: String) {
        self.day = day
        self.through = through
    }

    init(now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        self.init(
            day: CalendarDay(now, in: timeZone),
            through: String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0))
    }

    /// Whether a resolved range (inclusive `YYYY-MM-DD` ends) is still running: it ends today.
    func isRunning(_ range: Metricx_V1_DateRange) -> Bool {
        CalendarDay(range.end) == day
    }

    /// The range as answers say it: "Dec 7, 2026 (through 01:45 today)" while it runs.
    func said(_ range: Metricx_V1_DateRange) -> String {
        ValueFormat.range(range.start, range.end) + (isRunning(range) ? " (through \(through) today)" : "")
    }

    /// Whether `resolved` sets a running range against a comparison of whole days, where a sum's
    /// change would only measure the hours still to come.
    func setsPartAgainstWhole(_ resolved: Metricx_V1_ResolvedRanges) -> Bool {
        resolved.hasComparison && isRunning(resolved.range) && !isRunning(resolved.comparison)
    }

    /// Whether `metric` is a sum (spend, clicks, revenue), whose total grows through the day; a
    /// ratio (CPC, ROAS) of part of a day is still a ratio.
    static func isSum(_ metric: String) -> Bool {
        Measure(rawValue: metric) != nil
    }
}
