import Foundation
import MetricxRootCause
import Testing

/// The localizer on generated ratio incidents (``RatioCaseGenerator``): 40 cases in each of 13
/// settings from a fixed seed, scored as the literature scores localization (an element counts only
/// when it equals a true one exactly; micro-F1 over all cases). Independent of the public
/// evaluation's cases and labels.
@Suite("Root-cause localization on generated ratio cases")
struct RatioGeneratorTests {
    static let casesPerSetting = 40
    static let seed: UInt64 = 25

    struct Counts {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0, cases = 0

        var f1: Double {
            let denominator = 2 * truePositives + falsePositives + falseNegatives
            return denominator == 0 ? 1 : 2 * Double(truePositives) / Double(denominator)
        }

        mutating func add(_ other: Counts) {
            truePositives += other.truePositives
            falsePositives += other.falsePositives
            falseNegatives += other.falseNegatives
            cases += other.cases
        }
    }

    @Test("micro-F1 by setting, at least 0.85 overall")
    func generatedCases() {
        var generator = RatioCaseGenerator(seed: Self.seed)
        let localizer = RootCauseLocalizer()
        var bySetting: [(RatioCaseGenerator.Setting, Counts)] = []
        var total = Counts()
        for setting in RatioCaseGenerator.Setting.allCases {
            var counts = Counts()
            while counts.cases < Self.casesPerSetting {
                guard let generated = generator.makeCase(setting) else { continue }
                let predicted = Set(localizer.localize(generated.table).map(\.label))
                let hits = predicted.intersection(generated.truth).count
                counts.truePositives += hits
                counts.falsePositives += predicted.count - hits
                counts.falseNegatives += generated.truth.count - hits
                counts.cases += 1
            }
            bySetting.append((setting, counts))
            total.add(counts)
        }
        for (setting, counts) in bySetting {
            print(
                "generated ratio cases, \(setting): F1 \(rounded(counts.f1)) over \(counts.cases) cases"
                    + " (TP \(counts.truePositives), FP \(counts.falsePositives), FN \(counts.falseNegatives))")
        }
        print("generated ratio cases: micro F1 \(rounded(total.f1)) over \(total.cases) cases")
        #expect(total.cases >= 500)
        // The whole KPI moving a little is answered with no cause (issue #25, item 2); a few cases
        // where one segment drifted well beyond the others still name it.
        let quiet = bySetting.first { $0.0 == .noRootCause }!.1
        #expect(quiet.falsePositives <= quiet.cases * 3 / 10, "\(quiet.falsePositives) false causes in \(quiet.cases) cases")
        // Issue #25's bar.
        #expect(total.f1 >= 0.85, "micro F1 \(total.f1)")
    }

    private func rounded(_ value: Double) -> String { String(format: "%.3f", value) }
}

extension RootCauseLocalizerTests {
    @Test("a ratio cause carries its share of the ratio's change and its parts' changes")
    func ratioEffect() throws {
        // Two campaigns of equal spend and forecast ROAS 3; Spring's revenue falls 58%, spend holds.
        let table = LeafTable(
            attributes: ["campaign", "ad"],
            rows: [["Spring", "s1"], ["Spring", "s2"], ["Brand", "b1"], ["Brand", "b2"]],
            measure: .ratio(
                realA: [630, 630, 1500, 1500], predictA: [1500, 1500, 1500, 1500],
                realB: [500, 500, 500, 500], predictB: [500, 500, 500, 500]))
        let causes = RootCauseLocalizer().localize(table)
        #expect(causes.map(\.label) == ["campaign=Spring"])
        let effect = try #require(causes.first?.ratio)
        #expect(abs(try #require(effect.shareOfChange) - 1) < 1e-9)
        #expect(abs(try #require(effect.numeratorChange) + 0.58) < 1e-9)
        #expect(effect.denominatorChange == 0)
        #expect(effect.ratio.expected == 3)
    }

    @Test("an additive cause has no ratio effect")
    func additiveHasNoRatioEffect() {
        let causes = RootCauseLocalizer().localize(Self.cube([5, 6, 4], causes: [(["b": "b2"], 0.4)]))
        #expect(causes.allSatisfy { $0.ratio == nil })
    }
}
