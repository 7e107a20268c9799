import Foundation
import MetricxProtos
import MetricxSemantics

/// One validated snapshot row, ready for COPY.
struct IngestRow: Sendable {
    var provider: String
    var adExternalID: String
    var bucketStart: Date
    var bucketMinutes: Int
    var sums: MeasureSums
}

/// One entity to upsert.
struct IngestEntity: Sendable, Hashable {
    enum Level: String, CaseIterable, Sendable {
        case account, campaign, adset, ad

        var parent: Level? {
            switch self {
            case .account: nil
            case .campaign: .account
            case .adset: .campaign
            case .ad: .adset
            }
        }
    }

    var provider: String
    var level: Level
    var externalID: String
    var name: String
    var parentExternalID: String
    var status: String
}

/// A rejected input row: which one, which field, why.
struct Rejection: Sendable, Equatable {
    var index: Int
    var field: String
    var reason: String

    var proto: Metricx_V1_RowRejection {
        .with { $0.index = Int64(index); $0.field = field; $0.reason = reason }
    }
}

/// What an ingest must hold to be accepted: the rules shared by the RPC and the CSV import.
enum IngestRules {
    static let bucketMinutes: [String: Int] = ["15min": 15, "hour": 60, "day": 1440]

    /// Providers are short lowercase words: meta, google, shopify, csv, demo, ...
    static func validProvider(_ text: String) -> Bool {
        (1...32).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static func validID(_ text: String) -> Bool {
        (1...256).contains(text.count) && !text.contains("\0")
    }

    /// A measure must be a finite number; only profit may be negative.
    static func check(_ value: Double, _ measure: Measure) -> String? {
        guard value.isFinite else { return "must be a finite number" }
        if value < 0 && measure != .profit { return "must not be negative" }
        return nil
    }

    /// Whether an instant starts a bucket of the width in the zone: a local midnight for days,
    /// a local quarter or whole hour otherwise.
    static func isAligned(_ instant: Date, minutes: Int, timeZone: TimeZone) -> Bool {
        let seconds = instant.timeIntervalSince1970
        guard seconds.rounded() == seconds else { return false }
        let local = Int(seconds) + timeZone.secondsFromGMT(for: instant)
        let width = minutes == 1440 ? 86_400 : minutes * 60
        // A local midnight that a DST change skips starts the day at 01:00; rare enough to refuse.
        return ((local % width) + width) % width == 0
    }
}
