import Foundation
import MetricxProtos

/// A deterministic workspace: `ads` ads in campaigns of 20 across two providers, with `days` of
/// history — daily rows beyond 14 days ago, hourly for days 3-14, 15-minute for the last 2 days.
struct DataGenerator {
    let ads: Int
    let days: Int
    let today: Date  // midnight UTC

    var entities: [Metricx_V1_Entity] {
        var entities: [Metricx_V1_Entity] = []
        for provider in ["meta", "google"] {
            entities.append(.with { $0.provider = provider; $0.level = "account"; $0.externalID = "\(provider)-acct"; $0.name = "\(provider) account" })
        }
        for ad in 0..<ads {
            let provider = ad % 2 == 0 ? "meta" : "google"
            let campaign = "\(provider)-c\(ad / 40)"
            entities.append(.with { $0.provider = provider; $0.level = "campaign"; $0.externalID = campaign; $0.name = "Campaign \(ad / 40) \(provider)"; $0.parentExternalID = "\(provider)-acct" })
            entities.append(.with { $0.provider = provider; $0.level = "adset"; $0.externalID = "\(campaign)-s\(ad % 4)"; $0.name = "Set \(ad % 4)"; $0.parentExternalID = campaign })
            entities.append(.with { $0.provider = provider; $0.level = "ad"; $0.externalID = "ad-\(ad)"; $0.name = "Ad \(ad)"; $0.parentExternalID = "\(campaign)-s\(ad % 4)" })
        }
        return entities
    }

    /// Rows for one ad, in time order.
    func rows(ad: Int) -> [Metricx_V1_SnapshotRow] {
        let provider = ad % 2 == 0 ? "meta" : "google"
        var rows: [Metricx_V1_SnapshotRow] = []
        let formatter = ISO8601DateFormatter()
        func add(_ start: Date, _ width: String, _ fraction: Double) {
            let seed = Double((ad * 7919 + Int(start.timeIntervalSince1970 / 900)) % 1000) / 1000
            let base = (5 + Double(ad % 17)) * fraction * (0.7 + 0.6 * seed)
            rows.append(.with {
                $0.provider = provider
                $0.adExternalID = "ad-\(ad)"
                $0.bucketStart = formatter.string(from: start)
                $0.bucketWidth = width
                $0.measures = .with {
                    $0.spend = (base * 100).rounded() / 100
                    $0.impressions = (base * 300).rounded()
                    $0.clicks = (base * 6).rounded()
                    $0.conversions = (base * 0.3).rounded()
                    $0.revenue = (base * 3.1 * 100).rounded() / 100
                    $0.purchases = (base * 0.3).rounded()
                    $0.visitors = (base * 5).rounded()
                    $0.profit = (base * 0.9 * 100).rounded() / 100
                }
            })
        }
        for dayOffset in stride(from: days, to: 0, by: -1) {
            let day = today.addingTimeInterval(-Double(dayOffset) * 86_400)
            switch dayOffset {
            case 15...: add(day, "day", 1)
            case 3...14: for hour in 0..<24 { add(day.addingTimeInterval(Double(hour) * 3600), "hour", 1.0 / 24) }
            default: for quarter in 0..<96 { add(day.addingTimeInterval(Double(quarter) * 900), "15min", 1.0 / 96) }
            }
        }
        for quarter in 0..<40 { add(today.addingTimeInterval(Double(quarter) * 900), "15min", 1.0 / 96) }
        return rows
    }
}
