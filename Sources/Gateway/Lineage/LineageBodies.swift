import Foundation
import Hummingbird
import MetricxProtos

/// `POST /lineage/definitions` and `PUT /lineage/definitions/{name}`: the YAML document and,
/// for a change, the version it replaces.
struct DefinitionWriteBody: Codable, Sendable {
    var yaml: String
    var expectedVersion: Int?

    enum CodingKeys: String, CodingKey {
        case yaml
        case expectedVersion = "expected_version"
    }
}

struct DefinitionBody: Encodable, Sendable, ResponseEncodable {
    var name: String
    var description: String
    var owner: String
    var unit: String
    var formula: String?
    var sql: String?
    var tags: [String]
    var criticality: String
    var builtin: Bool
    var version: Int
    var deleted: Bool
    var updatedBy: String?
    var updatedAt: String?
    var yaml: String?

    enum CodingKeys: String, CodingKey {
        case name, description, owner, unit, formula, sql, tags, criticality, builtin, version, deleted, yaml
        case updatedBy = "updated_by"
        case updatedAt = "updated_at"
    }

    init(_ definition: Metricx_V1_MetricDefinition) {
        name = definition.name
        description = definition.description_p
        owner = definition.owner
        unit = definition.unit
        formula = definition.formula.isEmpty ? nil : definition.formula
        sql = definition.sourceSql.isEmpty ? nil : definition.sourceSql
        tags = definition.tags
        criticality = definition.criticality
        builtin = definition.builtin
        version = Int(definition.version)
        deleted = definition.deleted
        updatedBy = definition.updatedBy.isEmpty ? nil : definition.updatedBy
        updatedAt = definition.updatedAt.isEmpty ? nil : definition.updatedAt
        yaml = definition.yaml.isEmpty ? nil : definition.yaml
    }
}

struct DefinitionListBody: Encodable, Sendable, ResponseEncodable {
    var definitions: [DefinitionBody]
    var catalogVersion: Int64
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case definitions
        case catalogVersion = "catalog_version"
        case nextCursor = "next_cursor"
    }
}

struct GraphBody: Encodable, Sendable, ResponseEncodable {
    struct Node: Encodable, Sendable {
        var id: String
        var kind: String
        var label: String
        var criticality: String?
    }

    struct Edge: Encodable, Sendable {
        var from: String
        var to: String
    }

    var nodes: [Node]
    var edges: [Edge]

    init(_ graph: Metricx_V1_Graph) {
        nodes = graph.nodes.map {
            Node(id: $0.id, kind: $0.kind, label: $0.label, criticality: $0.criticality.isEmpty ? nil : $0.criticality)
        }
        edges = graph.edges.map { Edge(from: $0.from, to: $0.to) }
    }
}

struct PathBody: Encodable, Sendable, ResponseEncodable {
    var nodes: [String]
}

/// A change event as external systems (CI/CD) send it and clients read it.
struct ChangeEventBody: Codable, Sendable, ResponseEncodable {
    var id: String?
    var kind: String
    var title: String
    var description: String?
    var occurredAt: String?
    var actor: String?
    var nodes: [String]
    var attributes: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, kind, title, description, actor, nodes, attributes
        case occurredAt = "occurred_at"
    }

    init(_ event: Metricx_V1_ChangeEvent) {
        id = event.id
        kind = event.kind
        title = event.title
        description = event.description_p
        occurredAt = event.occurredAt
        actor = event.actor
        nodes = event.nodes
        attributes = event.attributes
    }

    func proto() throws -> Metricx_V1_ChangeEvent {
        if id != nil { throw APIError.badRequest("id is set by the server", field: "id") }
        return .with {
            $0.kind = kind
            $0.title = title
            $0.description_p = description ?? ""
            $0.occurredAt = occurredAt ?? ""
            $0.actor = actor ?? ""
            $0.nodes = nodes
            $0.attributes = attributes ?? [:]
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}

struct ImpactBody: Encodable, Sendable, ResponseEncodable {
    struct Impacted: Encodable, Sendable {
        var node: String
        var distance: Int
        var score: Double
    }

    var impacted: [Impacted]
}

struct SuspectListBody: Encodable, Sendable, ResponseEncodable {
    struct Suspect: Encodable, Sendable {
        var event: ChangeEventBody
        var score: Double
        var anomalyIDs: [String]
        var metrics: [String]

        enum CodingKeys: String, CodingKey {
            case event, score, metrics
            case anomalyIDs = "anomaly_ids"
        }
    }

    var suspects: [Suspect]
}
