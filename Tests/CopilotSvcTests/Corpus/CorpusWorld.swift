import Foundation
import MetricxTestSupport

// The generated corpus's workspace: seven providers (five beyond meta and google), their accounts,
// campaigns, ad sets and ads, all with names invented for this corpus, and daily CSV rows.
//
// Most ads have data from 2026-08-15 to 2027-01-04 (the latest `as_of` the corpus uses); the four
// "evergreen" campaigns have data from 2025-09-01, so that year-over-year questions and questions
// about last year's months have something to find for them. The generator names an entity only
// in questions whose periods overlap that entity's data (a named entity with no data in a period is
// answered differently, by the conventions).

/// A calendar date, with its own arithmetic (not the product's): days since 1970-01-01.
struct CorpusDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        precondition(month >= 1 && month <= 12 && day >= 1 && day <= CorpusDay.daysIn(year, month), "bad date \(year)-\(month)-\(day)")
        self.year = year
        self.month = month
        self.day = day
    }

    init(ordinal: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    func adding(_ days: Int) -> CorpusDay { CorpusDay(ordinal: ordinal + days) }
    static func - (lhs: CorpusDay, rhs: CorpusDay) -> Int { lhs.ordinal - rhs.ordinal }
    static func < (lhs: CorpusDay, rhs: CorpusDay) -> Bool { lhs.ordinal < rhs.ordinal }

    /// ISO weekday: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday.
    var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }
    var quarter: Int { (month - 1) / 3 + 1 }
    var monday: CorpusDay { adding(1 - weekday) }
    var monthStart: CorpusDay { CorpusDay(year, month, 1) }
    var monthEnd: CorpusDay { CorpusDay(year, month, CorpusDay.daysIn(year, month)) }
    var quarterStart: CorpusDay { CorpusDay(year, (quarter - 1) * 3 + 1, 1) }
    var quarterEnd: CorpusDay { CorpusDay(year, quarter * 3, 1).monthEnd }
    var yearStart: CorpusDay { CorpusDay(year, 1, 1) }

    /// The same month and day in `year`, or nil for Feb 29 in a common year.
    func inYear(_ year: Int) -> CorpusDay? {
        day <= CorpusDay.daysIn(year, month) ? CorpusDay(year, month, day) : nil
    }

    var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

struct CorpusEntity: Sendable {
    enum Level: String, Sendable { case account, campaign, adset, ad }
    let level: Level
    let provider: String
    let id: String
    let name: String
    /// A plural (or singular) form a marketer might type for the name; nil when none is natural.
    let plural: String?
    let firstDay: CorpusDay
    let lastDay: CorpusDay

    func hasData(_ start: CorpusDay, _ end: CorpusDay) -> Bool { firstDay <= end && lastDay >= start }
}

struct CorpusProvider: Sendable {
    /// As stored in the CSV's `provider` column.
    let value: String
    /// How people call it (the value included).
    let aliases: [String]
    let firstDay: CorpusDay
    let lastDay: CorpusDay
}

enum CorpusWorld {
    static let dataEnd = CorpusDay(2027, 1, 4)
    static let recentStart = CorpusDay(2026, 8, 15)
    static let evergreenStart = CorpusDay(2025, 9, 1)

    struct AdSpec {
        let provider: String
        let accountID: String, account: String
        let campaignID: String, campaign: String, campaignPlural: String?
        let adsetID: String, adset: String, adsetPlural: String?
        let adID: String, ad: String, adPlural: String?
        let evergreen: Bool
        let scale: Double
    }

    static let ads: [AdSpec] = [
        // meta
        AdSpec(
            provider: "meta", accountID: "act_5501", account: "Northwind Retail US",
            campaignID: "238001", campaign: "Evergreen Prospecting", campaignPlural: nil,
            adsetID: "238101", adset: "Lookalike 1% - Buyers", adsetPlural: nil,
            adID: "238201", ad: "Carousel - Spring Colors", adPlural: nil, evergreen: true, scale: 1.6),
        AdSpec(
            provider: "meta", accountID: "act_5501", account: "Northwind Retail US",
            campaignID: "238001", campaign: "Evergreen Prospecting", campaignPlural: nil,
            adsetID: "238101", adset: "Lookalike 1% - Buyers", adsetPlural: nil,
            adID: "238202", ad: "UGC Testimonial Video", adPlural: "UGC Testimonial Videos", evergreen: true, scale: 1.1),
        AdSpec(
            provider: "meta", accountID: "act_5501", account: "Northwind Retail US",
            campaignID: "238002", campaign: "Summer Sale", campaignPlural: nil,
            adsetID: "238102", adset: "Broad Women 25-44", adsetPlural: nil,
            adID: "238203", ad: "Sandals Static Image", adPlural: nil, evergreen: false, scale: 0.9),
        AdSpec(
            provider: "meta", accountID: "act_5502", account: "Northwind Retail EU",
            campaignID: "238003", campaign: "Summer Sale Retargeting", campaignPlural: nil,
            adsetID: "238103", adset: "Cart Abandoners", adsetPlural: "Cart Abandoner",
            adID: "238204", ad: "Dynamic Product Reminder", adPlural: "Dynamic Product Reminders", evergreen: false, scale: 0.7),
        // google
        AdSpec(
            provider: "google", accountID: "412-555-0190", account: "Acme Search - Main",
            campaignID: "g-9001", campaign: "Brand Terms - Exact", campaignPlural: nil,
            adsetID: "g-9101", adset: "Brand Core", adsetPlural: nil,
            adID: "g-9201", ad: "RSA Brand 01", adPlural: nil, evergreen: true, scale: 1.3),
        AdSpec(
            provider: "google", accountID: "412-555-0190", account: "Acme Search - Main",
            campaignID: "g-9002", campaign: "Shoes & Apparel Shopping", campaignPlural: nil,
            adsetID: "g-9102", adset: "All Products", adsetPlural: nil,
            adID: "g-9202", ad: "PMax Asset Group A", adPlural: nil, evergreen: false, scale: 1.8),
        AdSpec(
            provider: "google", accountID: "412-555-0190", account: "Acme Search - Main",
            campaignID: "g-9003", campaign: "Back to School", campaignPlural: nil,
            adsetID: "g-9103", adset: "Backpacks", adsetPlural: nil,
            adID: "g-9203", ad: "Backpack Deals RSA", adPlural: nil, evergreen: false, scale: 0.6),
        // tiktok
        AdSpec(
            provider: "tiktok", accountID: "tt-7301", account: "Bright Lane Creators",
            campaignID: "tt-c1", campaign: "Spark Ads - Creators", campaignPlural: nil,
            adsetID: "tt-s1", adset: "Gen Z Interests", adsetPlural: "Gen Z Interest",
            adID: "tt-a1", ad: "Unboxing Hook 15s", adPlural: nil, evergreen: true, scale: 1.0),
        AdSpec(
            provider: "tiktok", accountID: "tt-7301", account: "Bright Lane Creators",
            campaignID: "tt-c1", campaign: "Spark Ads - Creators", campaignPlural: nil,
            adsetID: "tt-s1", adset: "Gen Z Interests", adsetPlural: "Gen Z Interest",
            adID: "tt-a2", ad: "Duet Challenge", adPlural: "Duet Challenges", evergreen: true, scale: 0.8),
        AdSpec(
            provider: "tiktok", accountID: "tt-7301", account: "Bright Lane Creators",
            campaignID: "tt-c2", campaign: "Best Sellers", campaignPlural: "Best Seller",
            adsetID: "tt-s2", adset: "Broad Auto", adsetPlural: nil,
            adID: "tt-a3", ad: "Top Picks Montage", adPlural: nil, evergreen: false, scale: 0.9),
        // linkedin
        AdSpec(
            provider: "linkedin", accountID: "li-5120", account: "Bright Lane B2B",
            campaignID: "li-c1", campaign: "Decision Makers - ABM", campaignPlural: nil,
            adsetID: "li-s1", adset: "IT Directors NA", adsetPlural: nil,
            adID: "li-a1", ad: "Whitepaper Download", adPlural: "Whitepaper Downloads", evergreen: true, scale: 1.2),
        AdSpec(
            provider: "linkedin", accountID: "li-5120", account: "Bright Lane B2B",
            campaignID: "li-c2", campaign: "Webinar Signups", campaignPlural: "Webinar Signup",
            adsetID: "li-s2", adset: "Job Titles Europe", adsetPlural: nil,
            adID: "li-a2", ad: "Invite Carousel", adPlural: nil, evergreen: false, scale: 0.5),
        // bing (Microsoft Advertising)
        AdSpec(
            provider: "bing", accountID: "ms-880", account: "Acme Search - Secondary",
            campaignID: "ms-c1", campaign: "Always On", campaignPlural: nil,
            adsetID: "ms-s1", adset: "Generic Keywords", adsetPlural: "Generic Keyword",
            adID: "ms-a1", ad: "Text Ad Generic", adPlural: nil, evergreen: false, scale: 0.4),
        AdSpec(
            provider: "bing", accountID: "ms-880", account: "Acme Search - Secondary",
            campaignID: "ms-c2", campaign: "Competitor Conquest", campaignPlural: nil,
            adsetID: "ms-s2", adset: "Rival Brands", adsetPlural: "Rival Brand",
            adID: "ms-a2", ad: "Switch & Save Text", adPlural: nil, evergreen: false, scale: 0.3),
        // pinterest
        AdSpec(
            provider: "pinterest", accountID: "pin-42", account: "Home & Hearth Pins",
            campaignID: "pin-c1", campaign: "Holiday Decor Ideas", campaignPlural: nil,
            adsetID: "pin-s1", adset: "Home Decor Savers", adsetPlural: nil,
            adID: "pin-a1", ad: "Cozy Living Room Pin", adPlural: nil, evergreen: false, scale: 0.5),
        AdSpec(
            provider: "pinterest", accountID: "pin-42", account: "Home & Hearth Pins",
            campaignID: "pin-c2", campaign: "Last Call Clearance", campaignPlural: nil,
            adsetID: "pin-s2", adset: "Clearance Browsers", adsetPlural: nil,
            adID: "pin-a2", ad: "Final Markdown Pin", adPlural: nil, evergreen: false, scale: 0.35),
        // reddit
        AdSpec(
            provider: "reddit", accountID: "rd-9", account: "Bright Lane Community",
            campaignID: "rd-c1", campaign: "Harbor Lights", campaignPlural: nil,
            adsetID: "rd-s1", adset: "PC Gaming Communities", adsetPlural: nil,
            adID: "rd-a1", ad: "AMA Promo Post", adPlural: nil, evergreen: false, scale: 0.3),
        AdSpec(
            provider: "reddit", accountID: "rd-9", account: "Bright Lane Community",
            campaignID: "rd-c2", campaign: "Harbor Nights", campaignPlural: nil,
            adsetID: "rd-s2", adset: "Night Owl Readers", adsetPlural: nil,
            adID: "rd-a2", ad: "Late Reading Thread", adPlural: nil, evergreen: false, scale: 0.25),
    ]

    static let providers: [CorpusProvider] = {
        let aliases: [String: [String]] = [
            "meta": ["meta", "Meta", "facebook", "Facebook", "fb", "FB", "instagram", "ig", "insta", "meta ads"],
            "google": ["google", "Google", "google ads", "Google Ads", "adwords", "g ads", "gads", "youtube"],
            "tiktok": ["tiktok", "TikTok", "tik tok", "tiktok ads"],
            "linkedin": ["linkedin", "LinkedIn", "linked in", "li"],
            "bing": ["bing", "Bing", "bing ads", "ms ads", "microsoft ads", "Microsoft Advertising"],
            "pinterest": ["pinterest", "Pinterest"],
            "reddit": ["reddit", "Reddit"],
        ]
        var order: [String] = []
        for ad in ads where !order.contains(ad.provider) { order.append(ad.provider) }
        return order.map { value in
            let mine = ads.filter { $0.provider == value }
            return CorpusProvider(
                value: value, aliases: aliases[value]!,
                firstDay: mine.map { $0.evergreen ? evergreenStart : recentStart }.min()!, lastDay: dataEnd)
        }
    }()

    /// Every named entity (accounts, campaigns, ad sets, ads), once each.
    static let entities: [CorpusEntity] = {
        var seen: Set<String> = []
        var out: [CorpusEntity] = []
        func add(_ level: CorpusEntity.Level, _ ad: AdSpec, _ id: String, _ name: String, _ plural: String?) {
            let key = "\(level.rawValue)|\(ad.provider)|\(id)"
            let first = ad.evergreen ? evergreenStart : recentStart
            if seen.insert(key).inserted {
                out.append(
                    CorpusEntity(level: level, provider: ad.provider, id: id, name: name, plural: plural, firstDay: first, lastDay: dataEnd)
                )
            } else if let index = out.firstIndex(where: { "\($0.level.rawValue)|\($0.provider)|\($0.id)" == key }),
                first < out[index].firstDay
            {
                let old = out[index]
                out[index] = CorpusEntity(
                    level: level, provider: old.provider, id: old.id, name: old.name, plural: old.plural, firstDay: first, lastDay: dataEnd)
            }
        }
        for ad in ads {
            add(.account, ad, ad.accountID, ad.account, nil)
            add(.campaign, ad, ad.campaignID, ad.campaign, ad.campaignPlural)
            add(.adset, ad, ad.adsetID, ad.adset, ad.adsetPlural)
            add(.ad, ad, ad.adID, ad.ad, ad.adPlural)
        }
        return out
    }()

    /// Daily CSV rows (without the header) for every ad.
    static func rows() -> [String] {
        var rng = SplitMix64(seed: 0xC0FFEE_2026)
        var rows: [String] = []
        for (index, ad) in ads.enumerated() {
            var day = ad.evergreen ? evergreenStart : recentStart
            while day <= dataEnd {
                let weekend = day.weekday >= 6 ? 0.75 : 1.0
                let wobble = 0.8 + 0.4 * rng.nextDouble()
                let spend = (120.0 + Double(index) * 7) * ad.scale * weekend * wobble
                let impressions = Int(spend * (60 + 40 * rng.nextDouble()))
                let clicks = max(1, Int(Double(impressions) * (0.008 + 0.02 * rng.nextDouble())))
                let conversions = max(1, Int(Double(clicks) * (0.02 + 0.06 * rng.nextDouble())))
                let purchases = max(1, conversions - Int(rng.next() % 3))
                let revenue = Double(purchases) * (35 + 50 * rng.nextDouble())
                let leads = 1 + Int(rng.next() % 9)
                let installs = 1 + Int(rng.next() % 6)
                let visitors = clicks + Int(rng.next() % 40)
                let profit = revenue * (0.15 + 0.2 * rng.nextDouble())
                rows.append(
                    [
                        "\(day)", ad.provider, ad.accountID, csv(ad.account), ad.campaignID, csv(ad.campaign), ad.adsetID, csv(ad.adset),
                        ad.adID, csv(ad.ad), String(format: "%.2f", spend), "\(impressions)", "\(clicks)", "\(conversions)",
                        String(format: "%.2f", revenue), "\(leads)", "\(installs)", "\(purchases)", "\(visitors)",
                        String(format: "%.2f", profit),
                    ].joined(separator: ","))
                day = day.adding(1)
            }
        }
        return rows
    }

    private static func csv(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

/// The corpus's draws, from the tests' seeded generator, so the corpus is the same on every run.
typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    mutating func nextDouble() -> Double { uniform() }
    mutating func int(_ upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    mutating func chance(_ p: Double) -> Bool { nextDouble() < p }
}
