import Foundation
import MetricxAnomaly

/// A deterministic test world of hourly ad-account data, built from nothing but a seed: two or
/// three providers with two to four campaigns each, volumes from a few clicks an hour to
/// thousands, sparse conversions, a daily curve and a weekly rhythm, drifting rates, budget
/// changes and promotions (which are not incidents), and labelled incidents of the kinds a
/// marketer must hear about. Counts are sampled (impressions, clicks, conversions as Poisson
/// draws; order values log-normal), so quiet hours look as lumpy as real ones.
struct AdWorld {
    enum Kind: String, CaseIterable {
        /// Conversions and revenue stop being reported while clicks go on.
        case trackingOutage = "tracking outage"
        /// Spend several times its usual hour.
        case runawaySpend = "runaway spend"
        /// Each click and impression costs two to three times as much.
        case cpcSpike = "CPC/CPM spike"
        /// Revenue per order collapses while orders go on.
        case revenueCollapse = "revenue collapse"
        /// CTR decays by 10–20% a day (creative fatigue): caught within days, not hourly.
        case ctrDecay = "slow CTR decay"

        /// The events whose shortfall shows the incident; nil where no events are needed.
        var evidence: KeyPath<AdBucket, Double>? {
            switch self {
            case .runawaySpend: nil
            case .trackingOutage, .revenueCollapse: \.conversions
            case .cpcSpike, .ctrDecay: \.clicks
            }
        }
    }

    struct Campaign {
        var provider: Int
        var budget: Double
        var cpm: Double
        var ctr: Double
        var cvr: Double
        var aov: Double
        var weekend: Double

        /// Clicks and conversions on an ordinary day (the daily curve averages about half its peak).
        var dailyClicks: Double { budget * 0.5 * 24 * 1_000 / cpm * ctr }
        var dailyConversions: Double { dailyClicks * cvr }
    }

    struct Incident {
        var kind: Kind
        var provider: Int
        /// Nil when the whole provider is hit (a broken pixel).
        var campaign: Int?
        var start: Int
        var end: Int
        var size: Double
    }

    static let hour = 3_600.0
    /// Monday 2026-01-05 00:00 UTC.
    static let start = 1_767_571_200.0

    let days: Int
    let providers: Int
    var campaigns: [Campaign] = []
    var incidents: [Incident] = []
    /// Each campaign's buckets, hour by hour.
    var buckets: [[AdBucket]] = []

    var hours: Int { days * 24 }

    init(seed: UInt64, days: Int = 56, incidents incidentCount: Int = 3) {
        var random = WorldRandom(seed: seed)
        self.days = days
        providers = random.int(2...3)
        for provider in 0..<providers {
            for _ in 0..<random.int(2...4) {
                campaigns.append(
                    Campaign(
                        provider: provider, budget: random.logUniform(3, 120), cpm: random.logUniform(4, 25),
                        ctr: random.logUniform(0.004, 0.05), cvr: random.logUniform(0.01, 0.08), aov: random.logUniform(25, 150),
                        weekend: random.uniform(0.75, 1.25)))
            }
        }
        let hours = days * 24

        // What is planned, not broken: budget changes (a campaign's spend moves by -40% to +60%
        // for good) and promotions (a few days of higher conversion rates, cheaper orders, more spend).
        var budgetFactor = Array(repeating: Array(repeating: 1.0, count: hours), count: campaigns.count)
        for c in campaigns.indices {
            for _ in 0..<random.int(0...3) {
                let at = random.int(0...(hours - 1))
                let factor = random.uniform(0.6, 1.6)
                for h in at..<hours { budgetFactor[c][h] *= factor }
            }
        }
        var promotion = Array(repeating: Array(repeating: (cvr: 1.0, aov: 1.0, spend: 1.0), count: hours), count: campaigns.count)
        for _ in 0..<random.int(1...2) {
            let provider = random.uniform() < 0.5 ? nil : random.int(0...(providers - 1))
            let first = random.int(7...(days - 8)) * 24 + random.int(0...12)
            let length = random.int(2...7) * 24
            let lift = (cvr: random.uniform(1.3, 1.8), aov: random.uniform(0.8, 0.95), spend: random.uniform(1.1, 1.5))
            for c in campaigns.indices where provider == nil || campaigns[c].provider == provider {
                for h in first..<Swift.min(hours, first + length) { promotion[c][h] = lift }
            }
        }

        // Labelled incidents, one kind after another, at least four days apart, after three weeks.
        let kinds = Kind.allCases
        var slot = 21 * 24
        for i in 0..<incidentCount {
            let kind = kinds[(Int(seed) + i) % kinds.count]
            let begin = slot + random.int(0...(3 * 24))
            guard begin < hours - 4 * 24 else { break }
            let wholeProvider = kind == .trackingOutage ? random.uniform() < 0.6 : kind == .cpcSpike && random.uniform() < 0.3
            // Incidents go where their evidence can exist: a CTR decay in a campaign of twenty
            // clicks a day, or lost revenue in one of two orders a day, cannot be seen by anyone.
            let eligible = campaigns.indices.filter { c in
                switch kind {
                case .runawaySpend: true
                case .cpcSpike, .ctrDecay: campaigns[c].dailyClicks >= 150
                case .trackingOutage, .revenueCollapse: campaigns[c].dailyConversions >= 10
                }
            }
            let campaign =
                eligible.isEmpty
                ? campaigns.indices.max { campaigns[$0].dailyConversions < campaigns[$1].dailyConversions }!
                : eligible[random.int(0...(eligible.count - 1))]
            let provider = campaigns[campaign].provider
            let (length, size): (Int, Double) =
                switch kind {
                case .trackingOutage: (random.int(6...48), 0)
                case .runawaySpend: (random.int(3...12), random.uniform(3, 6))
                case .cpcSpike: (random.int(6...36), random.uniform(2, 3))
                case .revenueCollapse: (random.int(12...72), random.uniform(0.15, 0.35))
                case .ctrDecay: (hours - begin, random.uniform(0.10, 0.20))
                }
            incidents.append(
                Incident(
                    kind: kind, provider: provider, campaign: wholeProvider ? nil : campaign, start: begin,
                    end: Swift.min(hours, begin + length), size: size))
            slot = begin + Swift.max(length, 24) + 4 * 24
        }

        // Day-to-day drift of each campaign's rates (a slow random walk pulled back to its mean).
        buckets = campaigns.indices.map { c in
            let campaign = campaigns[c]
            var walk = (cpm: 0.0, ctr: 0.0, cvr: 0.0, spend: 0.0)
            var result: [AdBucket] = []
            result.reserveCapacity(hours)
            for h in 0..<hours {
                let hourOfDay = h % 24
                let weekday = (h / 24) % 7 // 0 = Monday
                if hourOfDay == 0 {
                    walk.cpm = 0.8 * walk.cpm + 0.06 * random.normal()
                    walk.ctr = 0.8 * walk.ctr + 0.05 * random.normal()
                    walk.cvr = 0.8 * walk.cvr + 0.08 * random.normal()
                    walk.spend = 0.7 * walk.spend + 0.08 * random.normal()
                }
                let phase = Double(Swift.max(hourOfDay - 6, 0)) / 18
                let daily = 0.12 + 0.88 * pow(sin(.pi * phase), 2)
                let weekly = weekday >= 5 ? campaign.weekend : 1
                let promo = promotion[c][h]
                var spend = campaign.budget * budgetFactor[c][h] * daily * weekly * promo.spend * exp(walk.spend) * random.factor(0.12)
                var cpm = campaign.cpm * exp(walk.cpm) * (1 + 0.1 * cos(2 * .pi * Double(hourOfDay) / 24))
                var ctr = campaign.ctr * exp(walk.ctr) * (1 + 0.08 * sin(2 * .pi * Double(hourOfDay) / 24))
                var cvr = campaign.cvr * exp(walk.cvr) * promo.cvr * (1 + 0.15 * sin(2 * .pi * Double(hourOfDay - 12) / 24))
                var aov = campaign.aov * promo.aov
                var tracking = 1.0
                for incident in incidents
                where h >= incident.start && h < incident.end
                    && incident.provider == campaign.provider && (incident.campaign == nil || incident.campaign == c)
                {
                    switch incident.kind {
                    case .trackingOutage: tracking = 0
                    case .runawaySpend: spend *= incident.size
                    case .cpcSpike: cpm *= incident.size
                    case .revenueCollapse: aov *= incident.size
                    case .ctrDecay: ctr *= pow(1 - incident.size, Double(h - incident.start) / 24)
                    }
                }
                spend = (spend * 100).rounded() / 100
                let impressions = random.poisson(spend * 1_000 / cpm)
                let clicks = random.poisson(impressions * ctr)
                cvr = Swift.min(cvr, 0.9)
                let conversions = random.poisson(clicks * cvr)
                var revenue = 0.0
                for _ in 0..<Int(conversions) { revenue += aov * random.factor(0.5) }
                result.append(
                    AdBucket(
                        spend: spend, impressions: impressions, clicks: clicks, conversions: conversions * tracking,
                        revenue: (revenue * tracking * 100).rounded() / 100, purchases: conversions * tracking))
            }
            return result
        }
    }

    /// A monitored scope: the workspace, a provider, or a campaign, with its hourly sums.
    struct Scope {
        var name: String
        var provider: Int?
        var campaign: Int?
        var buckets: [AdBucket]
    }

    var scopes: [Scope] {
        func sum(_ members: [Int]) -> [AdBucket] {
            (0..<hours).map { h in members.reduce(AdBucket()) { $0 + buckets[$1][h] } }
        }
        var result = [Scope(name: "workspace", provider: nil, campaign: nil, buckets: sum(Array(campaigns.indices)))]
        for p in 0..<providers {
            result.append(
                Scope(
                    name: "provider \(p)", provider: p, campaign: nil,
                    buckets: sum(campaigns.indices.filter { campaigns[$0].provider == p })))
        }
        for c in campaigns.indices {
            result.append(Scope(name: "campaign \(c)", provider: campaigns[c].provider, campaign: c, buckets: buckets[c]))
        }
        return result
    }

    /// Whether `incident` shows in `scope`: the scope holds it, or it holds the scope.
    static func affects(_ incident: Incident, _ scope: Scope) -> Bool {
        if scope.provider == nil { return true }
        guard scope.provider == incident.provider else { return false }
        guard let campaign = scope.campaign, let hit = incident.campaign else { return true }
        return campaign == hit
    }
}
