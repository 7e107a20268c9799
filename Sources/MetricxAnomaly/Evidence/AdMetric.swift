/// The metrics the anomaly monitor watches on an ad account, and the question each one asks.
/// A ratio is never judged by its value: it is asked as "is its numerator surprising given its
/// denominator?" (see ``RatioDetector``), in the direction that hurts.
public enum AdMetric: String, Sendable, Hashable, CaseIterable {
    /// Spend far above its usual hour (a runaway budget); judged against its usual hour by ``SpendDetector``.
    case spend
    /// Clicks given spend: fewer clicks per unit spent is a CPC spike.
    case cpc
    /// Impressions given spend: fewer impressions per unit spent is a CPM spike.
    case cpm
    /// Clicks given impressions: a falling CTR (creative fatigue, a broken ad).
    case ctr
    /// Conversions given clicks: the conversion rate, whose collapse is a tracking outage.
    case conversions
    /// Conversions given spend: a rising CPA.
    case cpa
    /// Revenue given clicks: revenue per visit collapsing (checkout, pricing, tracking).
    case revenue
    /// Revenue given spend: a falling ROAS.
    case roas
    /// Revenue given purchases: the average order's value collapsing (a broken price, a wrong
    /// currency, a discount gone wild) while orders go on.
    case aov

    /// The measures a ratio metric asks about: numerator given denominator. Nil for spend.
    public var question: (numerator: KeyPath<AdBucket, Double>, denominator: KeyPath<AdBucket, Double>)? {
        switch self {
        case .spend: return nil
        case .cpc: return (\.clicks, \.spend)
        case .cpm: return (\.impressions, \.spend)
        case .ctr: return (\.clicks, \.impressions)
        case .conversions: return (\.conversions, \.clicks)
        case .cpa: return (\.conversions, \.spend)
        case .revenue: return (\.revenue, \.clicks)
        case .roas: return (\.revenue, \.spend)
        case .aov: return (\.revenue, \.purchases)
        }
    }

    /// Whether the numerator is money, judged in units of a typical order.
    public var numeratorIsRevenue: Bool { self == .revenue || self == .roas || self == .aov }

    /// The metric's own value from a window's numerator and denominator (cpc is spend per click,
    /// the inverse of the question asked); nil where it has no value.
    public func value(numerator: Double, denominator: Double) -> Double? {
        switch self {
        case .spend: return numerator
        case .cpc, .cpa: return numerator > 0 ? denominator / numerator : nil
        case .cpm: return numerator > 0 ? denominator / numerator * 1_000 : nil
        case .conversions, .revenue: return numerator
        case .ctr, .roas, .aov: return denominator > 0 ? numerator / denominator : nil
        }
    }
}
