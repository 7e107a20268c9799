import Foundation

/// Runs seconds of CPU work (an evaluation over a whole dataset) on a thread of its own, so the
/// tests running beside it keep the cooperative threads.
public func offCooperativeThreads<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
