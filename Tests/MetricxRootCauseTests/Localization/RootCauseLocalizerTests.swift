import MetricxRootCause
import Testing

@Suite("Root-cause localization")
struct RootCauseLocalizerTests {
    /// A full cube over `cardinalities` attributes named a, b, c...: forecast varies by leaf,
    /// observed = forecast x (1 ± 1% noise) x the factor of every cause the leaf falls under.
    static func cube(
        _ cardinalities: [Int], causes: [([String: String], Double)], ratio: Bool = false
    ) -> LeafTable {
        let names = cardinalities.indices.map { String(UnicodeScalar(UInt8(97 + $0))) }
        var state: UInt64 = 3
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rows: [[String]] = []
        var realA: [Double] = []
        var predictA: [Double] = []
        var realB: [Double] = []
        var predictB: [Double] = []
        func walk(_ prefix: [String]) {
            guard prefix.count == cardinalities.count else {
                for value in 0..<cardinalities[prefix.count] { walk(prefix + ["\(names[prefix.count])\(value)"]) }
                return
            }
            let leaf = Dictionary(uniqueKeysWithValues: zip(names, prefix))
            let factor = causes.filter { cause in cause.0.allSatisfy { leaf[$0.key] == $0.value } }
                .reduce(1.0) { $0 * $1.1 }
            let forecast = 100 + 900 * uniform()
            rows.append(prefix)
            if ratio {
                // Volume moves everywhere (b); only the rate a/b moves under a cause.
                let volume = forecast * (0.7 + 0.6 * uniform())
                let rate = 0.9 + 0.01 * (uniform() - 0.5)
                predictB.append(forecast)
                predictA.append(forecast * 0.9)
                realB.append(volume)
                realA.append(volume * rate * factor)
            } else {
                predictA.append(forecast)
                realA.append(forecast * (1 + 0.02 * (uniform() - 0.5)) * factor)
            }
        }
        walk([])
        let measure: LeafTable.Measure =
            ratio
            ? .ratio(realA: realA, predictA: predictA, realB: realB, predictB: predictB)
            : .additive(real: realA, predict: predictA)
        return LeafTable(attributes: names, rows: rows, measure: measure)
    }

    static func labels(_ table: LeafTable) -> Set<String> {
        Set(RootCauseLocalizer().localize(table).map(\.label))
    }

    @Test("a single element")
    func singleElement() {
        #expect(Self.labels(Self.cube([5, 6, 4], causes: [(["b": "b2"], 0.4)])) == ["b=b2"])
    }

    @Test("several elements of different attributes and magnitudes")
    func multipleElements() {
        let table = Self.cube([5, 6, 4], causes: [(["a": "a1"], 0.3), (["c": "c3"], 1.8)])
        #expect(Self.labels(table) == ["a=a1", "c=c3"])
    }

    @Test("a conjunction of attributes, not its parents or children")
    func conjunction() {
        let table = Self.cube([5, 6, 4, 3], causes: [(["a": "a2", "c": "c1"], 0.5), (["b": "b0", "c": "c2", "d": "d1"], 0.2)])
        #expect(Self.labels(table) == ["a=a2&c=c1", "b=b0&c=c2&d=d1"])
    }

    @Test("a ratio metric: the rate moved, not the volume")
    func ratioMetric() {
        let table = Self.cube([4, 5, 3], causes: [(["a": "a3", "b": "b1"], 0.6)], ratio: true)
        let causes = RootCauseLocalizer().localize(table)
        #expect(causes.map(\.label) == ["a=a3&b=b1"])
        #expect(causes[0].score > 0.5 && causes[0].score <= 1)
    }

    @Test("a ratio cause that raised some of its leaves and lowered others is named whole")
    func mixedDirections() {
        let hit: [(String, Double)] = [("b0", 0.5), ("b1", 0.55), ("b2", 1.8), ("b3", 1.9), ("b4", 0.5)]
        let table = Self.cube([4, 5, 3], causes: hit.map { (["a": "a1", "b": $0.0], $0.1) }, ratio: true)
        #expect(Self.labels(table) == ["a=a1"])
    }

    @Test("two ratio causes under one element whose other leaves held stay two")
    func siblingsStaySeparate() {
        let table = Self.cube([3, 6, 4], causes: [(["a": "a0", "b": "b1"], 0.5), (["a": "a0", "b": "b4"], 0.6)], ratio: true)
        #expect(Self.labels(table) == ["a=a0&b=b1", "a=a0&b=b4"])
    }

    @Test("a ratio drifting everywhere, each segment a little differently, has no cause")
    func driftEverywhere() {
        let drifts: [([String: String], Double)] =
            [("a0", 1.01), ("a1", 0.99), ("a2", 1.005), ("a3", 0.995)].map { (["a": $0.0], $0.1) }
            + [("b0", 0.992), ("b1", 1.008), ("b2", 1.0), ("b3", 0.996), ("b4", 1.004)].map { (["b": $0.0], $0.1) }
            + ["c0", "c1", "c2"].map { (["c": $0], 0.98) }
        #expect(Self.labels(Self.cube([4, 5, 3], causes: drifts, ratio: true)).isEmpty)
    }

    @Test("no deviation, no causes")
    func nothingToExplain() {
        let table = LeafTable(
            attributes: ["a"], rows: [["x"], ["y"]], measure: .additive(real: [10, 20], predict: [10, 20]))
        #expect(RootCauseLocalizer().localize(table).isEmpty)
    }

    @Test("two periods of a few ads: the campaign that fell, not the ads that swapped")
    func periodComparison() {
        // Twelve ads week over week: Brand's two ads trade places (+38%, -19%), the others drift
        // by up to a fifth, and both Retargeting ads lose about 60%.
        let ads: [(campaign: String, ad: String, before: Double, after: Double)] = [
            ("Brand", "B1", 5658, 7808), ("Brand", "B2", 6993, 5671), ("Shopping", "S1", 3332, 2657),
            ("Summer", "M1", 1643, 1553), ("Summer", "M2", 1592, 1531), ("Summer", "M3", 1699, 1386),
            ("Prospecting", "P1", 1667, 1396), ("Prospecting", "P2", 1407, 1387), ("Generic", "G1", 830, 643),
            ("Generic", "G2", 772, 609), ("Retargeting", "R1", 1444, 601), ("Retargeting", "R2", 1619, 543),
        ]
        let table = LeafTable(
            attributes: ["campaign", "ad"], rows: ads.map { [$0.campaign, $0.ad] },
            measure: .additive(real: ads.map(\.after), predict: ads.map(\.before)))
        let causes = RootCauseLocalizer(config: .periodComparison).localize(table)
        #expect(causes.map(\.label) == ["campaign=Retargeting"])
        // The noise threshold made for forecasts over thousands of leaves finds nothing here.
        #expect(RootCauseLocalizer().localize(table).isEmpty)
    }

    @Test("two periods of a ratio: a campaign whose CPC rose, and no driver when ads only trade places")
    func ratioPeriodComparison() {
        // Twelve ads: clicks move by up to a tenth and each ad's cost per click by up to 8%,
        // so the account's CPC barely moves.
        let ads: [(campaign: String, ad: String, clicks: Double, cpc: Double, clicksNow: Double, cpcChange: Double)] = [
            ("Brand", "B1", 5200, 0.42, 5610, 1.06), ("Brand", "B2", 4800, 0.45, 4390, 0.95),
            ("Shopping", "S1", 3100, 0.61, 3390, 0.97), ("Shopping", "S2", 2900, 0.58, 2700, 1.04),
            ("Summer", "M1", 1600, 0.88, 1540, 1.08), ("Summer", "M2", 1500, 0.91, 1620, 0.93),
            ("Prospecting", "P1", 1700, 0.77, 1810, 1.02), ("Prospecting", "P2", 1400, 0.74, 1330, 0.96),
            ("Generic", "G1", 800, 1.12, 760, 1.05), ("Generic", "G2", 750, 1.18, 820, 0.94),
            ("Retargeting", "R1", 1450, 0.55, 1380, 1.03), ("Retargeting", "R2", 1600, 0.52, 1690, 0.98),
        ]
        func causes(_ factor: [String: Double] = [:]) -> [String] {
            let table = LeafTable(
                attributes: ["campaign", "ad"], rows: ads.map { [$0.campaign, $0.ad] },
                measure: .ratio(
                    realA: ads.map { $0.clicksNow * $0.cpc * $0.cpcChange * (factor[$0.campaign] ?? 1) },
                    predictA: ads.map { $0.clicks * $0.cpc }, realB: ads.map(\.clicksNow), predictB: ads.map(\.clicks)))
            return RootCauseLocalizer(config: .periodComparison(for: table.measure)).localize(table).map(\.label)
        }
        #expect(causes() == [])
        #expect(causes(["Retargeting": 1.6]) == ["campaign=Retargeting"])
        // A small campaign: its CPC up 30% moves the account's by under 2%.
        #expect(causes(["Generic": 1.3]) == ["campaign=Generic"])
    }

    @Test("scores are shares of the deviation, best first")
    func scores() {
        let causes = RootCauseLocalizer().localize(Self.cube([5, 6, 4], causes: [(["a": "a1"], 0.1), (["c": "c3"], 0.8)]))
        #expect(causes.map(\.label) == ["a=a1", "c=c3"])
        #expect(causes[0].score > causes[1].score)
        #expect(causes.reduce(0) { $0 + $1.score } <= 1.000001)
    }
}
