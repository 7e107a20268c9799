import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct SemanticQueryTests {
    /// Five campaigns on Meta and Google over two weeks: campaign k spends k per day with k*10 clicks.
    static func seeded(timezone: String = "UTC") async throws -> MetricsHarness {
        let harness = try await MetricsHarness.make(timezone: timezone)
        var lines = [MetricsHarness.header]
        var day = CalendarDay("2026-11-02")!
        while day <= CalendarDay("2026-11-19")! {
            for k in 1...5 {
                let provider = k <= 3 ? "meta" : "google"
                let conversions = k == 5 ? 0 : k
                lines.append(
                    "\(day),\(provider),acc_\(provider),\(provider) account,c\(k),Campaign \(k),s\(k),Set \(k),a\(k),Ad \(k),\(k),\(k * 1000),\(k * 10),\(conversions),\(k * 3),0,0,0,0,0"
                )
            }
            day = day.adding(days: 1)
        }
        let result = try await harness.importCSV(lines.joined(separator: "\n"), chunkSize: 4096)
        #expect(result.rowsRejected == 0)
        return harness
    }

    @Test func totalsComparisonAndNullRatios() async throws {
        let harness = try await Self.seeded()
        let result = try await harness.query {
            $0.metrics = ["spend", "cpc", "cpa", "roas"]
            $0.timeRange = .with { $0.preset = "last_7_days" }
            $0.comparison = .with { $0.type = "previous_period" }
            $0.filters = [
                .with {
                    $0.dimension = "campaign"
                    $0.op = "in"
                    $0.values = ["campaign 5"]
                }
            ]
        }
        #expect(result.resolved.range.start == "2026-11-12")
        #expect(result.resolved.comparison.start == "2026-11-05")
        #expect(result.data.totals["spend"] == 35)
        #expect(result.data.totals["cpc"] == 0.1)
        #expect(result.data.totals.isNull("cpa")) // no conversions: null, not infinity
        #expect(result.data.comparisonTotals["spend"] == 35)
        #expect(result.query.timeRange.dates.start == "2026-11-12")
        await harness.postgres.shutdown()
    }

    @Test func topNWithAnOtherRowSharesAndAscendingOrder() async throws {
        let harness = try await Self.seeded()
        let top = try await harness.query {
            $0.metrics = ["spend", "roas"]
            $0.timeRange = .with { $0.preset = "last_7_days" }
            $0.breakdown = .with {
                $0.dimension = "campaign"
                $0.limit = 2
            }
        }
        let rows = top.data.breakdown
        #expect(rows.map(\.label) == ["Campaign 5", "Campaign 4", "Other (3)"])
        #expect(rows.map(\.key) == ["c5", "c4", "other"])
        #expect(rows[2].values["spend"] == 42)
        #expect(abs(rows.map(\.share).reduce(0, +) - 1) < 1e-9)
        #expect(top.data.totals["spend"] == 105)

        let cheapest = try await harness.query {
            $0.metrics = ["cpa"]
            $0.timeRange = .with { $0.preset = "last_7_days" }
            $0.breakdown = .with {
                $0.dimension = "ad"
                $0.order = "asc"
                $0.limit = 10
            }
        }
        // CPA is 1 for every ad but a5, whose null sorts last whichever the direction.
        #expect(cheapest.data.breakdown.last?.label == "Ad 5")
        #expect(cheapest.data.breakdown.last?.values.isNull("cpa") == true)

        let providers = try await harness.query {
            $0.metrics = ["clicks"]
            $0.timeRange = .with { $0.preset = "yesterday" }
            $0.breakdown = .with { $0.dimension = "provider" }
            $0.filters = [
                .with {
                    $0.dimension = "provider"
                    $0.op = "not_in"
                    $0.values = ["GOOGLE"]
                }
            ]
        }
        #expect(providers.data.breakdown.map(\.label) == ["meta"])
        #expect(providers.data.totals["clicks"] == 60)
        await harness.postgres.shutdown()
    }

    @Test func timeseriesIsZeroFilledAtEachGrain() async throws {
        let harness = try await Self.seeded()
        let daily = try await harness.query {
            $0.metrics = ["spend", "cpc"]
            $0.timeRange = .with {
                $0.dates = .with {
                    $0.start = "2026-10-31"
                    $0.end = "2026-11-03"
                }
            }
            $0.granularity = "day"
        }
        #expect(daily.data.timeseries.map(\.ts) == ["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"])
        #expect(daily.data.timeseries.map { $0.values["spend"] } == [0, 0, 15, 15])
        #expect(daily.data.timeseries[0].values.isNull("cpc"))
        let weekly = try await harness.query {
            $0.metrics = ["spend"]
            $0.timeRange = .with { $0.preset = "this_month" }
            $0.granularity = "week"
        }
        #expect(weekly.data.timeseries.map(\.ts) == ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"])
        #expect(weekly.data.timeseries.map { $0.values["spend"] } == [0, 105, 105, 60])
        #expect(weekly.data.totals["spend"] == 270)
        await harness.postgres.shutdown()
    }

    @Test func daysAreTheWorkspacesDaysAcrossADaylightSavingChange() async throws {
        let harness = try await MetricsHarness.make(timezone: "Europe/Berlin")
        // 23 local hours on 2026-03-29 (spring forward), 1 spend each, plus one hour of the next day.
        var lines = [MetricsHarness.header]
        var instant = ISO8601DateFormatter().date(from: "2026-03-28T23:00:00Z")!
        for _ in 0..<24 {
            lines.append("\(ISO8601DateFormatter().string(from: instant)),meta,a,A,c,C,s,S,ad,Ad,1,0,0,0,0,0,0,0,0,0")
            instant = instant.addingTimeInterval(3600)
        }
        #expect(try await harness.importCSV(lines.joined(separator: "\n")).rowsAccepted == 24)
        let day = try await harness.query(
            {
                $0.metrics = ["spend"]
                $0.timeRange = .with { $0.preset = "yesterday" }
                $0.granularity = "hour"
            }, asOf: "2026-03-30T12:00:00+02:00")
        #expect(day.resolved.range.start == "2026-03-29")
        #expect(day.data.totals["spend"] == 23)
        #expect(day.data.timeseries.count == 23)
        #expect(day.data.timeseries.allSatisfy { $0.values["spend"] == 1 })
        await harness.postgres.shutdown()
    }

    @Test func workspacesNeverSeeEachOthersData() async throws {
        let a = try await Self.seeded()
        let b = try await MetricsHarness.make()
        let empty = try await b.query {
            $0.metrics = ["spend"]
            $0.timeRange = .with { $0.preset = "this_month" }
            $0.breakdown = .with { $0.dimension = "campaign" }
        }
        #expect(empty.data.totals["spend"] == 0)
        #expect(empty.data.breakdown.isEmpty)
        // Even by naming a's entity ids.
        let named = try await b.query {
            $0.metrics = ["spend"]
            $0.filters = [
                .with {
                    $0.dimension = "ad"
                    $0.values = ["a1", "Ad 1"]
                }
            ]
        }
        #expect(named.data.totals["spend"] == 0)
        await a.postgres.shutdown()
        await b.postgres.shutdown()
    }

    static func query(_ build: (inout Metricx_V1_SemanticQuery) -> Void) -> Metricx_V1_SemanticQuery {
        var query = Metricx_V1_SemanticQuery()
        build(&query)
        return query
    }

    @Test(arguments: [
        (Self.query { q in q.metrics = ["cpc", "magic"] }, "metrics[1]"),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.timeRange = .with { $0.preset = "last_week_ish" }
            }, "time_range.preset"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.timeRange = .with {
                    $0.dates = .with {
                        $0.start = "2026-11-10"
                        $0.end = "2026-11-01"
                    }
                }
            }, "time_range.start"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.granularity = "fortnight"
            }, "granularity"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.timeRange = .with { $0.preset = "last_year" }
                q.granularity = "15min"
            }, "granularity"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.filters = [
                    .with {
                        $0.dimension = "country"
                        $0.values = ["de"]
                    }
                ]
            }, "filters[0].dimension"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.filters = [
                    .with {
                        $0.dimension = "ad"
                        $0.op = "like"
                        $0.values = ["x"]
                    }
                ]
            }, "filters[0].op"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.filters = [
                    .with {
                        $0.dimension = "ad"
                        $0.values = []
                    }
                ]
            }, "filters[0].values"
        ),
        // #23: 10,000 filters, or a filter of 100,000 values, are refused before any SQL.
        (
            Self.query { q in
                q.metrics = ["spend"]
                q.filters = Array(
                    repeating: .with {
                        $0.dimension = "campaign"
                        $0.op = "contains"
                        $0.values = ["a"]
                    }, count: 10_000)
            }, "filters"
        ),
        (
            Self.query { q in
                q.metrics = ["spend"]
                q.filters = [
                    .with {
                        $0.dimension = "ad"
                        $0.values = (0..<100_000).map(String.init)
                    }
                ]
            }, "filters[0].values"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.breakdown = .with {
                    $0.dimension = "ad"
                    $0.orderBy = "roas"
                }
            }, "breakdown.order_by"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.breakdown = .with {
                    $0.dimension = "ad"
                    $0.limit = 5000
                }
            }, "breakdown.limit"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.comparison = .with { $0.type = "custom" }
            }, "comparison.start"
        ),
        (
            Self.query { q in
                q.metrics = ["cpc"]
                q.comparison = .with { $0.type = "last_decade" }
            }, "comparison.type"
        ),
    ])
    func badQueriesNameTheField(query: Metricx_V1_SemanticQuery, field: String) throws {
        let planner = try QueryPlanner(settings: .init(), asOf: "2026-11-19T15:00:00Z")
        let error = #expect(throws: ServiceError.self) { try planner.plan(query) }
        #expect(error?.field == field)
        #expect(error?.code == .invalidArgument)
    }

    @Test func aBadAsOfOrTimeZoneIsRejected() {
        #expect(throws: ServiceError.self) { try QueryPlanner(settings: .init(), asOf: "yesterday-ish") }
        #expect(throws: ServiceError.self) { try QueryPlanner(settings: .with { $0.timezone = "Mars/Base" }, asOf: "") }
    }

    /// A zone stored before zones were checked ("CTT": Foundation resolves it, its ISO 8601
    /// formatter traps on it) is an invalid argument for every hourly query, not a crash of the
    /// service every workspace shares.
    @Test(arguments: ["CTT", "EST", "GMT+5", "UTC+3"])
    func aZoneFoundationCannotFormatIsRefusedNotATrap(zone: String) {
        let error = #expect(throws: ServiceError.self) {
            try QueryPlanner(settings: .with { $0.timezone = zone }, asOf: "2026-11-19T15:00:00Z")
        }
        #expect(error?.field == "settings.timezone")
    }

    /// Sub-day bucket labels carry the zone's offset at each instant, across a DST change and in
    /// half- and quarter-hour zones.
    @Test func hourlyLabelsCarryTheOffsetOfEachInstant() throws {
        let day = CalendarDay(year: 2026, month: 3, day: 29)
        let berlin = TimeBuckets(
            range: DayRange(start: day, end: day), granularity: .hour, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(berlin.keys.count == 23)
        #expect(berlin.keys.first?.label == "2026-03-29T00:00:00+01:00")
        #expect(berlin.keys[2].label == "2026-03-29T03:00:00+02:00")
        let kathmandu = TimeBuckets(
            range: DayRange(start: day, end: day), granularity: .fifteenMinutes, timeZone: TimeZone(identifier: "Asia/Kathmandu")!)
        #expect(kathmandu.keys.count == 96)
        #expect(kathmandu.keys[1].label == "2026-03-29T00:15:00+05:45")
        let stJohns = TimeBuckets(
            range: DayRange(start: day, end: day), granularity: .hour, timeZone: TimeZone(identifier: "America/St_Johns")!)
        #expect(stJohns.keys.first?.label == "2026-03-29T00:00:00-02:30")
        let utc = TimeBuckets(range: DayRange(start: day, end: day), granularity: .hour, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.keys.first?.label == "2026-03-29T00:00:00Z")
    }
}
