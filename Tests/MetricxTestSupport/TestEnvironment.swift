import Foundation
import MetricxPostgres
import MetricxRedis
import MetricxRuntime

/// The throw-away Postgres and Redis that `make test` starts (scripts/run-tests). Tests that need
/// them are enabled only when these variables are set.
public enum TestEnvironment {
    private static let env = ProcessInfo.processInfo.environment

    /// A superuser URL of the test database.
    public static let databaseURL = env["METRICX_TEST_DATABASE_URL"]
    public static let redisURL = env["METRICX_TEST_REDIS_URL"]
    /// scripts/local-services, for tests that start and restart their own servers.
    public static let servicesScript = env["METRICX_TEST_SERVICES_SCRIPT"]
    /// A scratch folder removed after the run.
    public static let scratch = env["METRICX_TEST_TMP"] ?? NSTemporaryDirectory()

    /// The folder of the built executables (scripts/run-tests sets it).
    public static let binaries = env["METRICX_TEST_BIN"]

    /// The internal-call credential of every server a test starts, in process or spawned
    /// (`SERVICE_TOKEN`); one per test run.
    public static let serviceTokenText = ServiceToken.random().metadataValue.replacingOccurrences(of: "Bearer ", with: "")
    public static var serviceToken: ServiceToken { ServiceToken(serviceTokenText)! }

    public static var hasPostgres: Bool { databaseURL != nil }
    public static var hasRedis: Bool { redisURL != nil }
    public static var canStartServers: Bool { servicesScript != nil }

    public static func postgresClient(
        url: String? = databaseURL, maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(5)
    ) -> PostgresClient {
        PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: url ?? "", maximumConnections: maximumConnections, acquireTimeout: acquireTimeout))
    }

    public static func redisClient(url: String? = redisURL, maximumConnections: Int = 4) -> RedisClient {
        RedisClient(configuration: RedisConfiguration(url: url ?? "", maximumConnections: maximumConnections)!)
    }

    /// A name unlikely to collide between tests running in parallel.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs scripts/local-services with the given arguments and waits for it.
    public static func services(_ arguments: String...) async throws {
        guard let script = servicesScript else { throw CocoaError(.featureUnsupported) }
        try await run("/bin/bash", [script] + arguments)
    }

    /// Runs a program and throws when it exits non-zero. The wait happens on a thread of its
    /// own (posix_spawn + waitpid), never on Swift's cooperative pool.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws {
        let command = ([executable] + arguments).joined(separator: " ")
        let pid = try spawn(executable, arguments, environment: environment ?? ProcessInfo.processInfo.environment)
        let status = await wait(pid)
        // Exited normally with code 0: low 7 bits (signal) zero and exit code zero.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ProcessFailure(command: command, status: status & 0x7f == 0 ? (status >> 8) & 0xff : -(status & 0x7f))
        }
    }

    /// Starts a program without waiting for it; returns its pid. The caller ends it (`kill`) and
    /// reaps it with ``wait(_:)``.
    public static func spawn(_ executable: String, _ arguments: [String] = [], environment: [String: String], output: String? = nil) throws
        -> pid_t
    {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Threads of this process may block signals; a child must start with none blocked
        // and default handlers, or servers it launches ignore SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw ProcessFailure(command: ([executable] + arguments).joined(separator: " "), status: -spawned) }
        return pid
    }

    /// Reaps a spawned process on a thread of its own; returns its raw wait status.
    public static func wait(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
    }

    /// Starts a Postgres cluster of the test's own (so restarting it disturbs no other test),
    /// runs `body` with its directory and port, and always stops it.
    public static func withOwnPostgres<T>(_ body: (_ directory: String, _ port: Int) async throws -> T) async throws -> T {
        try await withOwnServer(kind: "pg", body)
    }

    /// The same for a Redis server.
    public static func withOwnRedis<T>(_ body: (_ directory: String, _ port: Int) async throws -> T) async throws -> T {
        try await withOwnServer(kind: "redis", body)
    }

    private static func withOwnServer<T>(kind: String, _ body: (String, Int) async throws -> T) async throws -> T {
        // A port free when chosen can be taken before the server binds it (by another test's
        // server starting at the same moment), so a failed start is tried again on another port.
        var attempt = 1
        var (directory, port) = ("\(scratch)/\(uniqueName(kind))", freePort())
        while true {
            do {
                try await services("\(kind)-start", directory, String(port))
                break
            } catch  where attempt < 3 {
                try? await services("\(kind)-stop", directory)
                attempt += 1
                (directory, port) = ("\(scratch)/\(uniqueName(kind))", freePort())
            }
        }
        do {
            let value = try await body(directory, port)
            try? await services("\(kind)-stop", directory)
            return value
        } catch {
            try? await services("\(kind)-stop", directory)
            throw error
        }
    }
}

public struct ProcessFailure: Error, CustomStringConvertible {
    public var command: String
    public var status: Int32
    public var description: String { "\(command) exited with \(status)" }
}
