import MetricxProtos
import MetricxSemantics

/// The `lineage` intent: what a metric is computed from and what is computed from it, read from
/// LineageSvc's graph, so a workspace's own metrics appear on both sides.
struct LineageAnswer: Sendable {
    let vocabulary: MetricVocabulary

    /// `upstream` and `downstream` are LineageSvc's traversals from the metric's node (nil when
    /// the question did not ask that way).
    func text(metric: String, upstream: Metricx_V1_Graph?, downstream: Metricx_V1_Graph?) -> (text: [String], details: [String: Any]) {
        let name = Lexicon.displayName(metric)
        let node = "metric:\(metric)"
        var text: [String] = []
        var details: [String: Any] = ["metric": metric, "formula": formula(metric) ?? ""]
        if let upstream {
            let inputs = upstream.edges.filter { $0.to == node }.map(\.from)
            let sources = upstream.nodes.filter { $0.kind == "source" }.map(\.label).sorted()
            if let formula = formula(metric) {
                text.append(
                    "\(ValueFormat.capitalized(name)) is calculated as \(formula), with each input summed over the selected rows first.")
            } else if let sql = vocabulary.custom[metric]?.sourceSQL, !sql.isEmpty {
                text.append("\(ValueFormat.capitalized(name)) is defined by SQL over source tables.")
            } else {
                text.append("\(ValueFormat.capitalized(name)) is a base measure, summed from the synced rows.")
            }
            if !sources.isEmpty {
                let shown = sources.prefix(8).joined(separator: ", ")
                text.append("Its data comes from \(shown)\(sources.count > 8 ? " and \(sources.count - 8) more source fields" : "").")
            }
            details["inputs"] = inputs.map(Self.name)
            details["sources"] = sources
        }
        if let downstream {
            let direct = downstream.edges.filter { $0.from == node }.map { Self.name($0.to) }.sorted()
            let all = downstream.nodes.map(\.id).filter { $0 != node }.map(Self.name)
            let indirect = all.filter { !direct.contains($0) }.sorted()
            if direct.isEmpty {
                text.append("No other metric is computed from \(name).")
            } else {
                let listed = direct.map { dependent in formula(dependent).map { "\(dependent) (\($0))" } ?? dependent }
                text.append("Metrics computed from \(name): \(AnswerComposer.list(listed)).")
                if !indirect.isEmpty { text.append("Through those, it also feeds \(AnswerComposer.list(indirect)).") }
            }
            details["dependents"] = direct
            details["indirect_dependents"] = indirect
        }
        return (text, details)
    }

    /// The formula of a derived metric, the catalog's or the workspace's; nil for a base measure or SQL.
    private func formula(_ metric: String) -> String? {
        if let definition = MetricCatalog.builtin[metric] { return definition.isAdditive ? nil : definition.formulaText }
        if let formula = vocabulary.custom[metric]?.formula, !formula.isEmpty { return formula }
        return nil
    }

    /// "metric:roas" is roas.
    private static func name(_ node: String) -> String {
        node.hasPrefix("metric:") ? String(node.dropFirst("metric:".count)) : node
    }
}
