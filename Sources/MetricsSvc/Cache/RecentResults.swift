import Synchronization

/// The results this replica served most recently, by their ``ResultCache`` entry key, so that a
/// repeated request costs one Redis round trip (the versions) instead of two plus decoding.
///
/// Entry keys embed the data versions, so an entry here can never be newer or older than the
/// Redis entry of the same key: a write anywhere bumps a version and makes both unreachable.
/// Memory is bounded by two generations of `capacity` entries each: a full generation becomes
/// the old one, and the old one is dropped; a hit in the old generation moves to the new.
final class RecentResults: Sendable {
    struct Config: Sendable {
        /// Entries per generation.
        var capacity = 256
        /// Results larger than this, serialized, are left to Redis.
        var maximumBytes = 256 << 10
        /// As long as a Redis entry lives.
        var ttl: Duration = .seconds(900)

        static let defaults = Config()
    }

    private struct Entry {
        var value: any Sendable
        var expires: ContinuousClock.Instant
    }

    private struct Generations {
        var current: [String: Entry] = [:]
        var previous: [String: Entry] = [:]
    }

    let config: Config
    private let generations = Mutex(Generations())

    init(config: Config = .defaults) {
        self.config = config
    }

    func value<Result>(_ type: Result.Type, forKey key: String) -> Result? {
        let now = ContinuousClock.now
        return generations.withLock { generations -> Result? in
            if let entry = generations.current[key] {
                return entry.expires > now ? entry.value as? Result : nil
            }
            guard let entry = generations.previous.removeValue(forKey: key), entry.expires > now else { return nil }
            Self.insert(entry, forKey: key, into: &generations, capacity: config.capacity)
            return entry.value as? Result
        }
    }

    func store(_ value: some Sendable, byteCount: Int, forKey key: String) {
        guard byteCount <= config.maximumBytes, config.capacity > 0 else { return }
        let entry = Entry(value: value, expires: .now + config.ttl)
        generations.withLock { Self.insert(entry, forKey: key, into: &$0, capacity: config.capacity) }
    }

    private static func insert(_ entry: Entry, forKey key: String, into generations: inout Generations, capacity: Int) {
        if generations.current.count >= capacity, generations.current[key] == nil {
            generations.previous = generations.current
            generations.current = [:]
        }
        generations.current[key] = entry
    }
}
