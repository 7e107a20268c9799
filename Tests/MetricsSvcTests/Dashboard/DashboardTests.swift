import Foundation
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct DashboardTests {
    func dashboard(_ harness: MetricsHarness) async throws -> Metricx_V1_DashboardResponse {
        let request = Metricx_V1_DashboardRequest.with {
            $0.settings = harness.settings
            $0.timeframe = "last_7_days"
            $0.asOf = "2026-11-19T15:00:00Z"
        }
        return try await harness.inWorkspace { try await harness.service.getDashboard(request: request, context: MetricsHarness.context) }
    }

    @Test func aConnectedStoreFillsTheAttributionBlockAndStaysOutOfThePlatformNumbers() async throws {
        let harness = try await MetricsHarness.make()
        let result = try await harness.importCSV(
            [
                MetricsHarness.header,
                "2026-11-15,meta,m1,Meta,c1,Spring Sale,s1,Set,a1,Ad 1,100,10000,200,10,300,0,0,10,0,0",
                "2026-11-16,google,g0,Google,g1,Brand,s2,Set,a2,Ad 2,50,5000,100,4,100,0,0,4,0,0",
                // Store orders under their UTM campaign: by name (any case), by the platform's campaign id, and none.
                "2026-11-15,shopify,shop,shop.example,utm:spring sale,spring SALE,utm:spring sale|meta,meta,utm:spring sale|meta,meta / spring sale,0,0,0,5,250,0,0,5,0,0",
                "2026-11-16,shopify,shop,shop.example,utm:g1,g1,utm:g1|google,google,utm:g1|google,google / g1,0,0,0,1,40,0,0,1,0,0",
                "2026-11-17,shopify,shop,shop.example,utm:(none),(none),utm:(none)|(none),(none),utm:(none)|(none),(none),0,0,0,2,60,0,0,2,0,0",
                // Outside the range: counts nowhere.
                "2026-11-01,shopify,shop,shop.example,utm:spring sale,spring SALE,utm:spring sale|meta,meta,utm:spring sale|meta,meta / spring sale,0,0,0,9,900,0,0,9,0,0",
            ].joined(separator: "\n"))
        #expect(result.rowsRejected == 0)

        let response = try await dashboard(harness)
        let kpis = Dictionary(uniqueKeysWithValues: response.kpis.map { ($0.metric, $0.value) })
        #expect(kpis["revenue"] == 400)
        #expect(kpis["spend"] == 150)
        #expect(kpis["conversions"] == 14)
        #expect(response.spendMix.map(\.provider).sorted() == ["google", "meta"])
        #expect(Set(response.topCampaigns.map(\.label)) == ["Spring Sale", "Brand"])

        #expect(response.hasAttribution)
        let attribution = response.attribution
        #expect(attribution.platformRevenue == 400)
        #expect(attribution.storeRevenue == 350)
        #expect(attribution.attributedStoreRevenue == 290)
        #expect(attribution.blendedRoas == 350.0 / 150.0)
        #expect(attribution.byCampaign.map(\.label) == ["Spring Sale", "Brand"])
        let spring = attribution.byCampaign[0].values
        #expect(spring["spend"] == 100)
        #expect(spring["platform_revenue"] == 300)
        #expect(spring["store_revenue"] == 250)
        #expect(spring["store_roas"] == 2.5)
        #expect(attribution.byCampaign[1].values["store_revenue"] == 40)
        await harness.postgres.shutdown()
    }

    @Test func withoutAStoreThereIsNoAttributionBlock() async throws {
        let harness = try await MetricsHarness.make()
        _ = try await harness.importCSV(
            [
                MetricsHarness.header,
                "2026-11-15,meta,m1,Meta,c1,Spring Sale,s1,Set,a1,Ad 1,100,10000,200,10,300,0,0,10,0,0",
            ].joined(separator: "\n"))
        let response = try await dashboard(harness)
        #expect(!response.hasAttribution)
        #expect(response.kpis.first { $0.metric == "revenue" }?.value == 300)
        await harness.postgres.shutdown()
    }

    @Test func aStoreWithoutAdSpendHasNoBlendedROAS() async throws {
        let harness = try await MetricsHarness.make()
        _ = try await harness.importCSV(
            [
                MetricsHarness.header,
                "2026-11-15,shopify,shop,shop.example,utm:x,x,utm:x|y,y,utm:x|y,y / x,0,0,0,1,80,0,0,1,0,0",
            ].joined(separator: "\n"))
        let attribution = try await dashboard(harness).attribution
        #expect(attribution.storeRevenue == 80)
        #expect(attribution.attributedStoreRevenue == 0)
        #expect(!attribution.hasBlendedRoas)
        #expect(attribution.byCampaign.isEmpty)
        await harness.postgres.shutdown()
    }
}
