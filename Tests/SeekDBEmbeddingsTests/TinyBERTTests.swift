import Foundation
import Testing

@testable import SeekDBEmbeddings

/// A tiny random BERT written as safetensors, run through `BERTModel` and through a naive
/// Double-precision implementation of the same equations written independently here.
@Suite("BERT forward pass on a tiny random model")
struct TinyBERTTests {
    static let config = BERTConfig(
        hiddenSize: 8, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 16,
        vocabSize: 20, maxPositionEmbeddings: 12, typeVocabSize: 2, layerNormEps: 1e-12,
        hiddenAct: "gelu", positionEmbeddingType: "absolute"
    )

    /// Tensor names and shapes of a Hugging Face `BertModel`.
    static var shapes: [(String, [Int])] {
        let (h, i) = (config.hiddenSize, config.intermediateSize)
        var shapes: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [config.vocabSize, h]),
            ("embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, h]),
            ("embeddings.token_type_embeddings.weight", [config.typeVocabSize, h]),
            ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h])
        ]
        for layer in 0..<config.numHiddenLayers {
            let p = "encoder.layer.\(layer)."
            for name in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"] {
                shapes += [(p + name + ".weight", [h, h]), (p + name + ".bias", [h])]
            }
            shapes += [
                (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
                (p + "intermediate.dense.weight", [i, h]), (p + "intermediate.dense.bias", [i]),
                (p + "output.dense.weight", [h, i]), (p + "output.dense.bias", [h]),
                (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h])
            ]
        }
        return shapes
    }

    /// Deterministic weights in [-1, 1) (LayerNorm scales around 1).
    static let weights: [String: [Float]] = {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) * 2 - 1
        }
        var weights: [String: [Float]] = [:]
        for (name, shape) in shapes {
            let count = shape.reduce(1, *)
            let isScale = name.hasSuffix("LayerNorm.weight")
            weights[name] = (0..<count).map { _ in isScale ? 1 + 0.2 * next() : next() }
        }
        return weights
    }()

    /// The weights as a safetensors file image, names optionally prefixed.
    static func fileBytes(prefix: String = "") -> [UInt8] {
        var entries: [String] = []
        var data: [UInt8] = []
        for (name, shape) in shapes {
            let bytes = floatBytes(weights[name]!)
            entries.append(
                #""\#(prefix + name)":{"dtype":"F32","shape":\#(shape),"data_offsets":[\#(data.count),\#(data.count + bytes.count)]}"#)
            data += bytes
        }
        entries.append(
            #""\#(prefix)embeddings.position_ids":{"dtype":"I64","shape":[1,2],"data_offsets":[\#(data.count),\#(data.count + 16)]}"#)
        data += [UInt8](repeating: 0, count: 16)
        return safetensorsBytes(header: "{" + entries.joined(separator: ",") + "}", data: data)
    }

    static func model(prefix: String = "") throws -> BERTModel {
        let file = try fileBytes(prefix: prefix).withUnsafeBytes { try SafetensorsFile(bytes: $0) }
        return try BERTModel(weights: file, config: config)
    }

    // MARK: Naive reference

    static func matrix(_ name: String) -> [[Double]] {
        let shape = shapes.first { $0.0 == name }!.1
        let values = weights[name]!.map(Double.init)
        return (0..<shape[0]).map { Array(values[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
    }

    static func vector(_ name: String) -> [Double] { weights[name]!.map(Double.init) }

    static func linear(_ x: [[Double]], _ name: String) -> [[Double]] {
        let w = matrix(name + ".weight")
        let b = vector(name + ".bias")
        return x.map { row in w.indices.map { o in zip(row, w[o]).reduce(b[o]) { $0 + $1.0 * $1.1 } } }
    }

    static func layerNorm(_ x: [[Double]], _ name: String) -> [[Double]] {
        let g = vector(name + ".weight")
        let b = vector(name + ".bias")
        return x.map { row in
            let mean = row.reduce(0, +) / Double(row.count)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(row.count)
            return row.indices.map { (row[$0] - mean) / (variance + 1e-12).squareRoot() * g[$0] + b[$0] }
        }
    }

    static func add(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        zip(a, b).map { zip($0, $1).map(+) }
    }

    /// Mean-pooled output for one unpadded sequence.
    static func naivePooled(_ ids: [Int]) -> [Double] {
        let h = config.hiddenSize
        let heads = config.numAttentionHeads
        let d = h / heads
        let word = matrix("embeddings.word_embeddings.weight")
        let position = matrix("embeddings.position_embeddings.weight")
        let type = matrix("embeddings.token_type_embeddings.weight")
        var x = ids.enumerated().map { t, id in (0..<h).map { word[id][$0] + type[0][$0] + position[t][$0] } }
        x = layerNorm(x, "embeddings.LayerNorm")
        for layer in 0..<config.numHiddenLayers {
            let p = "encoder.layer.\(layer)."
            let q = linear(x, p + "attention.self.query")
            let k = linear(x, p + "attention.self.key")
            let v = linear(x, p + "attention.self.value")
            var context = [[Double]](repeating: [Double](repeating: 0, count: h), count: ids.count)
            for head in 0..<heads {
                let columns = (head * d)..<((head + 1) * d)
                for i in ids.indices {
                    let scores = ids.indices.map { j in columns.reduce(0.0) { $0 + q[i][$1] * k[j][$1] } / Double(d).squareRoot() }
                    let largest = scores.max()!
                    let exps = scores.map { Foundation.exp($0 - largest) }
                    let total = exps.reduce(0, +)
                    for j in ids.indices {
                        for c in columns { context[i][c] += exps[j] / total * v[j][c] }
                    }
                }
            }
            let attended = layerNorm(add(linear(context, p + "attention.output.dense"), x), p + "attention.output.LayerNorm")
            let expanded = linear(attended, p + "intermediate.dense").map { row in
                row.map { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }
            }
            x = layerNorm(add(linear(expanded, p + "output.dense"), attended), p + "output.LayerNorm")
        }
        return (0..<h).map { c in x.reduce(0) { $0 + $1[c] } / Double(ids.count) }
    }

    // MARK: Tests

    static let sequences = [[2, 5, 9, 3], [2, 7, 7, 11, 13, 17, 19, 3], [2, 3]]

    @Test func matchesNaiveImplementationOnABatchOfDifferentLengths() throws {
        let model = try Self.model()
        let batch = TokenBatch(Self.sequences)
        let pooled = meanPool(model(batch), lengths: batch.lengths)
        for (sequence, vector) in zip(Self.sequences, pooled) {
            let expected = Self.naivePooled(sequence)
            for (got, want) in zip(vector, expected) {
                #expect(abs(Double(got) - want) < 1e-4, "sequence \(sequence): \(got) vs \(want)")
            }
        }
    }

    @Test func theOtherTextsOfABatchDoNotChangeATextsResult() throws {
        let model = try Self.model()
        let batch = TokenBatch(Self.sequences)
        let inBatch = meanPool(model(batch), lengths: batch.lengths)
        for (index, sequence) in Self.sequences.enumerated() {
            let alone = meanPool(model(TokenBatch([sequence])), lengths: [sequence.count])[0]
            for (a, b) in zip(alone, inBatch[index]) {
                #expect(abs(a - b) < 1e-5)
            }
        }
    }

    @Test func acceptsBertPrefixedNames() throws {
        let plain = try Self.model()
        let prefixed = try Self.model(prefix: "bert.")
        let batch = TokenBatch(Self.sequences)
        #expect(plain(batch) == prefixed(batch))
    }

    @Test func missingOrMisshapenTensorIsInvalidModel() throws {
        var config = Self.config
        config.intermediateSize = 32
        let file = try Self.fileBytes().withUnsafeBytes { try SafetensorsFile(bytes: $0) }
        #expect {
            _ = try BERTModel(weights: file, config: config)
        } throws: { error in
            (error as? EmbeddingError)?.code == .invalidModel
        }
        config = Self.config
        config.numHiddenLayers = 3
        #expect {
            _ = try BERTModel(weights: file, config: config)
        } throws: { error in
            (error as? EmbeddingError)?.message.contains("encoder.layer.2") == true
        }
    }

    @Test func unsupportedActivationIsInvalidModel() {
        var config = Self.config
        config.hiddenAct = "gelu_new"
        #expect(throws: EmbeddingError.self) { try config.validate() }
    }
}
