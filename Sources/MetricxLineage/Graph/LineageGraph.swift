/// The lineage DAG of one workspace: stored source columns feed base measures, measures feed the
/// catalog's ratios, and any metric may feed a workspace's own. Edges point downstream (from an
/// input to what is computed from it) and are extracted from formulas and from source SQL.
public struct LineageGraph: Sendable {
    public enum Kind: String, Sendable {
        /// A stored column: `source:meta.ads_insights.spend`.
        case source
        /// A base measure of the catalog.
        case measure
        /// A ratio of the catalog.
        case derived
        /// A workspace's own metric.
        case custom
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var kind: Kind
        public var label: String
        /// Nil for sources: a column matters through the metrics it feeds.
        public var criticality: Criticality?
    }

    public struct Edge: Sendable, Hashable, Comparable {
        public var from: String
        public var to: String

        public static func < (lhs: Edge, rhs: Edge) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }

    public private(set) var nodes: [String: Node] = [:]
    private(set) var downstream: [String: [String]] = [:]
    private(set) var upstream: [String: [String]] = [:]

    public static func metricID(_ name: String) -> String { "metric:\(name)" }
    public static func sourceID(_ column: SourceColumn) -> String { "source:\(column)" }

    /// The catalog alone, built once: its SQL is parsed a single time per process.
    public static let builtin: LineageGraph = {
        var graph = LineageGraph()
        for spec in BuiltinMetrics.all.values.sorted(by: { $0.name < $1.name }) {
            graph.add(spec, kind: spec.sql != nil ? .measure : .derived)
        }
        return graph
    }()

    /// The catalog plus the workspace's definitions.
    public init(custom: some Sequence<MetricSpec>) {
        self = Self.builtin
        for spec in custom.sorted(by: { $0.name < $1.name }) { add(spec, kind: .custom) }
    }

    private init() {}

    private mutating func add(_ spec: MetricSpec, kind: Kind) {
        let id = Self.metricID(spec.name)
        nodes[id] = Node(id: id, kind: kind, label: spec.name, criticality: spec.criticality)
        switch spec.body {
        case .formula:
            for reference in spec.references { connect(Self.metricID(reference), id) }
        case .sql(let text):
            // Definitions are validated before they are stored; one that no longer traces (a
            // parser change) keeps its node and loses only its source edges.
            guard let lineage = try? SQLLineage.extract(from: text) else { return }
            for column in lineage.columns.sorted() {
                let source = Self.sourceID(column)
                if nodes[source] == nil { nodes[source] = Node(id: source, kind: .source, label: column.description, criticality: nil) }
                connect(source, id)
            }
        }
    }

    private mutating func connect(_ from: String, _ to: String) {
        guard downstream[from]?.contains(to) != true else { return }
        downstream[from, default: []].append(to)
        upstream[to, default: []].append(from)
    }

    public var edges: [Edge] {
        downstream.flatMap { from, targets in targets.map { Edge(from: from, to: $0) } }.sorted()
    }

    /// The node a caller means: an id as is, or a bare metric name (`roas` is `metric:roas`).
    public func resolve(_ reference: String) -> Node? {
        nodes[reference] ?? nodes[Self.metricID(reference)]
    }

    func neighbours(of id: String, _ direction: Direction) -> [String] {
        (direction == .downstream ? downstream[id] : upstream[id]) ?? []
    }
}
