/// MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference algorithm), the
/// hash pyseekdb's BM25 uses to turn a token into a sparse index.
enum MurmurHash3 {
    /// The 32-bit hash of `bytes` with `seed`, as the reference C `MurmurHash3_x86_32` returns it.
    static func x86Hash32<Bytes: Collection<UInt8>>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var h1 = seed
        var iterator = bytes.makeIterator()
        var length: UInt32 = 0
        // Body: little-endian 4-byte blocks.
        var block: UInt32 = 0
        var filled = 0
        while let byte = iterator.next() {
            block |= UInt32(byte) << (8 * UInt32(filled))
            filled += 1
            length &+= 1
            if filled == 4 {
                h1 ^= mixBlock(block, c1, c2)
                h1 = rotateLeft(h1, 13)
                h1 = h1 &* 5 &+ 0xe654_6b64
                block = 0
                filled = 0
            }
        }
        // Tail: the last 1–3 bytes, already assembled little-endian in `block`.
        if filled > 0 { h1 ^= mixBlock(block, c1, c2) }
        // Finalization.
        h1 ^= length
        h1 ^= h1 >> 16
        h1 = h1 &* 0x85eb_ca6b
        h1 ^= h1 >> 13
        h1 = h1 &* 0xc2b2_ae35
        h1 ^= h1 >> 16
        return h1
    }

    /// pyseekdb's sparse index of a token: `abs` of the hash read as a signed 32-bit number
    /// (in Python, so `-2³¹` becomes `2³¹`), modulo `dimension`.
    static func bucket(ofUTF8 bytes: some Collection<UInt8>, dimension: Int) -> UInt32 {
        let signed = Int32(bitPattern: x86Hash32(bytes))
        return UInt32(Int64(signed).magnitude % UInt64(dimension))
    }

    private static func mixBlock(_ block: UInt32, _ c1: UInt32, _ c2: UInt32) -> UInt32 {
        rotateLeft(block &* c1, 15) &* c2
    }

    private static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
