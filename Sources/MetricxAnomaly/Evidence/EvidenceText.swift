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
        return "\(what)\(number(verdict.value)) where \(number(Swift.max(lower, 0)))–\(number(upper)) was expected"
    }

    static func window(_ buckets: Int, bucketSeconds: Double) -> String {
        let hourly = bucketSeconds < 86_400
        if buckets == 1 { return hourly ? "in this hour" : "on this day" }
        return hourly ? "over the last \(buckets) hours" : "over the last \(buckets) days"
    }

    /// Thousands separated, no decimals for counts over 10, two for money and small values.
    static func number(_ value: Double, money: Bool = false) -> String {
        let digits = money ? (abs(value) >= 1_000 ? 0 : 2) : (abs(value) >= 10 || value == value.rounded() ? 0 : 1)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.numberStyle = .decimal
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}
