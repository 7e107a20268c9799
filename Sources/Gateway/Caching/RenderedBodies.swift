import MetricxRuntime

/// Response bodies already written from an identical answer of a service.
///
/// A dashboard being looked at is asked for again and again, and MetricsSvc answers a repeat from
/// its cache with the same bytes: those bytes, with whatever else the body is made of (the
/// `variant`), find the JSON and ETag written the first time, without decoding the answer or
/// writing JSON again. Keyed by content, an entry is never stale; memory is bounded by the
/// cache's two generations of `capacity` bodies.
final class RenderedBodies: Sendable {
    struct Key: Hashable, Sendable {
        var variant: String
        var answer: [UInt8]

        /// The answer's bytes in one call: an array hashes element by element.
        func hash(into hasher: inout Hasher) {
            hasher.combine(variant)
            answer.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let bodies: GenerationalCache<Key, ETagged>

    init(capacity: Int = 128) {
        bodies = GenerationalCache(config: .init(capacity: capacity))
    }

    func body(variant: String, answer: [UInt8], render: () throws -> ETagged) rethrows -> ETagged {
        try bodies.value(forKey: Key(variant: variant, answer: answer), orMake: render)
    }
}
