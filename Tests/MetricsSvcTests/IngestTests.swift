import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct IngestTests {
    static let csv = #"""
        \#(MetricsHarness.header)
        2026-11-18,meta,act_1,"Acme, Inc.",c1,Summer Sale,s1,Set 1,a1,"Video ""15s""",10,1000,1,0,30,0,0,0,0,5
        2026-11-18,meta,act_1,"Acme, Inc.",c1,Summer Sale,s1,Set 1,a2,Carousel,10,1000,9,2,50,0,0,2,40,-3
        2026-11-18T10:00:00Z,google,cust_9,Acme Google,g1,Brand Search,g1s,Brand,g1a,Text Ad,5.5,100,10,1,20,,,,,

        """#

    @Test func csvImportIsIdempotentAndALaterValueReplacesTheEarlier() async throws {
        let harness = try await MetricsHarness.make()
        let first = try await harness.importCSV(Self.csv)
        #expect(first.rowsAccepted == 3)
        #expect(first.rowsRejected == 0)
        let total = {
            try await harness.query {
                $0.metrics = ["spend", "clicks", "cpc", "profit"]
                $0.timeRange = .with { $0.preset = "yesterday" }
            }.data.totals
        }
        let before = try await total()
        #expect(before["spend"] == 25.5)
        #expect(before["clicks"] == 20)
        #expect(before["profit"] == 2)

        let again = try await harness.importCSV(Self.csv, chunkSize: 1)
        #expect(again.rowsAccepted == 3)
        #expect(try await total() == before)
        let rows = try await harness.postgres.query("SELECT count(*) FROM metrics.snapshots WHERE workspace_id = $1", harness.workspace)
            .single().decode(Int.self, at: 0)
        #expect(rows == 3)

        // Same (timestamp, ad) later: the numbers are replaced, not added.
        _ = try await harness.importCSV(
            "\(MetricsHarness.header)\n2026-11-18,meta,act_1,Acme,c1,Summer Sale,s1,Set 1,a1,Video,20,1000,1,0,30,0,0,0,0,5\n")
        #expect(try await total()["spend"] == 35.5)
        // Names are labels: the rename is picked up, the entity is the same.
        let names = try await harness.postgres.query(
            "SELECT name FROM metrics.entities WHERE workspace_id = $1 AND level = 'account' AND external_id = 'act_1'", harness.workspace
        ).column(String.self)
        #expect(names == ["Acme"])
        await harness.postgres.shutdown()
    }

    /// The daily rollups move by exactly what their snapshots moved by: after imports that add,
    /// replace and repeat rows across two campaigns and several days, `campaign_daily` equals a
    /// recomputation from `ad_daily`, which equals one from the snapshots.
    @Test func rollupsMatchARecomputationAfterReplacements() async throws {
        let harness = try await MetricsHarness.make(timezone: "America/New_York")
        let header = MetricsHarness.header
        _ = try await harness.importCSV(Self.csv)
        _ = try await harness.importCSV(
            """
            \(header)
            2026-11-17T23:00:00Z,meta,act_1,Acme,c1,Summer Sale,s1,Set 1,a1,Video,0.1,10,1,0,0.3,0,0,0,0,0
            2026-11-18T03:15:00Z,meta,act_1,Acme,c1,Summer Sale,s1,Set 1,a3,New,0.2,10,1,0,0.7,0,0,0,0,0
            2026-11-18T03:15:00Z,meta,act_1,Acme,c2,Winter,s2,Set 2,a4,Other,1.7,10,1,0,0.7,0,0,0,0,0

            """)
        _ = try await harness.importCSV(
            """
            \(header)
            2026-11-17T23:00:00Z,meta,act_1,Acme,c1,Summer Sale,s1,Set 1,a1,Video,0.7,10,1,0,0.3,0,0,0,0,0
            2026-11-18,meta,act_1,Acme,c1,Summer Sale,s1,Set 1,a2,Carousel,3.3,1000,9,2,50,0,0,2,40,-3
            2026-11-18T03:15:00Z,meta,act_1,Acme,c2,Winter,s2,Set 2,a4,Other,1.7,10,1,0,0.7,0,0,0,0,0

            """)
        let mismatches = try await harness.rollupMismatches()
        #expect(mismatches == 0)
        let spend = try await harness.postgres.query(
            "SELECT sum(spend) FROM metrics.campaign_daily WHERE workspace_id = $1", harness.workspace
        ).single().decode(Double.self, at: 0)
        #expect(abs(spend - (0.7 + 10 + 3.3 + 5.5 + 0.2 + 1.7)) < 1e-9)
        await harness.postgres.shutdown()
    }

    @Test func badRowsAreRejectedWithLineColumnAndReasonWhileGoodRowsLand() async throws {
        let harness = try await MetricsHarness.make()
        let text = #"""
            \#(MetricsHarness.header)
            2026-11-18,meta,act_1,A,c1,C,s1,S,a1,Ad,10,100,1,0,0,0,0,0,0,0
            2026-11-31,meta,act_1,A,c1,C,s1,S,a1,Ad,10,100,1,0,0,0,0,0,0,0
            2026-11-18,meta,act_1,A,c1,C,s1,S,,Ad,10,100,1,0,0,0,0,0,0,0
            2026-11-18,meta,act_1,A,c1,C,s1,S,a2,Ad,ten,100,1,0,0,0,0,0,0,0
            2026-11-18,meta,act_1,A,c1,C,s1,S,a3,Ad,-1,100,1,0,0,0,0,0,0,0
            2026-11-18T10:07:00Z,meta,act_1,A,c1,C,s1,S,a4,Ad,1,100,1,0,0,0,0,0,0,0
            2026-11-18,Meta Ads!,act_1,A,c1,C,s1,S,a5,Ad,1,100,1,0,0,0,0,0,0,0
            2026-11-18,meta,act_1,A,c1,C,s1,S,a6,Ad,1,100
            """#
        let result = try await harness.importCSV(text)
        #expect(result.rowsAccepted == 1)
        #expect(result.rowsRejected == 7)
        let found = result.rejections.map { "\($0.index):\($0.field)" }
        #expect(found == ["3:timestamp", "4:ad_id", "5:spend", "6:spend", "7:timestamp", "8:provider", "9:"])
        #expect(result.rejections[2].reason == "must be a decimal number")
        await harness.postgres.shutdown()
    }

    @Test(arguments: [
        ("timestamp,provider,account_id,campaign_id,adset_id,ad_id,colour", "colour"),
        ("timestamp,provider,account_id,campaign_id,adset_id", "ad_id"),
        ("timestamp,provider,account_id,campaign_id,adset_id,ad_id,spend,spend", "spend"),
    ])
    func aBadHeaderFailsTheWholeImportAndWritesNothing(header: String, field: String) async throws {
        let harness = try await MetricsHarness.make()
        let error = await #expect(throws: ServiceError.self) {
            try await harness.importCSV("\(header)\n2026-11-18,meta,a,c,s,x,1,2,3\n")
        }
        #expect(error?.field == field)
        #expect(error?.code == .invalidArgument)
        let rows = try await harness.postgres.query("SELECT count(*) FROM metrics.entities WHERE workspace_id = $1", harness.workspace)
            .single().decode(Int.self, at: 0)
        #expect(rows == 0)
        await harness.postgres.shutdown()
    }

    @Test func theIngestRPCRejectsRowsOneByOneAndIsIdempotent() async throws {
        let harness = try await MetricsHarness.make(timezone: "Europe/Berlin")
        func row(_ ad: String, _ start: String, _ width: String, spend: Double) -> Metricx_V1_SnapshotRow {
            .with {
                $0.provider = "demo"
                $0.adExternalID = ad
                $0.bucketStart = start
                $0.bucketWidth = width
                $0.measures = .with {
                    $0.spend = spend
                    $0.clicks = 2
                }
            }
        }
        let request = Metricx_V1_IngestRequest.with {
            $0.settings = harness.settings
            $0.entities = [
                .with {
                    $0.provider = "demo"
                    $0.level = "campaign"
                    $0.externalID = "c"
                    $0.name = "Camp"
                },
                .with {
                    $0.provider = "demo"
                    $0.level = "ad"
                    $0.externalID = "a"
                    $0.name = "Ad"
                    $0.parentExternalID = "s"
                },
                .with {
                    $0.provider = "demo"
                    $0.level = "galaxy"
                    $0.externalID = "x"
                },
            ]
            $0.rows = [
                row("a", "2026-11-18T09:15:00Z", "15min", spend: 1),
                row("a", "2026-11-18T09:30:00Z", "15min", spend: 2),
                row("a", "2026-11-17T23:00:00Z", "day", spend: 4), // Berlin midnight of the 18th
                row("a", "2026-11-18T09:10:00Z", "15min", spend: 100),
                row("a", "not a time", "hour", spend: 100),
                row("a", "2026-11-18T09:00:00Z", "week", spend: 100),
                .with {
                    $0.provider = "demo"
                    $0.adExternalID = "a"
                    $0.bucketStart = "2026-11-18T10:00:00Z"
                    $0.bucketWidth = "hour"
                    $0.measures = .with { $0.clicks = -1 }
                },
            ]
        }
        let response = try await harness.inWorkspace { try await harness.service.ingest(request: request, context: MetricsHarness.context) }
        #expect(response.rowsAccepted == 3)
        #expect(response.rowsRejected == 4)
        #expect(
            response.rejections.map(\.field) == [
                "entities[2].level", "rows[3].bucket_start", "rows[4].bucket_start", "rows[5].bucket_width", "rows[6].measures.clicks",
            ])
        _ = try await harness.inWorkspace { try await harness.service.ingest(request: request, context: MetricsHarness.context) }
        let totals = try await harness.query {
            $0.metrics = ["spend", "cpc"]
            $0.timeRange = .with {
                $0.dates = .with {
                    $0.start = "2026-11-18"
                    $0.end = "2026-11-18"
                }
            }
        }.data.totals
        #expect(totals["spend"] == 7)
        #expect(totals["cpc"] == 7.0 / 6.0)
        await harness.postgres.shutdown()
    }

    /// Batches of one workspace arriving together (a sync's pages, make bench's batches in
    /// flight) whose ads share campaigns and days: each lands whole, none deadlocks, and the
    /// rollups add up to the snapshots.
    @Test func concurrentBatchesSharingCampaignsAndDaysAllLand() async throws {
        let harness = try await MetricsHarness.make()
        let campaigns = 10
        let adsPerBatch = 24
        let batches = 6
        let days = 200
        let entities: [Metricx_V1_Entity] =
            (0..<campaigns).map { campaign in
                .with {
                    $0.provider = "demo"
                    $0.level = "campaign"
                    $0.externalID = "c\(campaign)"
                    $0.name = "C\(campaign)"
                }
            }
            + (0..<(adsPerBatch * batches)).map { ad in
                .with {
                    $0.provider = "demo"
                    $0.level = "ad"
                    $0.externalID = "a\(ad)"
                    $0.name = "A\(ad)"
                    $0.parentExternalID = "c\(ad % campaigns)"
                }
            }
        _ = try await harness.inWorkspace {
            try await harness.service.ingest(
                request: .with {
                    $0.settings = harness.settings
                    $0.entities = entities
                }, context: MetricsHarness.context)
        }
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for batch in 0..<batches {
                // Each batch walks the days in its own order, so two batches reach the same
                // campaign's rows in different orders.
                let order = batch.isMultiple(of: 2) ? Array(0..<days) : Array((0..<days).reversed())
                let rows: [Metricx_V1_SnapshotRow] = (0..<adsPerBatch).flatMap { offset in
                    order.map { day in
                        .with {
                            $0.provider = "demo"
                            $0.adExternalID = "a\(batch * adsPerBatch + offset)"
                            $0.bucketWidth = "day"
                            $0.bucketStart = RFC3339.string(Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400))
                            $0.measures = .with {
                                $0.spend = 1
                                $0.clicks = 1
                            }
                        }
                    }
                }
                group.addTask {
                    try await harness.inWorkspace {
                        try await harness.service.ingest(
                            request: .with {
                                $0.settings = harness.settings
                                $0.rows = rows
                            }, context: MetricsHarness.context)
                    }.rowsAccepted
                }
            }
            var accepted: Int64 = 0
            for try await count in group { accepted += count }
            #expect(accepted == Int64(batches * adsPerBatch * days))
        }
        let sums = try await harness.postgres.query(
            """
            SELECT (SELECT sum(spend) FROM metrics.snapshots WHERE workspace_id = $1),
                   (SELECT sum(spend) FROM metrics.ad_daily WHERE workspace_id = $1),
                   (SELECT sum(spend) FROM metrics.campaign_daily WHERE workspace_id = $1)
            """, harness.workspace
        ).single()
        let expected = Double(batches * adsPerBatch * days)
        #expect(try sums.decode(Double.self, at: 0) == expected)
        #expect(try sums.decode(Double.self, at: 1) == expected)
        #expect(try sums.decode(Double.self, at: 2) == expected)
        await harness.postgres.shutdown()
    }
}
