import Foundation
import GRPCCore
import MetricxLineage
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// LineageSvc's RPCs: metric definitions, the lineage graph, change events, impact analysis and
/// root-cause analysis. Every call acts in the workspace of its request context.
struct LineageService: Metricx_V1_LineageService.SimpleServiceProtocol {
    static let maximumDepth = 100
    static let listPageSize = 100
    static let maximumListPageSize = 500

    let definitions: DefinitionStore
    let events: ChangeEventStore
    let analysis: ImpactAnalysis
    let explainer: Explainer
    let localization: Localization

    private var actor: String { RequestContext.current?.principal ?? "unknown" }

    // MARK: Definitions

    func putMetricDefinition(request: Metricx_V1_PutMetricDefinitionRequest, context: ServerContext) async throws
        -> Metricx_V1_MetricDefinition
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        guard !request.yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalidArgument("send the definition as a YAML document", field: "yaml")
        }
        guard request.expectedVersion >= 0 else {
            throw ServiceError.invalidArgument("must be 0 (create) or the current version", field: "expected_version")
        }
        return try await definitions.put(
            yaml: request.yaml, name: request.name.isEmpty ? nil : request.name, expectedVersion: Int(request.expectedVersion),
            actor: actor, workspaceID: workspaceID
        ).proto
    }

    func getMetricDefinition(request: Metricx_V1_GetMetricDefinitionRequest, context: ServerContext) async throws
        -> Metricx_V1_MetricDefinition
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        guard request.version >= 0 else { throw ServiceError.invalidArgument("must be 0 (latest) or a version", field: "version") }
        if let builtin = BuiltinMetrics.all[request.name] {
            guard request.version <= 1 else { throw ServiceError.notFound("built-in metric \(request.name) has one version") }
            return StoredDefinition.proto(builtin, builtin: true)
        }
        guard
            let stored = try await definitions.get(
                name: request.name, version: request.version == 0 ? nil : Int(request.version), workspaceID: workspaceID)
        else {
            throw ServiceError.notFound(
                request.version == 0 ? "no metric \(request.name)" : "metric \(request.name) has no version \(request.version)")
        }
        return stored.proto
    }

    func listMetricDefinitions(request: Metricx_V1_ListMetricDefinitionsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListMetricDefinitionsResponse
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        let size = try request.page.size(default: Self.listPageSize, maximum: Self.maximumListPageSize)
        let (stored, version) = try await definitions.current(workspaceID: workspaceID)
        var all = stored.map(\.proto)
        if request.includeBuiltin { all += BuiltinMetrics.all.values.map { StoredDefinition.proto($0, builtin: true) } }
        all.sort { $0.name < $1.name }
        // The token is the last name of the previous page: stable while definitions change.
        let after = request.page.pageToken
        let page = all.filter { after.isEmpty || $0.name > after }
        return .with {
            $0.definitions = Array(page.prefix(size))
            $0.catalogVersion = version
            if page.count > size { $0.page.nextPageToken = page[size - 1].name }
        }
    }

    func listMetricDefinitionVersions(request: Metricx_V1_ListMetricDefinitionVersionsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListMetricDefinitionsResponse
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        let size = try request.page.size(default: Self.listPageSize, maximum: Self.maximumListPageSize)
        // The token is the last version of the previous page: versions only grow, so it stays stable.
        var before: Int?
        if !request.page.pageToken.isEmpty {
            guard let version = Int32(request.page.pageToken), version > 1 else {
                throw ServiceError.invalidArgument("must be a token from a previous page", field: "page.page_token")
            }
            before = Int(version)
        }
        if let builtin = BuiltinMetrics.all[request.name] {
            return .with { $0.definitions = before == nil ? [StoredDefinition.proto(builtin, builtin: true)] : [] }
        }
        let versions = try await definitions.versions(name: request.name, before: before, limit: size + 1, workspaceID: workspaceID)
        guard !versions.isEmpty || before != nil else { throw ServiceError.notFound("no metric \(request.name)") }
        return .with {
            $0.definitions = versions.prefix(size).map(\.proto)
            if versions.count > size { $0.page.nextPageToken = String(versions[size - 1].version) }
        }
    }

    func deleteMetricDefinition(request: Metricx_V1_DeleteMetricDefinitionRequest, context: ServerContext) async throws
        -> Metricx_V1_DeleteMetricDefinitionResponse
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        if BuiltinMetrics.all[request.name] != nil {
            throw ServiceError(.failedPrecondition, "\(request.name) is a built-in metric and cannot be deleted")
        }
        try await definitions.delete(name: request.name, actor: actor, workspaceID: workspaceID)
        return .init()
    }

    // MARK: Graph

    func getGraph(request: Metricx_V1_GetGraphRequest, context: ServerContext) async throws -> Metricx_V1_Graph {
        let graph = try await analysis.graph(workspaceID: try RequestContext.requireWorkspaceID())
        return .with {
            $0.nodes = graph.nodes.values.sorted { $0.id < $1.id }.map(Self.proto)
            $0.edges = graph.edges.map { edge in
                .with {
                    $0.from = edge.from
                    $0.to = edge.to
                }
            }
        }
    }

    func traverse(request: Metricx_V1_TraverseRequest, context: ServerContext) async throws -> Metricx_V1_Graph {
        let graph = try await analysis.graph(workspaceID: try RequestContext.requireWorkspaceID())
        let node = try Self.node(request.node, in: graph, field: "node")
        guard let direction = Direction(rawValue: request.direction) else {
            throw ServiceError.invalidArgument("must be upstream or downstream", field: "direction")
        }
        guard (0...Int32(Self.maximumDepth)).contains(request.depth) else {
            throw ServiceError.invalidArgument("must be from 0 (unbounded) to \(Self.maximumDepth)", field: "depth")
        }
        let result = graph.traverse(from: node.id, direction: direction, depth: request.depth == 0 ? nil : Int(request.depth))
        return .with {
            $0.nodes = result.nodes.map { Self.proto($0.node) }
            $0.edges = result.edges.map { edge in
                .with {
                    $0.from = edge.from
                    $0.to = edge.to
                }
            }
        }
    }

    func shortestPath(request: Metricx_V1_PathRequest, context: ServerContext) async throws -> Metricx_V1_PathResponse {
        let graph = try await analysis.graph(workspaceID: try RequestContext.requireWorkspaceID())
        let from = try Self.node(request.from, in: graph, field: "from")
        let to = try Self.node(request.to, in: graph, field: "to")
        return .with { $0.nodes = graph.shortestPath(from: from.id, to: to.id) }
    }

    // MARK: Change events and impact

    func recordChangeEvent(request: Metricx_V1_RecordChangeEventRequest, context: ServerContext) async throws -> Metricx_V1_ChangeEvent {
        let workspaceID = try RequestContext.requireWorkspaceID()
        let graph = try await analysis.graph(workspaceID: workspaceID)
        let event = try ChangeEvent(request.event, actor: actor, now: Date()) { Self.nodes($0, in: graph) }
        try await events.record(event, workspaceID: workspaceID)
        return event.proto
    }

    func listChangeEvents(request: Metricx_V1_ListChangeEventsRequest, context: ServerContext) async throws
        -> Metricx_V1_ListChangeEventsResponse
    {
        let workspaceID = try RequestContext.requireWorkspaceID()
        let since = try RFC3339.date(request.since, field: "since")
        let until = try RFC3339.date(request.until, field: "until")
        var node: String?
        if !request.node.isEmpty {
            node = try Self.node(request.node, in: try await analysis.graph(workspaceID: workspaceID), field: "node").id
        }
        let (found, token) = try await events.list(workspaceID: workspaceID, since: since, until: until, node: node, page: request.page)
        return .with {
            $0.events = found.map(\.proto)
            $0.page.nextPageToken = token
        }
    }

    func getImpact(request: Metricx_V1_ImpactRequest, context: ServerContext) async throws -> Metricx_V1_ImpactResponse {
        let workspaceID = try RequestContext.requireWorkspaceID()
        let graph = try await analysis.graph(workspaceID: workspaceID)
        let starts: [String]
        switch request.target {
        case .node(let reference):
            starts = [try Self.node(reference, in: graph, field: "node").id]
        case .changeEventID(let raw):
            guard let id = UUID(uuidString: raw) else {
                throw ServiceError.invalidArgument("must be a change event id", field: "change_event_id")
            }
            guard let event = try await events.get(id: id, workspaceID: workspaceID) else {
                throw ServiceError.notFound("no change event \(raw)")
            }
            starts = event.nodes
        case nil:
            throw ServiceError.invalidArgument("name a node or a change event", field: "node")
        }
        return .with {
            $0.impacted = graph.impact(of: starts).map { impacted in
                .with {
                    $0.node = impacted.node.id
                    $0.distance = Int32(impacted.distance)
                    $0.score = impacted.score
                }
            }
        }
    }

    func suspectChanges(request: Metricx_V1_SuspectChangesRequest, context: ServerContext) async throws -> Metricx_V1_SuspectChangesResponse
    {
        try await analysis.suspects(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    // MARK: Root causes

    func explain(request: Metricx_V1_ExplainRequest, context: ServerContext) async throws -> Metricx_V1_ExplainResponse {
        try await explainer.explain(request, workspaceID: try RequestContext.requireWorkspaceID())
    }

    func localize(request: Metricx_V1_LocalizeRequest, context: ServerContext) async throws -> Metricx_V1_LocalizeResponse {
        _ = try RequestContext.requireWorkspaceID()
        return try await localization.run(request)
    }

    // MARK: Helpers

    static func node(_ reference: String, in graph: LineageGraph, field: String) throws -> LineageGraph.Node {
        guard !reference.isEmpty else { throw ServiceError.invalidArgument("name a node, e.g. metric:roas", field: field) }
        guard let node = graph.resolve(reference) else {
            throw ServiceError.notFound("no node \"\(reference.prefix(200))\" in the lineage graph")
        }
        return node
    }

    /// A node id or metric name; or `provider:<name>`, a connector: the source columns of its
    /// tables, or every base measure when the graph has none of them (a demo or CSV connector).
    static func nodes(_ reference: String, in graph: LineageGraph) -> [String] {
        if reference.hasPrefix("provider:") {
            let provider = reference.dropFirst("provider:".count).lowercased()
            guard !provider.isEmpty, provider.count <= 50 else { return [] }
            let sources = graph.nodes.values.filter { $0.kind == .source && $0.label.hasPrefix(provider + ".") }.map(\.id).sorted()
            return sources.isEmpty ? graph.nodes.values.filter { $0.kind == .measure }.map(\.id).sorted() : sources
        }
        return graph.resolve(reference).map { [$0.id] } ?? []
    }

    static func proto(_ node: LineageGraph.Node) -> Metricx_V1_GraphNode {
        .with {
            $0.id = node.id
            $0.kind = node.kind.rawValue
            $0.label = node.label
            $0.criticality = node.criticality?.rawValue ?? ""
        }
    }
}
