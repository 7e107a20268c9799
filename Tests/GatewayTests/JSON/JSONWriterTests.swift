import Foundation
import Testing

@testable import Gateway

struct JSONWriterTests {
    private func written(_ value: some JSONWritable) -> String {
        var json = JSONWriter()
        value.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func stringsAreEscapedAsRFC8259Requires() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t return \r bell \u{7} nul \u{0} émoji 📈 </script>"
        let text = written(nasty)
        #expect(text == #""quote \" backslash \\ newline \n tab \t return \r bell \u0007 nul \u0000 émoji 📈 </script>""#)
        // And any JSON parser reads the original back.
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [String]
        #expect(parsed == [nasty])
    }

    @Test func numbersAreShortestAndNeverInvalid() {
        #expect(written(12.0) == "12")
        #expect(written(-0.5) == "-0.5")
        #expect(written(0.1 + 0.2) == "0.30000000000000004")
        #expect(written(1e-7) == "1e-07")
        #expect(written(1e300) == "1e+300")
        #expect(written(Double.nan) == "null")
        #expect(written(-Double.infinity) == "null")
        #expect(written(Int64.min) == "-9223372036854775808")
        #expect(written(Double?.none) == "null")
    }

    @Test func containersSeparateTheirMembersAndSortDictionaryKeys() throws {
        var json = JSONWriter()
        json.object {
            $0.field("empty", object: { _ in })
            $0.field("list", [1.0, 2.5])
            $0.field("none", [Double]())
            $0.field("values", ["z": 1.0, "a": nil, "m": 2.0] as [String: Double?])
            $0.field("nested", array: [true, false]) { json, flag in
                json.object { $0.field("flag", flag) }
            }
        }
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"{"empty":{},"list":[1,2.5],"none":[],"values":{"a":null,"m":2,"z":1},"nested":[{"flag":true},{"flag":false}]}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(json.bytes)) is [String: Any])
    }
}
