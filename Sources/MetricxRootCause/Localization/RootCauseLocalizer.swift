import Foundation
import MetricxRuntime

/// Finds the minimal set of attribute-value combinations that explains why a measure left its
/// forecast.
///
/// The method is a greedy search under the generalized ripple effect (Squeeze, HotSpot): when an
/// element is a root cause, every leaf under it moves from its forecast by the element's own ratio
/// of observed to forecast, while leaves outside every root cause keep their forecast. Each step
/// tries every element of every cuboid up to ``Config/maximumLayer`` attributes, reconstructs its
/// leaves under that hypothesis, and keeps the element whose reconstruction removes the most error
/// in units of each leaf's noise (discounted a little per extra attribute, so a parent that
/// explains as much as its child wins). An accepted cause then accounts for all of its leaves'
/// deviation, even where they moved unevenly, so neither its children nor an element overlapping
/// it is taken for a second cause. The search stops when the next element would explain too little
/// to be told from noise.
///
/// The ratio model (ROAS = revenue / spend, a success rate = a / b). A ratio is localized on the
/// joint deviation of its parts: a leaf's expected numerator is its observed denominator times its
/// forecast ratio, so volume moving alone (b up, a following at the same rate) is no cause, and a
/// leaf's error `a - b·r̂` is exactly its contribution to the change of the whole ratio with every
/// other leaf held at forecast (``RatioEffect``). Its noise is that of a numerator given its
/// denominator, growing with volume as counts (conversions, orders) do, learnt from the leaves
/// (``Deviation``). An element is a candidate only when its deviation is beyond chance given its
/// leaves' noise, the drift whole segments show (a rate's own wander) and how many elements were tried
/// (``ElementSignificance``): many small leaves with noisy denominators, or the whole KPI moving a
/// little, then yield no cause rather than the biggest leaf. Elements are ranked by the error they
/// remove (explanatory power) less a share per attribute (parsimony), and causes found as several
/// children of one element whose other leaves deviate as well are that element (a cause that
/// raises the ratio in some leaves and lowers it in others is found piecewise, then named whole).
///
/// Before each element is accepted it competes with the whole table: when scaling every leaf by
/// the overall ratio of observed to expected removes as much error as the best element, the
/// change is shared by everything (the whole KPI drifted) and there is no localized cause to
/// name, so the search stops — with no causes at all if that happens first.
///
/// For a ratio, each cause also carries a ``RatioEffect``: its exact share of the ratio's change
/// and its numerator's and denominator's observed and forecast values.
public struct RootCauseLocalizer: Sendable {
    /// Tuning of the search. The defaults differ by measure because their errors are in different
    /// units: an additive measure's in units of its noise, a ratio's in units of its numerator.
    public struct Config: Sendable {
        /// The largest conjunction considered (attributes per element).
        public var maximumLayer: Int
        public var maximumCauses: Int
        /// The fraction of an element's gain lost per attribute beyond the first.
        public var layerPenalty: Double
        /// Stop when the next element removes less than this share of the total error.
        public var minimumShareOfError: Double
        /// Stop when the next element removes less than this fraction of what the first removed.
        public var minimumShareOfStrongest: Double
        /// Stop when the next element removes less than this much error, in units of the leaves'
        /// noise.
        public var minimumGain: Double
        /// The chance, over every element tried, that one whose leaves only drifted is a candidate
        /// (``ElementSignificance``); nil tries every element.
        public var elementFalseAlarm: Double? = nil
        /// Causes found as two or more children of one element are that element when they cover
        /// this share of its expected volume, or when its other leaves deviate on average at least
        /// ``parentDeviation`` times as much as a typical leaf; nil keeps the children.
        public var parentCoverage: Double? = nil
        public var parentDeviation: Double = 3

        /// Additive measures: errors are measured in units of each leaf's forecast noise (a leaf
        /// ten times larger is allowed ten times the error), so small root causes stand out from
        /// the noise of large healthy leaves.
        public static let additive = Config(
            maximumLayer: 3, maximumCauses: 10, layerPenalty: 0.2, minimumShareOfError: 0,
            minimumShareOfStrongest: 0.05, minimumGain: 30)
        /// Ratio measures: errors are numerator deviations at the observed volume (each leaf's
        /// exact contribution to the change of the total ratio) in units of the numerator's noise
        /// given its denominator; an element must also pass ``ElementSignificance``.
        public static let ratio = Config(
            maximumLayer: 3, maximumCauses: 10, layerPenalty: 0.1, minimumShareOfError: 0,
            minimumShareOfStrongest: 0.1, minimumGain: 15, elementFalseAlarm: 0.05, parentCoverage: 0.8)

        /// Two periods of the same data compared (why did it move since last week?), for either
        /// kind of measure. There is no forecast whose noise to measure, and a workspace has few
        /// leaves (tens of ads, not thousands), so an absolute noise threshold would hide an
        /// obvious cause; an element must instead remove a tenth of the deviation and 40% of what
        /// the first removed.
        public static let periodComparison = Config(
            maximumLayer: 3, maximumCauses: 10, layerPenalty: 0.2, minimumShareOfError: 0.1,
            minimumShareOfStrongest: 0.4, minimumGain: 0, parentCoverage: 0.8)

        /// ``periodComparison`` for `measure`. A ratio's element must also deviate beyond chance
        /// (``ElementSignificance``): a leaf's error is then in units of its numerator's noise
        /// given its denominator, which a week's counts measure well, so a CPC up 0.1% while two
        /// ads trade places has no driver. An additive measure's week-to-week noise is learnt
        /// from a few ads that each move by a fifth, too coarse to test a campaign against.
        public static func periodComparison(for measure: LeafTable.Measure) -> Config {
            guard case .ratio = measure else { return .periodComparison }
            var config = Config.periodComparison
            config.elementFalseAlarm = 0.05
            return config
        }

        public static func defaults(for measure: LeafTable.Measure) -> Config {
            if case .ratio = measure { return .ratio }
            return .additive
        }
    }

    public var config: Config?

    /// - Parameter config: nil chooses ``Config/defaults(for:)`` per table.
    public init(config: Config? = nil) {
        self.config = config
    }

    /// The configuration a search of `table` uses: the one given, or the defaults for its measure.
    public func configuration(for table: LeafTable) -> Config {
        config ?? .defaults(for: table.measure)
    }

    /// How many cuboids a search of `table` visits: every combination of up to the configured
    /// layer of its attributes.
    public func cuboidCount(of table: LeafTable) -> Int {
        let layers = min(configuration(for: table).maximumLayer, table.attributes.count)
        var count = 0
        var combinations = 1
        for k in 0..<max(layers, 0) {
            combinations = combinations * (table.attributes.count - k) / (k + 1)
            count += combinations
        }
        return count
    }

    /// The root causes, best first; empty when the table holds no deviation worth explaining.
    public func localize(_ table: LeafTable) -> [RootCause] {
        (try? localize(table, budget: .unlimited)) ?? []
    }

    /// ``localize(_:)`` for a request: stops with `CancellationError` between cuboids once
    /// `budget` says the request has ended.
    public func localize(_ table: LeafTable, budget: ComputeBudget) throws -> [RootCause] {
        let config = configuration(for: table)
        let deviation = Deviation(table.measure)
        let leafCount = table.count
        guard leafCount > 0, !table.attributes.isEmpty else { return [] }

        let cuboids = Cuboid.all(of: table, maximumLayer: config.maximumLayer)
        var current = deviation.expected
        var totalError = 0.0
        for leaf in 0..<leafCount {
            totalError += abs(deviation.observed[leaf] - current[leaf]) * deviation.weight[leaf]
        }
        guard totalError > 0, totalError.isFinite else { return [] }

        let leafVariance = config.elementFalseAlarm == nil ? [] : deviation.variance
        let significance = config.elementFalseAlarm.map {
            ElementSignificance(
                cuboids: cuboids, deviation: deviation, leafVariance: leafVariance, maximumLayer: config.maximumLayer, falseAlarm: $0)
        }
        var causes: [RootCause] = []
        var causeLeaves: [[Int]] = []
        var strongest = 0.0
        var gains: [Double] = []
        var observedSums: [Double] = []
        var expectedSums: [Double] = []
        var ratios: [Double] = []
        var variances: [Double] = []
        while causes.count < config.maximumCauses {
            var best: (gain: Double, raw: Double, cuboid: Int, element: Int)?
            for (index, cuboid) in cuboids.enumerated() {
                try budget.check()
                // An element's ratio is taken against what the causes already found expect of its
                // leaves (their own values, for the leaves of a cause): an overlap with a cause
                // adds no gain, and scaling the explained leaves costs.
                observedSums.removeAll(keepingCapacity: true)
                expectedSums.removeAll(keepingCapacity: true)
                variances.removeAll(keepingCapacity: true)
                observedSums.append(contentsOf: repeatElement(0, count: cuboid.elementCount))
                expectedSums.append(contentsOf: repeatElement(0, count: cuboid.elementCount))
                variances.append(contentsOf: repeatElement(0, count: cuboid.elementCount))
                for leaf in 0..<leafCount {
                    let element = Int(cuboid.element[leaf])
                    observedSums[element] += deviation.observed[leaf]
                    expectedSums[element] += current[leaf]
                    if significance != nil { variances[element] += leafVariance[leaf] }
                }
                ratios.removeAll(keepingCapacity: true)
                ratios.append(contentsOf: zip(observedSums, expectedSums).lazy.map { $1 > 0 ? $0 / $1 : 1 })
                gains.removeAll(keepingCapacity: true)
                gains.append(contentsOf: repeatElement(0, count: cuboid.elementCount))
                for leaf in 0..<leafCount {
                    let element = Int(cuboid.element[leaf])
                    let observed = deviation.observed[leaf]
                    gains[element] +=
                        (abs(observed - current[leaf]) - abs(observed - current[leaf] * ratios[element]))
                        * deviation.weight[leaf]
                }
                let discount = 1 - config.layerPenalty * Double(cuboid.attributes.count - 1)
                for (element, raw) in gains.enumerated() {
                    let gain = raw * discount
                    if gain > (best?.gain ?? 0) * (1 + 1e-9) && gain > 0,
                        significance?.passes(
                            observed: observedSums[element], expected: expectedSums[element], variance: variances[element],
                            layer: cuboid.attributes.count) ?? true
                    {
                        best = (gain, raw, index, element)
                    }
                }
            }
            guard let pick = best else { break }
            if sharedByAll(deviation, current: current, beats: pick.raw) { break }
            if causes.isEmpty { strongest = pick.gain }
            if pick.gain < config.minimumShareOfError * totalError || pick.gain < config.minimumGain
                || pick.gain < config.minimumShareOfStrongest * strongest
            {
                break
            }
            let cuboid = cuboids[pick.cuboid]
            let members = (0..<leafCount).filter { Int(cuboid.element[$0]) == pick.element }
            for leaf in members { current[leaf] = deviation.observed[leaf] }
            causeLeaves.append(members)
            let leaf = cuboid.representative[pick.element]
            var elements: [String: String] = [:]
            for attribute in cuboid.attributes {
                elements[table.attributes[attribute]] = table.values[attribute][Int(table.codes[attribute][leaf])]
            }
            causes.append(
                RootCause(
                    elements: elements, score: min(1, pick.raw / totalError),
                    ratio: ratioEffect(table.measure) { Int(cuboid.element[$0]) == pick.element }))
        }
        guard let coverage = config.parentCoverage else { return causes }
        return namingParents(
            of: causes, leaves: causeLeaves, table: table, deviation: deviation, coverage: coverage,
            deviating: config.parentDeviation)
    }

    /// Whether scaling every leaf by the overall ratio of observed to expected removes at least
    /// `gain` error: the deviation left is common to the whole table, not localized.
    private func sharedByAll(_ deviation: Deviation, current: [Double], beats gain: Double) -> Bool {
        var observed = 0.0
        var expected = 0.0
        for leaf in current.indices {
            observed += deviation.observed[leaf]
            expected += current[leaf]
        }
        guard expected > 0 else { return false }
        let ratio = observed / expected
        var removed = 0.0
        for leaf in current.indices {
            let value = deviation.observed[leaf]
            removed += (abs(value - current[leaf]) - abs(value - current[leaf] * ratio)) * deviation.weight[leaf]
        }
        return removed >= gain
    }

    func ratioEffect(_ measure: LeafTable.Measure, member: (Int) -> Bool) -> RatioEffect? {
        guard case .ratio(let realA, let predictA, let realB, let predictB) = measure else { return nil }
        return RatioEffect.of(realA: realA, predictA: predictA, realB: realB, predictB: predictB, member: member)
    }
}
