import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import Gateway

/// #23: a request whose head never finished held its connection open indefinitely. The gateway's
/// server closes it after HTTP_IDLE_TIMEOUT, even while the client trickles header bytes.
@Suite struct IdleTimeoutTests {
    @Test func aRequestHeadThatNeverFinishesIsClosed() async throws {
        let configuration = try GatewayConfiguration(
            environment: EnvironmentReader(["HTTP_PORT": "0", "HTTP_IDLE_TIMEOUT": "1s"]))
        let app = buildApplication(
            GatewayDependencies(store: InMemoryWorkspaceStore(), readinessChecks: []), configuration: configuration,
            logger: Logger(label: "test"))
        try await app.test(.live) { live in
            let port = try #require(live.port)
            // The head never finishes: every byte of it but the blank line that would end it goes
            // out, one per 200 ms (about 50 s), and then the client only waits. The deadline is
            // generous because a stalled test process (CI once froze it for 20 s) stops the
            // server's clock but not this client's; the server still has to close first. The
            // blocking client runs on a thread of its own, off Swift's cooperative pool.
            let closedAfter = try await offCooperativeThreads { try Self.trickleHeaders(port: port, for: .seconds(90)) }
            #expect(closedAfter != nil, "the server kept the connection open while the head never finished")
        }
    }

    /// Sends one header byte every 200 ms, never the blank line that ends a head, then waits;
    /// returns how long until the server closed the connection, or nil if it was still open
    /// after `limit`.
    private static func trickleHeaders(port: Int, for limit: Duration) throws -> Duration? {
        let fd = try LoopbackSocket.connect(port: port, timeout: timeval(tv_sec: 0, tv_usec: 200_000))
        defer { close(fd) }
        let head = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 200)
        let start = ContinuousClock.now
        var sent = 0
        var buffer = [UInt8](repeating: 0, count: 512)
        while ContinuousClock.now - start < limit {
            if sent < head.count {
                if send(fd, [head[sent]], 1, Int32(MSG_NOSIGNAL)) < 0 { return ContinuousClock.now - start }
                sent += 1
            }
            let read = recv(fd, &buffer, buffer.count, 0)
            if read == 0 { return ContinuousClock.now - start } // closed by the server
            if read < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return ContinuousClock.now - start }
        }
        return nil
    }
}
