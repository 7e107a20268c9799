import Testing

@testable import MetricsSvc

struct RecentResultsTests {
    @Test func aFullGenerationBecomesTheOldOneAndAHitThereIsKept() {
        let recent = RecentResults(config: .init(capacity: 2))
        recent.store("a", byteCount: 1, forKey: "a")
        recent.store("b", byteCount: 1, forKey: "b")
        recent.store("c", byteCount: 1, forKey: "c")  // a and b are now the old generation
        #expect(recent.value(String.self, forKey: "a") == "a")  // moved back to the new one, beside c
        recent.store("d", byteCount: 1, forKey: "d")  // {a, c} becomes old, b is dropped
        #expect(recent.value(String.self, forKey: "b") == nil)
        #expect(recent.value(String.self, forKey: "a") == "a")
        #expect(recent.value(String.self, forKey: "c") == "c")
        #expect(recent.value(String.self, forKey: "d") == "d")
    }

    @Test func largeResultsExpiredOnesAndOtherTypesAreNotServed() {
        let recent = RecentResults(config: .init(capacity: 8, maximumBytes: 10, ttl: .zero))
        recent.store("big", byteCount: 11, forKey: "big")
        recent.store("old", byteCount: 1, forKey: "old")
        #expect(recent.value(String.self, forKey: "big") == nil)
        #expect(recent.value(String.self, forKey: "old") == nil)
        let fresh = RecentResults()
        fresh.store("text", byteCount: 4, forKey: "k")
        #expect(fresh.value(Int.self, forKey: "k") == nil)
    }

    @Test func nothingIsKeptWithoutCapacity() {
        let recent = RecentResults(config: .init(capacity: 0))
        recent.store("a", byteCount: 1, forKey: "a")
        #expect(recent.value(String.self, forKey: "a") == nil)
    }
}
