import Foundation

/// The parts of a Hugging Face BERT `config.json` the forward pass needs.
struct BERTConfig: Decodable, Sendable, Equatable {
    var hiddenSize: Int
    var numHiddenLayers: Int
    var numAttentionHeads: Int
    var intermediateSize: Int
    var vocabSize: Int
    var maxPositionEmbeddings: Int
    var typeVocabSize: Int
    var layerNormEps: Float
    var hiddenAct: String
    var positionEmbeddingType: String?

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case vocabSize = "vocab_size"
        case maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps"
        case hiddenAct = "hidden_act"
        case positionEmbeddingType = "position_embedding_type"
    }

    /// all-MiniLM-L6-v2's configuration.
    static let miniLML6 = BERTConfig(
        hiddenSize: 384, numHiddenLayers: 6, numAttentionHeads: 12, intermediateSize: 1536,
        vocabSize: 30522, maxPositionEmbeddings: 512, typeVocabSize: 2, layerNormEps: 1e-12,
        hiddenAct: "gelu", positionEmbeddingType: "absolute"
    )

    /// Size of one attention head.
    var headSize: Int { hiddenSize / numAttentionHeads }

    /// Reads and checks a `config.json`.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the file
    ///   cannot be read or describes a model this forward pass does not implement.
    init(contentsOf path: String) throws {
        let config: BERTConfig
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            config = try JSONDecoder().decode(BERTConfig.self, from: data)
        } catch {
            throw EmbeddingError(.invalidModel, "Cannot read the model configuration \(path): \(error)")
        }
        try config.validate()
        self = config
    }

    init(
        hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int, intermediateSize: Int,
        vocabSize: Int, maxPositionEmbeddings: Int, typeVocabSize: Int, layerNormEps: Float,
        hiddenAct: String, positionEmbeddingType: String?
    ) {
        self.hiddenSize = hiddenSize
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.intermediateSize = intermediateSize
        self.vocabSize = vocabSize
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.typeVocabSize = typeVocabSize
        self.layerNormEps = layerNormEps
        self.hiddenAct = hiddenAct
        self.positionEmbeddingType = positionEmbeddingType
    }

    /// Checks that the forward pass implements this configuration.
    func validate() throws {
        guard hiddenAct == "gelu" else {
            throw EmbeddingError(.invalidModel, "Unsupported hidden_act \(hiddenAct): only the exact (erf) gelu is implemented.")
        }
        guard positionEmbeddingType == nil || positionEmbeddingType == "absolute" else {
            throw EmbeddingError(.invalidModel, "Unsupported position_embedding_type \(positionEmbeddingType ?? "")")
        }
        guard hiddenSize > 0, numAttentionHeads > 0, hiddenSize % numAttentionHeads == 0,
            numHiddenLayers > 0, intermediateSize > 0, vocabSize > 0, maxPositionEmbeddings > 0,
            typeVocabSize > 0
        else {
            throw EmbeddingError(.invalidModel, "Inconsistent model configuration: \(self)")
        }
    }
}
