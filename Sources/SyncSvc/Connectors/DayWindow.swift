import Foundation

/// An inclusive range of calendar days in one time zone, and the instants that bound them.
struct DayWindow: Sendable, Equatable {
    let first: String
    let last: String
    let timeZone: TimeZone
    /// Gregorian in `timeZone`; built once, since rows ask for instants one by one.
    let calendar: Calendar

    init(first: String, last: String, timeZone: TimeZone) {
        self.first = first
        self.last = last
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The `days` days that end with the day `now` falls on.
    static func trailing(days: Int, endingAt now: Date, timeZone: TimeZone) -> DayWindow {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        let start = calendar.date(byAdding: .day, value: -(max(days, 1) - 1), to: today) ?? today
        return DayWindow(first: format(start, timeZone), last: format(today, timeZone), timeZone: timeZone)
    }

    /// The instant a day (`YYYY-MM-DD`) starts, plus `hour` hours of wall-clock time.
    func instant(day: String, hour: Int = 0) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (0...23).contains(hour) else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: hour))
    }

    /// The first instant of the window and the first instant after it.
    var bounds: (start: Date, end: Date)? {
        guard let start = instant(day: first), let lastStart = instant(day: last),
            let end = calendar.date(byAdding: .day, value: 1, to: lastStart)
        else { return nil }
        return (start, end)
    }

    /// Every day of the window, in order.
    var days: [String] {
        guard let (start, end) = bounds else { return [] }
        var result: [String] = []
        var day = start
        while day < end {
            result.append(Self.format(day, timeZone))
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return result
    }

    static func format(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// `YYYY-MM-DD` of an instant in this window's zone.
    func day(of date: Date) -> String { Self.format(date, timeZone) }
}
