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
        .with {
            $0.index = Int64(index)
            $0.field = field
            $0.reason = reason
        }
    }
}

/// What an ingest must hold to be accepted: the rules shared by the RPC and the CSV import.
enum IngestRules {
    static let bucketMinutes: [String: Int] = ["15min": 15, "hour": 60, "day": 1440]

    /// Providers are short lowercase words: meta, google, shopify, csv, demo, ...
    /// 1 to 32 of a-z, 0-9, `_` and `-` (checked on bytes: it runs for every ingested row).
    static func validProvider(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...32).contains(bytes.count)
            && bytes.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

    /// 1 to 256 characters, no NUL. A character is at least one byte, so most ids are settled by
    /// their byte count without counting characters.
    static func validID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, !bytes.contains(0) else { return false }
        return bytes.count <= 256 || text.count <= 256
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
        let local = localSeconds(instant, in: timeZone)
        let width = minutes == 1440 ? 86_400 : minutes * 60
        // A local midnight that a DST change skips starts the day at 01:00; rare enough to refuse.
        return ((local % width) + width) % width == 0
    }

    /// The instant's wall-clock time in the zone, as whole seconds since 1970-01-01T00:00 local.
    static func localSeconds(_ instant: Date, in timeZone: TimeZone) -> Int {
        Int(instant.timeIntervalSince1970) + timeZone.secondsFromGMT(for: instant)
    }

    /// The instant's local day in the zone, as days since 1970-01-01.
    static func localDay(_ instant: Date, in timeZone: TimeZone) -> Int {
        let local = localSeconds(instant, in: timeZone)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }
}
