import Foundation

/// The evidence of a verdict in the words a marketer reads: "12 conversions where 30–45 were
/// expected from 1,400 clicks over the last 24 hours", not a bare score.
public enum EvidenceText {
    /// A ratio's evidence: the numerator seen, its normal range, and the denominator it came from.
    public static func ratio(_ evidence: RatioEvidence, metric: AdMetric, bucketSeconds: Double) -> String {
        let (numerator, denominator): (String, String) = {
            switch metric {
            case .spend: return ("spend", "spend")
            case .cpc: return ("clicks", "spend")
            case .cpm: return ("impressions", "spend")
            case .ctr: return ("clicks", "impressions")
            case .conversions: return ("conversions", "clicks")
            case .cpa: return ("conversions", "spend")
            case .revenue: return ("revenue", "clicks")
            case .roas: return ("revenue", "spend")
            case .aov: return ("revenue", "purchases")
            }
        }()
        let money = metric.numeratorIsRevenue
        let observed = money ? "\(number(evidence.observed, money: true)) of revenue" : "\(number(evidence.observed)) \(numerator)"
        // Events come whole: the band is widened to whole numbers.
        let lower = money ? evidence.lower : evidence.lower.rounded(.down)
        let upper = money ? evidence.upper : evidence.upper.rounded(.up)
        let range = "\(number(lower, money: money))–\(number(upper, money: money))"
        let from =
            denominator == "spend"
            ? "\(number(evidence.denominator, money: true)) of spend" : "\(number(evidence.denominator)) \(denominator)"
        let verb = money ? "was" : "were"
        return "\(observed) where \(range) \(verb) expected from \(from) \(window(evidence.windowBuckets, bucketSeconds: bucketSeconds))"
    }

    /// A level's evidence: the value, and the band its history expected.
    public static func level(_ verdict: PointVerdict, what: String = "value") -> String? {
        guard let lower = verdict.lower, let upper = verdict.upper else { return nil }
        let what = what == "value" ? "" : "\(what) "
        let money = what == "spend "
        return
            "\(what)\(number(verdict.value, money: money)) where \(number(Swift.max(lower, 0), money: money))–\(number(upper, money: money)) was expected"
    }

    static func window(_ buckets: Int, bucketSeconds: Double) -> String {
        let hourly = bucketSeconds < 86_400
        if buckets == 1 { return hourly ? "in this hour" : "on this day" }
        return hourly ? "over the last \(buckets) hours" : "over the last \(buckets) days"
    }

    /// Thousands separated, no decimals for counts over 10, two for money and small values.
    /// Formatted by hand: Foundation's NumberFormatter on Linux ignores its fraction-digit
    /// limits for some values ("739.119655").
    static func number(_ value: Double, money: Bool = false) -> String {
        guard value.isFinite else { return "\(value)" }
        let digits = money ? (abs(value) >= 1_000 ? 0 : 2) : (abs(value) >= 10 || value == value.rounded() ? 0 : 1)
        let scale = digits == 2 ? 100.0 : digits == 1 ? 10.0 : 1.0
        let units = (abs(value) * scale).rounded()
        let whole = String(format: "%.0f", (units / scale).rounded(.down))
        var grouped = ""
        for (offset, character) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let sign = value < 0 && units > 0 ? "-" : ""
        guard digits > 0 else { return sign + grouped }
        let fraction = String(format: "%0\(digits).0f", units.truncatingRemainder(dividingBy: scale))
        return "\(sign)\(grouped).\(fraction)"
    }
}
