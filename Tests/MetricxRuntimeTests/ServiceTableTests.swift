import Foundation
import MetricxRuntime
import Testing

/// `services.tsv` is the one list of services and ports; the Swift side is generated from it
/// (`scripts/generate-service-table`) and must not drift.
struct ServiceTableTests {
    static let table = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "services.tsv")

    @Test func theSwiftSideIsTheTable() throws {
        let text = try String(contentsOf: Self.table, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            .map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == ServiceName.allCases.count, "run scripts/generate-service-table after editing services.tsv")
        for (row, service) in zip(rows, ServiceName.allCases) {
            #expect(row == [service.rawValue, service.displayName, "\(service.defaultGRPCPort)", "\(service.defaultAdminPort)"])
        }
    }
}
