import Foundation
import MetricxProtos
import MetricxRuntime

/// Something that changed and may move metrics: a deployment, a configuration or connector change,
/// a definition edit. It touches lineage nodes; impact analysis follows them downstream.
struct ChangeEvent: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case deployment, config, connector, definition
    }

    static let maximumNodes = 100
    static let maximumAttributes = 50

    var id: UUID
    var kind: Kind
    var title: String
    var description: String
    var occurredAt: Date
    var actor: String
    var nodes: [String]
    var attributes: [String: String]

    /// Validates an event sent by an external system (CI/CD, an operator); errors name the field.
    /// `resolve` turns a reference into the graph nodes it names (none when unknown).
    init(_ proto: Metricx_V1_ChangeEvent, actor: String, now: Date, resolve: (String) -> [String]) throws {
        guard proto.id.isEmpty else { throw ServiceError.invalidArgument("is set by the server", field: "event.id") }
        guard let kind = Kind(rawValue: proto.kind) else {
            throw ServiceError.invalidArgument(
                "must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))", field: "event.kind")
        }
        let title = proto.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            throw ServiceError.invalidArgument("must be 1 to 200 characters", field: "event.title")
        }
        guard proto.description_p.count <= 5_000 else {
            throw ServiceError.invalidArgument("must be at most 5000 characters", field: "event.description")
        }
        let occurredAt = try RFC3339.date(proto.occurredAt, field: "event.occurred_at") ?? now
        guard occurredAt <= now.addingTimeInterval(3600) else {
            throw ServiceError.invalidArgument("is in the future", field: "event.occurred_at")
        }
        guard proto.actor.count <= 200 else { throw ServiceError.invalidArgument("must be at most 200 characters", field: "event.actor") }
        guard !proto.nodes.isEmpty, proto.nodes.count <= Self.maximumNodes else {
            throw ServiceError.invalidArgument("name 1 to \(Self.maximumNodes) lineage nodes the change touches", field: "event.nodes")
        }
        var nodes: [String] = []
        for (index, node) in proto.nodes.enumerated() {
            let ids = resolve(node)
            guard !ids.isEmpty else {
                throw ServiceError.invalidArgument(
                    "\"\(node.prefix(100))\" is not a node of the lineage graph", field: "event.nodes[\(index)]")
            }
            for id in ids where !nodes.contains(id) { nodes.append(id) }
        }
        guard proto.attributes.count <= Self.maximumAttributes,
            proto.attributes.allSatisfy({ !$0.key.isEmpty && $0.key.count <= 100 && $0.value.count <= 1_000 })
        else {
            throw ServiceError.invalidArgument(
                "at most \(Self.maximumAttributes) entries, keys of 1 to 100 and values of at most 1000 characters",
                field: "event.attributes")
        }
        self.init(
            id: UUID(), kind: kind, title: title, description: proto.description_p, occurredAt: occurredAt,
            actor: proto.actor.isEmpty ? actor : proto.actor, nodes: nodes, attributes: proto.attributes)
    }

    init(
        id: UUID, kind: Kind, title: String, description: String, occurredAt: Date, actor: String, nodes: [String],
        attributes: [String: String]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.occurredAt = occurredAt
        self.actor = actor
        self.nodes = nodes
        self.attributes = attributes
    }

    var proto: Metricx_V1_ChangeEvent {
        .with {
            $0.id = id.uuidString.lowercased()
            $0.kind = kind.rawValue
            $0.title = title
            $0.description_p = description
            $0.occurredAt = RFC3339.string(occurredAt)
            $0.actor = actor
            $0.nodes = nodes
            $0.attributes = attributes
        }
    }
}
