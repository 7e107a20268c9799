import Foundation
import Testing

@testable import MetricxLineage

@Suite struct DefinitionValidationTests {
    private let netROAS = """
        name: net_roas
        description: Revenue left after spend, per unit of spend.
        owner: growth-team
        unit: ratio
        formula: (revenue - spend) / spend
        tags: [efficiency, finance]
        criticality: high
        """

    private func error(_ yaml: String, custom: [MetricSpec] = []) -> DefinitionError? {
        do {
            let spec = try MetricSpec.parse(yaml: yaml)
            try DefinitionValidator(custom: Dictionary(uniqueKeysWithValues: custom.map { ($0.name, $0) })).validate(spec)
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidDocumentParses() throws {
        let spec = try MetricSpec.parse(yaml: netROAS)
        #expect(spec.name == "net_roas")
        #expect(spec.unit == .ratio)
        #expect(spec.criticality == .high)
        #expect(spec.tags == ["efficiency", "finance"])
        #expect(spec.references == ["revenue", "spend"])
        #expect(error(netROAS) == nil)
    }

    @Test func theExamplesAreValid() throws {
        guard let directory = Self.examples else { return }
        var custom: [MetricSpec] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 3)
        // Files are numbered so each names only metrics defined before it.
        for file in files {
            let yaml = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            #expect(error(yaml, custom: custom) == nil, "\(file)")
            custom.append(try MetricSpec.parse(yaml: yaml))
        }
    }

    static var examples: String? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../examples/metrics")
            .standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test func malformedYAMLPointsAtTheLine() {
        let failure = error("name: x\nunit: [ratio\nformula: a")
        #expect(failure?.code == .malformedYAML)
        #expect(failure?.line == 3)
        #expect(error("- just\n- a list")?.code == .malformedYAML)
    }

    @Test func fieldErrorsNameTheField() {
        #expect(
            error("name: x\nunit: ratio\nformla: revenue / spend")
                == DefinitionError(
                    .invalidField, "unknown field \"formla\"; known: name, description, owner, unit, formula, sql, tags, criticality",
                    line: 3))
        #expect(error("name: Net-ROAS\nunit: ratio\nformula: revenue / spend")?.line == 1)
        #expect(error("name: x\nunit: furlongs\nformula: revenue")?.message.contains("\"unit\" must be one of") == true)
        #expect(error("name: x\nunit: count\ncriticality: urgent\nformula: revenue")?.line == 3)
        #expect(
            error("name: x\nunit: count")
                == DefinitionError(
                    .invalidField, "a metric needs a formula (over other metrics) or sql (for a raw source)", line: 1))
        #expect(error("name: x\nunit: count\nformula: clicks\nsql: SELECT 1")?.message == "give either formula or sql, not both")
        #expect(error("name: x\nunit: count\ntags: finance\nformula: clicks")?.line == 3)
        #expect(error("unit: count\nformula: clicks")?.message == "\"name\" is required")
    }

    @Test func nameClashes() {
        #expect(
            error("name: roas\nunit: ratio\nformula: revenue / spend")
                == DefinitionError(
                    .nameClash, "\"roas\" is a built-in metric; choose another name", line: 1))
        #expect(error("name: campaign\nunit: count\nformula: clicks")?.code == .nameClash)
    }

    @Test func malformedFormulasPointAtTheColumn() {
        let failure = error("name: x\nunit: ratio\nformula: (revenue - spend / spend")
        #expect(failure?.code == .malformedFormula)
        #expect(failure?.line == 3)
        #expect(failure?.column == 34)
        #expect(failure?.description.hasPrefix("line 3, column 34: formula:") == true)
    }

    @Test func unknownReferences() {
        let failure = error("name: x\nunit: ratio\nformula: revenue / spendd")
        #expect(failure?.code == .unknownReference)
        #expect(failure?.line == 3)
        #expect(failure?.column == 20)
        #expect(failure?.message.contains("\"spendd\"") == true)
    }

    @Test func cyclesThroughOtherDefinitions() throws {
        let a = try MetricSpec.parse(yaml: "name: a\nunit: count\nformula: b + 1")
        let b = try MetricSpec.parse(yaml: "name: b\nunit: count\nformula: c * 2")
        let c = MetricSpec(name: "c", unit: .count, body: .formula("clicks"))
        // Redefining c in terms of a closes a -> b -> c -> a.
        let failure = error("name: c\nunit: count\nformula: a - clicks", custom: [a, b, c])
        #expect(failure?.code == .cycle)
        #expect(failure?.message == "formula: c would depend on itself: c -> a -> b -> c")
        #expect(error("name: d\nunit: count\nformula: d + 1")?.code == .cycle)
    }

    @Test func malformedSQLPointsAtTheDocumentLine() {
        let yaml = """
            name: refunds
            unit: currency
            sql: |
              SELECT r.amount
              FROM shopify.refunds r
              WHERE r.created_at >
            """
        let failure = error(yaml)
        #expect(failure?.code == .malformedSQL)
        #expect(failure?.line == 6)
        #expect(error("name: refunds\nunit: currency\nsql: SELECT r.amount FROM shopify.refunds r")?.code == nil)
    }

    @Test func dependents() throws {
        let a = try MetricSpec.parse(yaml: "name: a\nunit: count\nformula: clicks + 1")
        let b = try MetricSpec.parse(yaml: "name: b\nunit: count\nformula: a * 2")
        #expect(DefinitionValidator(custom: ["a": a, "b": b]).dependents(of: "a") == ["b"])
    }
}
