import Foundation

/// Parses and formats RFC 3339 instants (`2026-11-19T15:00:00Z`, `2026-11-19T15:00:00.250+01:00`)
/// without Foundation formatters, which are far too slow for per-row use on ingest paths.
public enum RFC3339 {
    /// Seconds since 1970, or nil when `text` is not an RFC 3339 date-time.
    public static func epochSeconds(_ text: some StringProtocol) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = Int(bytes[index]) &- 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
            bytes[13] == 58, bytes[16] == 58,
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 46 { // "."
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 90, 122: // Z z
            guard index + 1 == bytes.count else { return nil }
        case 43, 45: // + -
            guard index + 6 == bytes.count, bytes[index + 3] == 58,
                let hours = digits(index + 1, 2), let minutes = digits(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    public static func date(_ text: some StringProtocol) -> Date? {
        epochSeconds(text).map { Date(timeIntervalSince1970: $0) }
    }

    /// An optional request field: nil when empty; an invalid argument naming `field` when it is
    /// not an RFC 3339 instant.
    public static func date(_ text: String, field: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        guard let date = date(text) else {
            throw ServiceError.invalidArgument("must be an RFC 3339 instant such as 2026-11-19T15:00:00Z", field: field)
        }
        return date
    }

    /// `2026-11-19T15:00:00Z`: the instant in UTC, whole seconds (fractions are dropped).
    public static func string(_ date: Date) -> String {
        var time = time_t((date.timeIntervalSince1970).rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `2026-11-19T16:00:00+01:00`: the instant as local time in `zone` with its UTC offset at that
    /// instant (`Z` when the offset is zero), whole seconds. Written by hand because Foundation's ISO 8601 formatter traps on
    /// some zones Foundation itself accepts.
    public static func string(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let utc = string(date.addingTimeInterval(Double(offset)))
        guard offset != 0 else { return utc } // "Z", as the ISO 8601 formatter wrote it
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(utc.dropLast()) + String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
