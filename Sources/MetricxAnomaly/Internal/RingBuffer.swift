/// The last `capacity` values of a stream, oldest first; appending to a full buffer drops the oldest.
struct RingBuffer<Element>: Sendable where Element: Sendable {
    private var storage: [Element] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a ring buffer holds at least one element")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    var count: Int { storage.count }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// The newest `n` values (fewer when the buffer holds fewer), oldest first.
    func suffix(_ n: Int) -> [Element] {
        let take = Swift.min(n, storage.count)
        var result: [Element] = []
        result.reserveCapacity(take)
        let start = storage.count - take
        for offset in start..<storage.count {
            result.append(storage[(head + offset) % storage.count])
        }
        return result
    }

    /// The values in storage order, which is all a statistic that ignores order needs.
    var unordered: [Element] { storage }
}
