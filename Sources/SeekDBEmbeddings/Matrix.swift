import CBLAS

/// A dense row-major matrix of `Float`s: the activations flowing through the model.
struct Matrix: Sendable, Equatable {
    /// The number of rows (tokens, in the model: `batch × sequence length`).
    let rows: Int
    /// The number of columns (features).
    let columns: Int
    /// `rows × columns` values, row after row.
    var values: [Float]

    /// A matrix of zeros.
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: 0, count: rows * columns)
    }

    /// A matrix from row-major values.
    init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "Matrix values do not match its shape")
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}

/// The matrix product through CBLAS (OpenBLAS): `C = alpha · op(A) · op(B) + beta · C`, row-major,
/// where `op(X)` is `X` or its transpose. Leading dimensions let `A`, `B` and `C` be column
/// slices of wider matrices (one attention head inside the fused Q/K/V activations).
///
/// - Parameters:
///   - transposeA: Whether `op(A)` is `Aᵀ`; `A` is then stored `k × m`.
///   - transposeB: Whether `op(B)` is `Bᵀ`; `B` is then stored `n × k`.
///   - m: Rows of `op(A)` and `C`.
///   - n: Columns of `op(B)` and `C`.
///   - k: Columns of `op(A)`, rows of `op(B)`.
@inline(__always)
func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0,
    c: UnsafeMutablePointer<Float>, ldc: Int
) {
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha,
        a, Int32(lda),
        b, Int32(ldb),
        beta,
        c, Int32(ldc)
    )
}

/// OpenBLAS's threading, set once per process before the first forward pass.
///
/// The SDK runs independent shards of a batch on separate threads itself, which uses every core
/// for the element-wise work as well as the matrix products. OpenBLAS's own threads would fight
/// that: its threaded products hold a process-wide lock, so concurrent callers queue, and its
/// idle workers spin. So OpenBLAS is put in single-threaded mode (`openblas_set_num_threads(1)`,
/// which is process-wide).
enum BLASThreading {
    /// Puts OpenBLAS in single-threaded mode, the first time only.
    static func useSingleThread() {
        _ = singleThread
    }

    private static let singleThread: Void = {
        openblas_set_num_threads(1)
    }()
}
