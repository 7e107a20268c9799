import MetricxProtos
import MetricxSemantics
import Testing

@testable import MetricsSvc

/// A workspace's formulas become metrics the semantic layer computes from sums.
@Suite struct CustomMetricCatalogTests {
    private func definition(_ name: String, formula: String = "", sql: String = "", unit: String = "ratio") -> Metricx_V1_MetricDefinition {
        .with {
            $0.name = name
            $0.formula = formula
            $0.sourceSql = sql
            $0.unit = unit
        }
    }

    @Test func formulasExpandThroughOtherMetricsToSums() throws {
        let snapshot = CustomMetricCatalog.snapshot(
            [
                definition("net_roas", formula: "(revenue - spend) / spend"),
                definition("net_roas_pct", formula: "net_roas * 100"),
                definition("cpc_gap", formula: "cpc - spend / visitors", unit: "currency"),
                definition("refunds", sql: "SELECT r.amount FROM shopify.refunds r"),
                definition("refund_rate", formula: "refunds / revenue"),
            ], version: 7)
        #expect(snapshot.version == 7)
        var sums = MeasureSums()
        sums[.revenue] = 500
        sums[.spend] = 200
        sums[.clicks] = 100
        sums[.visitors] = 50
        #expect(snapshot.metrics["net_roas"]?.evaluate(sums) == 1.5)
        #expect(snapshot.metrics["net_roas_pct"]?.evaluate(sums) == 150)
        #expect(snapshot.metrics["cpc_gap"]?.evaluate(sums) == -2.0)
        #expect(snapshot.metrics["cpc_gap"]?.unit == .currency)
        // SQL-defined metrics, and formulas over them, exist but cannot be computed.
        #expect(snapshot.sourceOnly == ["refunds", "refund_rate"])
        sums[.spend] = 0
        #expect(snapshot.metrics["net_roas"]?.evaluate(sums) == nil)
    }

    @Test func resolveNamesCustomAndSourceOnlyMetrics() throws {
        let snapshot = CustomMetricCatalog.snapshot(
            [definition("net_roas", formula: "(revenue - spend) / spend"), definition("refunds", sql: "SELECT 1")], version: 1)
        let resolved = try MetricCatalog.resolve(["roas", "net_roas"], custom: snapshot.metrics, sourceOnly: snapshot.sourceOnly)
        #expect(resolved.map(\.name) == ["roas", "net_roas"])
        #expect(throws: (any Error).self) {
            try MetricCatalog.resolve(["refunds"], custom: snapshot.metrics, sourceOnly: snapshot.sourceOnly)
        }
        #expect(throws: (any Error).self) { try MetricCatalog.resolve(["net_roas"]) }
    }
}
