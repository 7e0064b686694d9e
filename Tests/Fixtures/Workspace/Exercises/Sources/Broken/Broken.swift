/// The nightly room rate, in cents.
public func nightlyRate() -> Int {
    let rate: Int = "12000"
    return rate
}
