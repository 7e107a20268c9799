import Foundation
import GRPCCore
import MetricxProtos
import MetricxRootCause
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import LineageSvc

/// Guards the RCA upload RPC (`Localize`): a leaf table whose change one attribute value explains
/// is localized to that value, additive or ratio; empty, malformed and oversized tables are invalid
/// arguments naming the `csv` field.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct LocalizeTests {
    /// Four campaigns by three ads; every leaf keeps its forecast except campaign c2's, down 60%.
    static let additive: String = {
        var csv = "campaign,ad,real,predict\n"
        for campaign in 0..<4 {
            for ad in 0..<3 {
                let forecast = Double(100 + 37 * campaign + 11 * ad)
                let noise = 1 + 0.004 * Double((campaign * 3 + ad) % 5 - 2)
                csv += "c\(campaign),a\(ad),\(forecast * noise * (campaign == 2 ? 0.4 : 1)),\(forecast)\n"
            }
        }
        return csv
    }()

    /// Two providers by three campaigns, revenue over spend: Google's revenue halved, spend steady.
    static let ratio: String = {
        var csv = "provider,campaign,real_a,predict_a,real_b,predict_b\n"
        for provider in ["meta", "google"] {
            for campaign in 0..<3 {
                let spend = Double(100 + 20 * campaign)
                let revenue = spend * 4
                csv += "\(provider),c\(campaign),\(provider == "google" ? revenue / 2 : revenue),\(revenue),\(spend),\(spend)\n"
            }
        }
        return csv
    }()

    private func localize(_ h: LineageHarness, _ csv: String) async throws -> [Metricx_V1_RootCause] {
        let tenant = h.tenant()
        return try await tenant { try await $0.localize(.with { $0.csv = Data(csv.utf8) }) }.rootCauses
    }

    @Test func theChangeIsLocalizedToTheValueThatExplainsIt() async throws {
        try await LineageHarness.with { h in
            let causes = try await localize(h, Self.additive)
            #expect(causes.count == 1)
            #expect(causes.first?.elements == ["campaign": "c2"])
            let score = causes.first?.score ?? 0
            #expect(score > 0.5 && score <= 1)

            let ratioCauses = try await localize(h, Self.ratio)
            #expect(ratioCauses.first?.elements == ["provider": "google"], "\(ratioCauses)")
        }
    }

    @Test func emptyMalformedAndOversizedTablesAreRefused() async throws {
        try await LineageHarness.with { h in
            await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, "") }
            await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, "campaign,real,predict\n") }
            let bad = await expectRPCError(.invalidArgument, field: "csv") {
                try await localize(h, "campaign,real,predict\nc1,1,2\nc2,x,2\n")
            }
            #expect(bad?.message.contains("line 3, column real") == true, "\(String(describing: bad))")
            let missing = await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, "campaign,spend\nc1,1\n") }
            #expect(missing?.message.contains("missing column") == true)
            // More attribute columns than the limit.
            let names = (0...LeafTable.Limits.defaults.maximumAttributes).map { "d\($0)" }
            let wide = names.joined(separator: ",") + ",real,predict\n" + names.map { _ in "x" }.joined(separator: ",") + ",1,2\n"
            let tooWide = await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, wide) }
            #expect(tooWide?.message.contains("attribute columns") == true)
            // #23: within both limits, but leaves × cuboids past the search's budget — refused
            // before the search, naming the figures (10,000 × 696 here).
            let sixteen = (0..<16).map { "d\($0)" }
            var heavy = sixteen.joined(separator: ",") + ",real,predict\n"
            for leaf in 0..<10_000 {
                heavy += sixteen.indices.map { "v\((leaf >> $0) & 7)" }.joined(separator: ",") + ",\(leaf % 9 + 1),5\n"
            }
            let tooHeavy = await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, heavy) }
            #expect(tooHeavy?.message.contains("10000 leaves × 696 attribute combinations") == true, "\(String(describing: tooHeavy))")
        }
        // More leaves than the service's limit, which is set small here rather than sending a million rows.
        let limits = LeafTable.Limits(maximumLeaves: 5, maximumAttributes: LeafTable.Limits.defaults.maximumAttributes)
        try await LineageHarness.with(localization: Localization(compute: ComputeQueue(), limits: limits)) { h in
            let tooLong = await expectRPCError(.invalidArgument, field: "csv") { try await localize(h, Self.additive) }
            #expect(tooLong?.message.contains("at most 5 rows") == true)
        }
    }

    @Test func aLocalizeCallNeedsAWorkspace() async throws {
        try await LineageHarness.with { h in
            await expectRPCError(.unauthenticated) { try await h.lineage.localize(.with { $0.csv = Data(Self.additive.utf8) }) }
        }
    }
}
