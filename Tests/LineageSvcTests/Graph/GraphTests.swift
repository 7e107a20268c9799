import Foundation
import GRPCCore
import MetricxProtos
import MetricxTestSupport
import Testing

/// Guards the graph RPCs: the workspace's graph is the built-in catalog plus its own definitions
/// with their edges; traversal and shortest paths follow those edges; unknown or missing nodes
/// are refused clearly.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct GraphTests {
    static let netROAS = "name: net_roas\nunit: ratio\nformula: (revenue - spend) / spend\ncriticality: critical\n"
    static let spendSource = "source:meta.ads_insights.spend"

    private func traverse(_ tenant: Tenant, _ node: String, _ direction: String, depth: Int32 = 0) async throws -> Metricx_V1_Graph {
        try await tenant {
            try await $0.traverse(
                .with {
                    $0.node = node
                    $0.direction = direction
                    $0.depth = depth
                })
        }
    }

    private func path(_ tenant: Tenant, _ from: String, _ to: String) async throws -> [String] {
        try await tenant {
            try await $0.shortestPath(
                .with {
                    $0.from = from
                    $0.to = to
                }
            ).nodes
        }
    }

    @Test func theGraphHoldsTheCatalogAndTheWorkspacesOwnMetrics() async throws {
        try await LineageHarness.with { h in
            let (a, b) = (h.tenant(), h.tenant())
            try await a.put(Self.netROAS)
            let graph = try await a { try await $0.getGraph(.init()) }
            let nodes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0) })
            #expect(nodes["metric:roas"]?.kind == "derived")
            #expect(nodes["metric:roas"]?.criticality == "critical")
            #expect(nodes["metric:spend"]?.kind == "measure")
            #expect(nodes[Self.spendSource]?.kind == "source")
            #expect(nodes["metric:net_roas"]?.kind == "custom")
            #expect(nodes["metric:net_roas"]?.criticality == "critical")
            let edges = Set(graph.edges.map { "\($0.from)>\($0.to)" })
            #expect(
                edges.isSuperset(of: [
                    "metric:revenue>metric:net_roas", "metric:spend>metric:net_roas", "metric:revenue>metric:roas",
                    "metric:spend>metric:roas", "\(Self.spendSource)>metric:spend",
                ]))
            // Every edge joins two nodes of the graph.
            #expect(graph.edges.allSatisfy { nodes[$0.from] != nil && nodes[$0.to] != nil })

            // B's graph is the catalog alone.
            let other = try await b { try await $0.getGraph(.init()) }
            #expect(!other.nodes.contains { $0.id == "metric:net_roas" })
            #expect(!other.edges.contains { $0.to == "metric:net_roas" })
            #expect(other.nodes.count == graph.nodes.count - 1)
        }
    }

    @Test func traversalFollowsTheEdgesBothWays() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            try await a.put("name: roas_doubled\nunit: ratio\nformula: roas * 2")

            let near = try await traverse(a, "roas", "upstream", depth: 1)
            #expect(Set(near.nodes.map(\.id)) == ["metric:roas", "metric:revenue", "metric:spend"])
            #expect(Set(near.edges.map { "\($0.from)>\($0.to)" }) == ["metric:revenue>metric:roas", "metric:spend>metric:roas"])
            // Unbounded, upstream reaches the source columns too, and nothing downstream.
            let all = try await traverse(a, "metric:roas", "upstream")
            #expect(all.nodes.contains { $0.id == Self.spendSource })
            #expect(all.nodes.allSatisfy { $0.kind == "source" || ["metric:roas", "metric:revenue", "metric:spend"].contains($0.id) })

            let down = try await traverse(a, "roas", "downstream")
            #expect(down.nodes.map(\.id) == ["metric:roas", "metric:roas_doubled"])
            #expect(down.edges.map { "\($0.from)>\($0.to)" } == ["metric:roas>metric:roas_doubled"])
            let fromSpend = try await traverse(a, "spend", "downstream", depth: 1)
            #expect(Set(fromSpend.nodes.map(\.id)).isSuperset(of: ["metric:roas", "metric:cpc", "metric:cpm"]))
            #expect(!fromSpend.nodes.contains { $0.id == "metric:roas_doubled" })
        }
    }

    @Test func shortestPathBetweenMetrics() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            try await a.put(Self.netROAS)
            #expect(try await path(a, Self.spendSource, "net_roas") == [Self.spendSource, "metric:spend", "metric:net_roas"])
            // Against the edges' direction the path is listed from `from` all the same.
            #expect(try await path(a, "net_roas", "spend") == ["metric:net_roas", "metric:spend"])
            #expect(try await path(a, "roas", "roas") == ["metric:roas"])
            // Neither feeds the other: no path.
            #expect(try await path(a, "ctr", "roas").isEmpty)
        }
    }

    @Test func unknownAndMissingNodesAreRefused() async throws {
        try await LineageHarness.with { h in
            let (a, b) = (h.tenant(), h.tenant())
            try await a.put(Self.netROAS)
            await expectRPCError(.notFound) { try await traverse(a, "nope", "upstream") }
            await expectRPCError(.notFound) { try await traverse(b, "net_roas", "upstream") }
            await expectRPCError(.invalidArgument, field: "node") { try await traverse(a, "", "upstream") }
            await expectRPCError(.invalidArgument, field: "direction") { try await traverse(a, "roas", "sideways") }
            await expectRPCError(.invalidArgument, field: "direction") { try await traverse(a, "roas", "") }
            await expectRPCError(.invalidArgument, field: "depth") { try await traverse(a, "roas", "upstream", depth: -1) }
            await expectRPCError(.invalidArgument, field: "depth") { try await traverse(a, "roas", "upstream", depth: 101) }
            await expectRPCError(.invalidArgument, field: "from") { try await path(a, "", "roas") }
            await expectRPCError(.invalidArgument, field: "to") { try await path(a, "roas", "") }
            await expectRPCError(.notFound) { try await path(a, "roas", "nope") }
            await expectRPCError(.notFound) { try await path(b, "spend", "net_roas") }
        }
    }
}
