import Foundation
import Hummingbird

/// A JSON response with a strong `ETag` (a hash of its bytes) that answers `304 Not Modified`
/// when the client's `If-None-Match` already names it. Cheap for the small GET responses it wraps:
/// the body is encoded anyway, hashing it costs microseconds, and a 304 saves the transfer.
struct ETagged<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try encodeJSON(value)
        let etag = EntityTag.of(data)
        if EntityTag.isCurrent(etag, for: request) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return jsonResponse(.ok, data: data, headers: [.eTag: etag])
    }
}
