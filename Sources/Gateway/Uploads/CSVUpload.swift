import Foundation
import Hummingbird
import NIOCore

/// Uploads sent as CSV (`POST /imports/csv`, `POST /rca/localize`): the content type and the size
/// limit are checked the same way on every route.
enum CSVUpload {
    /// Refuses, before any byte is read, a body that is not `text/csv` (415) or that declares a
    /// length above `limit` (413).
    static func check(_ request: Request, limit: Int) throws {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("text/csv") || contentType.hasPrefix("application/csv") else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", "send the file as text/csv")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
    }

    /// The whole body after ``check(_:limit:)``; 413 as soon as it passes `limit`.
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        try check(request, limit: limit)
        do {
            return Data(buffer: try await request.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
    }
}
