import Foundation
import MetricxAnomaly
import MetricxTestSupport
import Testing

/// The public NAB-style evaluation in ../shared/eval/anomaly, when this checkout sits beside it:
/// the detector's default configuration over every labelled series, scored by the evaluation's
/// own `score.py`. A regression guard, not a tuning loop: the bar is the published NAB
/// standard-profile score of the classic detectors (the best of them, KNN CAD, 58).
@Suite("NAB evaluation")
struct NABEvalTests {
    static let evalDirectory = URL(filePath: #filePath)
        .deletingLastPathComponent().appending(path: "../../../../shared/eval/anomaly").standardized

    static var available: Bool {
        FileManager.default.fileExists(atPath: evalDirectory.appending(path: "score.py").path)
    }

    @Test("beats the classic detectors on the public labelled series", .enabled(if: available))
    func publicSeries() async throws {
        let data = Self.evalDirectory.appending(path: "data")
        let output = URL(filePath: NSTemporaryDirectory()).appending(path: "nab-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let windows =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.evalDirectory.appending(path: "windows.json"))) as! [String: Any]
        for relative in windows.keys.sorted() {
            let rows = try String(contentsOf: data.appending(path: relative), encoding: .utf8)
                .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",") }
            let points = rows.map { row in
                SeriesCheck.Point(time: Self.parse(String(row[0])), value: Double(row[1]))
            }
            let result = try await offCooperativeThreads { try SeriesCheck().run(points) }
            // One detection row per data row: only the kept report of a restated time can alert.
            var alerts = Array(repeating: false, count: rows.count)
            for (source, verdict) in zip(result.sourceIndices, result.verdicts) { alerts[source] = verdict?.anomaly == true }
            var csv = "timestamp,alert\n"
            for (row, alert) in zip(rows, alerts) { csv += "\(row[0]),\(alert ? 1 : 0)\n" }
            let file = output.appending(path: relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try csv.write(to: file, atomically: true, encoding: .utf8)
        }
        let report = String(
            decoding: try await offCooperativeThreads {
                try standardOutput(of: [
                    "python3", Self.evalDirectory.appending(path: "score.py").path, "--data", data.path,
                    "--windows", Self.evalDirectory.appending(path: "windows.json").path, "--detections", output.path,
                ])
            }, as: UTF8.self)
        let summary = try #require(report.split(separator: "\n").last.map(String.init))
        print(summary)
        let score = try #require(summary.split(separator: " ").dropFirst(2).first.flatMap { Double(String($0)) })
        #expect(score > 58, "\(report)")
    }

    static func parse(_ text: String) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
