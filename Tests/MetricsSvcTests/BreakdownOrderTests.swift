import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite struct BreakdownOrderTests {
    @Test func tiesGoToTheEntitySeenFirstComparingIdsAsNumbers() {
        #expect(SemanticEngine.precedes("999", "1003"))
        #expect(!SemanticEngine.precedes("1003", "999"))
        #expect(SemanticEngine.precedes("google", "meta"))
        #expect(!SemanticEngine.precedes("42", "42"))
    }
}

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct FirstSeenOrderTests {
    /// Tied values rank in the order their entities first appeared in the file.
    @Test func tiedCampaignsRankInTheOrderTheyWereFirstSeen() async throws {
        let harness = try await MetricsHarness.make()
        let names = (0..<12).map { "Campaign \(String(UnicodeScalar(UInt8(ascii: "z") - UInt8($0))))" }
        let lines = names.enumerated().map { index, name in
            "2026-11-18,meta,act,Acme,c\(index),\(name),s\(index),Set,a\(index),Ad,1,10,1,0,0,0,0,0,0,0"
        }
        _ = try await harness.importCSV(([MetricsHarness.header] + lines).joined(separator: "\n") + "\n", chunkSize: 4096)
        let result = try await harness.query {
            $0.metrics = ["revenue"]
            $0.timeRange = .with { $0.preset = "yesterday" }
            $0.breakdown = .with {
                $0.dimension = "campaign"
                $0.limit = 20
            }
        }
        #expect(result.data.breakdown.map(\.label) == names)
        await harness.postgres.shutdown()
    }
}
