import MetricxProtos
import Synchronization

/// The serving status of a process and of each service it hosts, as `grpc.health.v1` reports it.
/// The empty name is the whole server. Setting a status wakes every `Watch` stream.
public final class HealthStatus: Sendable {
    public typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = [:]
        var watchers: [UInt64: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets one service's status (`""` for the whole server).
    public func set(_ status: Status, for service: String = "") {
        let watchers = state.withLock { state in
            state.statuses[service] = status
            return state.watchers.values.filter { $0.service == service }.map(\.continuation)
        }
        for watcher in watchers { watcher.yield(status) }
    }

    /// Marks every known service NOT_SERVING: the server is draining.
    public func drain() {
        let names = state.withLock { Array($0.statuses.keys) }
        for name in names { set(.notServing, for: name) }
    }

    /// The status of `service`, or nil when it was never registered.
    public func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// The current status followed by every change, and a closure that ends the stream.
    func updates(of service: String) -> (stream: AsyncStream<Status>, finish: @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state -> UInt64 in
            state.nextWatcher += 1
            state.watchers[state.nextWatcher] = (service, continuation)
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            return state.nextWatcher
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
        }
        return (stream, { continuation.finish() })
    }
}
