import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP load generator of the latency table: keep-alive HTTP/1.1 connections, each carrying
/// one request at a time, written straight onto NIO.
///
/// The load shares the stack's two cores, so a heavy client shows up as server latency: with
/// AsyncHTTPClient's pool and body streaming, the dashboard served about a fifth fewer requests
/// a second at concurrency 32 than under `wrk`; with this client, about as many.
final class HTTPLoadClient: @unchecked Sendable {
    struct Response {
        var status: HTTPResponseStatus
        var body: ByteBuffer
    }

    private let host: String
    private let port: Int
    private let group: any EventLoopGroup
    private let lock = NSLock()
    private var idle: [Connection] = []

    /// `base` is `http://host:port`.
    init(base: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        let url = URL(string: base)!
        host = url.host ?? "127.0.0.1"
        port = url.port ?? 80
        self.group = group
    }

    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: String?) async throws -> Response {
        let connection = try await take()
        let response = try await connection.send(method, path, host: host, headers: headers, body: body)
        lock.withLock { idle.append(connection) }
        return response
    }

    func close() async {
        let all = lock.withLock { defer { idle = [] }; return idle }
        for connection in all { try? await connection.channel.close() }
    }

    private func take() async throws -> Connection {
        if let connection = lock.withLock({ idle.popLast() }) { return connection }
        let handler = ResponseHandler()
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: host, port: port).get()
        return Connection(channel: channel, handler: handler)
    }

    private struct Connection {
        var channel: any Channel
        var handler: ResponseHandler

        func send(_ method: HTTPMethod, _ path: String, host: String, headers: [(String, String)], body: String?) async throws -> Response {
            let promise = channel.eventLoop.makePromise(of: Response.self)
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
            head.headers.add(name: "Host", value: host)
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            let bytes = body.map { ByteBuffer(string: $0) }
            head.headers.add(name: "Content-Length", value: String(bytes?.readableBytes ?? 0))
            channel.eventLoop.execute { [channel, handler] in
                handler.pending = promise
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                if let bytes { channel.write(HTTPClientRequestPart.body(.byteBuffer(bytes)), promise: nil) }
                channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { promise.fail($0) }
            }
            return try await promise.futureResult.get()
        }
    }

    /// Collects one response and completes the request waiting for it. Used on its event loop only.
    private final class ResponseHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart

        var pending: EventLoopPromise<Response>?
        private var status: HTTPResponseStatus = .ok
        private var body = ByteBuffer()

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                status = head.status
                body.clear()
            case .body(var part):
                body.writeBuffer(&part)
            case .end:
                let promise = pending
                pending = nil
                promise?.succeed(Response(status: status, body: body))
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            pending?.fail(error)
            pending = nil
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            struct Closed: Error {}
            pending?.fail(Closed())
            pending = nil
        }
    }
}
