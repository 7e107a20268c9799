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
    func everyCommandPrintsHelp(_ service: ServiceName) throws {
        let subcommands = Self.common + (Self.extra[service] ?? [])
        let root = try run(service, ["--help"])
        #expect(root.status == 0, "\(service.displayName) --help: \(root.output)")
        #expect(root.output.contains("USAGE: \(service.displayName)"), "\(root.output)")
        for subcommand in subcommands {
            #expect(root.output.contains(subcommand), "\(service.displayName) --help lists \(subcommand)")
            let help = try run(service, [subcommand, "--help"])
            #expect(help.status == 0, "\(service.displayName) \(subcommand) --help: \(help.output)")
            #expect(help.output.contains("USAGE: \(service.displayName) \(subcommand)"), "\(help.output)")
        }
        let unknown = try run(service, ["no-such-command"])
        #expect(unknown.status == 64, "\(service.displayName) no-such-command: \(unknown.output)")
    }

    @Test func createWorkspaceHelpNamesItsOptions() throws {
        let help = try run(.gateway, ["create-workspace", "--help"])
        #expect(help.status == 0)
        for option in ["<name>", "--timezone", "--currency"] {
            #expect(help.output.contains(option), "create-workspace --help names \(option): \(help.output)")
        }
    }

    private func run(_ service: ServiceName, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.binaries!).appendingPathComponent(service.displayName)
        process.arguments = arguments
        // No configuration: help must not need any.
        process.environment = ["PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
