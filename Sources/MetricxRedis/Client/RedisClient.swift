import Logging
import MetricxRuntime
import NIOPosix
import ServiceLifecycle

/// A bounded pool of hiredis connections, run as a `Service`. Blocking hiredis calls run on the
/// threads of a ``BlockingConnectionPool``; blocking commands (BLPOP, BLMOVE, ...) go through
/// ``withDedicatedConnection(_:)`` so that they never hold a pooled connection.
public final class RedisClient: Service, Sendable {
    public let configuration: RedisConfiguration
    private let logger: Logger
    private let pool: BlockingConnectionPool<HiredisConnection>

    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "metricx.redis")) {
        self.configuration = configuration
        self.logger = logger
        self.pool = BlockingConnectionPool(maximum: configuration.maximumConnections) { $0.close() }
    }

    public func run() async throws {
        try await pool.run()
    }

    /// Closes the pooled connections and stops the threads. Idempotent.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Sends one command: `try await redis.send("SET", key, value)`.
    @discardableResult
    public func send(_ command: String, _ arguments: any RedisArgument...) async throws -> RedisValue {
        let argv = [Array(command.utf8)] + arguments.map(\.redisBytes)
        return try await withPooledConnection { connection in try connection.command(argv) }
    }

    /// Sends several commands in one round trip and returns their replies in order.
    /// If any command gets an error reply, that error is thrown after all replies were read.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        let argvs = commands.map(\.argv)
        return try await withPooledConnection { connection in try connection.pipeline(argvs) }
    }

    /// Opens a connection outside the pool, with its own thread, for commands that block on the
    /// server (BLPOP, BLMOVE, XREAD BLOCK, SUBSCRIBE). It is closed when `body` returns.
    public func withDedicatedConnection<T>(_ body: (RedisDedicatedConnection) async throws -> T) async throws -> T {
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let raw = HiredisConnection(configuration: configuration)
        let connection = RedisDedicatedConnection(raw: raw, threadPool: threadPool, configuration: configuration)
        do {
            let value = try await body(connection)
            _ = try? await threadPool.runIfActive { raw.close() }
            try? await threadPool.shutdownGracefully()
            return value
        } catch {
            _ = try? await threadPool.runIfActive { raw.close() }
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    // MARK: - Leasing

    private func withPooledConnection<T: Sendable>(
        _ body: @escaping @Sendable (HiredisConnection) throws -> T
    ) async throws -> T {
        let grant: ResourcePool<HiredisConnection>.Grant
        do {
            grant = try await pool.acquire(timeout: configuration.acquireTimeout)
        } catch let error as ResourcePoolError {
            switch error.reason {
            case .closed: throw RedisError(.poolClosed, message: "the client is shut down")
            case .timedOut: throw RedisError(.poolTimeout, message: "\(error)")
            }
        }
        let connection: HiredisConnection
        switch grant {
        case .reuse(let idle): connection = idle
        case .open: connection = HiredisConnection(configuration: configuration)
        }
        do {
            let value = try await pool.runBlocking { () throws -> T in
                // A connection that broke earlier (or a fresh slot) is (re)opened here, which is
                // how the client recovers after Redis restarts.
                if !connection.isIdleAndHealthy { try connection.connect() }
                return try body(connection)
            }
            await pool.release(connection, reusable: true)
            return value
        } catch let error as RedisError {
            let broken = error.breaksConnection || !connection.isOpen
            await pool.release(connection, reusable: !broken)
            if error.code == .connectionFailed {
                logger.warning("cannot open a Redis connection", metadata: ["error": "\(error)"])
            }
            throw error
        } catch {
            await pool.release(connection, reusable: false)
            throw RedisError(.poolClosed, message: "the client is shutting down")
        }
    }
}

/// One command of a pipeline.
public struct RedisCommand: Sendable {
    let argv: [[UInt8]]

    public init(_ command: String, _ arguments: any RedisArgument...) {
        self.argv = [Array(command.utf8)] + arguments.map(\.redisBytes)
    }

    public init(_ command: String, arguments: [any RedisArgument]) {
        self.argv = [Array(command.utf8)] + arguments.map(\.redisBytes)
    }
}
