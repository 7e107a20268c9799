import NIOPosix
import ServiceLifecycle
import Synchronization

/// The shell the Postgres and Redis clients share: a bounded pool of connections whose client
/// library blocks (libpq, hiredis), and the threads those blocking calls run on — one per
/// possible connection, never an event loop or Swift's cooperative pool.
///
/// `init` has no side effects. The threads start in ``run()`` (the pool is a `Service` of the
/// process's `ServiceGroup`), or at the first call before it: a service migrates its schema
/// before the group starts. On graceful shutdown the pool stops lending, closes its idle
/// connections and stops its threads.
public final class BlockingConnectionPool<Connection: AnyObject & Sendable>: Service, Sendable {
    private enum Phase {
        case idle, running, stopped
    }

    private let threads: NIOThreadPool
    private let connections: ResourcePool<Connection>
    private let phase = Mutex(Phase.idle)
    private let closeConnection: @Sendable (Connection) -> Void

    /// `close` closes one connection; it runs on the pool's threads.
    public init(maximum: Int, close: @escaping @Sendable (Connection) -> Void) {
        self.threads = NIOThreadPool(numberOfThreads: maximum)
        self.connections = ResourcePool(maximum: maximum)
        self.closeConnection = close
    }

    public func run() async throws {
        _ = startIfNeeded()
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Stops lending, closes every idle connection and stops the threads. Idempotent.
    public func shutdown() async {
        let idle = await connections.close()
        let wasRunning = phase.withLock { phase in
            defer { phase = .stopped }
            return phase == .running
        }
        guard wasRunning else { return }
        let close = closeConnection
        _ = try? await threads.runIfActive { idle.forEach(close) }
        try? await threads.shutdownGracefully()
    }

    /// Runs a blocking call on the pool's threads. Throws ``ResourcePoolError`` once the pool is
    /// shut down, and whatever `body` throws.
    public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard startIfNeeded() else { throw ResourcePoolError(reason: .closed) }
        do {
            return try await threads.runIfActive(body)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw ResourcePoolError(reason: .closed)
        }
    }

    /// Waits at most `timeout` for an idle connection or the right to open one.
    public func acquire(timeout: Duration) async throws -> ResourcePool<Connection>.Grant {
        try await connections.acquire(timeout: timeout)
    }

    /// Returns a connection; one that is not reusable (or that the pool no longer wants) is closed.
    public func release(_ connection: Connection, reusable: Bool) async {
        guard let discarded = await connections.release(connection, reusable: reusable) else { return }
        let close = closeConnection
        _ = try? await runBlocking { close(discarded) }
    }

    /// Gives back the slot of a connection that could not be opened.
    public func releaseSlot() async {
        await connections.releaseSlot()
    }

    /// Starts the threads unless the pool has been shut down; false then.
    private func startIfNeeded() -> Bool {
        phase.withLock { phase in
            switch phase {
            case .idle:
                threads.start()
                phase = .running
                return true
            case .running: return true
            case .stopped: return false
            }
        }
    }
}
