import NIOCore

/// Hands an upload's chunks, one at a time, from the handler reading the connection to the task
/// streaming them to a service.
///
/// Why not let that task read the body itself: gRPC cancels a client stream's producer as soon as
/// the service answers, and a body iterator cancelled mid-read ends the connection's input. A
/// service that refuses a file early (a bad header) then left the client, still sending, stuck
/// until the idle timeout closed the connection under it, so a client that sends the whole body
/// before reading (most HTTP libraries) never saw the 422. Here the reader is the handler's own
/// task: once the sender has gone it drops the chunks and keeps reading to the end, and the client
/// reads the service's answer.
actor BodyHandoff {
    private var chunk: ByteBuffer?
    private var ended = false
    private var failure: (any Error)?
    private var senderGone = false
    private var waitingSender: CheckedContinuation<ByteBuffer?, any Error>?
    private var waitingReader: CheckedContinuation<Void, Never>?

    /// Offers `chunk` to the sender and waits until it is taken (back pressure: at most one chunk is
    /// held). False once the sender has gone; the chunk is then dropped.
    @discardableResult
    func send(_ chunk: ByteBuffer) async -> Bool {
        guard !senderGone else { return false }
        if let waitingSender {
            self.waitingSender = nil
            waitingSender.resume(returning: chunk)
            return true
        }
        self.chunk = chunk
        await withCheckedContinuation { waitingReader = $0 }
        return !senderGone
    }

    /// The body has ended, or failed with `error` (the sender's `next()` then throws it).
    func finish(throwing error: (any Error)? = nil) {
        ended = true
        failure = error
        guard let waitingSender else { return }
        self.waitingSender = nil
        if let error { waitingSender.resume(throwing: error) } else { waitingSender.resume(returning: nil) }
    }

    /// The next chunk, nil at the end of the body. A cancelled sender leaves.
    nonisolated func next() async throws -> ByteBuffer? {
        try await withTaskCancellationHandler {
            try await take()
        } onCancel: {
            Task { await self.leave() }
        }
    }

    private func take() async throws -> ByteBuffer? {
        if senderGone { throw CancellationError() }
        if let chunk {
            self.chunk = nil
            resumeReader()
            return chunk
        }
        if ended {
            if let failure { throw failure }
            return nil
        }
        return try await withCheckedThrowingContinuation { waitingSender = $0 }
    }

    /// The sender stops taking chunks: the reader is released and drops the rest.
    func leave() {
        senderGone = true
        chunk = nil
        if let waitingSender {
            self.waitingSender = nil
            waitingSender.resume(throwing: CancellationError())
        }
        resumeReader()
    }

    private func resumeReader() {
        guard let waitingReader else { return }
        self.waitingReader = nil
        waitingReader.resume()
    }
}
