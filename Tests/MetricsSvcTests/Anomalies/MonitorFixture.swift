import Foundation
import MetricxProtos

@testable import MetricsSvc

/// Three weeks of hourly numbers for one Meta ad (a daily cycle, a little noise) ending at
/// `asOf`, with the last complete hour's spend multiplied by `lastHourSpendFactor`.
enum MonitorFixture {
    static let asOf = "2026-11-19T15:00:00Z"
    static let asOfDate = ISO8601DateFormatter().date(from: asOf)!

    static func ingest(_ harness: MetricsHarness, lastHourSpendFactor: Double = 1, days: Int = 21) async throws {
        var state: UInt64 = 42
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let hours = days * 24
        let first = asOfDate.addingTimeInterval(-Double(hours) * 3_600)
        let rows: [Metricx_V1_SnapshotRow] = (0..<hours).map { hour in
            let start = first.addingTimeInterval(Double(hour) * 3_600)
            let hourOfDay = Double(Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: start).hour!)
            let cycle = 1 + 0.5 * sin(2 * .pi * (hourOfDay - 9) / 24)
            var spend = 100 * cycle * (1 + 0.04 * noise())
            if hour == hours - 1 { spend *= lastHourSpendFactor }
            let clicks = (spend * 2).rounded()
            return .with {
                $0.provider = "meta"
                $0.adExternalID = "a1"
                $0.bucketStart = start.formatted(.iso8601)
                $0.bucketWidth = "hour"
                $0.measures = .with {
                    $0.spend = spend
                    $0.clicks = clicks
                    $0.impressions = clicks * 40
                    $0.revenue = spend * 3 * (1 + 0.04 * noise())
                    $0.conversions = (spend / 10).rounded()
                }
            }
        }
        let request = Metricx_V1_IngestRequest.with {
            $0.settings = harness.settings
            $0.entities = [
                .with {
                    $0.provider = "meta"
                    $0.level = "account"
                    $0.externalID = "m1"
                    $0.name = "Meta"
                },
                .with {
                    $0.provider = "meta"
                    $0.level = "campaign"
                    $0.externalID = "c1"
                    $0.name = "Spring Sale"
                    $0.parentExternalID = "m1"
                },
                .with {
                    $0.provider = "meta"
                    $0.level = "adset"
                    $0.externalID = "s1"
                    $0.name = "Set"
                    $0.parentExternalID = "c1"
                },
                .with {
                    $0.provider = "meta"
                    $0.level = "ad"
                    $0.externalID = "a1"
                    $0.name = "Ad"
                    $0.parentExternalID = "s1"
                },
            ]
            $0.rows = rows
        }
        let response = try await harness.inWorkspace { try await harness.service.ingest(request: request, context: MetricsHarness.context) }
        precondition(response.rowsRejected == 0, "\(response.rejections)")
    }

    static func monitor(_ harness: MetricsHarness) async throws -> Metricx_V1_MonitorResponse {
        try await harness.inWorkspace {
            try await harness.service.runMonitor(
                request: .with {
                    $0.settings = harness.settings
                    $0.asOf = asOf
                }, context: MetricsHarness.context)
        }
    }
}
