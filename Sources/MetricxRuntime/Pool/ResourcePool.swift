/// Why a pool could not lend a resource.
public struct ResourcePoolError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Every resource stayed busy for the acquire timeout.
        case timedOut(maximum: Int, timeout: Duration)
        /// The pool is shut down.
        case closed
    }

    public var reason: Reason

    public var description: String {
        switch reason {
        case .timedOut(let maximum, let timeout):
            "all \(maximum) connections stayed busy for \(timeout)"
        case .closed:
            "the pool is shut down"
        }
    }
}

/// The bookkeeping of a bounded pool: idle resources, how many are open, and callers waiting in
/// order. Opening and closing happen outside (they block); this actor only decides.
public actor ResourcePool<Resource: AnyObject & Sendable> {
    /// What a caller gets: an idle resource, or the right to open a new one.
    public enum Grant: Sendable {
        case reuse(Resource)
        case open
    }

    private let maximum: Int
    private var idle: [Resource] = []
    private var open = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Grant, any Error>)] = []
    private var nextWaiter: UInt64 = 0
    private var closed = false

    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// Waits at most `timeout` for a resource or a free slot; throws ``ResourcePoolError``.
    public func acquire(timeout: Duration) async throws -> Grant {
        if closed { throw ResourcePoolError(reason: .closed) }
        if let resource = idle.popLast() { return .reuse(resource) }
        if open < maximum {
            open += 1
            return .open
        }
        nextWaiter += 1
        let id = nextWaiter
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.expire(id, timeout: timeout)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// Returns a resource. A reusable one goes to the next waiter or the idle list; otherwise its
    /// slot is freed and the resource is handed back for the caller to close.
    public func release(_ resource: Resource, reusable: Bool) -> Resource? {
        if reusable && !closed {
            if waiters.isEmpty {
                idle.append(resource)
            } else {
                waiters.removeFirst().continuation.resume(returning: .reuse(resource))
            }
            return nil
        }
        releaseSlot()
        return resource
    }

    /// Gives back a slot whose resource could not be opened or was closed.
    public func releaseSlot() {
        if !waiters.isEmpty && !closed {
            waiters.removeFirst().continuation.resume(returning: .open)
        } else {
            open -= 1
        }
    }

    /// Stops lending, fails the waiters and returns the idle resources for closing.
    public func close() -> [Resource] {
        closed = true
        for waiter in waiters {
            waiter.continuation.resume(throwing: ResourcePoolError(reason: .closed))
        }
        waiters.removeAll()
        defer { idle.removeAll() }
        open -= idle.count
        return idle
    }

    private func expire(_ id: UInt64, timeout: Duration) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(
            throwing: ResourcePoolError(reason: .timedOut(maximum: maximum, timeout: timeout)))
    }

    private func cancel(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
