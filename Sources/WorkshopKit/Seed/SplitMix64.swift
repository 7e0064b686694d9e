import Foundation

/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same
/// numbers on every machine and every Swift version.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let nights = random.int(in: 1...7)
/// ```
///
/// `int(in:)` and `chance(_:)` are implemented here rather than with the standard library's
/// `Int.random(in:using:)`, whose algorithm is not promised to stay the same across releases:
/// a seeded history must not change when the toolchain does.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, by multiply-shift (bias below one in 2^32 for our ranges).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// True with probability `probability` (0...1).
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// A version-4 UUID made of the generator's bits: stable event ids for a seeded history.
    ///
    /// Built straight from the two words, without an intermediate byte array: the seeder makes
    /// about two of these per event, and an array would be a heap allocation for each.
    public mutating func uuid() -> UUID {
        let high = next(), low = next()
        // Byte `index` of `word`, most significant first (big-endian, as a UUID is written).
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(uuid: (byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3),
                           byte(high, 4), byte(high, 5), (byte(high, 6) & 0x0F) | 0x40, byte(high, 7),
                           (byte(low, 0) & 0x3F) | 0x80, byte(low, 1), byte(low, 2), byte(low, 3),
                           byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
    }
}
