/// A BERT encoder (Hugging Face `BertModel` without the pooler) running on the CPU with CBLAS.
/// Creating one switches OpenBLAS to single-threaded mode (see ``BLASThreading``).
struct BERTModel: Sendable {
    let config: BERTConfig
    let embeddings: BERTEmbeddings
    let layers: [EncoderLayer]

    /// Builds the model from safetensors weights with Hugging Face `BertModel` names, with or
    /// without a `bert.` prefix.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when a tensor
    ///   is missing or has the wrong shape.
    init(weights: SafetensorsFile, config: BERTConfig) throws {
        try config.validate()
        BLASThreading.useSingleThread()
        let prefix =
            weights.header["embeddings.word_embeddings.weight"] == nil
                && weights.header["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let hidden = config.hiddenSize
        let intermediate = config.intermediateSize
        func tensor(_ name: String, _ shape: Int...) throws -> [Float] {
            try weights.tensor(prefix + name, shape: shape)
        }
        func layerNorm(_ name: String) throws -> LayerNorm {
            LayerNorm(
                weight: try tensor(name + ".weight", hidden),
                bias: try tensor(name + ".bias", hidden),
                epsilon: config.layerNormEps
            )
        }
        func linear(_ name: String, in inFeatures: Int, out outFeatures: Int) throws -> Linear {
            Linear(
                weight: try tensor(name + ".weight", outFeatures, inFeatures),
                bias: try tensor(name + ".bias", outFeatures),
                inFeatures: inFeatures,
                outFeatures: outFeatures
            )
        }

        let tokenTypes = try tensor("embeddings.token_type_embeddings.weight", config.typeVocabSize, hidden)
        self.embeddings = BERTEmbeddings(
            wordEmbeddings: try tensor("embeddings.word_embeddings.weight", config.vocabSize, hidden),
            positionEmbeddings: try tensor("embeddings.position_embeddings.weight", config.maxPositionEmbeddings, hidden),
            tokenTypeEmbedding: Array(tokenTypes[0..<hidden]),
            norm: try layerNorm("embeddings.LayerNorm"),
            hiddenSize: hidden,
            vocabSize: config.vocabSize,
            maxPositions: config.maxPositionEmbeddings
        )
        self.layers = try (0..<config.numHiddenLayers).map { index in
            let name = "encoder.layer.\(index)"
            let query = try linear(name + ".attention.self.query", in: hidden, out: hidden)
            let key = try linear(name + ".attention.self.key", in: hidden, out: hidden)
            let value = try linear(name + ".attention.self.value", in: hidden, out: hidden)
            return EncoderLayer(
                attention: SelfAttention(
                    queryKeyValue: Linear(
                        weight: query.weight + key.weight + value.weight,
                        bias: query.bias + key.bias + value.bias,
                        inFeatures: hidden,
                        outFeatures: 3 * hidden
                    ),
                    output: try linear(name + ".attention.output.dense", in: hidden, out: hidden),
                    norm: try layerNorm(name + ".attention.output.LayerNorm"),
                    heads: config.numAttentionHeads
                ),
                feedForward: FeedForward(
                    intermediate: try linear(name + ".intermediate.dense", in: hidden, out: intermediate),
                    output: try linear(name + ".output.dense", in: intermediate, out: hidden),
                    norm: try layerNorm(name + ".output.LayerNorm")
                )
            )
        }
        self.config = config
    }

    /// The last hidden state: one row of `hiddenSize` per token of `batch`, in its order.
    func callAsFunction(_ batch: TokenBatch) -> Matrix {
        var hidden = embeddings(batch)
        for layer in layers {
            hidden = layer(hidden, batch: batch)
        }
        return hidden
    }
}
