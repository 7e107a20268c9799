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

        init(_ row: Metricx_V1_BreakdownRow) {
            key = row.key
            label = row.label
            values = QueryResultBody.values(row.values)
            share = row.hasShare ? row.share : nil
        }
    }

    struct ProviderShare: Encodable, Sendable {
        var provider: String
        var spend: Double
        var share: Double?
    }

    /// Platform-reported revenue against store revenue; `blended_roas` is MER (store revenue / spend).
    struct Attribution: Encodable, Sendable {
        var platformRevenue: Double
        var storeRevenue: Double
        var attributedStoreRevenue: Double
        var unattributedStoreRevenue: Double
        var blendedROAS: Double?
        var byCampaign: [Campaign]

        enum CodingKeys: String, CodingKey {
            case platformRevenue = "platform_revenue"
            case storeRevenue = "store_revenue"
            case attributedStoreRevenue = "attributed_store_revenue"
            case unattributedStoreRevenue = "unattributed_store_revenue"
            case blendedROAS = "blended_roas"
            case byCampaign = "by_campaign"
        }

        init(_ attribution: Metricx_V1_Attribution) {
            platformRevenue = attribution.platformRevenue
            storeRevenue = attribution.storeRevenue
            attributedStoreRevenue = attribution.attributedStoreRevenue
            unattributedStoreRevenue = attribution.storeRevenue - attribution.attributedStoreRevenue
            blendedROAS = attribution.hasBlendedRoas ? attribution.blendedRoas : nil
            byCampaign = attribution.byCampaign.map(Campaign.init)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(platformRevenue, forKey: .platformRevenue)
            try container.encode(storeRevenue, forKey: .storeRevenue)
            try container.encode(attributedStoreRevenue, forKey: .attributedStoreRevenue)
            try container.encode(unattributedStoreRevenue, forKey: .unattributedStoreRevenue)
            try container.encode(blendedROAS, forKey: .blendedROAS)
            try container.encode(byCampaign, forKey: .byCampaign)
        }
    }

    var timeframe: String
    var resolved: Range
    var kpis: [KPI]
    var daily: [Point]
    var topCampaigns: [Campaign]
    var spendMix: [ProviderShare]
    /// Filled when a store is connected (SyncSvc's Shopify connector).
    var attribution: Attribution?

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
        self.topCampaigns = response.topCampaigns.map(Campaign.init)
        self.spendMix = response.spendMix.map { ProviderShare(provider: $0.provider, spend: $0.spend, share: $0.hasShare ? $0.share : nil) }
        self.attribution = response.hasAttribution ? Attribution(response.attribution) : nil
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
