import Foundation
import MetricxProtos
import Synchronization

/// Each workspace's entity names for a short while, so that a burst of questions costs one
/// listing, and a rename or a new campaign is seen within `ttl`.
final class EntityCache: Sendable {
    private let entries = Mutex<[UUID: (expires: ContinuousClock.Instant, index: EntityIndex)]>([:])
    let ttl: Duration

    init(ttl: Duration = .seconds(30)) {
        self.ttl = ttl
    }

    func index(workspaceID: UUID, load: () async throws -> [(level: String, name: String)]) async throws -> EntityIndex {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[workspaceID] }), cached.expires > now { return cached.index }
        let index = EntityIndex(try await load())
        entries.withLock { entries in
            // Bounded: expired entries go whenever a new one comes in.
            entries = entries.filter { $0.value.expires > now }
            entries[workspaceID] = (now + ttl, index)
        }
        return index
    }
}
