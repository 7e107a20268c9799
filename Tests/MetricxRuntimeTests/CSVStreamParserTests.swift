import MetricxRuntime
import Testing

@Suite struct CSVStreamParserTests {
    @Test func quotedFieldsDoubledQuotesAndCRLFStreamByteByByte() throws {
        var parser = CSVStreamParser()
        var records: [CSVStreamParser.Record] = []
        for byte in Array("a,\"b,\"\"c\"\"\"\r\n\"multi\nline\",2\n".utf8) { records += try parser.feed([byte]) }
        #expect(records.map(\.fields) == [["a", "b,\"c\""], ["multi\nline", "2"]])
        #expect(records.map(\.line) == [1, 2])
    }

    /// #23: a single quoted field of 32 MiB was buffered whole. A field past the limit ends the
    /// parse at once, naming the line, whichever way the bytes arrive.
    @Test(arguments: [1, 4_096])
    func aFieldPastTheLimitIsRefusedNamingTheLine(chunk: Int) {
        var parser = CSVStreamParser(maximumFieldBytes: 1_000)
        let bytes = Array("a,b\n1,\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000)
        let error = #expect(throws: ServiceError.self) {
            var offset = 0
            while offset < bytes.count {
                _ = try parser.feed(bytes[offset..<min(offset + chunk, bytes.count)])
                offset += chunk
            }
        }
        #expect(error?.field == "csv")
        #expect(error?.message == "line 2: a field is longer than 1000 bytes")
    }

    @Test func aRecordWithTooManyFieldsIsRefused() {
        var parser = CSVStreamParser(maximumFields: 10)
        let error = #expect(throws: ServiceError.self) { try parser.feed(Array(String(repeating: ",", count: 50).utf8)) }
        #expect(error?.message == "line 1: more than 10 fields")
    }
}
