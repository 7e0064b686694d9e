import Foundation
import Testing
import WorkshopPristine
@testable import WorkshopKit

struct PristineTests {
    /// The copies compiled into the app must be the ones in Exercises/, or a reset would
    /// restore stale files.
    @Test func theEmbeddedCopiesMatchExercisesOnDisk() throws {
        let exercises = Fixture.repositoryRoot.appending(path: "Exercises")
        let onDisk = try PristineFiles.load(from: exercises)
        let differences = PristineFiles.embedded.differences(from: onDisk)
        #expect(differences.isEmpty, "The pristine copies are out of date (\(differences.prefix(5).joined(separator: ", "))): run `make pristine`.")
    }

    @Test func resetRestoresTheExerciseFilesAndNothingElse() throws {
        let paths = try Fixture.copy()
        let catalog = try Catalog.load(from: paths.manifest)
        let pristine = try PristineFiles.load(from: Fixture.source.appending(path: "Exercises"))
        let tally = paths.exercises.appending(path: "Sources/Tally/Tally.swift")
        let broken = paths.exercises.appending(path: "Sources/Broken/Broken.swift")
        let original = try String(contentsOf: tally, encoding: .utf8)
        try "learner's attempt".write(to: tally, atomically: true, encoding: .utf8)
        try "other attempt".write(to: broken, atomically: true, encoding: .utf8)

        let restored = try pristine.restore(try catalog.exercise(id: "tally"), into: paths.exercises)
        #expect(restored == ["Instructions/tally.md", "Sources/Tally/Tally.swift"])
        #expect(try String(contentsOf: tally, encoding: .utf8) == original)
        #expect(try String(contentsOf: broken, encoding: .utf8) == "other attempt")
    }

    @Test func aMissingCopyIsAClearError() throws {
        let catalog = try Fixture.catalog
        #expect(throws: PristineMissing.self) {
            try PristineFiles(files: [:]).restore(try catalog.exercise(id: "tally"), into: Fixture.shared.exercises)
        }
    }

    @Test func theGeneratedTableRoundTripsTrickyContents() throws {
        let files = PristineFiles(files: ["Sources/A/A.swift": "let a = \"\"\"#\n\\#(x)\n\"\"\"##\n", "Instructions/a.md": "no newline"])
        let source = files.swiftSource()
        #expect(source.contains("###\"\"\""))
        #expect(source.contains("\"Instructions/a.md\": #\"\"\"\nno newline\n\"\"\"#,"))
    }
}
