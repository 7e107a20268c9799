import Foundation

/// A calendar date without a time zone: "2026-11-20". Arithmetic happens in UTC, where every day
/// has 24 hours; converting to instants uses the workspace's time zone.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly (a real date, four-digit year).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
        guard Self.from(date) == self else { return nil } // rejects 2026-02-30
    }

    /// The local date of an instant in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Noon UTC of the day: a stable anchor for calendar arithmetic.
    public var date: Date {
        Self.utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    public static func from(_ date: Date) -> CalendarDay {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    public func adding(days: Int) -> CalendarDay {
        .from(Self.utc.date(byAdding: .day, value: days, to: date)!)
    }

    /// Adds months, clipping the day to the target month's length (Mar 31 - 1 month = Feb 28).
    public func adding(months: Int) -> CalendarDay {
        .from(Self.utc.date(byAdding: .month, value: months, to: date)!)
    }

    public func days(to other: CalendarDay) -> Int {
        Self.utc.dateComponents([.day], from: date, to: other.date).day!
    }

    /// ISO weekday: Monday 1 ... Sunday 7.
    public var isoWeekday: Int {
        let weekday = Self.utc.component(.weekday, from: date) // Sunday 1 ... Saturday 7
        return (weekday + 5) % 7 + 1
    }

    public var startOfWeek: CalendarDay { adding(days: 1 - isoWeekday) }
    public var startOfMonth: CalendarDay { CalendarDay(year: year, month: month, day: 1) }
    public var startOfQuarter: CalendarDay { CalendarDay(year: year, month: (month - 1) / 3 * 3 + 1, day: 1) }
    public var startOfYear: CalendarDay { CalendarDay(year: year, month: 1, day: 1) }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// An inclusive range of days.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    public var start: CalendarDay
    public var end: CalendarDay

    public init(start: CalendarDay, end: CalendarDay) {
        self.start = start
        self.end = end
    }

    public var dayCount: Int { start.days(to: end) + 1 }
    public var description: String { "\(start)..\(end)" }
}
