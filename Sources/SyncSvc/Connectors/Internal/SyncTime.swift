import Foundation
import MetricxRuntime

/// Instants as the wire carries them: RFC 3339 in UTC.
enum SyncTime {
    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? { RFC3339.date(text) }
}
