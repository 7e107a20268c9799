import MetricxRuntime
import MetricxSemantics
import Testing

@testable import MetricsSvc

@Suite struct CatalogTests {
    @Test func ratiosAreRatiosOfSumsAndNullOnZeroDenominators() {
        var a = MeasureSums()
        a[.spend] = 10
        a[.clicks] = 1
        var b = MeasureSums()
        b[.spend] = 10
        b[.clicks] = 9
        let cpc = MetricCatalog.builtin["cpc"]!
        #expect(cpc.evaluate(a + b) == 2) // 20 / 10, not the mean of 10 and 1.11
        #expect(MetricCatalog.builtin["cpa"]!.evaluate(a + b) == nil)
        var shown = MeasureSums()
        shown[.impressions] = 2000
        shown[.spend] = 5
        shown[.clicks] = 50
        #expect(MetricCatalog.builtin["cpm"]!.evaluate(shown) == 2.5)
        #expect(MetricCatalog.builtin["ctr"]!.evaluate(shown) == 0.025)
    }

    @Test func unknownOrRepeatedMetricsNameTheirPosition() throws {
        let unknown = #expect(throws: ServiceError.self) { try MetricCatalog.resolve(["cpc", "magic"]) }
        #expect(unknown?.field == "metrics[1]")
        let repeated = #expect(throws: ServiceError.self) { try MetricCatalog.resolve(["roas", "ROAS"]) }
        #expect(repeated?.field == "metrics[1]")
        #expect(throws: ServiceError.self) { try MetricCatalog.resolve([]) }
        #expect(try MetricCatalog.resolve(["CPC"]).map(\.name) == ["cpc"])
    }
}
