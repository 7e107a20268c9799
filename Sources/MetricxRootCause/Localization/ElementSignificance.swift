import MetricxAnomaly

/// Whether an element's deviation could be chance: its leaves' own noise plus the drift that every
/// element of its layer shows, against a threshold corrected for how many elements were tried.
///
/// An element of E expected whose leaves have noise variance V (summed) deviates by `A - E`; when
/// nothing is wrong that is about normal with variance `V + d·E²`, where d is the coherent drift of
/// a whole segment (a campaign's rate moving a little, together): it does not shrink as leaves are
/// added, so a large element can never pass on volume alone. d is learnt per layer from the spread
/// of the layer's elements around their cuboid's common shift (a cause elsewhere moves every
/// element of another attribute by the same diluted amount, which is not drift), through a median,
/// so the causes among them do not inflate it. With M elements tried, an element passes when its
/// deviation is beyond the two-sided normal quantile at `falseAlarm / M`.
struct ElementSignificance {
    /// `drift[layer]`: relative variance of a whole element's rate, by attributes per element.
    private var drift: [Double]
    /// The least deviation, in standard deviations, that is not chance.
    let threshold: Double

    /// `leafVariance`: ``Deviation/variance``, computed once by the search that asks.
    init(cuboids: [Cuboid], deviation: Deviation, leafVariance: [Double], maximumLayer: Int, falseAlarm: Double) {
        var spreads = [[Spread]](repeating: [], count: maximumLayer + 1)
        var elements = 0
        for cuboid in cuboids {
            var observed = [Double](repeating: 0, count: cuboid.elementCount)
            var expected = observed
            var variance = observed
            for leaf in deviation.observed.indices {
                let element = Int(cuboid.element[leaf])
                observed[element] += deviation.observed[leaf]
                expected[element] += deviation.expected[leaf]
                variance[element] += leafVariance[leaf]
            }
            elements += cuboid.elementCount
            let judged = (0..<cuboid.elementCount).filter { expected[$0] > 0 }
            let common = lowerMedian(judged.map { observed[$0] / expected[$0] - 1 }) ?? 0
            for element in judged {
                let gap = observed[element] - expected[element] * (1 + common)
                spreads[cuboid.attributes.count].append(
                    Spread(squaredGap: gap * gap, variance: variance[element], squaredExpected: expected[element] * expected[element]))
            }
        }
        drift = spreads.map(Self.drift)
        threshold = NormalQuantile.deviate(upperTail: falseAlarm / (2 * Double(max(elements, 1))))
    }

    private struct Spread {
        var squaredGap: Double
        var variance: Double
        var squaredExpected: Double
    }

    /// The drift d at which the layer's elements' squared gaps, each in units of its own variance
    /// `V + d·E²`, have the (lower) median of a squared standard normal (0.455): 0 when the leaves'
    /// noise alone accounts for them. Solving for d, rather than taking the median of `gap² − V`,
    /// keeps elements whose leaf noise dwarfs their drift from dragging the estimate below zero.
    private static func drift(_ spreads: [Spread]) -> Double {
        func median(_ drift: Double) -> Double {
            lowerMedian(spreads.map { $0.squaredGap / max($0.variance + drift * $0.squaredExpected, .leastNormalMagnitude) }) ?? 0
        }
        guard !spreads.isEmpty, median(0) > 0.455 else { return 0 }
        // The median falls as d grows; bracket it within a factor of 100, then bisect on a log
        // scale (16 halvings leave it within 0.01%).
        var low = 1e-12
        var high = 1e-6
        while median(high) > 0.455 && high < 1e6 { (low, high) = (high, high * 100) }
        for _ in 0..<16 {
            let middle = (low * high).squareRoot()
            if median(middle) > 0.455 { low = middle } else { high = middle }
        }
        return (low * high).squareRoot()
    }

    /// Whether an element of `layer` attributes, `observed` against `expected` with leaf noise
    /// `variance`, deviates beyond chance.
    func passes(observed: Double, expected: Double, variance: Double, layer: Int) -> Bool {
        let gap = observed - expected
        let drift = drift[min(layer, drift.count - 1)]
        return gap * gap >= threshold * threshold * (variance + drift * expected * expected)
    }
}
