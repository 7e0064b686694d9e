import Foundation

/// Limits and locations for the runner's child processes.
public struct RunnerConfiguration: Sendable, Hashable {
    /// A build that takes longer is stopped: `timed_out`. The first build of a fresh clone
    /// compiles the libraries too, hence the generous default.
    public var buildTimeout: Duration
    /// A check program that takes longer is stopped: `timed_out` (an endless loop).
    public var runTimeout: Duration
    /// A full-size run (the learner's code over the million-event sample store) that takes
    /// longer is stopped. A debug build rebuilds about 10 000 events a second, so an hour is
    /// far more than a correct solution needs; Esc or a newer run stops it sooner.
    public var fullSizeRunTimeout: Duration
    /// Bytes of output kept per child (head and tail; the middle is counted and dropped).
    public var outputLimit: Int
    /// Where the build folders go (`.build-exercises`, `.build-solutions`); the project root
    /// when nil. Tests share one folder between copies of a fixture to stay fast.
    public var scratchBase: URL?
    /// The `swift` executable, found on PATH unless a path is given.
    public var swift: String
    /// The check program stops at its first failing check (`WORKSHOP_STOP_AT_FIRST_FAILURE`):
    /// verify needs only one named check to reject a shipped wrong answer, not all of them.
    public var stopAtFirstFailure = false
    /// Whether a save rebuilds with the compiler and linker jobs SwiftPM planned, skipping
    /// SwiftPM's own planning (`DirectBuild`); false builds with SwiftPM every time.
    public var directBuild: Bool

    public init(
        buildTimeout: Duration = .seconds(600), runTimeout: Duration = .seconds(15),
        fullSizeRunTimeout: Duration = .seconds(3_600), outputLimit: Int = 64 * 1024,
        scratchBase: URL? = nil, swift: String = "swift", directBuild: Bool = true
    ) {
        self.buildTimeout = buildTimeout
        self.runTimeout = runTimeout
        self.fullSizeRunTimeout = fullSizeRunTimeout
        self.outputLimit = outputLimit
        self.scratchBase = scratchBase
        self.swift = swift
        self.directBuild = directBuild
    }
}
