import Foundation
import MetricxProtos

/// The text and details payload of an `explain` answer, from LineageSvc's root-cause analysis:
/// the change, how the formula's inputs split it, where (which provider, campaign, ad set or ad)
/// it happened, and the changes and anomalies that line up with it.
struct ExplainAnswer: Sendable {
    let format: ValueFormat

    static let attributeNames = ["provider": "provider", "campaign": "campaign", "adset": "ad set", "ad": "ad"]

    /// `filters` are the question's scope, said with the metric so a misreading shows at once.
    /// `openDay`: today, so that a period ending today is said to run only to now, and a sum
    /// over it is not explained against whole days. `cutFrom`: the range asked, when it ran into
    /// today and `explanation` covers its whole days instead (``DayRange/wholeDays(against:today:)``).
    func text(
        _ explanation: Metricx_V1_ExplainResponse, metric: String, assumedDirection: Int, timeZone: TimeZone,
        filters: [Metricx_V1_Filter] = [], openDay: OpenDay? = nil, cutFrom: Metricx_V1_DateRange? = nil
    ) -> [String] {
        let name = Lexicon.displayName(metric) + AnswerComposer.scope(filters)
        let period =
            openDay?.said(explanation.resolved.range) ?? ValueFormat.range(explanation.resolved.range.start, explanation.resolved.range.end)
        let comparisonPeriod = ValueFormat.range(explanation.resolved.comparison.start, explanation.resolved.comparison.end)
        guard explanation.hasValue, explanation.hasPrevious else {
            return ["There is not enough data to explain \(name): it has no value for \(explanation.hasValue ? comparisonPeriod : period)."]
        }
        let (current, previous) = (explanation.value, explanation.previous)
        if OpenDay.isSum(metric), openDay?.setsPartAgainstWhole(explanation.resolved) ?? false {
            return [
                "\(ValueFormat.capitalized(name)) was \(format(current, metric: metric)) for \(period) against "
                    + "\(format(previous, metric: metric)) for \(comparisonPeriod): today is not over, so there is no change to explain yet. "
                    + "Yesterday or the last 7 days compare whole days."
            ]
        }
        let change = current - previous
        if abs(change) <= 1e-9 * max(1, abs(previous)) {
            return [
                "\(ValueFormat.capitalized(name)) did not change: \(format(current, metric: metric)) for \(period) and for \(comparisonPeriod)."
            ]
        }
        var text: [String] = []
        let ratio = previous != 0 ? " (\(ValueFormat.percentChange(change / abs(previous))))" : ""
        let verb = change > 0 ? "rose" : "fell"
        let actually = assumedDirection != 0 && (assumedDirection > 0) != (change > 0) ? "actually " : ""
        text.append(
            "\(ValueFormat.capitalized(name)) \(actually)\(verb) from \(format(previous, metric: metric)) to \(format(current, metric: metric))\(ratio) "
                + "for \(period) compared with \(comparisonPeriod).")
        if let cutFrom, let openDay {
            text.append(
                "\(ValueFormat.range(cutFrom.start, cutFrom.end)) runs into today, which is not over (it is \(openDay.through)), "
                    + "so its whole days are compared with as many days of the comparison.")
        }

        if explanation.decomposition.count > 1 {
            let parts = explanation.decomposition.map { "\($0.input) \(signed($0.effect, metric: metric))" }
            text.append("Split over its inputs, the change comes from " + AnswerComposer.list(parts) + ".")
        }
        let causes = explanation.rootCauses.prefix(3)
        if let top = causes.first {
            text.append("The biggest driver was \(describe(top, metric: metric, change: change)).")
            let next = causes.dropFirst()
            if !next.isEmpty {
                text.append("Next: " + AnswerComposer.list(next.map { describe($0, metric: metric, change: change) }) + ".")
            }
        } else {
            text.append("No single provider, campaign, ad set or ad stands out: the change is spread across them.")
        }
        if !explanation.changeEvents.isEmpty {
            let shown = explanation.changeEvents.prefix(3).map { event in
                "“\(event.title)”" + (ValueFormat.day(event.occurredAt, timeZone: timeZone).map { " (\($0.day))" } ?? "")
            }
            let more = explanation.changeEvents.count > 3 ? " and \(explanation.changeEvents.count - 3) more" : ""
            text.append("Changes recorded upstream of \(name) in these periods: " + AnswerComposer.list(shown) + more + ".")
        }
        if !explanation.anomalyIds.isEmpty {
            let count = explanation.anomalyIds.count
            text.append("\(count) \(count == 1 ? "anomaly was" : "anomalies were") detected on \(name) and its inputs in these periods.")
        }
        return text
    }

    /// "Google campaign Holiday Push, 92% of the deviation; its ROAS went from 3.33 to 0.83"; for a
    /// ratio, its exact share of the ratio's change and what its parts did: "Google campaign
    /// Spring Promo, 71% of the ROAS drop: its revenue fell 58% while its spend held; its ROAS
    /// went from 3.00 to 1.26".
    private func describe(_ cause: Metricx_V1_RootCause, metric: String, change: Double) -> String {
        var text = Self.label(cause)
        if cause.hasRatio, cause.ratio.hasShareOfChange {
            text += ", " + Self.share(cause.ratio.shareOfChange, of: Lexicon.displayName(metric), change: change)
        } else if cause.hasShare {
            text += ", \(Int((cause.share * 100).rounded()))% of the deviation"
        }
        if cause.hasRatio, let parts = Self.parts(cause.ratio) { text += ": " + parts }
        if cause.hasValue, cause.hasPrevious {
            text +=
                "; its \(Lexicon.displayName(metric)) went from \(format(cause.previous, metric: metric)) to \(format(cause.value, metric: metric))"
        }
        return text
    }

    /// A cause's exact share of a ratio's change, said so that it cannot be misread: "71% of the
    /// ROAS drop"; over the whole change when other segments moved the other way ("more than
    /// the whole CPC rise (358% of it; others offset it)"); "against the ROAS drop" when it moved
    /// the other way itself.
    static func share(_ share: Double, of name: String, change: Double) -> String {
        let movement = "\(name) \(change > 0 ? "rise" : "drop")"
        let percent = Int((share * 100).rounded())
        if percent > 100 { return "more than the whole \(movement) (\(percent)% of it; others offset it)" }
        if percent < 0 { return "against the \(movement)" }
        return "\(percent)% of the \(movement)"
    }

    /// "its revenue fell 58% while its spend held"; nil when a part is unnamed or had no
    /// previous value to compare with.
    static func parts(_ ratio: Metricx_V1_RatioParts) -> String? {
        guard !ratio.numeratorName.isEmpty, !ratio.denominatorName.isEmpty, ratio.numeratorExpected > 0, ratio.denominatorExpected > 0
        else { return nil }
        // Under 2% either way a part held: the reader asked about the ratio, not about rounding.
        func moved(_ observed: Double, _ expected: Double) -> (words: String, direction: Int) {
            let change = observed / expected - 1
            guard abs(change) >= 0.02 else { return ("held", 0) }
            let percent = Int((abs(change) * 100).rounded())
            return change > 0 ? ("rose \(percent)%", 1) : ("fell \(percent)%", -1)
        }
        let numerator = moved(ratio.numerator, ratio.numeratorExpected)
        let denominator = moved(ratio.denominator, ratio.denominatorExpected)
        let joint = numerator.direction == denominator.direction && numerator.direction != 0 ? "and" : "while"
        return "its \(ratio.numeratorName) \(numerator.words) \(joint) its \(ratio.denominatorName) \(denominator.words)"
    }

    private func signed(_ value: Double, metric: String) -> String {
        (value >= 0 ? "+" : "-") + format(abs(value), metric: metric)
    }

    /// The cause with what its leaves share, provider first; an ad set or ad only when it is
    /// part of the cause: "Google campaign Holiday Push", "Meta campaign Retargeting ad Carousel B".
    static func label(_ cause: Metricx_V1_RootCause) -> String {
        var parts: [String] = []
        let provider = cause.elements["provider"] ?? cause.context["provider"]
        let named = ["campaign", "adset", "ad"].filter { cause.elements[$0] != nil || ($0 == "campaign" && cause.context[$0] != nil) }
        if let provider { parts.append(named.isEmpty ? "provider \(Lexicon.providerName(provider))" : Lexicon.providerName(provider)) }
        for attribute in named {
            parts.append("\(attributeNames[attribute]!) \(cause.elements[attribute] ?? cause.context[attribute]!)")
        }
        return parts.joined(separator: " ")
    }

    /// The `details` payload: the numbers behind the text.
    static func details(_ explanation: Metricx_V1_ExplainResponse, metric: String) -> [String: Any] {
        func optional(_ has: Bool, _ value: Double) -> Any { has ? value : NSNull() }
        var details: [String: Any] = ["metric": metric]
        details["current"] = optional(explanation.hasValue, explanation.value)
        details["previous"] = optional(explanation.hasPrevious, explanation.previous)
        details["change"] = explanation.hasValue && explanation.hasPrevious ? explanation.value - explanation.previous : NSNull()
        details["decomposition"] = explanation.decomposition.map { part -> [String: Any] in
            ["input": part.input, "effect": part.effect, "share": optional(part.hasShare, part.share)]
        }
        details["root_causes"] = explanation.rootCauses.prefix(10).map { cause -> [String: Any] in
            [
                "elements": cause.elements, "context": cause.context, "label": label(cause), "share": optional(cause.hasShare, cause.share),
                "current": optional(cause.hasValue, cause.value), "previous": optional(cause.hasPrevious, cause.previous),
                "share_of_change": optional(cause.hasRatio && cause.ratio.hasShareOfChange, cause.ratio.shareOfChange),
            ]
        }
        details["change_events"] = explanation.changeEvents.map { event -> [String: Any] in
            ["id": event.id, "kind": event.kind, "title": event.title, "occurred_at": event.occurredAt]
        }
        details["anomaly_ids"] = explanation.anomalyIds
        return details
    }
}
