import Foundation
import MetricxLineage
import MetricxProtos
import MetricxRootCause
import MetricxRuntime
import MetricxSemantics

/// `Explain`: why a metric moved between a range and its comparison.
///
/// - the decomposition of its formula (each direct input's Shapley effect, summing to the change);
/// - the localization over the ads' leaves (provider, campaign, ad set, ad) from MetricsSvc: a
///   ratio metric is localized as a ratio (both parts per leaf), anything else as additive;
/// - the change events on the metric's upstream nodes and the anomalies on it and its inputs
///   within the compared ranges.
struct Explainer: Sendable {
    static let attributes = ["provider", "campaign", "adset", "ad"]

    let definitions: DefinitionStore
    let events: ChangeEventStore
    let analysis: ImpactAnalysis
    let metrics: any Metricx_V1_MetricsService.ClientProtocol
    let compute: ComputeQueue

    func explain(_ request: Metricx_V1_ExplainRequest, workspaceID: UUID) async throws -> Metricx_V1_ExplainResponse {
        let name = request.metric.lowercased()
        guard !name.isEmpty else { throw ServiceError.invalidArgument("name the metric to explain", field: "metric") }
        let (stored, _) = try await definitions.current(workspaceID: workspaceID)
        let specs = DefinitionStore.specs(stored)
        guard let spec = BuiltinMetrics.all[name] ?? specs[name] else {
            throw ServiceError.notFound(
                "no metric \(name); known: the built-in catalog\(specs.isEmpty ? "" : " and \(specs.keys.sorted().joined(separator: ", "))")"
            )
        }
        let formulas = Self.formulas(specs)
        guard spec.sql == nil || Measure(rawValue: name) != nil else {
            throw ServiceError(
                .failedPrecondition, "\(name) is defined by SQL over source tables; only metrics with a formula can be explained")
        }
        let expanded = try MetricExpansion.expand(name, custom: formulas)

        let leaves = try await leaves(request, additive: expanded.ratioParts == nil)
        // The changes and anomalies that line up are fetched while the leaves are analysed.
        let (since, until) = Self.window(leaves.resolved, settings: request.settings)
        async let changeEvents = events.all(workspaceID: workspaceID, since: since, until: until)
        async let anomalies = analysis.anomalies(since: since, until: until)

        let (current, previous) = Self.sums(leaves.leaves)
        var response = Metricx_V1_ExplainResponse()
        response.resolved = leaves.resolved
        if let now = expanded.evaluate(current) { response.value = now }
        if let before = expanded.evaluate(previous) { response.previous = before }
        response.decomposition = try decomposition(spec, formulas: formulas, current: current, previous: previous)

        let table = Self.table(leaves.leaves, formula: expanded)
        response.rootCauses = try await compute.run { budget in
            try (table.map { try Self.localizer(for: $0).localize($0, budget: budget) } ?? []).map { cause in
                let within = leaves.leaves.filter { leaf in cause.elements.allSatisfy { leaf.value(of: $0.key) == $0.value } }
                let (now, before) = Self.sums(within)
                return .with {
                    $0.elements = cause.elements
                    $0.context = Self.sharedAttributes(within, besides: cause.elements)
                    $0.score = cause.score
                    $0.share = cause.score
                    $0.label = cause.label
                    if let value = expanded.evaluate(now) { $0.value = value }
                    if let value = expanded.evaluate(before) { $0.previous = value }
                    if let effect = cause.ratio { $0.ratio = Metricx_V1_RatioParts(effect, formula: expanded) }
                }
            }
        }

        let graph = LineageGraph(custom: specs.values)
        let upstream = graph.traverse(from: LineageGraph.metricID(name), direction: .upstream, depth: nil).nodes.map(\.node)
        let upstreamIDs = Set(upstream.map(\.id))
        response.changeEvents =
            try await changeEvents
            .filter { !upstreamIDs.isDisjoint(with: $0.nodes) }.map(\.proto)
        let upstreamMetrics = Set(upstream.filter { $0.kind != .source }.map(\.label))
        response.anomalyIds =
            try await anomalies
            .filter { upstreamMetrics.contains($0.metric) }.map(\.id)
        return response
    }

    /// The leaves over the request's ranges. A sum over a range that runs into today is explained
    /// over its whole days, against as many days of the comparison: the hours still to come are
    /// not a change. A ratio of part of a day is still a ratio.
    private func leaves(_ request: Metricx_V1_ExplainRequest, additive: Bool) async throws -> Metricx_V1_LeavesResponse {
        let leaves = try await metrics.getLeaves(Self.leavesRequest(request, timeRange: request.timeRange, comparison: request.comparison))
        guard additive, let whole = Self.wholeDays(leaves.resolved, request) else { return leaves }
        return try await metrics.getLeaves(
            Self.leavesRequest(
                request, timeRange: .with { $0.dates = whole.range.proto },
                comparison: .with {
                    $0.type = "custom"
                    $0.custom = whole.comparison.proto
                }))
    }

    private static func leavesRequest(
        _ request: Metricx_V1_ExplainRequest, timeRange: Metricx_V1_TimeRange, comparison: Metricx_V1_Comparison
    ) -> Metricx_V1_LeavesRequest {
        .with {
            $0.settings = request.settings
            $0.timeRange = timeRange
            $0.comparison = comparison
            $0.filters = request.filters
            $0.asOf = request.asOf
        }
    }

    /// ``DayRange/wholeDays(against:today:)`` of the resolved ranges, today being the request's
    /// `as_of` (or now) in the workspace's time zone. MetricsSvc has resolved the ranges, so the
    /// zone and the instant are valid.
    static func wholeDays(
        _ resolved: Metricx_V1_ResolvedRanges, _ request: Metricx_V1_ExplainRequest
    ) -> (range: DayRange, comparison: DayRange)? {
        guard resolved.hasComparison, let range = DayRange(resolved.range), let comparison = DayRange(resolved.comparison),
            let zone = WorkspaceTimeZone.zone(request.settings.timezone)
        else { return nil }
        let now = request.asOf.isEmpty ? Date() : RFC3339.date(request.asOf) ?? Date()
        return range.wholeDays(against: comparison, today: CalendarDay(now, in: zone))
    }

    /// Two periods compared: ``RootCauseLocalizer/Config/periodComparison(for:)``.
    static func localizer(for table: LeafTable) -> RootCauseLocalizer {
        RootCauseLocalizer(config: .periodComparison(for: table.measure))
    }

    /// The workspace's formulas, parsed (they were validated when stored).
    private static func formulas(_ specs: [String: MetricSpec]) -> [String: FormulaExpression] {
        var formulas: [String: FormulaExpression] = [:]
        for (name, spec) in specs {
            guard let text = spec.formula, let expression = try? FormulaParser.parse(text) else { continue }
            formulas[name] = expression
        }
        return formulas
    }

    /// Effects of the metric's direct inputs: revenue and spend for ROAS; a custom metric's own references.
    private func decomposition(
        _ spec: MetricSpec, formulas: [String: FormulaExpression], current: MeasureSums, previous: MeasureSums
    ) throws -> [Metricx_V1_Contribution] {
        guard let text = spec.formula, let formula = try? FormulaParser.parse(text) else { return [] }
        var now: [String: Double] = [:]
        var before: [String: Double] = [:]
        for input in formula.references {
            let expanded = try MetricExpansion.expand(input, custom: formulas)
            now[input] = expanded.evaluate(current)
            before[input] = expanded.evaluate(previous)
        }
        return (FormulaDecomposition.decompose(formula, previous: before, current: now) ?? []).map { effect in
            .with {
                $0.input = effect.input
                $0.effect = effect.effect
                if let share = effect.share { $0.share = share }
            }
        }
    }

    /// The leaves as a localization table: a ratio by its two parts, anything else by its value.
    static func table(_ leaves: [Metricx_V1_Leaf], formula: FormulaExpression) -> LeafTable? {
        guard !leaves.isEmpty else { return nil }
        let rows = leaves.map { [$0.provider, $0.campaign, $0.adset, $0.ad] }
        func values(_ formula: FormulaExpression, _ measures: KeyPath<Metricx_V1_Leaf, Metricx_V1_Measures>) -> [Double] {
            leaves.map { formula.evaluate(MeasureSums(values: $0[keyPath: measures].values)) ?? 0 }
        }
        if let (numerator, denominator) = formula.ratioParts {
            return LeafTable(
                attributes: attributes, rows: rows,
                measure: .ratio(
                    realA: values(numerator, \.current), predictA: values(numerator, \.previous),
                    realB: values(denominator, \.current), predictB: values(denominator, \.previous)))
        }
        return LeafTable(
            attributes: attributes, rows: rows, measure: .additive(real: values(formula, \.current), predict: values(formula, \.previous)))
    }

    /// The summed measures of `leaves`, over the range and the comparison.
    static func sums(_ leaves: [Metricx_V1_Leaf]) -> (current: MeasureSums, previous: MeasureSums) {
        var current = MeasureSums()
        var previous = MeasureSums()
        for leaf in leaves {
            current += MeasureSums(values: leaf.current.values)
            previous += MeasureSums(values: leaf.previous.values)
        }
        return (current, previous)
    }

    /// The attributes outside `elements` on which all `leaves` agree: the campaign an ad belongs
    /// to, or the one campaign a provider's change is made of, so the answer can name it.
    static func sharedAttributes(_ leaves: [Metricx_V1_Leaf], besides elements: [String: String]) -> [String: String] {
        guard let first = leaves.first else { return [:] }
        var shared: [String: String] = [:]
        for attribute in attributes where elements[attribute] == nil {
            guard let value = first.value(of: attribute), leaves.allSatisfy({ $0.value(of: attribute) == value }) else { continue }
            shared[attribute] = value
        }
        return shared
    }

    /// From the start of the comparison to the end of the range, in the workspace's time zone.
    static func window(_ resolved: Metricx_V1_ResolvedRanges, settings: Metricx_V1_WorkspaceSettings) -> (Date, Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = WorkspaceTimeZone.zone(settings.timezone) ?? .gmt
        func midnight(_ day: CalendarDay?) -> Date? {
            day.flatMap { calendar.date(from: DateComponents(year: $0.year, month: $0.month, day: $0.day)) }
        }
        let end = midnight(CalendarDay(resolved.range.end)?.adding(days: 1)) ?? Date()
        let start =
            midnight(CalendarDay(resolved.comparison.start) ?? CalendarDay(resolved.range.start)) ?? end.addingTimeInterval(-7 * 86_400)
        return (min(start, end), end)
    }
}

extension Metricx_V1_Leaf {
    /// The leaf's value of one of `Explainer.attributes`.
    func value(of attribute: String) -> String? {
        switch attribute {
        case "provider": provider
        case "campaign": campaign
        case "adset": adset
        case "ad": ad
        default: nil
        }
    }
}
