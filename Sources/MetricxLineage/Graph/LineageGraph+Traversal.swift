/// Which way to walk the lineage graph.
public enum Direction: String, Sendable, CaseIterable {
    /// Towards what a node is computed from.
    case upstream
    /// Towards what is computed from it.
    case downstream
}

/// A node reached by a traversal, with its distance in edges from where it started.
public struct ReachedNode: Sendable, Equatable {
    public var node: LineageGraph.Node
    public var distance: Int
}

/// A node in a blast radius: how far downstream it is and how much its breaking matters.
public struct ImpactedNode: Sendable, Equatable {
    public var node: LineageGraph.Node
    public var distance: Int
    /// Criticality weight halved per extra edge: a critical metric one edge away scores 1, a low one
    /// three edges away 0.0625.
    public var score: Double
}

extension LineageGraph {
    /// Nodes reachable from `start` within `depth` edges (nil: unbounded), breadth first, with the
    /// edges walked. The start node is included at distance 0.
    public func traverse(from start: String, direction: Direction, depth: Int?) -> (nodes: [ReachedNode], edges: [Edge]) {
        guard let first = nodes[start] else { return ([], []) }
        var distances = [start: 0]
        var reached = [ReachedNode(node: first, distance: 0)]
        var walked: [Edge] = []
        var frontier = [start]
        var level = 0
        while !frontier.isEmpty, depth.map({ level < $0 }) ?? true {
            level += 1
            var next: [String] = []
            for id in frontier {
                for neighbour in neighbours(of: id, direction) {
                    walked.append(direction == .downstream ? Edge(from: id, to: neighbour) : Edge(from: neighbour, to: id))
                    guard distances[neighbour] == nil, let node = nodes[neighbour] else { continue }
                    distances[neighbour] = level
                    reached.append(ReachedNode(node: node, distance: level))
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return (reached, Array(Set(walked)).sorted())
    }

    /// The fewest-edges path between two nodes along the edges' direction, either way round
    /// (`from` upstream of `to`, or downstream of it), listed from `from` to `to`; empty if none.
    public func shortestPath(from: String, to: String) -> [String] {
        guard nodes[from] != nil, nodes[to] != nil else { return [] }
        if from == to { return [from] }
        for direction in [Direction.downstream, .upstream] {
            var previous: [String: String] = [from: from]
            var frontier = [from]
            while !frontier.isEmpty {
                var next: [String] = []
                for id in frontier {
                    for neighbour in neighbours(of: id, direction) where previous[neighbour] == nil {
                        previous[neighbour] = id
                        if neighbour == to {
                            var path = [to]
                            while path.last != from { path.append(previous[path.last!]!) }
                            return path.reversed()
                        }
                        next.append(neighbour)
                    }
                }
                frontier = next
            }
        }
        return []
    }

    /// Every metric downstream of any of `starts`, at its shortest distance from them, scored by
    /// criticality and distance, highest score first.
    public func impact(of starts: [String]) -> [ImpactedNode] {
        var best: [String: Int] = [:]
        for start in starts where nodes[start] != nil {
            for reached in traverse(from: start, direction: .downstream, depth: nil).nodes where reached.distance > 0 {
                best[reached.node.id] = min(best[reached.node.id] ?? .max, reached.distance)
            }
        }
        return best.compactMap { id, distance -> ImpactedNode? in
            guard let node = nodes[id], let criticality = node.criticality else { return nil }
            let score = criticality.weight / Double(1 << min(distance - 1, 30))
            return ImpactedNode(node: node, distance: distance, score: score)
        }.sorted { ($0.score, -$0.distance, $1.node.id) > ($1.score, -$1.distance, $0.node.id) }
    }
}
