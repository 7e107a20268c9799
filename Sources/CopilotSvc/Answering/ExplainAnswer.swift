import Foundation
import MetricxSemantics

/// The text and details payload of an `explain` answer.
struct ExplainAnswer: Sendable {
    let format: ValueFormat

    func text(_ explanation: DriverAnalysis.Explanation, period: String, comparisonPeriod: String, assumedDirection: Int) -> [String] {
        let metric = explanation.metric
        let name = Lexicon.displayName(metric)
        guard let current = explanation.current, let previous = explanation.previous else {
            return ["There is not enough data to explain \(name): it has no value for \(explanation.current == nil ? period : comparisonPeriod)."]
        }
        let change = current - previous
        var text: [String] = []
        let ratio = previous != 0 ? " (\(ValueFormat.percentChange(change / abs(previous))))" : ""
        if abs(change) <= 1e-9 * max(1, abs(previous)) {
            return ["\(name) did not change: \(format(current, metric: metric)) for \(period) and for \(comparisonPeriod)."]
        }
        let verb = change > 0 ? "rose" : "fell"
        let actually = assumedDirection != 0 && (assumedDirection > 0) != (change > 0) ? "actually " : ""
        text.append("\(name) \(actually)\(verb) from \(format(previous, metric: metric)) to \(format(current, metric: metric))\(ratio) for \(period) compared with \(comparisonPeriod).")

        if explanation.inputs.count > 1 {
            let parts = explanation.inputs.map { input -> String in
                let delta = input.previous != 0 ? ValueFormat.percentChange((input.current - input.previous) / abs(input.previous)) : "from 0"
                return "\(input.metric) \(delta) (\(format(input.previous, metric: input.metric)) → \(format(input.current, metric: input.metric)))"
            }
            text.append("Inputs: " + AnswerComposer.list(parts) + ".")
        }
        let aligned = explanation.drivers.filter { ($0.contribution > 0) == (change > 0) && $0.contribution != 0 }
        guard let top = aligned.first else {
            text.append("No single campaign or provider stands out: the change is spread across them.")
            return text
        }
        text.append("The biggest driver was \(describe(top, metric: metric, overall: change)).")
        let next = aligned.dropFirst().prefix(2)
        if !next.isEmpty {
            text.append("Next: " + AnswerComposer.list(next.map { describe($0, metric: metric, overall: change) }) + ".")
        }
        let offsetting = explanation.drivers.first { ($0.contribution > 0) != (change > 0) && abs($0.contribution) >= abs(change) * 0.1 }
        if let offsetting {
            text.append("Working the other way: \(describe(offsetting, metric: metric, overall: change)).")
        }
        return text
    }

    private func describe(_ driver: DriverAnalysis.Driver, metric: String, overall: Double) -> String {
        let label = driver.dimension == "provider" ? Lexicon.providerName(driver.label) : driver.label
        let amount = format(abs(driver.contribution), metric: metric)
        let direction = driver.contribution > 0 ? "up" : "down"
        var text = "\(driver.dimension) \(label), which moved \(Lexicon.displayName(metric)) \(direction) by \(amount)"
        if overall != 0 { text += " (\(Int((abs(driver.contribution) / abs(overall) * 100).rounded()))% of the change)" }
        if let current = driver.current, let previous = driver.previous, MetricCatalog.builtin[metric]?.isAdditive == false {
            text += "; its own \(Lexicon.displayName(metric)) went from \(format(previous, metric: metric)) to \(format(current, metric: metric))"
        }
        return text
    }

    /// The `details` payload: the numbers behind the text.
    static func details(_ explanation: DriverAnalysis.Explanation) -> [String: Any] {
        var details: [String: Any] = ["metric": explanation.metric]
        details["current"] = explanation.current ?? NSNull()
        details["previous"] = explanation.previous ?? NSNull()
        details["change"] = explanation.change ?? NSNull()
        details["inputs"] = explanation.inputs.map { ["metric": $0.metric, "current": $0.current, "previous": $0.previous] }
        details["drivers"] = explanation.drivers.prefix(10).map { driver -> [String: Any] in
            [
                "dimension": driver.dimension, "key": driver.key, "label": driver.label, "contribution": driver.contribution,
                "current": driver.current ?? NSNull(), "previous": driver.previous ?? NSNull(),
            ]
        }
        return details
    }
}

/// What a metric is computed from and what is computed from it, from the catalog.
enum LineageAnswer {
    static func text(metric: String, direction: Understanding.LineageDirection) -> (text: [String], details: [String: Any]) {
        guard let definition = MetricCatalog.builtin[metric] else { return (["I don't know the metric \(metric)."], [:]) }
        let name = Lexicon.displayName(metric)
        let dependents = MetricCatalog.dependents(of: metric).map(\.name)
        var text: [String] = []
        if direction != .downstream {
            if definition.isAdditive {
                text.append("\(name) is a base measure: it is summed from the synced rows (ad platforms, the store or CSV imports), not computed from other metrics.")
            } else {
                text.append("\(name) is calculated as \(definition.formulaText), both summed over the selected rows before dividing.")
            }
        }
        if direction != .upstream || definition.isAdditive {
            if dependents.isEmpty {
                if direction != .upstream { text.append("No other metric is computed from \(name).") }
            } else {
                let formulas = dependents.map { "\($0) (\(MetricCatalog.builtin[$0]!.formulaText))" }
                text.append("Metrics that depend on \(name): \(AnswerComposer.list(formulas)).")
            }
        }
        let details: [String: Any] = [
            "metric": metric, "formula": definition.formulaText,
            "inputs": definition.isAdditive ? [] : definition.inputs.map(\.rawValue), "dependents": dependents,
        ]
        return (text, details)
    }
}
