// Element-wise kernels of the forward pass.
//
// They are plain loops over pointers with branch-free bodies (no libm calls, selects instead of
// `min`/`max`, wrapping integer arithmetic), so that LLVM vectorizes them in optimised builds,
// while debug builds (where `SIMD` types are very slow) still run them at scalar speed.

// MARK: - exp

/// `e^x` with Cephes' `expf` range reduction and polynomial (relative error about 2e-7).
/// Inputs are clamped to [-87.3, 88], so a very negative input gives about 1e-38, not 0.
@inline(__always)
func fastExp(_ input: Float) -> Float {
    var x = input < -87.3 ? -87.3 : input
    x = x > 88 ? 88 : x
    // n = round(x / ln 2): adding 1.5·2²³ rounds to the nearest integer and leaves it in the
    // low mantissa bits of `shifted`.
    let shifter: Float = 12_582_912
    let shifted = x * 1.442_695_040_888_963_4 + shifter
    let n = shifted - shifter
    // r = x − n·ln 2, with ln 2 in two parts for precision.
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_150_0e-4
    p = p * r + 1.398_199_950_7e-3
    p = p * r + 8.333_451_907_3e-3
    p = p * r + 4.166_579_589_4e-2
    p = p * r + 1.666_666_545_9e-1
    p = p * r + 5.000_000_120_1e-1
    let y = p * r * r + r + 1
    // 2ⁿ as a float: exponent field (n + 127) << 23.
    let exponent = shifted.bitPattern &- shifter.bitPattern &+ 127
    return y * Float(bitPattern: exponent &<< 23)
}

// MARK: - erf and GELU

/// `erf(x)`: the rational approximation Eigen and XLA use for `Float`, `x·P(x²)/Q(x²)` on x
/// clamped to [-4, 4] (absolute error below 2e-7 on the whole line).
@inline(__always)
func fastErf(_ input: Float) -> Float {
    var x = input < -4 ? -4 : input
    x = x > 4 ? 4 : x
    let x2 = x * x
    var p = x2 * -2.726_142_258_013_06e-10 + 2.770_681_424_959_02e-08
    p = x2 * p + -2.101_024_020_825_08e-06
    p = x2 * p + -5.692_506_394_623_46e-05
    p = x2 * p + -7.349_906_303_268_55e-04
    p = x2 * p + -2.954_599_808_540_25e-03
    p = x2 * p + -1.609_603_332_624_15e-02
    var q = x2 * -1.456_607_184_649_96e-05 + -2.133_740_552_789_05e-04
    q = x2 * q + -1.682_826_974_382_03e-03
    q = x2 * q + -7.373_329_167_204_68e-03
    q = x2 * q + -1.426_473_905_141_89e-02
    return x * p / q
}

/// The exact (erf) GELU, `x/2 · (1 + erf(x/√2))`, on `count` values in place.
func geluInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) {
    let inverseRootTwo: Float = 0.707_106_781_186_547_52
    for index in 0..<count {
        let x = values[index]
        values[index] = 0.5 * x * (1 + fastErf(x * inverseRootTwo))
    }
}

// MARK: - Reductions

/// The sum of `count` values, with eight running sums (so the loop vectorizes despite
/// floating-point addition not being associative).
@inline(__always)
func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var partial = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
    var index = 0
    while index + 8 <= count {
        partial.0 += values[index]
        partial.1 += values[index + 1]
        partial.2 += values[index + 2]
        partial.3 += values[index + 3]
        partial.4 += values[index + 4]
        partial.5 += values[index + 5]
        partial.6 += values[index + 6]
        partial.7 += values[index + 7]
        index += 8
    }
    var total = ((partial.0 + partial.4) + (partial.1 + partial.5)) + ((partial.2 + partial.6) + (partial.3 + partial.7))
    while index < count {
        total += values[index]
        index += 1
    }
    return total
}

/// The sum of squared differences from `mean` of `count` values, with eight running sums.
@inline(__always)
func sumOfSquares(_ values: UnsafePointer<Float>, count: Int, mean: Float) -> Float {
    var partial = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
    var index = 0
    while index + 8 <= count {
        let d0 = values[index] - mean
        let d1 = values[index + 1] - mean
        let d2 = values[index + 2] - mean
        let d3 = values[index + 3] - mean
        let d4 = values[index + 4] - mean
        let d5 = values[index + 5] - mean
        let d6 = values[index + 6] - mean
        let d7 = values[index + 7] - mean
        partial.0 += d0 * d0
        partial.1 += d1 * d1
        partial.2 += d2 * d2
        partial.3 += d3 * d3
        partial.4 += d4 * d4
        partial.5 += d5 * d5
        partial.6 += d6 * d6
        partial.7 += d7 * d7
        index += 8
    }
    var total = ((partial.0 + partial.4) + (partial.1 + partial.5)) + ((partial.2 + partial.6) + (partial.3 + partial.7))
    while index < count {
        let d = values[index] - mean
        total += d * d
        index += 1
    }
    return total
}

/// The largest of `count` (at least one) values, with eight running maxima.
@inline(__always)
func maximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var partial = (values[0], values[0], values[0], values[0], values[0], values[0], values[0], values[0])
    var index = 0
    while index + 8 <= count {
        partial.0 = values[index] > partial.0 ? values[index] : partial.0
        partial.1 = values[index + 1] > partial.1 ? values[index + 1] : partial.1
        partial.2 = values[index + 2] > partial.2 ? values[index + 2] : partial.2
        partial.3 = values[index + 3] > partial.3 ? values[index + 3] : partial.3
        partial.4 = values[index + 4] > partial.4 ? values[index + 4] : partial.4
        partial.5 = values[index + 5] > partial.5 ? values[index + 5] : partial.5
        partial.6 = values[index + 6] > partial.6 ? values[index + 6] : partial.6
        partial.7 = values[index + 7] > partial.7 ? values[index + 7] : partial.7
        index += 8
    }
    let first = max(max(partial.0, partial.1), max(partial.2, partial.3))
    let second = max(max(partial.4, partial.5), max(partial.6, partial.7))
    var result = max(first, second)
    while index < count {
        result = values[index] > result ? values[index] : result
        index += 1
    }
    return result
}

// MARK: - Softmax

/// Softmax of each row of a `rows × columns` block (row stride `columns`), in place.
func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    guard columns > 0 else { return }
    for row in 0..<rows {
        let base = values + row * columns
        let largest = maximum(base, count: columns)
        for column in 0..<columns {
            base[column] = fastExp(base[column] - largest)
        }
        let inverse = 1 / sum(base, count: columns)
        for column in 0..<columns {
            base[column] *= inverse
        }
    }
}

// MARK: - LayerNorm

/// Layer normalisation of each row of a `rows × columns` block in place:
/// `(x − mean) / sqrt(variance + epsilon) · gamma + beta`.
func layerNormRows(
    _ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
    gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
) {
    let count = Float(columns)
    for row in 0..<rows {
        let base = values + row * columns
        let mean = sum(base, count: columns) / count
        let variance = sumOfSquares(base, count: columns, mean: mean) / count
        let scale = 1 / (variance + epsilon).squareRoot()
        for column in 0..<columns {
            base[column] = (base[column] - mean) * scale * gamma[column] + beta[column]
        }
    }
}

// MARK: - Adding rows

/// Adds `row` (of `columns` values) to each of `rows` rows of a block, in place.
func addRow(_ row: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    for index in 0..<rows {
        let base = values + index * columns
        for column in 0..<columns {
            base[column] += row[column]
        }
    }
}
