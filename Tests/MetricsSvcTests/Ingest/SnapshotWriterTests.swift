import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import MetricsSvc

struct SnapshotWriterLatestTests {
    @Test func aRepeatedBucketKeepsItsLastValueAndOtherRowsTheirOrder() {
        func row(_ ad: String, _ seconds: Double, _ spend: Double) -> IngestRow {
            var sums = MeasureSums()
            sums[.spend] = spend
            return IngestRow(
                provider: "demo", adExternalID: ad, bucketStart: Date(timeIntervalSince1970: seconds), bucketMinutes: 15, sums: sums)
        }
        let rows = [row("a", 0, 1), row("b", 0, 2), row("a", 900, 3), row("a", 0, 4), row("b", 0, 5)]
        let kept = SnapshotWriter.latest(rows)
        #expect(
            kept.map { "\($0.adExternalID)@\(Int($0.bucketStart.timeIntervalSince1970))=\($0.sums[.spend])" } == [
                "a@900=3.0", "a@0=4.0", "b@0=5.0",
            ])
        let distinct = [row("a", 0, 1), row("a", 900, 2)]
        #expect(SnapshotWriter.latest(distinct).map(\.bucketStart) == distinct.map(\.bucketStart))
    }
}

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct SnapshotWriterTests {
    private static func row(_ ad: String, _ start: String, _ width: String = "hour", spend: Double, revenue: Double = 0)
        -> Metricx_V1_SnapshotRow
    {
        .with {
            $0.provider = "demo"
            $0.adExternalID = ad
            $0.bucketStart = start
            $0.bucketWidth = width
            $0.measures = .with {
                $0.spend = spend
                $0.revenue = revenue
            }
        }
    }

    private func ingest(_ harness: MetricsHarness, _ rows: [Metricx_V1_SnapshotRow]) async throws -> Metricx_V1_IngestResponse {
        try await harness.inWorkspace {
            try await harness.service.ingest(
                request: .with {
                    $0.settings = harness.settings
                    $0.rows = rows
                }, context: MetricsHarness.context)
        }
    }

    /// Batches that write other hours of the same ads' days at the same time: each ad's daily
    /// rollup must come out as the sum of all of them. Were two batches to recompute one ad's day
    /// side by side, each would miss the other's buckets and the last to commit would win.
    /// A workspace whose time zone changed gets its days realigned: the next import of a day it
    /// already holds succeeds (it failed with a duplicate day), and every daily total is the sum
    /// of the buckets that fall on that day in the new zone.
    @Test func aTimeZoneChangeRealignsTheDailyRollups() async throws {
        let utc = try await MetricsHarness.make(timezone: "UTC")
        let newYork = MetricsHarness(postgres: utc.postgres, service: utc.service, workspace: utc.workspace, timezone: "America/New_York")
        let row = { (day: String, spend: Int) in "\(day),meta,a,A,c,C,s,S,ad1,Ad,\(spend),100,1,0,0,0,0,0,0,0" }
        #expect(
            try await utc.importCSV([MetricsHarness.header, row("2026-11-20", 10)].joined(separator: "\n"), chunkSize: 4096).rowsAccepted
                == 1)
        #expect(
            try await newYork.importCSV([MetricsHarness.header, row("2026-11-20", 7)].joined(separator: "\n"), chunkSize: 4096).rowsAccepted
                == 1)
        let daily = try await utc.postgres.query(
            "SELECT day::text, spend FROM metrics.ad_daily WHERE workspace_id = $1 ORDER BY day", utc.workspace
        ).rows.map { try $0.decode(String.self, Double.self) }
        // UTC midnight of the 20th is the 19th in New York; New York's midnight of the 20th is its 20th.
        #expect(daily.map(\.0) == ["2026-11-19", "2026-11-20"])
        #expect(daily.map(\.1) == [10, 7])
        let campaigns = try await utc.postgres.query(
            "SELECT sum(spend) FROM metrics.campaign_daily WHERE workspace_id = $1", utc.workspace
        ).single().decode(Double.self, at: 0)
        #expect(campaigns == 17)
        await utc.postgres.shutdown()
    }

    @Test func concurrentBatchesOnTheSameAdsKeepEachDayWhole() async throws {
        let harness = try await MetricsHarness.make(timezone: "Europe/Berlin")
        let ads = 12
        let days = 30
        let batches = 6
        let base = Date(timeIntervalSince1970: 1_767_222_000) // 2026-01-01 00:00 in Berlin
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for hour in 0..<batches {
                // Ads in opposite orders in alternate batches.
                let order = hour.isMultiple(of: 2) ? Array(0..<ads) : Array((0..<ads).reversed())
                let rows = order.flatMap { ad in
                    (0..<days).map { day in
                        Self.row(
                            "a\(ad)", RFC3339.string(base.addingTimeInterval(Double(day * 86_400 + hour * 3600))), spend: Double(hour + 1),
                            revenue: 1)
                    }
                }
                group.addTask { try await ingest(harness, rows).rowsAccepted }
            }
            var accepted: Int64 = 0
            for try await count in group { accepted += count }
            #expect(accepted == Int64(ads * days * batches))
        }
        #expect(try await harness.rollupMismatches() == 0)
        let days21 = try await harness.postgres.query(
            "SELECT count(*), min(spend), max(spend) FROM metrics.ad_daily WHERE workspace_id = $1", harness.workspace
        ).single()
        #expect(try days21.decode(Int.self, at: 0) == ads * days)
        #expect(try days21.decode(Double.self, at: 1) == 21) // 1 + 2 + ... + 6, every ad and day
        #expect(try days21.decode(Double.self, at: 2) == 21)
        await harness.postgres.shutdown()
    }

    /// One batch mixing an ad with buckets earlier the same local day (merged with them), the
    /// same ad on a day it has no buckets on, and an ad never seen, across the end of daylight
    /// saving time: each local day adds up, in the workspace's zone.
    @Test func newAndKnownAdsInOneBatchAddUpOnEveryLocalDay() async throws {
        let harness = try await MetricsHarness.make(timezone: "America/New_York")
        // 2026-11-01 is a 25-hour day in New York: it starts at 04:00Z (EDT), the clocks go back at
        // 06:00Z, and 04:00Z on the 2nd is still 23:00 on the 1st; the 2nd starts at 05:00Z.
        _ = try await ingest(harness, [Self.row("known", "2026-11-01T04:00:00Z", spend: 1)])
        let response = try await ingest(
            harness,
            [
                Self.row("known", "2026-11-01T06:00:00Z", spend: 2),
                Self.row("known", "2026-11-02T04:00:00Z", spend: 4),
                Self.row("known", "2026-11-10T05:00:00Z", "day", spend: 8),
                Self.row("new", "2026-11-01T05:00:00Z", spend: 16),
                Self.row("new", "2026-11-02T05:00:00Z", spend: 32),
                Self.row("new", "2026-11-02T05:00:00Z", spend: 64), // repeats the bucket: replaces 32
            ])
        #expect(response.rowsAccepted == 6)
        #expect(try await harness.rollupMismatches() == 0)
        let daily = try await harness.postgres.query(
            """
            SELECT e.external_id, d.day::text, d.spend FROM metrics.ad_daily d
            JOIN metrics.entities e ON e.workspace_id = d.workspace_id AND e.id = d.ad_id
            WHERE d.workspace_id = $1 ORDER BY 1, 2
            """, harness.workspace
        ).rows.map { "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1)) \(try $0.decode(Double.self, at: 2))" }
        #expect(daily == ["known 2026-11-01 7.0", "known 2026-11-10 8.0", "new 2026-11-01 16.0", "new 2026-11-02 64.0"])
        // Sent again: nothing changes, through the path for ads with history this time.
        _ = try await ingest(
            harness, [Self.row("new", "2026-11-02T05:00:00Z", spend: 64), Self.row("known", "2026-11-10T05:00:00Z", "day", spend: 8)])
        #expect(try await harness.rollupMismatches() == 0)
        let total = try await harness.postgres.query(
            "SELECT sum(spend), count(*) FROM metrics.snapshots WHERE workspace_id = $1", harness.workspace
        ).single()
        #expect(try total.decode(Double.self, at: 0) == 1 + 2 + 4 + 8 + 16 + 64)
        #expect(try total.decode(Int.self, at: 1) == 6)
        await harness.postgres.shutdown()
    }

    /// Compaction takes the workspace's numbers alone while ingests of other ads arrive: nothing
    /// deadlocks, and every bucket and rollup adds up once all are done.
    @Test func compactionBesideIngestsKeepsEveryTotal() async throws {
        let harness = try await MetricsHarness.make()
        let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00Z
        let quarters = (0..<(4 * 24 * 3)).map { RFC3339.string(start.addingTimeInterval(Double($0) * 900)) }
        _ = try await ingest(harness, quarters.map { Self.row("a", $0, "15min", spend: 1) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = try await Compactor(postgres: harness.postgres).compact(
                    olderThan: start.addingTimeInterval(2 * 86_400), workspaceID: harness.workspace)
            }
            for ad in ["b", "c", "d"] {
                group.addTask { _ = try await ingest(harness, quarters.map { Self.row(ad, $0, "15min", spend: 1) }) }
            }
            try await group.waitForAll()
        }
        #expect(try await harness.rollupMismatches() == 0)
        let sums = try await harness.postgres.query(
            """
            SELECT (SELECT sum(spend) FROM metrics.snapshots WHERE workspace_id = $1),
                   (SELECT sum(spend) FROM metrics.campaign_daily WHERE workspace_id = $1),
                   (SELECT count(*) FROM metrics.snapshots WHERE workspace_id = $1 AND bucket_minutes = 60)
            """, harness.workspace
        ).single()
        #expect(try sums.decode(Int.self, at: 2) >= 48) // at least a's first two days, merged into hours
        #expect(try sums.decode(Double.self, at: 0) == Double(4 * quarters.count))
        #expect(try sums.decode(Double.self, at: 1) == Double(4 * quarters.count))
        await harness.postgres.shutdown()
    }
}
