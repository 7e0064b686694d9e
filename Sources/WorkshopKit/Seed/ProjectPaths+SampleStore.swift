import Foundation

extension ProjectPaths {
    /// `.workshop/sample.sqlite`: the seeded hotel history (`workshop seed`).
    public var sampleStore: URL { state.appending(path: "sample.sqlite") }
}
