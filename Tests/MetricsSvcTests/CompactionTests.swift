import Foundation
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct CompactionTests {
    @Test(arguments: ["UTC", "Asia/Kolkata"])
    func compactionPreservesEveryTotalAndIsIdempotent(timezone: String) async throws {
        let harness = try await MetricsHarness.make(timezone: timezone)
        let formatter = ISO8601DateFormatter()
        // 15-minute buckets for 12 hours five days ago (crossing local midnight in Kolkata, +5:30),
        // an hourly bucket among them, and recent 15-minute buckets that must stay as they are.
        var lines = [MetricsHarness.header]
        var instant = formatter.date(from: "2026-11-14T12:00:00Z")!
        for index in 0..<48 {
            lines.append(
                "\(formatter.string(from: instant)),meta,a,A,c,C,s,S,ad\(index % 3),Ad,\(Double(index) * 0.5 + 1),100,\(index % 5),1,2,0,0,0,0,0"
            )
            instant = instant.addingTimeInterval(900)
        }
        lines.append("2026-11-14T15:00:00Z,meta,a,A,c,C,s,S,ad9,Ad,7,100,1,1,2,0,0,0,0,0")
        lines.append("2026-11-19T10:15:00Z,meta,a,A,c,C,s,S,ad0,Ad,3,100,1,1,2,0,0,0,0,0")
        #expect(try await harness.importCSV(lines.joined(separator: "\n"), chunkSize: 1024).rowsAccepted == 50)

        let before = try await Self.snapshot(harness)
        let cutoff = formatter.date(from: "2026-11-17T00:00:00Z")!
        // An instant on the local hour is imported as an hourly bucket; the rest are 15-minute ones.
        let quarterHours = try await harness.postgres.query(
            "SELECT count(*) FROM metrics.snapshots WHERE workspace_id = $1 AND bucket_minutes = 15 AND bucket_start < $2",
            harness.workspace, cutoff
        ).single().decode(Int.self, at: 0)
        #expect(quarterHours >= 36)
        let compactor = Compactor(postgres: harness.postgres)
        let outcome = try await compactor.compact(olderThan: cutoff, workspaceID: harness.workspace)
        #expect(outcome.bucketsCompacted == quarterHours)
        #expect(try await Self.snapshot(harness) == before)

        let remaining = try await harness.postgres.query(
            "SELECT bucket_minutes, count(*) FROM metrics.snapshots WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1", harness.workspace)
        let counts = try remaining.rows.map { try $0.decode(Int.self, Int.self) }
        #expect(counts.first?.0 == 15 && counts.first?.1 == 1) // the recent one
        #expect(counts.last?.0 == 60)

        #expect(try await compactor.compact(olderThan: cutoff, workspaceID: harness.workspace) == Compactor.Outcome())
        #expect(try await Self.snapshot(harness) == before)
        await harness.postgres.shutdown()
    }

    /// Compact for no named workspace compacts all of them only for a caller acting for none (the
    /// scheduler); a caller acting for a workspace compacts that one alone.
    @Test func aWorkspaceCallerCompactsOnlyItsOwnWorkspace() async throws {
        let mine = try await MetricsHarness.make()
        let other = MetricsHarness(postgres: mine.postgres, service: mine.service, workspace: UUID(), timezone: "UTC")
        let old = [MetricsHarness.header, "2026-11-14T12:15:00Z,meta,a,A,c,C,s,S,ad0,Ad,1,100,1,1,2,0,0,0,0,0"]
        for harness in [mine, other] { _ = try await harness.importCSV(old.joined(separator: "\n"), chunkSize: 1024) }
        func quarterHours(_ harness: MetricsHarness) async throws -> Int {
            try await harness.postgres.query(
                "SELECT count(*) FROM metrics.snapshots WHERE workspace_id = $1 AND bucket_minutes = 15", harness.workspace
            ).single().decode(Int.self, at: 0)
        }
        let compacted = try await mine.inWorkspace {
            try await mine.service.compact(request: .init(), context: MetricsHarness.context)
        }
        #expect(compacted.bucketsCompacted == 1)
        #expect(try await quarterHours(mine) == 0)
        #expect(try await quarterHours(other) == 1)
        await mine.postgres.shutdown()
    }

    /// Totals by local day, and the daily rollup, of every measure.
    static func snapshot(_ harness: MetricsHarness) async throws -> [String] {
        let daily = try await harness.query(
            {
                $0.metrics = ["spend", "clicks", "conversions", "cpc"]
                $0.timeRange = .with {
                    $0.dates = .with {
                        $0.start = "2026-11-13"
                        $0.end = "2026-11-19"
                    }
                }
                $0.granularity = "day"
            })
        let hourly = try await harness.query(
            {
                $0.metrics = ["spend"]
                $0.timeRange = .with {
                    $0.dates = .with {
                        $0.start = "2026-11-14"
                        $0.end = "2026-11-15"
                    }
                }
                $0.granularity = "hour"
            })
        let fromSnapshots = hourly.data.timeseries.reduce(0.0) { $0 + ($1.values["spend"] ?? 0) }
        return daily.data.timeseries.map { "\($0.ts) \($0.values.map { "\($0.metric)=\($0.hasValue ? $0.value : -1)" })" }
            + ["hourly spend \(fromSnapshots)", "total \(daily.data.totals.map { $0.hasValue ? $0.value : -1 })"]
    }
}
