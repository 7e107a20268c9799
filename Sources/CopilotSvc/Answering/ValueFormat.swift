import Foundation
import MetricxSemantics

/// Numbers as an answer says them: currency with the workspace's currency, fractions as
/// percentages, ratios with two decimals, counts with thousands separators.
struct ValueFormat: Sendable {
    var currency: String

    init(currency: String) {
        self.currency = currency.isEmpty ? "USD" : currency.uppercased()
    }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$", "AUD": "A$"]

    func callAsFunction(_ value: Double?, metric: String) -> String {
        guard let value else { return "n/a" }
        switch MetricCatalog.builtin[metric]?.unit ?? .count {
        case .currency:
            let number = Self.grouped(value, decimals: abs(value) >= 100_000 ? 0 : 2)
            if let symbol = Self.symbols[currency] { return value < 0 ? "-\(symbol)\(number.dropFirst())" : "\(symbol)\(number)" }
            return "\(number) \(currency)"
        case .fraction:
            return Self.grouped(value * 100, decimals: 2) + "%"
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

    /// "Nov 12 – Nov 18, 2026", "Nov 18, 2026".
    static func range(_ start: String, _ end: String) -> String {
        guard let from = CalendarDay(start), let to = CalendarDay(end) else { return "\(start) – \(end)" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func day(_ value: CalendarDay) -> String { "\(months[value.month - 1]) \(value.day)" }
        if from == to { return "\(day(from)), \(from.year)" }
        if from.year == to.year { return "\(day(from)) – \(day(to)), \(to.year)" }
        return "\(day(from)), \(from.year) – \(day(to)), \(to.year)"
    }
}
