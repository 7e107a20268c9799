import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A provider API on a real local port: every request is recorded and answered by the test's
/// handler, which speaks the provider's documented JSON.
final class FakeProvider: Sendable {
    struct Call: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: String
        /// 1-based, in arrival order.
        var number: Int
    }

    struct Reply: Sendable {
        var status = 200
        var body: String
        var headers: [String: String] = [:]
        var delay: Duration?
    }

    let calls = Mutex<[Call]>([])
    private let handler: @Sendable (Call) async -> Reply

    init(_ handler: @escaping @Sendable (Call) async -> Reply) {
        self.handler = handler
    }

    var callCount: Int { calls.withLock { $0.count } }

    /// Serves while `body` runs; `body` gets the base URL.
    func serve<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let call = self.calls.withLock { calls -> Call in
                let call = Call(
                    method: "\(request.method)", path: request.uri.path, query: query, headers: headers, body: text, number: calls.count + 1)
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

/// Meta insights rows as the API sends them: numbers as strings, actions with duplicate types.
enum MetaFixtures {
    static func row(ad: Int, day: String, spend: String, purchases: String, revenue: String) -> String {
        """
        {"account_id":"111","account_name":"Shop","campaign_id":"c\(ad % 2)","campaign_name":"Campaign \(ad % 2)",
         "adset_id":"s\(ad)","adset_name":"Set \(ad)","ad_id":"ad\(ad)","ad_name":"Ad \(ad)",
         "spend":"\(spend)","impressions":"1000","clicks":"50",
         "actions":[{"action_type":"purchase","value":"\(purchases)"},{"action_type":"omni_purchase","value":"\(purchases)"},
                    {"action_type":"offsite_conversion.fb_pixel_purchase","value":"\(purchases)"},{"action_type":"link_click","value":"50"},
                    {"action_type":"lead","value":"1"}],
         "action_values":[{"action_type":"purchase","value":"\(revenue)"},{"action_type":"omni_purchase","value":"\(revenue)"}],
         "date_start":"\(day)","date_stop":"\(day)"}
        """
    }

    /// Five rows over three pages of two (the `after` cursor is the page number).
    static func page(_ after: String?, days: [String]) -> String {
        let rows = (0..<5).map { row(ad: $0, day: days[$0 % days.count], spend: "10.50", purchases: "2", revenue: "80.25") }
        let page = Int(after ?? "0") ?? 0
        let slice = rows[(page * 2)..<min(page * 2 + 2, rows.count)]
        let next = page * 2 + 2 < rows.count
            ? #","paging":{"cursors":{"before":"b","after":"\#(page + 1)"},"next":"https://graph.facebook.com/next"}"#
            : #","paging":{"cursors":{"before":"b","after":"\#(page + 1)"}}"#
        return #"{"data":[\#(slice.joined(separator: ","))]\#(next)}"#
    }
}
