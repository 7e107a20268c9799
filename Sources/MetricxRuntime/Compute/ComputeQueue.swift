import NIOCore
import NIOPosix
import Synchronization

/// Admits a service's CPU-heavy work (anomaly checks, detector runs, root-cause searches) to NIO's
/// thread pool through a bounded queue, and stops it when its request ends.
///
/// At most `capacity` pieces of work are running or waiting at once; one more is refused at once
/// with UNAVAILABLE (the gateway's 503 with `Retry-After`) instead of waiting behind work that may
/// take seconds, so a burst from one workspace cannot pile up a backlog every other workspace
/// waits behind. The work gets a ``ComputeBudget``: when the calling task is cancelled (its
/// deadline passed, its client went away), ``ComputeBudget/check()`` throws at the next check, so
/// the thread is free again instead of finishing an answer nobody will read.
public final class ComputeQueue: Sendable {
    /// Running plus waiting, at most.
    public let capacity: Int
    private let admitted = Mutex(0)

    /// By default, eight per core: the pool runs one per core and the rest wait, which absorbs a
    /// burst (sixteen "why" questions at once on two cores answered in about a second each) while
    /// the wait stays within a request's deadline; waiting work whose request has ended is skipped.
    public init(capacity: Int = 8 * System.coreCount) {
        self.capacity = max(1, capacity)
    }

    /// How much work is running or waiting now.
    public var load: Int { admitted.withLock { $0 } }

    /// Runs `work` on the thread pool, or throws UNAVAILABLE at once when the queue is full.
    public func run<T: Sendable>(_ work: @escaping @Sendable (ComputeBudget) throws -> T) async throws -> T {
        let accepted = admitted.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard accepted else {
            throw ServiceError(.unavailable, "the service is busy with other analyses; retry in a moment")
        }
        defer { admitted.withLock { $0 -= 1 } }
        let budget = ComputeBudget()
        return try await withTaskCancellationHandler {
            try await NIOThreadPool.singleton.runIfActive {
                // Cancelled while waiting for a thread: do nothing at all.
                try budget.check()
                return try work(budget)
            }
        } onCancel: {
            budget.cancel()
        }
    }
}

/// What CPU work checks, between steps, to learn that its request has ended.
public final class ComputeBudget: Sendable {
    private let cancelled = Atomic(false)

    public init() {}

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws `CancellationError` once the request has ended.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }

    /// A budget that never ends: for work run outside a request (tests, batch commands).
    public static let unlimited = ComputeBudget()
}
