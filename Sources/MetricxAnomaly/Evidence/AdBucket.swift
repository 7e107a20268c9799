/// One bucket of an ad account's additive measures, for one scope (the workspace, a provider,
/// a campaign): what ``AdMetricDetector`` judges its ratios from.
public struct AdBucket: Sendable, Hashable {
    public var spend: Double
    public var impressions: Double
    public var clicks: Double
    public var conversions: Double
    public var revenue: Double
    /// The orders the revenue came from (a subset of conversions, which also count leads and installs).
    public var purchases: Double

    public init(
        spend: Double = 0, impressions: Double = 0, clicks: Double = 0, conversions: Double = 0, revenue: Double = 0,
        purchases: Double = 0
    ) {
        self.spend = spend
        self.impressions = impressions
        self.clicks = clicks
        self.conversions = conversions
        self.revenue = revenue
        self.purchases = purchases
    }

    public static func + (lhs: AdBucket, rhs: AdBucket) -> AdBucket {
        AdBucket(
            spend: lhs.spend + rhs.spend, impressions: lhs.impressions + rhs.impressions, clicks: lhs.clicks + rhs.clicks,
            conversions: lhs.conversions + rhs.conversions, revenue: lhs.revenue + rhs.revenue,
            purchases: lhs.purchases + rhs.purchases)
    }
}
