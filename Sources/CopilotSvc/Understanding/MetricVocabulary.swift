import MetricxProtos
import MetricxSemantics

/// The metrics one workspace can ask about: the catalog's under the lexicon's words, and its
/// own (from LineageSvc) under their names, with or without underscores: "net_roas" is also
/// "net roas". A workspace's name wins over a catalog synonym it shadows ("margin").
struct MetricVocabulary: Sendable {
    /// A workspace's own metric, as the answers need it.
    struct CustomMetric: Sendable, Equatable {
        var name: String
        var description: String
        var unit: MetricDefinition.Unit
        var formula: String
        var sourceSQL: String
    }

    let custom: [String: CustomMetric]
    /// Longest phrases first, so "net roas" is never read as ROAS.
    let phrases: [(phrase: String, metric: String)]

    static let builtin = MetricVocabulary([])

    init(_ definitions: [Metricx_V1_MetricDefinition]) {
        var custom: [String: CustomMetric] = [:]
        for definition in definitions where !definition.builtin && !definition.deleted {
            custom[definition.name] = CustomMetric(
                name: definition.name, description: definition.description_p,
                unit: MetricDefinition.Unit(rawValue: definition.unit) ?? .ratio,
                formula: definition.formula, sourceSQL: definition.sourceSql)
        }
        self.custom = custom
        var own: [(phrase: String, metric: String)] = []
        for name in custom.keys.sorted() {
            let spaced = Words(name).words.joined(separator: " ")
            own.append((spaced, name))
        }
        let taken = Set(own.map(\.phrase))
        let phrases = own + Lexicon.metricPhrases.filter { !taken.contains($0.phrase) }
        // A stable sort: for phrases of equal length, the workspace's own come first.
        self.phrases = phrases.enumerated().sorted { lhs, rhs in
            let left = lhs.element.phrase.split(separator: " ").count
            let right = rhs.element.phrase.split(separator: " ").count
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Every metric name: the catalog's and the workspace's.
    var names: [String] { (Array(MetricCatalog.builtin.keys) + custom.keys).sorted() }

    func unit(of metric: String) -> MetricDefinition.Unit? {
        MetricCatalog.builtin[metric]?.unit ?? custom[metric]?.unit
    }

    /// Whether a larger value is better; the workspace's own metrics are taken as "more is better".
    func higherIsBetter(_ metric: String) -> Bool {
        MetricCatalog.builtin[metric]?.higherIsBetter ?? true
    }
}
