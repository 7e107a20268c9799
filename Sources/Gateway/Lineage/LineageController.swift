import Foundation
import Hummingbird
import MetricxProtos

/// Metric definitions, the lineage graph, change events and impact analysis: LineageSvc RPCs.
struct LineageController {
    let lineage: any Metricx_V1_LineageService.ClientProtocol

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.get("lineage/definitions", use: definitions)
        routes.post("lineage/definitions", use: create)
        routes.get("lineage/definitions/:name", use: definition)
        routes.put("lineage/definitions/:name", use: update)
        routes.delete("lineage/definitions/:name", use: delete)
        routes.get("lineage/definitions/:name/versions", use: versions)
        routes.get("lineage/graph", use: graph)
        routes.get("lineage/traverse", use: traverse)
        routes.get("lineage/path", use: path)
        routes.get("lineage/impact", use: impact)
        routes.get("lineage/changes", use: changes)
        routes.post("lineage/changes", use: record)
        routes.get("lineage/changes/suspects", use: suspects)
    }

    /// `GET /lineage/definitions?include_builtin&limit&cursor`, by name.
    @Sendable func definitions(_ request: Request, context: GatewayContext) async throws -> DefinitionListBody {
        _ = try context.requireAccess()
        let page = try PageQuery(request, defaultLimit: 100)
        let includeBuiltin = try Self.flag(request, "include_builtin")
        let response = try await lineage.listMetricDefinitions(
            .with {
                $0.includeBuiltin = includeBuiltin
                $0.page = page.proto
            })
        return DefinitionListBody(
            definitions: response.definitions.map(DefinitionBody.init), catalogVersion: response.catalogVersion,
            nextCursor: response.page.nextCursor)
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess(.editor)
        let body = try await StrictJSON.decode(DefinitionWriteBody.self, from: request)
        if let version = body.expectedVersion, version != 0 {
            throw APIError.invalid(
                "a new metric has no version yet; PUT /lineage/definitions/{name} changes one", field: "expected_version")
        }
        let definition = try await lineage.putMetricDefinition(.with { $0.yaml = body.yaml })
        return try jsonResponse(.created, DefinitionBody(definition))
    }

    @Sendable func update(_ request: Request, context: GatewayContext) async throws -> DefinitionBody {
        _ = try context.requireAccess(.editor)
        let name = try context.parameters.require("name")
        let body = try await StrictJSON.decode(DefinitionWriteBody.self, from: request)
        guard let version = body.expectedVersion, version > 0, version <= Int(Int32.max) else {
            throw APIError.invalid("send the version you are replacing (from GET /lineage/definitions/{name})", field: "expected_version")
        }
        // The document names the metric; LineageSvc refuses one that is not the path's, before writing.
        let definition = try await lineage.putMetricDefinition(
            .with {
                $0.yaml = body.yaml
                $0.name = name
                $0.expectedVersion = Int32(version)
            })
        return DefinitionBody(definition)
    }

    /// `GET /lineage/definitions/{name}?version`: the latest version unless told.
    @Sendable func definition(_ request: Request, context: GatewayContext) async throws -> DefinitionBody {
        _ = try context.requireAccess()
        let name = try context.parameters.require("name")
        var version: Int32 = 0
        if let raw = request.uri.queryParameters.get("version") {
            guard let parsed = Int32(raw), parsed > 0 else { throw APIError.invalid("must be a positive integer", field: "version") }
            version = parsed
        }
        return DefinitionBody(
            try await lineage.getMetricDefinition(
                .with {
                    $0.name = name
                    $0.version = version
                }))
    }

    /// `GET /lineage/definitions/{name}/versions?limit&cursor`, newest first.
    @Sendable func versions(_ request: Request, context: GatewayContext) async throws -> DefinitionListBody {
        _ = try context.requireAccess()
        let name = try context.parameters.require("name")
        let page = try PageQuery(request, defaultLimit: 100)
        let response = try await lineage.listMetricDefinitionVersions(
            .with {
                $0.name = name
                $0.page = page.proto
            })
        return DefinitionListBody(
            definitions: response.definitions.map(DefinitionBody.init), catalogVersion: response.catalogVersion,
            nextCursor: response.page.nextCursor)
    }

    @Sendable func delete(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        _ = try context.requireAccess(.editor)
        let name = try context.parameters.require("name")
        _ = try await lineage.deleteMetricDefinition(.with { $0.name = name })
        return .noContent
    }

    @Sendable func graph(_ request: Request, context: GatewayContext) async throws -> GraphBody {
        _ = try context.requireAccess()
        return GraphBody(try await lineage.getGraph(.init()))
    }

    /// `GET /lineage/traverse?node&direction&depth`: what a node is made of, or what depends on it.
    @Sendable func traverse(_ request: Request, context: GatewayContext) async throws -> GraphBody {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        var depth: Int32 = 0
        if let raw = query.get("depth") {
            guard let parsed = Int32(raw), parsed >= 0 else { throw APIError.invalid("must be 0 (unbounded) or more", field: "depth") }
            depth = parsed
        }
        return GraphBody(
            try await lineage.traverse(
                .with {
                    $0.node = query.get("node") ?? ""
                    $0.direction = query.get("direction") ?? "downstream"
                    $0.depth = depth
                }))
    }

    @Sendable func path(_ request: Request, context: GatewayContext) async throws -> PathBody {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        let response = try await lineage.shortestPath(
            .with {
                $0.from = query.get("from") ?? ""
                $0.to = query.get("to") ?? ""
            })
        return PathBody(nodes: response.nodes)
    }

    /// `GET /lineage/impact?node` or `?change_event_id`: the blast radius, highest score first.
    @Sendable func impact(_ request: Request, context: GatewayContext) async throws -> ImpactBody {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        if query.get("node") != nil && query.get("change_event_id") != nil {
            throw APIError.invalid("give node or change_event_id, not both", field: "node")
        }
        let response = try await lineage.getImpact(
            .with {
                switch (query.get("node"), query.get("change_event_id")) {
                case (let node?, nil): $0.node = node
                case (nil, let id?): $0.changeEventID = id
                default: break
                }
            })
        return ImpactBody(impacted: response.impacted.map { .init(node: $0.node, distance: Int($0.distance), score: $0.score) })
    }

    /// `GET /lineage/changes?since&until&node&limit&cursor`, newest first.
    @Sendable func changes(_ request: Request, context: GatewayContext) async throws -> Page<ChangeEventBody> {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        let page = try PageQuery(request, defaultLimit: 50)
        let response = try await lineage.listChangeEvents(
            .with {
                $0.since = query.get("since") ?? ""
                $0.until = query.get("until") ?? ""
                $0.node = query.get("node") ?? ""
                $0.page = page.proto
            })
        return Page(items: response.events.map(ChangeEventBody.init), nextCursor: response.page.nextCursor)
    }

    /// `POST /lineage/changes`: deployments and configuration changes from CI/CD and operators.
    @Sendable func record(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess(.editor)
        let body = try await StrictJSON.decode(ChangeEventBody.self, from: request)
        let event = try await lineage.recordChangeEvent(.with { $0.event = try body.proto() })
        return try jsonResponse(.created, ChangeEventBody(event))
    }

    /// `GET /lineage/changes/suspects?since&until&window_hours`: changes followed by anomalies downstream.
    @Sendable func suspects(_ request: Request, context: GatewayContext) async throws -> SuspectListBody {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        var window: Int32 = 0
        if let raw = query.get("window_hours") {
            guard let parsed = Int32(raw), parsed > 0 else {
                throw APIError.invalid("must be a positive number of hours", field: "window_hours")
            }
            window = parsed
        }
        let response = try await lineage.suspectChanges(
            .with {
                $0.since = query.get("since") ?? ""
                $0.until = query.get("until") ?? ""
                $0.windowHours = window
            })
        return SuspectListBody(
            suspects: response.suspects.map {
                .init(event: ChangeEventBody($0.event), score: $0.score, anomalyIDs: $0.anomalyIds, metrics: $0.metrics)
            })
    }

    private static func flag(_ request: Request, _ name: String) throws -> Bool {
        switch request.uri.queryParameters.get(name) {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.invalid("must be true or false", field: name)
        }
    }
}
