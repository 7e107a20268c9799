import MetricxRootCause
import MetricxRuntime
import Testing

@Suite("Localization CSV")
struct LeafTableCSVTests {
    func parse(_ text: String) throws -> LeafTable { try LeafTable.parseCSV(Array(text.utf8)) }

    func rejection(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as ServiceError {
            #expect(error.code == .invalidArgument)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("additive and ratio layouts, attribute columns in any position")
    func layouts() throws {
        let additive = try parse("real,predict,a,b\n1,2,x,y\n3,4,x,z\n")
        #expect(additive.attributes == ["a", "b"])
        #expect(additive.values[1] == ["y", "z"])
        guard case .additive(let real, let predict) = additive.measure else {
            Issue.record("not additive")
            return
        }
        #expect(real == [1, 3] && predict == [2, 4])

        let ratio = try parse("cdn,real_a,predict_a,real_b,predict_b\r\n\"5,1\",1,2,3,4\r\n")
        #expect(ratio.values[0] == ["5,1"])
        guard case .ratio(_, _, let realB, _) = ratio.measure else {
            Issue.record("not ratio")
            return
        }
        #expect(realB == [3])
    }

    @Test("numbers may carry spaces or tabs around them")
    func paddedNumbers() throws {
        let table = try parse("a,real,predict\nx, 1.5 ,\t2\ny,3,4\t\n")
        guard case .additive(let real, let predict) = table.measure else {
            Issue.record("not additive")
            return
        }
        #expect(real == [1.5, 3] && predict == [2, 4])
        #expect(rejection("a,real,predict\nx, ,2\n")?.contains("line 2, column real") == true)
    }

    @Test("bad input names the line and column")
    func badInput() {
        #expect(rejection("")?.contains("empty") == true)
        #expect(rejection("a,real,predict\n")?.contains("no rows") == true)
        #expect(rejection("a,b\nx,y\n")?.contains("missing column \"real\"") == true)
        #expect(rejection("real,predict\n1,2\n")?.contains("no attribute") == true)
        #expect(rejection("a,real,predict,real_a\nx,1,2,3\n")?.contains("not both") == true)
        #expect(rejection("a,a,real,predict\nx,x,1,2\n")?.contains("appears twice") == true)
        #expect(rejection("a,real,predict\nx,1,2\ny,1\n")?.contains("line 3") == true)
        #expect(rejection("a,real,predict\nx,1,two\n")?.contains("line 2, column predict") == true)
        #expect(rejection("a,real,predict\nx,nan,2\n")?.contains("finite") == true)
        #expect(rejection("a,real_a,predict_a,real_b,predict_b\nx,1,2,-3,4\n")?.contains("negative") == true)
        #expect(rejection("a,real,predict\n\"x,1,2\n")?.contains("quoted") == true)
        #expect(throws: ServiceError.self) {
            try LeafTable.parseCSV(Array("a,real,predict\nx,1,2\ny,1,2\n".utf8), limits: .init(maximumLeaves: 1, maximumAttributes: 4))
        }
    }
}
