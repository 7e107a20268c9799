import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A third party's HTTP endpoint on a real local port (a provider API, a webhook receiver):
/// every request is recorded and answered by the test's handler, which speaks the documented JSON.
public final class FakeProvider: Sendable {
    public struct Call: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var headers: [String: String]
        public var body: String
        /// 1-based, in arrival order.
        public var number: Int
    }

    public struct Reply: Sendable {
        public var status = 200
        public var body: String
        public var headers: [String: String] = [:]
        public var delay: Duration?

        public init(status: Int = 200, body: String, headers: [String: String] = [:], delay: Duration? = nil) {
            self.status = status
            self.body = body
            self.headers = headers
            self.delay = delay
        }
    }

    public let calls = Mutex<[Call]>([])
    private let handler: @Sendable (Call) async -> Reply

    public init(_ handler: @escaping @Sendable (Call) async -> Reply) {
        self.handler = handler
    }

    public var callCount: Int { calls.withLock { $0.count } }

    /// Serves while `body` runs; `body` gets the base URL.
    public func serve<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let call = self.calls.withLock { calls -> Call in
                let call = Call(
                    method: "\(request.method)", path: request.uri.path, query: query, headers: headers, body: text, number: calls.count + 1
                )
                calls.append(call)
                return call
            }
            let reply = await self.handler(call)
            if let delay = reply.delay { try? await Task.sleep(for: delay) }
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        router.get("**", use: respond)
        router.post("**", use: respond)
        return try await Application(router: router).test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}
