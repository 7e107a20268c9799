import Foundation
import MetricxRootCause

/// `MetricxBench rca`: the time per case of a localization over 20,000 leaves (five attributes,
/// two injected root causes), for an additive measure and for a ratio, and `MetricxBench rca-eval
/// DIR`: predictions for every case of an evaluation folder (labels.json and cases/*.csv.gz), as the
/// JSON that `score.py --predictions` reads.
enum RootCauseBench {
    /// Issue #25's budget: a case of 20,000 leaves in under 100 ms.
    static let cardinalities = [10, 10, 10, 10, 2]
    static let names = ["provider", "account", "campaign", "adset", "ad"]

    static func run() -> [String] {
        var state: UInt64 = 11
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rows: [[String]] = []
        var real: [Double] = [], predict: [Double] = []
        var realA: [Double] = [], predictA: [Double] = [], realB: [Double] = [], predictB: [Double] = []
        func walk(_ prefix: [Int]) {
            if prefix.count == cardinalities.count {
                let forecast = 50 * exp(2 * uniform())
                var factor = 1.0
                if prefix[0] == 3 && prefix[1] == 7 { factor *= 0.5 }
                if prefix[2] == 2 { factor *= 0.7 }
                rows.append(prefix.enumerated().map { "\(names[$0.offset].prefix(1))\($0.element)" })
                real.append(forecast * (1 + 0.04 * (uniform() - 0.5)) * factor)
                predict.append(forecast)
                // The ratio: spend moves everywhere; revenue per unit of spend falls under the causes.
                let spend = forecast * (0.8 + 0.4 * uniform())
                predictB.append(forecast)
                predictA.append(forecast * 3)
                realB.append(spend)
                realA.append(spend * 3 * (1 + 0.04 * (uniform() - 0.5)) * factor)
                return
            }
            for value in 0..<cardinalities[prefix.count] { walk(prefix + [value]) }
        }
        walk([])
        let additive = LeafTable(attributes: names, rows: rows, measure: .additive(real: real, predict: predict))
        let ratio = LeafTable(
            attributes: names, rows: rows,
            measure: .ratio(realA: realA, predictA: predictA, realB: realB, predictB: predictB))
        var csv = names.joined(separator: ",") + ",real,predict\n"
        for (index, row) in rows.enumerated() { csv += row.joined(separator: ",") + ",\(real[index]),\(predict[index])\n" }
        let bytes = Data(csv.utf8)
        var parses: [Duration] = []
        for _ in 0..<5 { parses.append(ContinuousClock().measure { _ = try! LeafTable.parseCSV(bytes) }) }
        parses.sort()
        return [
            "root-cause localization, time per case at \(additive.count) leaves x \(names.count) attributes (budget 100 ms):",
            time("additive", additive), time("ratio", ratio),
            "  parsing its CSV (\(bytes.count / 1024) KiB): median of 5 runs \(parses[2])",
        ]
    }

    /// The median and fastest of 5 searches of `table`, and what they found.
    private static func time(_ kind: String, _ table: LeafTable) -> String {
        let localizer = RootCauseLocalizer()
        var causes: [RootCause] = []
        var samples: [Duration] = []
        for _ in 0..<5 { samples.append(ContinuousClock().measure { causes = localizer.localize(table) }) }
        samples.sort()
        return "  \(kind): median of 5 runs \(samples[2]) per case, fastest \(samples[0])"
            + " (\(causes.count) causes: \(causes.map(\.label).joined(separator: ", ")))"
    }

    static func evaluate(folder: String) throws -> String {
        let labels = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder + "/labels.json"))) as! [String: Any]
        var predictions: [String: [[String: String]]] = [:]
        var slowest = Duration.zero
        for name in labels.keys.sorted() {
            let bytes = try gunzip(folder + "/cases/" + name + ".csv.gz")
            var causes: [RootCause] = []
            let elapsed = try ContinuousClock().measure {
                causes = RootCauseLocalizer().localize(try LeafTable.parseCSV(bytes))
            }
            slowest = max(slowest, elapsed)
            predictions[name] = causes.map(\.elements)
        }
        FileHandle.standardError.write(Data("slowest case: \(slowest)\n".utf8))
        let json = try JSONSerialization.data(withJSONObject: predictions, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    private static func gunzip(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
