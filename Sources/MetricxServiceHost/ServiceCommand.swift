import Foundation
import MetricxRuntime

/// What an executable was asked to do: `serve` (the default), `migrate` (apply the schema and
/// exit, e.g. from a Kubernetes Job before a rollout) or `probe [host:port]` (ask a server's
/// `grpc.health.v1.Health` and exit 0 when it is SERVING).
public enum ServiceCommand: String, Sendable {
    case serve
    case migrate
    case probe

    /// Parses the process arguments; prints usage and exits with status 2 when they make no sense.
    public static func parse(
        _ arguments: [String] = Array(CommandLine.arguments.dropFirst()), service: ServiceName,
        extra: [String] = []
    ) -> (command: String, arguments: [String]) {
        let command = arguments.first ?? ServiceCommand.serve.rawValue
        let known = [ServiceCommand.serve.rawValue, ServiceCommand.migrate.rawValue, ServiceCommand.probe.rawValue] + extra
        guard known.contains(command) else {
            FileHandle.standardError.write(
                Data("usage: \(service.displayName) [\(known.joined(separator: "|"))]\n".utf8))
            exit(2)
        }
        return (command, Array(arguments.dropFirst()))
    }
}
