import ArgumentParser
import SeekDB

/// `--distance l2|cosine|inner_product`, pyseekdb's spellings.
enum DistanceArgument: String, ExpressibleByArgument, CaseIterable {
    case l2
    case cosine
    case innerProduct = "inner_product"

    var metric: DistanceMetric {
        switch self {
        case .l2: .l2
        case .cosine: .cosine
        case .innerProduct: .innerProduct
        }
    }
}
