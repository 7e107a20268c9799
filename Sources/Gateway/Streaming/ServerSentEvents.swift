import Foundation
import HTTPTypes
import Hummingbird
import MetricxRuntime

/// A `text/event-stream` response fed by a producer.
///
/// Frames are written as soon as they are produced; a comment line goes out every `keepAlive` so
/// that proxies keep the connection open and a client that has gone away is noticed even while
/// the producer is silent.
///
/// A client that goes away does not cancel the producer: its frames are dropped and it runs to
/// its end (bounded by its upstream deadline). Two reasons. The copilot journals every answer, so
/// a client that lost its connection comes back with `Last-Event-ID` and gets the rest, which
/// only exists if the answer was finished. And cancelling sends the service an RST_STREAM per
/// abandoned answer: HTTP/2 servers close a connection that receives more than 200 in 30 seconds
/// (the rapid-reset defence), failing every other workspace's answer on it, so clients hanging
/// up quickly enough took the copilot down for everyone.
struct ServerSentEvents: Sendable {
    /// Hands frames to the response; safe to call from any task.
    struct Sink: Sendable {
        fileprivate let continuation: AsyncStream<ByteBuffer>.Continuation

        /// Sends `id: <id>` when given (what a client sends back as `Last-Event-ID` to resume),
        /// then `data: <json>`, then the blank line that ends an event.
        func send(_ event: some Encodable, id: String? = nil) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let json = try? encoder.encode(event) else { return }
            var buffer = ByteBuffer()
            if let id, !id.isEmpty, !id.contains(where: \.isNewline) { buffer.writeString("id: \(id)\n") }
            buffer.writeString("data: ")
            buffer.writeBytes(json)
            buffer.writeString("\n\n")
            continuation.yield(buffer)
        }
    }

    var keepAlive: Duration = .seconds(15)

    func response(_ produce: @escaping @Sendable (Sink) async -> Void) -> Response {
        // The body is written after the handler returns, outside the task-local scope the auth
        // middleware set up: carry the request's identity over for the RPCs the producer makes.
        let requestContext = RequestContext.current
        let keepAlive = self.keepAlive
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let (frames, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
                // Not a child of this body, so that leaving it does not cancel the producer.
                Task {
                    await RequestContext.$current.withValue(requestContext) { await produce(Sink(continuation: continuation)) }
                    continuation.finish()
                }
                defer { continuation.finish() } // a client gone: the producer's later frames are dropped
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while true {
                            try await Task.sleep(for: keepAlive)
                            continuation.yield(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                    }
                    // A failed write throws out of here, which ends the keep-alive.
                    for await frame in frames { try await writer.write(frame) }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            })
    }
}
