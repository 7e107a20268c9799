import Foundation

/// Isolation Forest (Liu, Ting and Zhou, 2008): points that random axis-aligned splits isolate in
/// few steps are unusual. Trained on a sample of recent feature vectors; the score of a vector is
/// `2^(-E[h]/c(ψ))`, about 0.5 for ordinary points and towards 1 for isolated ones.
public struct IsolationForest: Sendable {
    /// How the forest is grown.
    public struct Config: Sendable, Hashable {
        public var trees: Int
        /// ψ: the points each tree is grown from.
        public var sampleSize: Int

        public init(trees: Int, sampleSize: Int) {
            self.trees = trees
            self.sampleSize = sampleSize
        }

        /// The paper's recommendation, with half its trees: the scores change by under 1% and
        /// scoring costs half.
        public static let defaults = Config(trees: 50, sampleSize: 128)
    }

    private struct Node: Sendable {
        var feature: Int32 // -1 for a leaf
        var split: Double // for a leaf: its depth plus the expected depth of the points it holds
        var left: Int32
        var right: Int32
    }

    /// Each tree's nodes, its root first: a tree can be replaced without touching the others.
    private var trees: [[Node]] = []
    private let normaliser: Double
    private let sampleSize: Int
    private let heightLimit: Int
    public let dimensions: Int

    /// Grows a forest from `vectors` (each of `dimensions` values, laid out one after another).
    public init<G: RandomNumberGenerator>(
        vectors: [Double], dimensions: Int, config: Config = .defaults, using generator: inout G
    ) {
        precondition(dimensions > 0 && vectors.count % dimensions == 0, "vectors must be whole")
        self.dimensions = dimensions
        let count = vectors.count / dimensions
        sampleSize = Swift.max(1, Swift.min(config.sampleSize, count))
        normaliser = Swift.max(Self.averagePathLength(sampleSize), 1)
        heightLimit = Int(log2(Double(Swift.max(sampleSize, 2))).rounded(.up))
        guard count > 0 else { return }
        for _ in 0..<config.trees {
            trees.append(grownTree(vectors: vectors, using: &generator))
        }
    }

    /// Regrows tree `index` (modulo the forest's size) from `vectors`: retraining one tree per
    /// new point keeps the forest as fresh as a periodic full retrain without its latency spikes.
    public mutating func regrowTree<G: RandomNumberGenerator>(_ index: Int, vectors: [Double], using generator: inout G) {
        guard !trees.isEmpty, vectors.count / dimensions >= sampleSize else { return }
        trees[index % trees.count] = grownTree(vectors: vectors, using: &generator)
    }

    private func grownTree<G: RandomNumberGenerator>(vectors: [Double], using generator: inout G) -> [Node] {
        let count = vectors.count / dimensions
        // A partial Fisher–Yates shuffle draws the sample without replacement.
        var indices = Array(0..<count)
        for i in 0..<sampleSize {
            indices.swapAt(i, Int.random(in: i..<count, using: &generator))
        }
        var nodes: [Node] = []
        var sample = Array(indices[0..<sampleSize])
        _ = grow(&sample, vectors: vectors, depth: 0, into: &nodes, using: &generator)
        return nodes
    }

    /// The anomaly score of one vector, in (0, 1].
    public func score(_ vector: [Double]) -> Double {
        precondition(vector.count == dimensions, "a vector of the forest's dimensions")
        guard !trees.isEmpty else { return 0.5 }
        var total = 0.0
        for nodes in trees {
            var index = 0
            while nodes[index].feature >= 0 {
                let node = nodes[index]
                index = Int(vector[Int(node.feature)] < node.split ? node.left : node.right)
            }
            total += nodes[index].split
        }
        return exp2(-(total / Double(trees.count)) / normaliser)
    }

    private func grow<G: RandomNumberGenerator>(
        _ sample: inout [Int], vectors: [Double], depth: Int, into nodes: inout [Node], using generator: inout G
    ) -> Int32 {
        let size = sample.count
        if depth >= heightLimit || size <= 1 {
            return leaf(depth: depth, size: size, into: &nodes)
        }
        // Split on a feature that still varies inside this node, uniformly between its bounds.
        var candidates: [(feature: Int, low: Double, high: Double)] = []
        for feature in 0..<dimensions {
            var low = Double.infinity
            var high = -Double.infinity
            for point in sample {
                let value = vectors[point * dimensions + feature]
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
            if high > low { candidates.append((feature, low, high)) }
        }
        guard let chosen = candidates.randomElement(using: &generator) else {
            return leaf(depth: depth, size: size, into: &nodes)
        }
        let split = Double.random(in: chosen.low..<chosen.high, using: &generator)
        var left = sample.filter { vectors[$0 * dimensions + chosen.feature] < split }
        var right = sample.filter { vectors[$0 * dimensions + chosen.feature] >= split }
        let index = Int32(nodes.count)
        nodes.append(Node(feature: Int32(chosen.feature), split: split, left: -1, right: -1))
        let leftIndex = grow(&left, vectors: vectors, depth: depth + 1, into: &nodes, using: &generator)
        let rightIndex = grow(&right, vectors: vectors, depth: depth + 1, into: &nodes, using: &generator)
        nodes[Int(index)].left = leftIndex
        nodes[Int(index)].right = rightIndex
        return index
    }

    private func leaf(depth: Int, size: Int, into nodes: inout [Node]) -> Int32 {
        nodes.append(Node(feature: -1, split: Double(depth) + Self.averagePathLength(size), left: -1, right: -1))
        return Int32(nodes.count - 1)
    }

    /// c(n): the average path length of an unsuccessful search in a binary search tree of n points.
    static func averagePathLength(_ n: Int) -> Double {
        if n <= 1 { return 0 }
        if n == 2 { return 1 }
        let harmonic = log(Double(n - 1)) + 0.577_215_664_901_532_9
        return 2 * harmonic - 2 * Double(n - 1) / Double(n)
    }
}
