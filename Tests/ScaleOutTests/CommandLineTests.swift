import Foundation
import MetricxRuntime
import MetricxTestSupport
import Testing

/// Every executable's commands are argument-parser subcommands: `--help` on the binary and on
/// each subcommand prints usage and exits 0, and an unknown command is a usage error (exit 64),
/// not a server that starts.
@Suite(.enabled(if: TestEnvironment.binaries != nil, "needs make test's built executables"))
struct CommandLineTests {
    static let common = ["serve", "migrate", "probe"]
    static let extra: [ServiceName: [String]] = [.gateway: ["create-workspace"], .sync: ["reencrypt"]]

    @Test(arguments: ServiceName.allCases)
    func everyCommandPrintsHelp(_ service: ServiceName) async throws {
        let subcommands = Self.common + (Self.extra[service] ?? [])
        let root = try await run(service, ["--help"])
        #expect(root.status == 0, "\(service.displayName) --help: \(root.output)")
        #expect(root.output.contains("USAGE: \(service.displayName)"), "\(root.output)")
        for subcommand in subcommands {
            #expect(root.output.contains(subcommand), "\(service.displayName) --help lists \(subcommand)")
            let help = try await run(service, [subcommand, "--help"])
            #expect(help.status == 0, "\(service.displayName) \(subcommand) --help: \(help.output)")
            #expect(help.output.contains("USAGE: \(service.displayName) \(subcommand)"), "\(help.output)")
        }
        let unknown = try await run(service, ["no-such-command"])
        #expect(unknown.status == 64, "\(service.displayName) no-such-command: \(unknown.output)")
    }

    @Test func createWorkspaceHelpNamesItsOptions() async throws {
        let help = try await run(.gateway, ["create-workspace", "--help"])
        #expect(help.status == 0)
        for option in ["<name>", "--timezone", "--currency"] {
            #expect(help.output.contains(option), "create-workspace --help names \(option): \(help.output)")
        }
    }

    /// Runs the binary through the tests' one way to start a process (TestEnvironment.spawn, its
    /// wait off the cooperative pool); returns its exit code and what it printed.
    private func run(_ service: ServiceName, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = URL(fileURLWithPath: TestEnvironment.scratch).appendingPathComponent(TestEnvironment.uniqueName("cli") + ".out").path
        let binary = URL(fileURLWithPath: TestEnvironment.binaries!).appendingPathComponent(service.displayName).path
        // No configuration: help must not need any.
        let pid = try TestEnvironment.spawn(binary, arguments, environment: ["PATH": "/usr/bin:/bin"], output: output)
        let status = await TestEnvironment.wait(pid)
        // A process killed by a signal reports minus the signal, never a clean 0.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        return (code, try String(contentsOfFile: output, encoding: .utf8))
    }
}
