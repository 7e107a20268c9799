import Foundation
import MetricxProtos
import MetricxRuntime

/// Generates realistic, deterministic numbers for a demo workspace: two providers, three campaigns
/// each, two ad sets per campaign and two ads per ad set, with a daily curve, a weekly rhythm and a
/// slow trend; and a store whose orders carry the campaigns' names as `utm_campaign`, laid out like
/// ``ShopifyConnector``'s, so the dashboard's attribution block has something to show. The same
/// (ad, hour) always gives the same numbers, so re-pulls are idempotent like a real provider's.
struct DemoConnector: Connector {
    struct Campaign {
        var provider: String
        var name: String
        /// Spend per hour at the daily peak.
        var budget: Double
        var cpc: Double
        var ctr: Double
        var cvr: Double
        var aov: Double
    }

    static let campaigns = [
        Campaign(provider: "meta", name: "Prospecting - Broad", budget: 42, cpc: 0.85, ctr: 0.012, cvr: 0.021, aov: 64),
        Campaign(provider: "meta", name: "Retargeting - 30d", budget: 18, cpc: 0.55, ctr: 0.021, cvr: 0.052, aov: 71),
        Campaign(provider: "meta", name: "Lookalike - Purchasers", budget: 27, cpc: 0.74, ctr: 0.015, cvr: 0.031, aov: 58),
        Campaign(provider: "google", name: "Search - Brand", budget: 12, cpc: 0.42, ctr: 0.081, cvr: 0.094, aov: 77),
        Campaign(provider: "google", name: "Search - Generic", budget: 35, cpc: 1.35, ctr: 0.036, cvr: 0.029, aov: 69),
        Campaign(provider: "google", name: "Performance Max", budget: 30, cpc: 0.62, ctr: 0.019, cvr: 0.024, aov: 62),
    ]

    func pull(_ request: PullRequest, emit: @Sendable (ConnectorPage) async throws -> Void) async throws {
        let entities = Self.entities()
        var first = true
        for day in request.window.days {
            var page = ConnectorPage()
            if first {
                page.entities = entities
                first = false
            }
            let hours = request.granularity == .hour ? Array(0..<24) : [0]
            for hour in hours {
                guard let start = request.window.instant(day: day, hour: hour), start <= request.now else { continue }
                let shape = Shape(start: start, hourly: request.granularity == .hour, calendar: request.window.calendar)
                let width = request.granularity == .hour ? "hour" : "day"
                var platformRevenue = 0.0
                for (index, campaign) in Self.campaigns.enumerated() {
                    var campaignRevenue = 0.0
                    for ad in 0..<4 {
                        let measures = Self.measures(campaign, campaignIndex: index, ad: ad, start: start, shape: shape)
                        campaignRevenue += measures.revenue
                        page.rows.append(
                            .with {
                                $0.provider = campaign.provider
                                $0.adExternalID = Self.adID(index, ad)
                                $0.bucketStart = RFC3339.string(start)
                                $0.bucketWidth = width
                                $0.measures = measures
                            })
                    }
                    platformRevenue += campaignRevenue
                    // Platforms claim more than the store can trace back to them (view-through, overlap).
                    let traced = Self.orders(revenue: campaignRevenue * 0.78, seed: Self.seed(start, 100 + index))
                    page.rows.append(
                        .with {
                            $0.provider = Store.provider
                            $0.adExternalID = Self.storeAdID(campaign.name)
                            $0.bucketStart = RFC3339.string(start)
                            $0.bucketWidth = width
                            $0.measures = traced
                        })
                }
                // Orders without UTM parameters: organic and direct traffic.
                page.rows.append(
                    .with {
                        $0.provider = Store.provider
                        $0.adExternalID = Self.storeAdID(Store.untracked)
                        $0.bucketStart = RFC3339.string(start)
                        $0.bucketWidth = width
                        $0.measures = Self.orders(revenue: platformRevenue * 0.35, seed: Self.seed(start, 200))
                    })
            }
            if !page.isEmpty { try await emit(page) }
        }
    }

    static func adID(_ campaign: Int, _ ad: Int) -> String { "demo-ad-\(campaign + 1)-\(ad + 1)" }

    /// The demo store, named like ``ShopifyConnector``'s entities: campaign `utm:<campaign>`, ad
    /// `utm:<campaign>|<source>`.
    enum Store {
        static let provider = "shopify"
        static let shop = "demo-store.myshopify.com"
        static let source = "demo"
        static let untracked = "(none)"
    }

    static func storeAdID(_ utmCampaign: String) -> String { "utm:\(utmCampaign)|\(Store.source)" }

    /// Store orders worth about `revenue`, at an average order value of 68.
    static func orders(revenue: Double, seed: UInt64) -> Metricx_V1_Measures {
        let value = (revenue * (0.9 + 0.2 * unit(seed)) * 100).rounded() / 100
        let orders = (value / 68).rounded()
        return .with {
            $0.revenue = value
            $0.purchases = orders
            $0.conversions = orders
        }
    }

    static func seed(_ start: Date, _ stream: Int) -> UInt64 {
        UInt64(bitPattern: Int64(start.timeIntervalSince1970)) &* 31 &+ UInt64(stream)
    }

    static func entities() -> [Metricx_V1_Entity] {
        var result: [Metricx_V1_Entity] = []
        for provider in ["meta", "google"] {
            result.append(
                .with {
                    $0.provider = provider
                    $0.level = "account"
                    $0.externalID = "demo-\(provider)"
                    $0.name = provider == "meta" ? "Demo Store (Meta)" : "Demo Store (Google)"
                })
        }
        result.append(
            .with {
                $0.provider = Store.provider
                $0.level = "account"
                $0.externalID = Store.shop
                $0.name = Store.shop
            })
        for utmCampaign in campaigns.map(\.name) + [Store.untracked] {
            let id = storeAdID(utmCampaign)
            result.append(
                .with {
                    $0.provider = Store.provider
                    $0.level = "campaign"
                    $0.externalID = "utm:\(utmCampaign)"
                    $0.name = utmCampaign
                    $0.parentExternalID = Store.shop
                })
            result.append(
                .with {
                    $0.provider = Store.provider
                    $0.level = "adset"
                    $0.externalID = id
                    $0.name = Store.source
                    $0.parentExternalID = "utm:\(utmCampaign)"
                })
            result.append(
                .with {
                    $0.provider = Store.provider
                    $0.level = "ad"
                    $0.externalID = id
                    $0.name = "\(Store.source) / \(utmCampaign)"
                    $0.parentExternalID = id
                })
        }
        for (index, campaign) in campaigns.enumerated() {
            let campaignID = "demo-campaign-\(index + 1)"
            result.append(
                .with {
                    $0.provider = campaign.provider
                    $0.level = "campaign"
                    $0.externalID = campaignID
                    $0.name = campaign.name
                    $0.parentExternalID = "demo-\(campaign.provider)"
                    $0.status = "active"
                })
            for adset in 0..<2 {
                let adsetID = "\(campaignID)-set-\(adset + 1)"
                result.append(
                    .with {
                        $0.provider = campaign.provider
                        $0.level = "adset"
                        $0.externalID = adsetID
                        $0.name = "\(campaign.name) / \(adset == 0 ? "Desktop" : "Mobile")"
                        $0.parentExternalID = campaignID
                    })
                for creative in 0..<2 {
                    let ad = adset * 2 + creative
                    result.append(
                        .with {
                            $0.provider = campaign.provider
                            $0.level = "ad"
                            $0.externalID = adID(index, ad)
                            $0.name = "\(campaign.name) / \(creative == 0 ? "Video" : "Carousel") \(adset + 1)"
                            $0.parentExternalID = adsetID
                            $0.status = "active"
                        })
                }
            }
        }
        return result
    }

    /// What every ad shares in one bucket: the time of day, the day of the week, the trend.
    struct Shape {
        var daily: Double
        var weekly: Double
        var trend: Double

        init(start: Date, hourly: Bool, calendar: Calendar) {
            let hour = calendar.component(.hour, from: start)
            let weekday = calendar.component(.weekday, from: start) // 1 = Sunday
            let days = start.timeIntervalSince1970 / 86_400
            // Quiet nights, an evening peak; weekends a little stronger; a gentle upward trend.
            daily = hourly ? 0.25 + 0.75 * pow(sin(Double.pi * Double(max(hour - 5, 0)) / 19), 2) : 13.5
            weekly = weekday == 1 || weekday == 7 ? 1.15 : 1.0
            trend = 1 + 0.0004 * (days - 20_000)
        }
    }

    /// One bucket's numbers: a smooth shape times deterministic noise.
    static func measures(_ campaign: Campaign, campaignIndex: Int, ad: Int, start: Date, shape: Shape) -> Metricx_V1_Measures {
        let share = [0.34, 0.27, 0.22, 0.17][ad]
        let seed = seed(start, campaignIndex * 4 + ad)
        let noise = 0.8 + 0.4 * unit(seed)
        let spend = (campaign.budget * share * shape.daily * shape.weekly * shape.trend * noise * 100).rounded() / 100
        let clicks = (spend / campaign.cpc * (0.9 + 0.2 * unit(seed &+ 1))).rounded()
        let impressions = (clicks / campaign.ctr * (0.9 + 0.2 * unit(seed &+ 2))).rounded()
        // Conversions are sampled, not rounded: an ad-hour expects about 0.2 of one, and
        // rounding that to 0 every time left campaigns far below their own conversion rates.
        let conversions = poisson(mean: clicks * campaign.cvr, uniform: unit(seed &+ 3))
        let revenue = (conversions * campaign.aov * (0.8 + 0.4 * unit(seed &+ 4)) * 100).rounded() / 100
        return .with {
            $0.spend = spend
            $0.clicks = clicks
            $0.impressions = impressions
            $0.conversions = conversions
            $0.purchases = conversions
            $0.revenue = revenue
            $0.visitors = (clicks * 0.92).rounded()
            $0.profit = ((revenue * 0.38 - spend) * 100).rounded() / 100
        }
    }

    /// The Poisson count whose cumulative probability first reaches `uniform` (inverse-CDF
    /// sampling): deterministic for a given seed, and on average exactly `mean`.
    static func poisson(mean: Double, uniform: Double) -> Double {
        guard mean > 0 else { return 0 }
        var probability = exp(-mean)
        var cumulative = probability
        var count = 0.0
        while cumulative < uniform && count < mean * 10 + 20 {
            count += 1
            probability *= mean / count
            cumulative += probability
        }
        return count
    }

    /// A hash of the seed mapped to [0, 1): SplitMix64.
    static func unit(_ seed: UInt64) -> Double {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        return Double(z >> 11) / Double(1 << 53)
    }
}
