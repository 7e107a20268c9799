import Foundation
import MetricxTestSupport
import Testing

@testable import MetricxPostgres

struct CopyEncoderTests {
    /// Day numbers become the same calendar dates Foundation gives, across leap years and
    /// centuries, before 1970 too; before 1583, where Foundation's calendar turns Julian, the
    /// dates are proleptic Gregorian, as Postgres's are.
    @Test func daysBecomeTheirGregorianDates() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -141_000, through: 800_000, by: 997) + [-1, 0, 59, 789, 10_957, 11_016] {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let civil = CopyEncoder.civil(fromDays: days)
            #expect([civil.year, civil.month, civil.day] == [parts.year, parts.month, parts.day], "day \(days)")
        }
        #expect(CopyEncoder.civil(fromDays: -719_162) == (1, 1, 1))
        #expect(CopyEncoder.civil(fromDays: -141_428) == (1582, 10, 14))
    }

    @Test func aBinaryRowIsItsFieldCountThenLengthPrefixedFieldsInNetworkOrder() {
        var encoder = CopyEncoder(format: .binary)
        let header = encoder.bytes.count
        encoder.int16(-2)
        encoder.null()
        encoder.double(1.5)
        encoder.endRow()
        encoder.finish()
        #expect(Array(encoder.bytes.prefix(11)) == Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        #expect(header == 19)
        #expect(
            Array(encoder.bytes.dropFirst(header)) == [
                0, 3, // three fields
                0, 0, 0, 2, 0xFF, 0xFE, // int2 -2
                0xFF, 0xFF, 0xFF, 0xFF, // NULL
                0, 0, 0, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0, // float8 1.5
                0xFF, 0xFF, // trailer
            ])
    }
}

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct CopyFormatTests {
    /// The same rows through both formats read back identical, field for field, including the
    /// values text gets wrong most easily: non-finite and negative-zero doubles, escapes, NULLs,
    /// dates before 1970 and extreme integers.
    @Test(arguments: [CopyFormat.text, .binary])
    func typedRowsRoundTripExactly(format: CopyFormat) async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_copy_typed")
        try await client.query("CREATE TABLE \(table) (n int, a int8, b int4, c int2, d float8, e text, f date)")
        let doubles = [0.1, -0.0, .infinity, -.infinity, 1e-300, 123_456_789.123, .greatestFiniteMagnitude]
        let texts = ["plain", "tab\there", "new\nline", "back\\slash", "ünïcödé ✓", ""]
        let days = [-719_162, -1, 0, 10_957, 20_415, 2_932_896] // 0001-01-01 ... 9999-12-31
        let count = 500
        try await client.withConnection { connection in
            try await connection.copy("COPY \(table) (n, a, b, c, d, e, f) FROM STDIN", format: format) { writer in
                for n in 0..<count {
                    try writer.appendRow { row in
                        row.int32(Int32(n))
                        row.int64(n == 0 ? .min : n == 1 ? .max : Int64(n) * -7)
                        row.int32(n == 2 ? .min : Int32(n))
                        row.int16(n == 3 ? .max : Int16(n % 100) - 50)
                        row.double(doubles[n % doubles.count])
                        if n % 11 == 0 { row.null() } else { row.text(texts[n % texts.count]) }
                        row.date(daysSince1970: days[n % days.count])
                    }
                }
            }
        }
        let rows = try await client.query("SELECT n, a, b, c, d, e, f::text FROM \(table) ORDER BY n").rows
        #expect(rows.count == count)
        let dates = ["0001-01-01", "1969-12-31", "1970-01-01", "2000-01-01", "2025-11-23", "9999-12-31"]
        for (n, row) in rows.enumerated() {
            #expect(try row.decode(Int64.self, at: 1) == (n == 0 ? .min : n == 1 ? .max : Int64(n) * -7))
            #expect(try row.decode(Int.self, at: 2) == (n == 2 ? Int(Int32.min) : n))
            #expect(try row.decode(Int.self, at: 3) == (n == 3 ? Int(Int16.max) : n % 100 - 50))
            let double = try row.decode(Double.self, at: 4)
            #expect(double == doubles[n % doubles.count] && double.sign == doubles[n % doubles.count].sign, "row \(n)")
            #expect(try row.decode(String?.self, at: 5) == (n % 11 == 0 ? nil : texts[n % texts.count]))
            #expect(try row.decode(String.self, at: 6) == dates[n % dates.count])
        }
        try await client.query("DROP TABLE \(table)")
    }

    @Test func aBinaryCopyRefusesUntypedRows() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_copy_untyped")
        try await client.query("CREATE TABLE \(table) (a int8)")
        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { connection in
                try await connection.copy("COPY \(table) (a) FROM STDIN", format: .binary) { try $0.append([Int64(1)]) }
            }
        }
        #expect(error?.code == .encoding)
        #expect(try await client.query("SELECT count(*) FROM \(table)").single().decode(Int.self, at: 0) == 0)
        try await client.query("DROP TABLE \(table)")
    }
}
