import Logging
import MetricxRuntime
import NIOPosix
import ServiceLifecycle

/// A bounded pool of libpq connections. Run it as a `Service` in the process's `ServiceGroup`:
/// on graceful shutdown it stops lending connections and closes them.
///
/// libpq blocks, so all of its work runs on the threads of a ``BlockingConnectionPool``, one per
/// possible connection — never on an event loop or Swift's cooperative pool.
public final class PostgresClient: Service, Sendable {
    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let pool: BlockingConnectionPool<LibPQConnection>

    public init(configuration: PostgresConfiguration, logger: Logger = Logger(label: "metricx.postgres")) {
        self.configuration = configuration
        self.logger = logger
        self.pool = BlockingConnectionPool(maximum: configuration.maximumConnections) { $0.close() }
    }

    public func run() async throws {
        try await pool.run()
    }

    /// Closes every connection and stops the threads. Idempotent.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Leases a connection for the duration of `body`. Waits up to the configured acquire timeout
    /// for one; a connection the server dropped (e.g. after a restart) is replaced first.
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let raw = try await lease()
        let health = ConnectionHealth()
        let connection = PostgresConnection(raw: raw, pool: pool, health: health)
        do {
            let value = try await body(connection)
            await giveBack(raw, reusable: !health.isBroken)
            return value
        } catch {
            await giveBack(raw, reusable: !health.isBroken)
            throw error
        }
    }

    /// Runs `body` inside `BEGIN ... COMMIT`; any error rolls the whole transaction back.
    public func withTransaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.query("BEGIN")
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT")
                return value
            } catch {
                if !connection.health.isBroken {
                    do {
                        try await connection.query("ROLLBACK")
                    } catch {
                        connection.health.markBroken()
                    }
                }
                throw error
            }
        }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ sql: String, _ bindings: any PostgresEncodable...) async throws -> PostgresResult {
        try await query(sql, bindings: bindings)
    }

    @discardableResult
    public func query(_ sql: String, bindings: [any PostgresEncodable]) async throws -> PostgresResult {
        try await withConnection { try await $0.query(sql, bindings: bindings) }
    }

    // MARK: - Leasing

    private func lease() async throws -> LibPQConnection {
        let grant: ResourcePool<LibPQConnection>.Grant
        do {
            grant = try await pool.acquire(timeout: configuration.acquireTimeout)
        } catch let error as ResourcePoolError {
            switch error.reason {
            case .closed: throw PostgresError(.poolClosed, message: "the client is shut down")
            case .timedOut: throw PostgresError(.poolTimeout, message: "\(error); the database is overloaded")
            }
        }
        do {
            switch grant {
            case .reuse(let connection):
                try await pool.runBlocking {
                    if !connection.isAlive { try connection.connect() }
                }
                return connection
            case .open:
                let connection = LibPQConnection(configuration: configuration)
                try await pool.runBlocking { try connection.connect() }
                return connection
            }
        } catch {
            await pool.releaseSlot()
            logger.warning("cannot open a Postgres connection", metadata: ["error": "\(error)"])
            if error is PostgresError { throw error }
            throw PostgresError(.poolClosed, message: "the client is shutting down")
        }
    }

    private func giveBack(_ connection: LibPQConnection, reusable: Bool) async {
        await pool.release(connection, reusable: reusable)
    }
}
