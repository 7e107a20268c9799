import ArgumentParser
import Foundation
import MetricxPostgres
import MetricxRuntime

/// What a metricx executable is: a service with a schema of its own and the wiring that serves
/// it. The commands every executable has (``ServeCommand``, ``MigrateCommand``,
/// ``ProbeCommand``) are written once against this.
public protocol ServiceExecutable: Sendable {
    static var service: ServiceName { get }
    /// The migrations of the service's own schema, applied before it serves.
    static var migrations: [Migration] { get }
    /// Builds the service's parts on `host` (migrated) and runs them until SIGTERM/SIGINT.
    static func serve(host: ServiceHost) async throws
}

extension ServiceExecutable {
    /// The commands every executable has, `serve` first (the default).
    public static var standardCommands: [any ParsableCommand.Type] {
        [ServeCommand<Self>.self, MigrateCommand<Self>.self, ProbeCommand<Self>.self]
    }
}

/// `<Service> serve` (also what no command means): migrate the schema, then serve until SIGTERM.
public struct ServeCommand<Executable: ServiceExecutable>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: "Apply \(Executable.service.displayName)'s schema migrations, then serve until SIGTERM or SIGINT.",
            discussion: "Configured by the environment (DATABASE_URL, REDIS_URL, GRPC_PORT, ...); see README.md.")
    }

    public init() {}

    public func run() async throws {
        let host = ServiceHost.start(Executable.service)
        // Checked before anything else starts, so a missing token is one clear line, not a
        // half-started service.
        _ = try Executable.settings { try host.configuration.requireServiceToken() }
        try await host.migrate(Executable.migrations)
        try await Executable.serve(host: host)
    }
}

/// `<Service> migrate`: apply the schema and exit, e.g. from a Kubernetes Job before a rollout.
public struct MigrateCommand<Executable: ServiceExecutable>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply \(Executable.service.displayName)'s schema migrations and exit.")
    }

    public init() {}

    public func run() async throws {
        let host = ServiceHost.start(Executable.service)
        try await host.migrate(Executable.migrations)
        await host.postgres.shutdown()
    }
}

/// `<Service> probe [host:port]`: one gRPC health check; exit 0 only when SERVING.
public struct ProbeCommand<Executable: ServiceExecutable>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "probe",
            abstract: "Ask a server's grpc.health.v1.Health and exit 0 when it is SERVING, 1 otherwise.")
    }

    @Argument(help: "The server to ask (host:port); by default this service's own configured gRPC address.")
    var target: String?

    public init() {}

    public func validate() throws {
        if let target, HostPort(target) == nil { throw ValidationError("expected host:port, got \(target)") }
    }

    public func run() async throws {
        let host = ServiceHost.start(Executable.service)
        let status = await HealthProbe.run(target: target.flatMap(HostPort.init), host: host)
        if status != 0 { throw ExitCode(status) }
    }
}

extension ServiceExecutable {
    /// Reads settings of the executable's own; a bad one ends the process with status 2 and a
    /// message naming the variable, as ``ServiceHost/start(_:environment:)`` does for the shared ones.
    public static func settings<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch {
            FileHandle.standardError.write(Data("\(service.displayName): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

extension ServiceExecutable where Self: AsyncParsableCommand {
    /// Parses the process's arguments and runs the command they name: what each `main.swift`
    /// calls. (Top-level code calling `main()` itself gets `ParsableCommand`'s synchronous entry
    /// point, which refuses to run an asynchronous command.)
    public static func runFromCommandLine() async {
        let entry: () async -> Void = main
        await entry()
    }
}
