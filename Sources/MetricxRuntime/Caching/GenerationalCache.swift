import Synchronization

/// A bounded in-memory memo for values that are cheap to keep and costly to make again.
///
/// Memory is bounded by two generations of `capacity` entries each: when the current generation
/// is full it becomes the previous one, and the previous one is dropped; a hit in the previous
/// generation moves back to the current. Recently used entries therefore stay, without the
/// bookkeeping of a least-recently-used list on every read.
public final class GenerationalCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public struct Config: Sendable {
        /// Entries per generation; 0 keeps nothing.
        public var capacity: Int
        /// How long an entry may be served after it was stored; nil for as long as it is kept.
        public var ttl: Duration?

        public init(capacity: Int = 256, ttl: Duration? = nil) {
            self.capacity = capacity
            self.ttl = ttl
        }

        public static var defaults: Config { Config() }
    }

    private struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant?
    }

    private struct Generations {
        var current: [Key: Entry] = [:]
        var previous: [Key: Entry] = [:]
    }

    public let config: Config
    private let generations = Mutex(Generations())

    public init(config: Config = .defaults) {
        self.config = config
    }

    /// The value stored for `key`, unless it expired or was dropped.
    public func value(forKey key: Key) -> Value? {
        let now = ContinuousClock.now
        return generations.withLock { generations -> Value? in
            if let entry = generations.current[key] {
                return Self.isLive(entry, at: now) ? entry.value : nil
            }
            guard let entry = generations.previous.removeValue(forKey: key), Self.isLive(entry, at: now) else { return nil }
            Self.insert(entry, forKey: key, into: &generations, capacity: config.capacity)
            return entry.value
        }
    }

    public func store(_ value: Value, forKey key: Key) {
        guard config.capacity > 0 else { return }
        let entry = Entry(value: value, expires: config.ttl.map { .now + $0 })
        generations.withLock { Self.insert(entry, forKey: key, into: &$0, capacity: config.capacity) }
    }

    /// The value for `key`, made by `make` and stored when there is none. Two callers missing at
    /// once both make it; the values are interchangeable, and holding a lock while making one
    /// would serialize every miss.
    public func value(forKey key: Key, orMake make: () throws -> Value) rethrows -> Value {
        if let value = value(forKey: key) { return value }
        let value = try make()
        store(value, forKey: key)
        return value
    }

    private static func isLive(_ entry: Entry, at now: ContinuousClock.Instant) -> Bool {
        entry.expires.map { $0 > now } ?? true
    }

    private static func insert(_ entry: Entry, forKey key: Key, into generations: inout Generations, capacity: Int) {
        if generations.current.count >= capacity, generations.current[key] == nil {
            generations.previous = generations.current
            generations.current = [:]
        }
        generations.current[key] = entry
    }
}
