import Foundation
import MetricxRedis
import MetricxTestSupport
import Testing

@Suite(.enabled(if: TestEnvironment.hasRedis, "needs the Redis started by make test"))
struct RedisClientTests {
    @Test func commandsReturnTypedRepliesAndAreBinarySafe() async throws {
        let redis = TestEnvironment.redisClient()
        defer { Task { await redis.shutdown() } }
        let key = TestEnvironment.uniqueName("test:typed")
        let binary: [UInt8] = [0, 13, 10, 255, 32, 0]
        #expect(try await redis.send("SET", key, binary) == .status("OK"))
        #expect(try await redis.send("GET", key) == .string(binary))
        #expect(try await redis.send("STRLEN", key) == .integer(6))
        #expect(try await redis.send("GET", key + ":missing") == .null)
        #expect(try await redis.send("DEL", key) == .integer(1))

        let error = await #expect(throws: RedisError.self) {
            try await redis.send("LPUSH", key, "a")
            try await redis.send("INCR", key)
        }
        #expect(error?.code == .server)
        #expect(error?.message.hasPrefix("WRONGTYPE") == true)
        #expect(error?.description.contains(key) == false)
        try await redis.send("DEL", key)
    }

    @Test func pipelineSendsManyCommandsInOneRoundTrip() async throws {
        let redis = TestEnvironment.redisClient()
        defer { Task { await redis.shutdown() } }
        let key = TestEnvironment.uniqueName("test:pipeline")
        var commands = (1...1000).map { RedisCommand("RPUSH", key, $0) }
        commands.append(RedisCommand("LRANGE", key, 0, 2))
        commands.append(RedisCommand("EXPIRE", key, 60))
        let replies = try await redis.pipeline(commands)
        #expect(replies.count == 1002)
        #expect(replies[999] == .integer(1000))
        #expect(replies[1000] == .array([.string(Array("1".utf8)), .string(Array("2".utf8)), .string(Array("3".utf8))]))
        #expect(replies[1001] == .integer(1))

        // An error reply in the middle is reported after every reply was read: the connection
        // stays in step for the next command.
        await #expect(throws: RedisError.self) {
            try await redis.pipeline([RedisCommand("LLEN", key), RedisCommand("INCR", key), RedisCommand("LLEN", key)])
        }
        #expect(try await redis.send("LLEN", key) == .integer(1000))
        try await redis.send("DEL", key)
    }

    @Test func blockingPopWaitsOnADedicatedConnection() async throws {
        let redis = TestEnvironment.redisClient(maximumConnections: 1)
        defer { Task { await redis.shutdown() } }
        let key = TestEnvironment.uniqueName("test:queue")

        // Nothing there: the pop times out and returns nil.
        let empty = try await redis.withDedicatedConnection { try await $0.blockingPop([key], timeout: .milliseconds(200)) }
        #expect(empty == nil)

        try await withThrowingTaskGroup(of: (key: String, value: [UInt8])?.self) { group in
            group.addTask {
                try await redis.withDedicatedConnection { try await $0.blockingPop([key], timeout: .seconds(5)) }
            }
            try await Task.sleep(for: .milliseconds(200))
            // The pooled connection (only one) is free while the pop blocks on its own connection.
            try await redis.send("RPUSH", key, "job-1")
            let popped = try await group.next()!
            #expect(popped?.key == key)
            #expect(popped.map { String(decoding: $0.value, as: UTF8.self) } == "job-1")
        }
    }
}

@Suite(.enabled(if: TestEnvironment.canStartServers, "needs scripts/local-services (make test)"))
struct RedisReconnectTests {
    @Test func reconnectsAfterTheServerRestarts() async throws {
        try await TestEnvironment.withOwnRedis { directory, port in
            let redis = TestEnvironment.redisClient(url: "redis://127.0.0.1:\(port)/0", maximumConnections: 2)
            try await redis.send("SET", "survives", "yes")
            try await TestEnvironment.services("redis-restart", directory)

            // The pooled connection went stale; the client notices before using it and reconnects.
            #expect(try await redis.send("GET", "survives") == .string(Array("yes".utf8))) // AOF kept it

            try await TestEnvironment.services("redis-stop", directory)
            let error = await #expect(throws: RedisError.self) { try await redis.send("PING") }
            #expect(error?.serviceError.code == .unavailable)
            try await TestEnvironment.services("redis-start", directory, String(port))
            #expect(try await redis.send("PING") == .status("PONG"))
            await redis.shutdown()
        }
    }
}
