import Foundation
import MetricxRootCause

/// Semi-synthetic cases of a ratio KPI, built the way Squeeze built its additive B0 set: random
/// leaves over a few attributes, forecasts with noise, and root causes injected at a chosen cuboid
/// layer with a chosen number of elements, then changed the way ratio incidents happen: the
/// numerator moves (revenue falls), the denominator moves (spend rises while revenue holds), or
/// both by different amounts.
///
/// What real ratio data looks like is built in: heavy-tailed volumes (many small leaves), counts
/// with binomial or compound noise, a forecast that is the mean of four earlier periods (so tiny
/// leaves have noisy forecast ratios), every segment's ratio drifting a little, volume moving
/// everywhere, and the whole KPI drifting slightly.
struct RatioCaseGenerator {
    /// A family of cases, reported separately.
    enum Setting: CaseIterable, Hashable, CustomStringConvertible {
        /// `layer` attributes per root-cause element, `count` elements.
        case cuboid(layer: Int, count: Int)
        /// One cause that raises the ratio in some of its leaves and lowers it in others.
        case mixedDirections
        /// Two causes at different layers.
        case twoLayers
        /// The KPI moves a little, nowhere in particular: the answer is no cause.
        case noRootCause
        /// Leaves of a handful of units, whose forecast ratios are mostly noise.
        case tinyLeaves

        static var allCases: [Setting] {
            (1...3).flatMap { layer in (1...3).map { Setting.cuboid(layer: layer, count: $0) } }
                + [.mixedDirections, .twoLayers, .noRootCause, .tinyLeaves]
        }

        var description: String {
            switch self {
            case .cuboid(let layer, let count): "layer \(layer), \(count) element\(count == 1 ? "" : "s")"
            case .mixedDirections: "mixed directions"
            case .twoLayers: "two layers"
            case .noRootCause: "no root cause"
            case .tinyLeaves: "tiny leaves"
            }
        }
    }

    struct Case {
        var table: LeafTable
        /// The injected causes as `attr=value&attr2=value2` labels.
        var truth: Set<String>
    }

    /// The cube stays small enough for a debug build to search hundreds of cases in seconds.
    static let maximumLeaves = 2_000

    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// One case of `setting`; nil when the draw could not place its causes (the caller redraws).
    mutating func makeCase(_ setting: Setting) -> Case? {
        let attributeCount = random.integer(4..<6)
        let cardinalities = (0..<attributeCount).map { _ in random.integer(2..<11) }
        let grid = leaves(cardinalities)
        let count = grid.count
        guard count >= 8 else { return nil }
        let isCount = random.uniform() < 0.5

        // Volume: a scale, attribute-value effects and a leaf effect, lognormal.
        let scale = setting == .tinyLeaves ? random.uniform(0.5, 3) : random.uniform(5, 200)
        var logVolume = (0..<count).map { _ in log(scale) + random.normal(0, 1.3) }
        addEffects(&logVolume, grid: grid, cardinalities: cardinalities, deviation: 0.7)
        let volume = logVolume.map { exp($0) }

        // The forecast ratio per leaf: a success rate near 0.9, or a ROAS-like amount per unit.
        var rate: [Double]
        if isCount {
            let base = random.uniform(0.8, 0.98)
            var logit = (0..<count).map { _ in log(base / (1 - base)) + random.normal(0, 0.3) }
            addEffects(&logit, grid: grid, cardinalities: cardinalities, deviation: 0.4)
            rate = logit.map { 1 / (1 + exp(-$0)) }
        } else {
            let base = log(random.uniform(1, 5))
            var logRate = (0..<count).map { _ in base + random.normal(0, 0.2) }
            addEffects(&logRate, grid: grid, cardinalities: cardinalities, deviation: 0.3)
            rate = logRate.map { exp($0) }
        }

        // The forecast: the mean of four earlier periods.
        var predictA = [Double]()
        var predictB = [Double]()
        for leaf in 0..<count {
            let earlier = random.poisson(4 * volume[leaf])
            predictB.append(earlier / 4)
            predictA.append(numerator(of: earlier, rate: rate[leaf], isCount: isCount) / 4)
        }

        // Now: volume moves everywhere, the whole KPI and every segment's ratio drift a little.
        let volumeDrift = random.normal(0, 0.05)
        var realB = volume.map { random.poisson($0 * exp(random.normal(volumeDrift, 0.1))) }
        var logDrift = [Double](repeating: log(1 + random.normal(0, 0.005)), count: count)
        addEffects(&logDrift, grid: grid, cardinalities: cardinalities, deviation: 0.01)
        var rateNow = (0..<count).map { rate[$0] * exp(logDrift[$0]) }

        var truth = Set<String>()
        if setting != .noRootCause {
            guard let causes = placeCauses(setting, grid: grid, volume: realB) else { return nil }
            for cause in causes {
                inject(cause.leaves, setting: setting, isCount: isCount, rate: &rateNow, volume: &realB)
                truth.insert(cause.attributes.map { "x\($0)=x\($0)v\(grid[cause.anchor][$0])" }.joined(separator: "&"))
            }
        }
        let realA = (0..<count).map { numerator(of: realB[$0], rate: rateNow[$0], isCount: isCount) }
        let names = (0..<attributeCount).map { "x\($0)" }
        let rows = grid.map { leaf in leaf.enumerated().map { "x\($0.offset)v\($0.element)" } }
        let table = LeafTable(
            attributes: names, rows: rows,
            measure: .ratio(realA: realA, predictA: predictA, realB: realB, predictB: predictB))
        return Case(table: table, truth: truth)
    }

    /// A random part of the full cube, at most ``maximumLeaves``.
    private mutating func leaves(_ cardinalities: [Int]) -> [[Int]] {
        let full = cardinalities.reduce(1, *)
        let keep = min(1, random.uniform(0.3, 1), Double(Self.maximumLeaves) / Double(full))
        var result: [[Int]] = []
        var index = [Int](repeating: 0, count: cardinalities.count)
        for _ in 0..<full {
            if random.uniform() < keep { result.append(index) }
            for position in index.indices.reversed() {
                index[position] += 1
                if index[position] < cardinalities[position] { break }
                index[position] = 0
            }
        }
        return result
    }

    /// Adds a normal effect per attribute value to every leaf's `values`.
    private mutating func addEffects(_ values: inout [Double], grid: [[Int]], cardinalities: [Int], deviation: Double) {
        for (attribute, cardinality) in cardinalities.enumerated() {
            let effects = (0..<cardinality).map { _ in random.normal(0, deviation) }
            for leaf in grid.indices { values[leaf] += effects[grid[leaf][attribute]] }
        }
    }

    /// The numerator of `volume` units: successes out of them, or an amount of about `rate` each.
    private mutating func numerator(of volume: Double, rate: Double, isCount: Bool) -> Double {
        guard volume > 0 else { return 0 }
        return isCount ? random.binomial(volume, rate) : random.gamma(shape: 2 * volume, scale: rate / 2)
    }

    private struct Cause {
        var attributes: [Int]
        var anchor: Int
        var leaves: [Int]
    }

    /// Disjoint elements at the setting's layers, each holding 2% to 50% of the volume.
    private mutating func placeCauses(_ setting: Setting, grid: [[Int]], volume: [Double]) -> [Cause]? {
        let attributeCount = grid[0].count
        let layers: [Int]
        switch setting {
        case .cuboid(let layer, let count): layers = Array(repeating: layer, count: count)
        case .mixedDirections: layers = [random.integer(1..<4)]
        case .twoLayers:
            let first = random.integer(1..<4)
            layers = [first, [1, 2, 3].filter { $0 != first }[random.integer(0..<2)]]
        case .tinyLeaves: layers = Array(repeating: random.integer(1..<4), count: random.integer(1..<3))
        case .noRootCause: return []
        }
        let total = volume.reduce(0, +)
        var covered = Set<Int>()
        var causes: [Cause] = []
        for _ in 0..<200 where causes.count < layers.count {
            var attributes = Array(0..<attributeCount)
            for index in attributes.indices.reversed() { attributes.swapAt(index, random.integer(0..<(index + 1))) }
            attributes = Array(attributes.prefix(layers[causes.count])).sorted()
            let anchor = random.integer(0..<grid.count)
            let members = grid.indices.filter { leaf in attributes.allSatisfy { grid[leaf][$0] == grid[anchor][$0] } }
            let share = members.reduce(0) { $0 + volume[$1] } / max(total, 1)
            guard members.count >= 2, share >= 0.02, share <= 0.5, covered.isDisjoint(with: members) else { continue }
            covered.formUnion(members)
            causes.append(Cause(attributes: attributes, anchor: anchor, leaves: members))
        }
        return causes.count == layers.count ? causes : nil
    }

    /// Changes the cause's leaves: its numerator, its denominator or both move, so that its ratio
    /// changes by a factor (a success rate falls 5-40%; an amount per unit rises or falls 15% to
    /// 2.5x), leaf by leaf a little unevenly.
    private mutating func inject(
        _ leaves: [Int], setting: Setting, isCount: Bool, rate: inout [Double], volume: inout [Double]
    ) {
        let factor =
            isCount
            ? 1 - random.uniform(0.05, 0.4)
            : exp(random.uniform(log(1.15), log(2.5)) * (random.uniform() < 0.5 ? -1 : 1))
        let mode = random.integer(0..<3) // 0: numerator, 1: denominator, 2: both
        let numeratorPart = mode == 0 ? 1 : mode == 1 ? 0 : random.uniform(0.3, 0.7)
        for leaf in leaves {
            var leafFactor = factor * exp(random.normal(0, 0.15 * abs(log(factor))))
            if setting == .mixedDirections && random.uniform() < 0.5 { leafFactor = 1 / leafFactor }
            // The denominator grows by leafFactor^-(1-numeratorPart); the numerator follows the
            // new volume at the changed ratio.
            let volumeFactor = pow(leafFactor, -(1 - numeratorPart))
            volume[leaf] = (volume[leaf] * volumeFactor).rounded()
            rate[leaf] *= leafFactor
            if isCount { rate[leaf] = min(rate[leaf], 1) }
        }
    }
}
