import Foundation
import Testing

@testable import Gateway

/// `openapi.yaml` becomes the JSON served at `/openapi.json`: types as YAML resolves them, the
/// file's order of keys, and a clear error instead of a half-converted document.
struct OpenAPIDocumentTests {
    @Test func scalarsKeepTheirYAMLTypesAndKeysTheirOrder() throws {
        let yaml = """
            zeta: 1
            alpha:
              count: 42
              ratio: 0.5
              on: true
              off: false
              nothing: null
              quoted: '200'
              version: 1.0.0
              text: |
                two
                lines
            list:
            - a
            - 3
            """
        let json = try OpenAPIDocument.json(fromYAML: yaml)
        #expect(
            json
                == #"{"zeta":1,"alpha":{"count":42,"ratio":0.5,"on":true,"off":false,"nothing":null,"quoted":"200","version":"1.0.0","text":"two\nlines\n"},"list":["a",3]}"#
        )
    }

    @Test func badInputIsAnErrorNotADocument() {
        #expect(throws: OpenAPIDocumentError.self) { try OpenAPIDocument.json(fromYAML: "a: [unclosed") }
        #expect(throws: OpenAPIDocumentError.self) { try OpenAPIDocument.json(fromYAML: "") }
        #expect(throws: OpenAPIDocumentError.self) { try OpenAPIDocument.load(from: URL(filePath: "/nonexistent/openapi.yaml")) }
    }
}
