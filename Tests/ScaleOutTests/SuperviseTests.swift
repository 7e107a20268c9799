import Foundation
import MetricxTestSupport
import Testing

/// `make run`'s supervisor (scripts/supervise): a service that exits unexpectedly is announced
/// and started again; SIGTERM reaches the service and ends the supervisor; a service that keeps
/// failing at once is left stopped.
@Suite(.enabled(if: TestEnvironment.canStartServers, "needs make test's scripts"))
struct SuperviseTests {
    static var script: String {
        URL(fileURLWithPath: TestEnvironment.servicesScript!).deletingLastPathComponent().appendingPathComponent("supervise").path
    }

    static func scratch(_ name: String) -> String {
        URL(fileURLWithPath: TestEnvironment.scratch).appendingPathComponent(TestEnvironment.uniqueName(name)).path
    }

    @Test func anUnexpectedExitIsAnnouncedAndRestartedAndSIGTERMEndsBoth() async throws {
        let runs = Self.scratch("runs")
        let log = Self.scratch("service") + ".log"
        // The first run exits with 3 at once; later runs stay up until they are terminated. The
        // trap is set before the run is recorded, so a SIGTERM sent once the test sees the second
        // run always finds it (set after, the signal could kill bash before the trap existed).
        let service = """
            trap 'echo drained >> \(runs); exit 0' TERM
            echo run >> \(runs); [ $(wc -l < \(runs)) -ge 2 ] || exit 3
            while :; do sleep 0.1; done
            """
        let pid = try TestEnvironment.spawn(
            "/bin/bash", [Self.script, "Demo", log, "/bin/bash", "-c", service], environment: ProcessInfo.processInfo.environment,
            output: "/dev/null")
        let exited = Task { await TestEnvironment.wait(pid) }

        try await waitUntil { (try? String(contentsOfFile: runs, encoding: .utf8))?.split(separator: "\n").count == 2 }
        let said = try String(contentsOfFile: log, encoding: .utf8)
        #expect(said.contains("Demo exited unexpectedly with status 3"), "\(said)")

        kill(pid, SIGTERM)
        let status = await exited.value
        #expect(status == 0, "the supervisor exits 0 after the service drained")
        #expect(try String(contentsOfFile: runs, encoding: .utf8).contains("drained"))
    }

    @Test func aServiceThatKeepsFailingAtOnceIsLeftStopped() async throws {
        let log = Self.scratch("failing") + ".log"
        // Five quick failures with the script's pauses (1 + 2 + 4 + 8 s) between them.
        let pid = try TestEnvironment.spawn(
            "/bin/bash", [Self.script, "Broken", log, "/bin/false"], environment: ProcessInfo.processInfo.environment,
            output: "/dev/null")
        let status = await TestEnvironment.wait(pid)
        #expect((status >> 8) & 0xff == 1)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("Broken exited with status 1 five times"))
    }

    private func waitUntil(seconds: Int = 20, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met in \(seconds) s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
