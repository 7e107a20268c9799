import Synchronization

/// Set when a statement broke the connection, so the pool closes it instead of reusing it.
final class ConnectionHealth: Sendable {
    private let broken = Atomic<Bool>(false)

    func markBroken() { broken.store(true, ordering: .relaxed) }
    var isBroken: Bool { broken.load(ordering: .relaxed) }
}
