import Foundation
import MetricxLineage
import MetricxPostgres
import MetricxProtos
import MetricxRuntime

/// One stored version of a workspace's metric definition.
struct StoredDefinition: Sendable {
    var name: String
    var version: Int
    var yaml: String
    /// A deletion: the version that ended the metric.
    var deleted: Bool
    var updatedBy: String
    var updatedAt: Date
    /// The parsed document; nil for a deletion.
    var spec: MetricSpec?

    /// Nil when a live version no longer parses, which validation on write rules out.
    init?(row: PostgresRow) throws {
        (name, version, yaml, deleted, updatedBy, updatedAt) = try row.decode(
            String.self, Int.self, String.self, Bool.self, String.self, Date.self)
        if !deleted {
            guard let spec = try? MetricSpec.parse(yaml: yaml) else { return nil }
            self.spec = spec
        }
    }

    var proto: Metricx_V1_MetricDefinition {
        var definition = spec.map { Self.proto($0, builtin: false) } ?? .with { $0.name = name }
        definition.version = Int32(clamping: version)
        definition.updatedBy = updatedBy
        definition.updatedAt = RFC3339.string(updatedAt)
        definition.yaml = yaml
        definition.deleted = deleted
        return definition
    }

    static func proto(_ spec: MetricSpec, builtin: Bool) -> Metricx_V1_MetricDefinition {
        .with {
            $0.name = spec.name
            $0.description_p = spec.description
            $0.owner = spec.owner
            $0.unit = spec.unit.rawValue
            $0.formula = spec.formula ?? ""
            $0.sourceSql = spec.sql ?? ""
            $0.tags = spec.tags
            $0.criticality = spec.criticality.rawValue
            $0.builtin = builtin
        }
    }
}
