/// One combination of attributes (a cuboid of the data cube) with every leaf mapped to its element:
/// the distinct combination of those attributes' values it belongs to.
struct Cuboid {
    /// Attribute indices, ascending.
    var attributes: [Int]
    /// `element[leaf]`: dense element index.
    var element: [Int32]
    /// Any one leaf of each element, to read its attribute values back.
    var representative: [Int]

    var elementCount: Int { representative.count }

    init(attributes: [Int], table: LeafTable) {
        self.attributes = attributes
        let radices = attributes.map { table.values[$0].count }
        // Mixed-radix keys are exact while the product of the cardinalities fits in an Int; past
        // that the key is the tuple of codes itself.
        let fits = radices.reduce((1, false)) { partial, radix in
            let (product, overflow) = partial.0.multipliedReportingOverflow(by: max(radix, 1))
            return (product, partial.1 || overflow)
        }.1 == false
        var dense: [Int: Int32] = [:]
        var wideDense: [[Int32]: Int32] = [:]
        var element = [Int32](repeating: 0, count: table.count)
        var representative: [Int] = []
        for leaf in 0..<table.count {
            let existing: Int32?
            var key = 0
            var wideKey: [Int32] = []
            if fits {
                for (position, attribute) in attributes.enumerated() {
                    key = key * radices[position] + Int(table.codes[attribute][leaf])
                }
                existing = dense[key]
            } else {
                wideKey = attributes.map { table.codes[$0][leaf] }
                existing = wideDense[wideKey]
            }
            if let index = existing {
                element[leaf] = index
            } else {
                let index = Int32(representative.count)
                if fits { dense[key] = index } else { wideDense[wideKey] = index }
                representative.append(leaf)
                element[leaf] = index
            }
        }
        self.element = element
        self.representative = representative
    }

    /// Every combination of `attributeCount` attributes of 1 up to `maximumLayer` attributes,
    /// smaller layers first.
    static func combinations(attributeCount: Int, maximumLayer: Int) -> [[Int]] {
        var result: [[Int]] = []
        func extend(_ prefix: [Int], from start: Int, size: Int) {
            if prefix.count == size { result.append(prefix); return }
            guard start < attributeCount else { return }
            for next in start..<attributeCount { extend(prefix + [next], from: next + 1, size: size) }
        }
        for size in 1...max(1, min(maximumLayer, attributeCount)) { extend([], from: 0, size: size) }
        return result
    }
}
