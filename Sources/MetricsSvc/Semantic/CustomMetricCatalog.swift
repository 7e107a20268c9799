import Foundation
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxSemantics

/// A workspace's own metrics, fetched from LineageSvc and cached by its catalog version: a query
/// that names only built-in metrics makes no call; one that names others asks for the version
/// (one small call) and refetches the definitions only when it moved.
struct CustomMetricCatalog: Sendable {
    struct Snapshot: Sendable {
        var version: Int64
        var metrics: [String: MetricDefinition]
        /// Metrics defined by SQL: known, but not computable by the semantic layer.
        var sourceOnly: Set<String>

        static let empty = Snapshot(version: 0, metrics: [:], sourceOnly: [])
    }

    private let definitions: MetricDefinitionsCache<Snapshot>?

    init(lineage: (any Metricx_V1_LineageService.ClientProtocol)?) {
        definitions = lineage.map { MetricDefinitionsCache(lineage: $0) { Self.snapshot($0, version: 0) } }
    }

    /// The workspace's metrics when `names` reaches beyond the built-in catalog; empty otherwise.
    func snapshot(for names: [String], workspaceID: UUID) async throws -> Snapshot {
        guard let definitions, names.contains(where: { MetricCatalog.builtin[$0.lowercased()] == nil }) else { return .empty }
        var (version, snapshot) = try await definitions.current(workspaceID: workspaceID)
        snapshot.version = version
        return snapshot
    }

    static func snapshot(_ definitions: [Metricx_V1_MetricDefinition], version: Int64) -> Snapshot {
        var formulas: [String: FormulaExpression] = [:]
        var sourceOnly: Set<String> = []
        for definition in definitions where !definition.builtin {
            if definition.formula.isEmpty {
                sourceOnly.insert(definition.name)
            } else if let expression = try? FormulaParser.parse(definition.formula) {
                formulas[definition.name] = expression
            }
        }
        var metrics: [String: MetricDefinition] = [:]
        for definition in definitions where formulas[definition.name] != nil {
            // A formula over a SQL-only metric cannot be computed either.
            guard let expanded = try? MetricExpansion.expand(definition.name, custom: formulas),
                expanded.references.allSatisfy({ Measure(rawValue: $0) != nil })
            else {
                sourceOnly.insert(definition.name)
                continue
            }
            let unit = MetricDefinition.Unit(rawValue: definition.unit) ?? .ratio
            metrics[definition.name] = MetricDefinition(
                name: definition.name, formula: .expression(expanded), unit: unit, higherIsBetter: true)
        }
        return Snapshot(version: version, metrics: metrics, sourceOnly: sourceOnly)
    }
}
