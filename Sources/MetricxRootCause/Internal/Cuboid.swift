/// One combination of attributes (a cuboid of the data cube) with every leaf mapped to its element:
/// the distinct combination of those attributes' values it belongs to.
struct Cuboid {
    /// Attribute indices, ascending.
    var attributes: [Int]
    /// `element[leaf]`: dense element index, numbered in order of first leaf.
    var element: [Int32]
    /// Any one leaf of each element, to read its attribute values back.
    var representative: [Int]

    var elementCount: Int { representative.count }

    /// `parent` refined by one more attribute. A leaf's element is keyed by its parent element and
    /// its value of `attribute`; both are below the leaf count, so the key never overflows however
    /// many attributes the cuboid has.
    private init(refining parent: Cuboid?, by attribute: Int, table: LeafTable) {
        attributes = (parent?.attributes ?? []) + [attribute]
        let radix = table.values[attribute].count
        let codes = table.codes[attribute]
        var dense: [Int: Int32] = [:]
        element = [Int32](repeating: 0, count: table.count)
        representative = []
        for leaf in 0..<table.count {
            let key = Int(parent?.element[leaf] ?? 0) * radix + Int(codes[leaf])
            if let index = dense[key] {
                element[leaf] = index
            } else {
                let index = Int32(representative.count)
                dense[key] = index
                representative.append(leaf)
                element[leaf] = index
            }
        }
    }

    /// Every cuboid of 1 up to `maximumLayer` attributes, smaller layers first and, within a
    /// layer, in lexicographic order of their attributes.
    static func all(of table: LeafTable, maximumLayer: Int) -> [Cuboid] {
        var layer = table.attributes.indices.map { Cuboid(refining: nil, by: $0, table: table) }
        var result = layer
        for _ in 1..<max(1, min(maximumLayer, table.attributes.count)) {
            layer = layer.flatMap { parent in
                ((parent.attributes.last! + 1)..<table.attributes.count).map {
                    Cuboid(refining: parent, by: $0, table: table)
                }
            }
            result += layer
        }
        return result
    }
}
