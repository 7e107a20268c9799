// The anomaly monitor's figures over many test worlds, from a release build: `make anomaly-eval`
// (scripts/anomaly-eval). Not a target of Package.swift: the script compiles it in a package of
// its own beside Sources/MetricxAnomaly and the test world (Tests/MetricxAnomalyTests/Support),
// so the figures come from exactly the detector and world the tests use, in minutes rather than
// the hour a debug build of the test suite would take.
import Foundation
import MetricxAnomaly

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == CommandLine.arguments.count - 1, arguments.count <= 2, arguments.allSatisfy({ $0 >= 0 && $0 <= 10_000 })
else {
    FileHandle.standardError.write(Data("usage: AdWorldEval [incident-worlds (80)] [healthy-worlds (40)], each 0...10000\n".utf8))
    exit(2)
}
let incidentWorlds = arguments.first ?? 80
let healthyWorlds = arguments.dropFirst().first ?? 40

let started = ContinuousClock.now
var report = AdWorldReport()
for seed in 0..<incidentWorlds { report.add(AdWorld(seed: UInt64(seed), incidents: 3)) }
let before = (falseAlerts: report.falseAlerts, seriesMonths: report.seriesMonths)
for seed in 1_000..<(1_000 + healthyWorlds) { report.add(AdWorld(seed: UInt64(seed), incidents: 0)) }
let healthy = (falseAlerts: report.falseAlerts - before.falseAlerts, seriesMonths: report.seriesMonths - before.seriesMonths)

print(
    "\(incidentWorlds) worlds with three incidents each (seeds 0..<\(incidentWorlds)), \(healthyWorlds) healthy (seeds 1000..<\(1_000 + healthyWorlds))"
)
print(report.summary)
print(
    String(
        format: "healthy worlds alone: %d false alerts over %.0f series-months = %.3f per series-month",
        healthy.falseAlerts, healthy.seriesMonths, healthy.seriesMonths > 0 ? Double(healthy.falseAlerts) / healthy.seriesMonths : 0))
print(
    "false alerts by metric: "
        + report.falseAlertsByMetric.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
print("\(ContinuousClock.now - started)")
