import Foundation
import MetricxSemantics

/// Numbers as an answer says them: currency with the workspace's currency, fractions as
/// percentages, ratios with two decimals, counts with thousands separators.
struct ValueFormat: Sendable {
    var currency: String
    /// Where the units of the workspace's own metrics come from.
    var vocabulary: MetricVocabulary

    init(currency: String, vocabulary: MetricVocabulary = .builtin) {
        self.currency = currency.isEmpty ? "USD" : currency.uppercased()
        self.vocabulary = vocabulary
    }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$", "AUD": "A$"]

    func callAsFunction(_ value: Double?, metric: String) -> String {
        guard let value else { return "n/a" }
        switch vocabulary.unit(of: metric) ?? .count {
        case .currency:
            let number = Self.grouped(value, decimals: abs(value) >= 100_000 ? 0 : 2)
            if let symbol = Self.symbols[currency] { return value < 0 ? "-\(symbol)\(number.dropFirst())" : "\(symbol)\(number)" }
            return "\(number) \(currency)"
        case .fraction:
            return Self.grouped(value * 100, decimals: 2) + "%"
        case .percent:
            return Self.grouped(value, decimals: 2) + "%"
        case .ratio:
            return Self.grouped(value, decimals: 2)
        case .count:
            return Self.grouped(value, decimals: abs(value) < 100 && value.rounded() != value ? 1 : 0)
        }
    }

    /// "+12.3%" / "-4.0%".
    static func percentChange(_ ratio: Double) -> String {
        (ratio >= 0 ? "+" : "-") + grouped(abs(ratio) * 100, decimals: 1) + "%"
    }

    static func grouped(_ value: Double, decimals: Int) -> String {
        let fixed = String(format: "%.\(decimals)f", abs(value))
        let parts = fixed.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [Substring] = []
        while integer.count > 3 {
            groups.insert(integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        groups.insert(Substring(integer), at: 0)
        let text = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
        return (value < 0 && fixed.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "") + text
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 12" (and the hour and minute when not midnight, "Nov 12 at 14:05") of an RFC 3339
    /// instant in `timeZone`; nil when `instant` is not one.
    static func day(_ instant: String, timeZone: TimeZone) -> (day: String, time: String?)? {
        guard let date = try? Date(instant, strategy: .iso8601) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        let day = "\(months[parts.month! - 1]) \(parts.day!)"
        if parts.hour == 0 && parts.minute == 0 { return (day, nil) }
        return (day, String(format: "%02d:%02d", parts.hour!, parts.minute!))
    }

    /// The first letter upper-case, for the start of a sentence; a metric's identifier
    /// ("net_roas") stays as it is written.
    static func capitalized(_ text: String) -> String {
        text.contains("_") ? text : text.prefix(1).uppercased() + text.dropFirst()
    }

    /// "Nov 12 – Nov 18, 2026", "Nov 18, 2026".
    static func range(_ start: String, _ end: String) -> String {
        guard let from = CalendarDay(start), let to = CalendarDay(end) else { return "\(start) – \(end)" }
        func day(_ value: CalendarDay) -> String { "\(months[value.month - 1]) \(value.day)" }
        if from == to { return "\(day(from)), \(from.year)" }
        if from.year == to.year { return "\(day(from)) – \(day(to)), \(to.year)" }
        return "\(day(from)), \(from.year) – \(day(to)), \(to.year)"
    }
}
