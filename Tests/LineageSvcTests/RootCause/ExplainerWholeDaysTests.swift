import MetricxProtos
import MetricxSemantics
import Testing

@testable import LineageSvc

/// Which day is today, for cutting a running range to its whole days, is the workspace's: at
/// 23:30 UTC on Thursday it is already Friday in Tokyo, and Thursday is a whole day there.
@Suite struct ExplainerWholeDaysTests {
    static func resolved(_ range: (String, String), _ comparison: (String, String)) -> Metricx_V1_ResolvedRanges {
        .with {
            $0.range = .with {
                $0.start = range.0
                $0.end = range.1
            }
            $0.comparison = .with {
                $0.start = comparison.0
                $0.end = comparison.1
            }
        }
    }

    static func request(asOf: String, timezone: String) -> Metricx_V1_ExplainRequest {
        .with {
            $0.asOf = asOf
            $0.settings = .with { $0.timezone = timezone }
        }
    }

    @Test func todayIsTheWorkspacesDay() throws {
        let thursdayWeek = Self.resolved(("2026-11-16", "2026-11-19"), ("2026-11-09", "2026-11-12"))
        let utc = try #require(Explainer.wholeDays(thursdayWeek, Self.request(asOf: "2026-11-19T23:30:00Z", timezone: "UTC")))
        #expect(utc.range.description == "2026-11-16..2026-11-18")
        #expect(utc.comparison.description == "2026-11-09..2026-11-11")
        // In Tokyo Thursday has ended: nothing to cut (its own this_week would run to Friday).
        #expect(Explainer.wholeDays(thursdayWeek, Self.request(asOf: "2026-11-19T23:30:00Z", timezone: "Asia/Tokyo")) == nil)
        // Still Thursday in Los Angeles at 07:30 UTC on Friday.
        let losAngeles = Explainer.wholeDays(thursdayWeek, Self.request(asOf: "2026-11-20T07:30:00Z", timezone: "America/Los_Angeles"))
        #expect(losAngeles?.range.end.description == "2026-11-18")
    }

    @Test func nothingIsCutWithoutAComparison() {
        var ranges = Self.resolved(("2026-11-16", "2026-11-19"), ("2026-11-09", "2026-11-12"))
        ranges.clearComparison()
        #expect(Explainer.wholeDays(ranges, Self.request(asOf: "2026-11-19T15:00:00Z", timezone: "UTC")) == nil)
    }
}
