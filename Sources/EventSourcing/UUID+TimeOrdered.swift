import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562): the time in milliseconds since 1970, then the fraction of the
    /// millisecond (12 bits, the RFC's "increased clock precision" method), then 62 random bits.
    ///
    /// ```swift
    /// let id = UUID.timeOrdered()   // 0193…-7…: sorts after every id made before it
    /// ```
    ///
    /// Why event ids use it: a store keeps event ids in a unique index (what makes a retried
    /// append detectable). Random (version 4) ids land on a random page of that index for every
    /// event, so each append dirties pages all over it; ids that grow with time land on the
    /// last page, and an append of 100 events touches a handful of pages. Measured on the
    /// SQLite store: batches of 100 about 2.5 times faster. The random part keeps ids made in
    /// the same instant by different processes apart.
    public static func timeOrdered(now: Date = Date()) -> UUID {
        let seconds = max(0, now.timeIntervalSince1970)
        let milliseconds = UInt64(seconds * 1000)
        let fraction = UInt16(min(4095, ((seconds * 1000) - Double(milliseconds)) * 4096))
        var random = SystemRandomNumberGenerator()
        let tail = random.next() as UInt64
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32),
            UInt8(truncatingIfNeeded: milliseconds >> 24), UInt8(truncatingIfNeeded: milliseconds >> 16),
            UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
            0x70 | UInt8(fraction >> 8), UInt8(truncatingIfNeeded: fraction),
            0x80 | UInt8(truncatingIfNeeded: tail >> 56 & 0x3F), UInt8(truncatingIfNeeded: tail >> 48),
            UInt8(truncatingIfNeeded: tail >> 40), UInt8(truncatingIfNeeded: tail >> 32),
            UInt8(truncatingIfNeeded: tail >> 24), UInt8(truncatingIfNeeded: tail >> 16),
            UInt8(truncatingIfNeeded: tail >> 8), UInt8(truncatingIfNeeded: tail)))
    }
}
