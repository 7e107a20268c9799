import Hummingbird
import MetricxProtos

/// `GET /dashboard/unified`'s response.
struct DashboardBody: Encodable, ResponseEncodable, Sendable {
    struct Range: Encodable, Sendable {
        var start: String
        var end: String
        var comparison: [String: String]
    }

    struct KPI: Encodable, Sendable {
        var metric: String
        var value: Double?
        var previous: Double?
        var delta: Double?
        var deltaRatio: Double?

        enum CodingKeys: String, CodingKey {
            case metric, value, previous, delta
            case deltaRatio = "delta_ratio"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metric, forKey: .metric)
            try container.encode(value, forKey: .value)
            try container.encode(previous, forKey: .previous)
            try container.encode(delta, forKey: .delta)
            try container.encode(deltaRatio, forKey: .deltaRatio)
        }
    }

    struct Point: Encodable, Sendable {
        var ts: String
        var values: [String: Double?]
    }

    struct Campaign: Encodable, Sendable {
        var key: String
        var label: String
        var values: [String: Double?]
        var share: Double?
    }

    struct ProviderShare: Encodable, Sendable {
        var provider: String
        var spend: Double
        var share: Double?
    }

    var timeframe: String
    var resolved: Range
    var kpis: [KPI]
    var daily: [Point]
    var topCampaigns: [Campaign]
    var spendMix: [ProviderShare]
    /// Filled when a store is connected (SyncSvc's Shopify connector).
    var attribution: [String: Double]?

    enum CodingKeys: String, CodingKey {
        case timeframe, resolved, kpis, daily, attribution
        case topCampaigns = "top_campaigns"
        case spendMix = "spend_mix"
    }

    init(timeframe: String, _ response: Metricx_V1_DashboardResponse) {
        self.timeframe = timeframe
        self.resolved = Range(
            start: response.resolved.range.start, end: response.resolved.range.end,
            comparison: ["start": response.resolved.comparison.start, "end": response.resolved.comparison.end])
        self.kpis = response.kpis.map {
            KPI(
                metric: $0.metric, value: $0.hasValue ? $0.value : nil, previous: $0.hasPrevious ? $0.previous : nil,
                delta: $0.hasDelta ? $0.delta : nil, deltaRatio: $0.hasDeltaRatio ? $0.deltaRatio : nil)
        }
        self.daily = response.daily.map { Point(ts: $0.ts, values: QueryResultBody.values($0.values)) }
        self.topCampaigns = response.topCampaigns.map {
            Campaign(key: $0.key, label: $0.label, values: QueryResultBody.values($0.values), share: $0.hasShare ? $0.share : nil)
        }
        self.spendMix = response.spendMix.map { ProviderShare(provider: $0.provider, spend: $0.spend, share: $0.hasShare ? $0.share : nil) }
        self.attribution = nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeframe, forKey: .timeframe)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(kpis, forKey: .kpis)
        try container.encode(daily, forKey: .daily)
        try container.encode(topCampaigns, forKey: .topCampaigns)
        try container.encode(spendMix, forKey: .spendMix)
        try container.encode(attribution, forKey: .attribution)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
