import Foundation
import MetricxProtos
import MetricxRuntime

/// Imports a CSV stream into a workspace: parses as chunks arrive, writes every `batchSize` valid
/// rows through the ``SnapshotWriter`` (each batch one transaction), and reports rows accepted and
/// rejected with reasons. The import is idempotent, so re-sending a file after a failure completes it.
struct CSVImporter: Sendable {
    static let batchSize = 5_000
    static let maximumListedRejections = 1_000

    let writer: SnapshotWriter

    func run<Chunks: AsyncSequence>(
        _ chunks: Chunks, workspaceID: UUID, timeZoneName: String
    ) async throws -> Metricx_V1_CsvImportResponse where Chunks.Element == [UInt8] {
        let timeZone = try WorkspaceTimeZone.resolve(timeZoneName, field: "settings.timezone").zone
        var parser = CSVStreamParser()
        var mapper: CSVRowMapper?
        var rows: [IngestRow] = []
        // In file order: entity ids follow the order entities first appear.
        var entities: [IngestEntity] = []
        var seen: Set<IngestEntity> = []
        var response = Metricx_V1_CsvImportResponse()

        func handle(_ record: CSVStreamParser.Record) throws {
            guard let mapper else {
                mapper = try CSVRowMapper(header: record.fields, timeZone: timeZone)
                return
            }
            if record.fields.count == 1, record.fields[0].isEmpty { return } // blank line
            switch mapper.map(record) {
            case .row(let row, let rowEntities):
                rows.append(row)
                for entity in rowEntities where seen.insert(entity).inserted { entities.append(entity) }
            case .rejected(let rejection):
                response.rowsRejected += 1
                if response.rejections.count < Self.maximumListedRejections {
                    response.rejections.append(rejection.proto)
                } else {
                    response.rejectionsTruncated = true
                }
            }
        }

        func flush() async throws {
            guard !rows.isEmpty else { return }
            let outcome = try await writer.write(workspaceID: workspaceID, timeZone: timeZoneName, entities: entities, rows: rows)
            response.rowsAccepted += Int64(outcome.rows)
            rows.removeAll(keepingCapacity: true)
            entities.removeAll(keepingCapacity: true)
            seen.removeAll(keepingCapacity: true)
        }

        for try await chunk in chunks {
            for record in try parser.feed(chunk) {
                try handle(record)
                if rows.count >= Self.batchSize { try await flush() }
            }
        }
        if parser.isInsideQuotes {
            throw ServiceError.invalidArgument("the file ends inside a quoted field", field: "body")
        }
        if let last = parser.finish() { try handle(last) }
        guard mapper != nil else {
            throw ServiceError.invalidArgument("the file is empty: a header row is required", field: "body")
        }
        try await flush()
        return response
    }
}
