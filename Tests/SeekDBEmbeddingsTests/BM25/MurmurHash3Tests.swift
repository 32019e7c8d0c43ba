import Testing

@testable import SeekDBEmbeddings

@Suite("MurmurHash3 x86_32")
struct MurmurHash3Tests {
    @Test(
        "known vectors of the reference implementation",
        arguments: [
            ("", 0, 0x0000_0000), ("", 1, 0x514e_28b7), ("a", 0, 0x3c25_69b2), ("ab", 0, 0x9bbf_d75f),
            ("abc", 0, 0xb3dd_93fa), ("abcd", 0, 0x43ed_676a), ("hello", 0, 0x248b_fa47), ("foo", 0, 0xf6a5_c420),
            ("Hello, world!", 1234, 0xfaf6_cdb3), ("The quick brown fox jumps over the lazy dog", 0, 0x2e4f_f723),
            ("数据", 0, 0xd9f0_5628), ("🚀", 0, 0x7f67_5865)
        ] as [(String, UInt32, UInt32)])
    func knownVectors(text: String, seed: UInt32, hash: UInt32) {
        #expect(MurmurHash3.x86Hash32(Array(text.utf8), seed: seed) == hash)
        #expect(MurmurHash3.x86Hash32(text.utf8, seed: seed) == hash)
    }

    @Test("bucket is abs of the signed hash modulo dim, as pyseekdb computes it")
    func bucket() {
        // "run" hashes to 0xF176_7A48: signed -243905464, abs 243905464, mod 250000 = 155464.
        #expect(MurmurHash3.bucket(ofUTF8: "run".utf8, dimension: 250_000) == 155_464)
        #expect(MurmurHash3.bucket(ofUTF8: "runner".utf8, dimension: 250_000) == 33_505)
        #expect(MurmurHash3.bucket(ofUTF8: "daili".utf8, dimension: 250_000) == 145_321)
        #expect(MurmurHash3.bucket(ofUTF8: "run".utf8, dimension: 1) == 0)
    }
}
