import Foundation
import NIOPosix

/// A connection of its own, for commands that block on the server. Reconnects on the next command
/// after it broke.
public struct RedisDedicatedConnection: Sendable {
    let raw: HiredisConnection
    let threadPool: NIOThreadPool
    let configuration: RedisConfiguration

    /// Sends a command whose server-side blocking lasts at most `blockingFor`; the socket timeout
    /// is stretched to cover it.
    @discardableResult
    public func send(
        _ command: String, _ arguments: any RedisArgument..., blockingFor: Duration = .zero
    ) async throws -> RedisValue {
        try await send(command, arguments: arguments, blockingFor: blockingFor)
    }

    @discardableResult
    public func send(
        _ command: String, arguments: [any RedisArgument], blockingFor: Duration = .zero
    ) async throws -> RedisValue {
        let argv = [Array(command.utf8)] + arguments.map(\.redisBytes)
        let timeout = configuration.commandTimeout + blockingFor
        let raw = self.raw
        do {
            return try await threadPool.runIfActive {
                if !raw.isOpen { try raw.connect() }
                raw.setTimeout(timeout)
                return try raw.command(argv)
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.poolClosed, message: "the connection is shutting down")
        }
    }

    /// `BLPOP key... timeout`: the popped `(key, value)`, or nil when the timeout passed.
    public func blockingPop(_ keys: [String], timeout: Duration) async throws -> (key: String, value: [UInt8])? {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let arguments: [any RedisArgument] = keys + [String(format: "%.3f", seconds)]
        let reply = try await send("BLPOP", arguments: arguments, blockingFor: timeout)
        guard let items = reply.array, items.count == 2, let key = items[0].string,
            case .string(let value) = items[1]
        else { return nil }
        return (key, value)
    }
}
