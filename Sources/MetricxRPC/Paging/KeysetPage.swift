import Foundation
import MetricxProtos
import MetricxRuntime

/// A page of a listing ordered newest first by `(timestamp, id)`: its size and, from the page
/// token, the row it continues after. Keyset tokens stay stable while new rows arrive, where an
/// offset would skip or repeat them. Tokens read `<microseconds since 1970>_<uuid>`.
public struct KeysetPage: Sendable {
    public var size: Int
    /// The last row of the previous page, or nil for the first page.
    public var after: (time: Date, id: UUID)?

    /// Validates `request`; errors name `page.page_size` or `page.page_token`.
    public init(_ request: Metricx_V1_PageRequest, defaultSize: Int, maximumSize: Int) throws {
        size = try request.size(default: defaultSize, maximum: maximumSize)
        guard !request.pageToken.isEmpty else { return }
        let parts = request.pageToken.split(separator: "_", maxSplits: 1).map(String.init)
        // Rows are written after 1970 and before 10000: a time outside reaches Postgres as an
        // out-of-range timestamp (a 500 before #23) and can only be a forged token.
        guard parts.count == 2, let micros = Int64(parts[0]), Self.microsRange.contains(micros), let id = UUID(uuidString: parts[1]) else {
            throw ServiceError.invalidArgument("is not a token this listing returned", field: "page.page_token")
        }
        after = (Date(timeIntervalSince1970: Double(micros) / 1_000_000), id)
    }

    static let microsRange: ClosedRange<Int64> = 0...253_402_300_799_999_999

    /// The token of the page that continues after the row at `micros` with `id`.
    public static func token(micros: Int64, id: UUID) -> String {
        "\(micros)_\(id.uuidString.lowercased())"
    }

    public static func token(time: Date, id: UUID) -> String {
        token(micros: Int64((time.timeIntervalSince1970 * 1_000_000).rounded()), id: id)
    }
}
