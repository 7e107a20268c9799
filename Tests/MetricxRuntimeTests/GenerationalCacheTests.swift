import MetricxRuntime
import Testing

struct GenerationalCacheTests {
    @Test func aFullGenerationBecomesTheOldOneAndAHitThereIsKept() {
        let cache = GenerationalCache<String, String>(config: .init(capacity: 2))
        cache.store("a", forKey: "a")
        cache.store("b", forKey: "b")
        cache.store("c", forKey: "c") // a and b are now the old generation
        #expect(cache.value(forKey: "a") == "a") // moved back to the new one, beside c
        cache.store("d", forKey: "d") // {a, c} becomes old, b is dropped
        #expect(cache.value(forKey: "b") == nil)
        #expect(cache.value(forKey: "a") == "a")
        #expect(cache.value(forKey: "c") == "c")
        #expect(cache.value(forKey: "d") == "d")
    }

    @Test func expiredEntriesAreNotServed() {
        let expiring = GenerationalCache<String, Int>(config: .init(capacity: 8, ttl: .zero))
        expiring.store(1, forKey: "k")
        #expect(expiring.value(forKey: "k") == nil)
        let lasting = GenerationalCache<String, Int>(config: .init(capacity: 8, ttl: .seconds(60)))
        lasting.store(1, forKey: "k")
        #expect(lasting.value(forKey: "k") == 1)
    }

    @Test func nothingIsKeptWithoutCapacity() {
        let cache = GenerationalCache<String, String>(config: .init(capacity: 0))
        cache.store("a", forKey: "a")
        #expect(cache.value(forKey: "a") == nil)
    }

    @Test func aMissIsMadeOnceAndThenServed() throws {
        let cache = GenerationalCache<Int, String>()
        var made = 0
        let make = { () -> String in
            made += 1
            return "value"
        }
        #expect(cache.value(forKey: 1, orMake: make) == "value")
        #expect(cache.value(forKey: 1, orMake: make) == "value")
        #expect(made == 1)
        struct Failed: Error {}
        #expect(throws: Failed.self) { try cache.value(forKey: 2) { throw Failed() } }
        #expect(cache.value(forKey: 2) == nil)
    }
}
