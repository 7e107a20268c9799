import Testing

@testable import MetricxLineage

@Suite struct LineageGraphTests {
    private let graph = LineageGraph(custom: [
        MetricSpec(name: "net_roas", unit: .ratio, body: .formula("(revenue - spend) / spend"), criticality: .critical),
        MetricSpec(name: "roas_index", unit: .ratio, body: .formula("net_roas / 2"), criticality: .low),
        MetricSpec(name: "refunds", unit: .currency, body: .sql("SELECT r.amount FROM shopify.refunds r"), criticality: .high),
    ])

    @Test func nodesRunFromSourceColumnsToCustomMetrics() {
        #expect(graph.resolve("roas")?.kind == .derived)
        #expect(graph.resolve("spend")?.kind == .measure)
        #expect(graph.resolve("net_roas")?.kind == .custom)
        #expect(graph.resolve("source:meta.ads_insights.spend")?.kind == .source)
        #expect(graph.resolve("source:shopify.refunds.amount")?.kind == .source)
        #expect(graph.edges.contains(.init(from: "source:meta.ads_insights.spend", to: "metric:spend")))
        #expect(graph.edges.contains(.init(from: "metric:spend", to: "metric:roas")))
        #expect(graph.edges.contains(.init(from: "metric:net_roas", to: "metric:roas_index")))
        #expect(graph.resolve("nope") == nil)
    }

    @Test func upstreamToADepth() {
        let one = graph.traverse(from: "metric:roas_index", direction: .upstream, depth: 1)
        #expect(one.nodes.map(\.node.id) == ["metric:roas_index", "metric:net_roas"])
        let two = graph.traverse(from: "metric:roas_index", direction: .upstream, depth: 2)
        #expect(Set(two.nodes.map(\.node.id)) == ["metric:roas_index", "metric:net_roas", "metric:revenue", "metric:spend"])
        #expect(two.nodes.first { $0.node.id == "metric:spend" }?.distance == 2)
        let all = graph.traverse(from: "metric:roas_index", direction: .upstream, depth: nil)
        #expect(all.nodes.contains { $0.node.id == "source:google.ad_group_ad.metrics_cost_micros" && $0.distance == 3 })
        #expect(all.edges.allSatisfy { edge in all.nodes.contains { $0.node.id == edge.to } })
    }

    @Test func downstreamToADepth() {
        let result = graph.traverse(from: "metric:spend", direction: .downstream, depth: 1)
        let ids = Set(result.nodes.map(\.node.id))
        #expect(ids.isSuperset(of: ["metric:cpc", "metric:roas", "metric:poas", "metric:net_roas"]))
        #expect(!ids.contains("metric:roas_index"))
        let deeper = graph.traverse(from: "metric:spend", direction: .downstream, depth: 0 + 2)
        #expect(deeper.nodes.contains { $0.node.id == "metric:roas_index" && $0.distance == 2 })
        #expect(graph.traverse(from: "metric:nope", direction: .downstream, depth: nil).nodes.isEmpty)
    }

    @Test func shortestPathEitherWay() {
        #expect(
            graph.shortestPath(from: "source:meta.ads_insights.spend", to: "metric:roas_index") == [
                "source:meta.ads_insights.spend", "metric:spend", "metric:net_roas", "metric:roas_index",
            ])
        #expect(
            graph.shortestPath(from: "metric:roas_index", to: "metric:spend") == ["metric:roas_index", "metric:net_roas", "metric:spend"])
        #expect(graph.shortestPath(from: "metric:clicks", to: "metric:roas").isEmpty)
        #expect(graph.shortestPath(from: "metric:cpc", to: "metric:cpc") == ["metric:cpc"])
    }

    @Test func blastRadiusWeighsCriticalityAndDistance() {
        let impact = graph.impact(of: ["metric:revenue"])
        let byID = Dictionary(uniqueKeysWithValues: impact.map { ($0.node.id, $0) })
        // critical at distance 1: 1.0; low at distance 2: 0.25 / 2.
        #expect(byID["metric:net_roas"]?.score == 1)
        #expect(byID["metric:roas"]?.score == 1)
        #expect(byID["metric:roas_index"]?.distance == 2)
        #expect(byID["metric:roas_index"]?.score == 0.125)
        #expect(byID["metric:aov"]?.score == 0.5)
        #expect(byID["metric:revenue"] == nil)
        #expect(impact.map(\.score) == impact.map(\.score).sorted(by: >))
        // A source column reaches every metric computed from it.
        let source = graph.impact(of: ["source:shopify.refunds.amount"])
        #expect(source.map(\.node.id) == ["metric:refunds"])
        #expect(source.first?.score == 0.75)
    }
}
