import Foundation
import MetricxProtos
import Synchronization

/// What one workspace's data is named: its campaigns, ad sets, ads and accounts, and its providers.
struct WorkspaceNames: Sendable {
    var entities: EntityIndex
    var providers: ProviderIndex

    init(entities: [(level: String, name: String)], providers: some Sequence<String>) {
        self.entities = EntityIndex(entities)
        self.providers = ProviderIndex(providers)
    }
}

/// Each workspace's names for a short while, so that a burst of questions costs one listing, and
/// a rename, a new campaign or a new provider is seen within `ttl`.
final class EntityCache: Sendable {
    private let entries = Mutex<[UUID: (expires: ContinuousClock.Instant, names: WorkspaceNames)]>([:])
    let ttl: Duration

    init(ttl: Duration = .seconds(30)) {
        self.ttl = ttl
    }

    func names(workspaceID: UUID, load: () async throws -> WorkspaceNames) async throws -> WorkspaceNames {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[workspaceID] }), cached.expires > now { return cached.names }
        let names = try await load()
        entries.withLock { entries in
            // Bounded: expired entries go whenever a new one comes in.
            entries = entries.filter { $0.value.expires > now }
            entries[workspaceID] = (now + ttl, names)
        }
        return names
    }
}
