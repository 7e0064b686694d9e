import Foundation
import Testing
@testable import WorkshopKit

struct CatalogTests {
    static func manifest(_ exercises: String, stages: String = #"[{"id": "modelling", "title": "Modelling"}]"#) -> Data {
        Data(#"{"stages": \#(stages), "exercises": \#(exercises)}"#.utf8)
    }

    static let facts = #"{"id": "facts", "stage": "modelling", "title": "Facts", "module": "Facts", "files": ["Sources/Facts/GuestStay.swift"], "instructions": "Instructions/facts.md", "hints": ["one"]}"#

    @Test func theFixtureManifestLoadsInOrder() throws {
        let catalog = try Fixture.catalog
        #expect(catalog.exercises.map(\.id) == ["tally", "broken", "crashing", "hanging", "flooding"])
        #expect(catalog.stages.map(\.id) == ["basics", "trouble"])
        let broken = try catalog.exercise(id: "broken")
        #expect(broken.startsUncompilable)
        #expect(broken.checkProduct == "BrokenCheck")
        #expect(catalog.problems(workspace: Fixture.shared.exercises).isEmpty)
    }

    @Test func badJSONNamesTheLineAndColumn() {
        let data = Data("{\n  \"stages\": [\n    {\"id\": \"a\" \"title\": \"A\"}\n  ]\n}".utf8)
        #expect {
            try Catalog(json: data)
        } throws: { error in
            "\(error)".contains("line 3")
        }
    }

    @Test func anUnknownStageIsNamed() {
        let data = Self.manifest("[\(Self.facts.replacingOccurrences(of: "\"modelling\", \"title\": \"Facts\"", with: "\"modeling\", \"title\": \"Facts\""))]")
        #expect(throws: CatalogError.self) { try Catalog(json: data) }
        #expect((try? Catalog(json: data)) == nil)
        do {
            _ = try Catalog(json: data)
        } catch {
            #expect(error.message.contains("unknown stage 'modeling'"))
        }
    }

    @Test func duplicateIdsAreRefused() {
        do {
            _ = try Catalog(json: Self.manifest("[\(Self.facts), \(Self.facts)]"))
            Issue.record("a duplicate id was accepted")
        } catch {
            #expect(error.message.contains("exercise id 'facts' appears more than once"))
        }
    }

    @Test func aMissingFieldIsNamed() {
        do {
            _ = try Catalog(json: Self.manifest(#"[{"id": "facts", "stage": "modelling"}]"#))
            Issue.record("a manifest without titles was accepted")
        } catch {
            #expect(error.message.contains("missing field 'title'"))
        }
    }

    @Test func missingFilesAndHintsAreProblems() throws {
        let catalog = try Catalog(json: Self.manifest("[\(Self.facts.replacingOccurrences(of: #"["one"]"#, with: "[]"))]"))
        let problems = catalog.problems(workspace: Fixture.shared.exercises)
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("Sources/Facts/GuestStay.swift") })
        #expect(problems.contains { $0.contains("no instructions") })
        #expect(problems.contains { $0.contains("no hint") })
    }

    @Test func anUnknownIdSuggestsTheNearest() throws {
        let catalog = try Fixture.catalog
        do {
            _ = try catalog.exercise(id: "taly")
            Issue.record("found an exercise 'taly'")
        } catch {
            #expect(error.message.contains("Did you mean 'tally'?"))
        }
        #expect(EditDistance.nearest(to: "crash", among: catalog.exercises.map(\.id)) == ["crashing"])
        #expect(EditDistance.nearest(to: "zzzzzzzz", among: catalog.exercises.map(\.id)).isEmpty)
    }

    @Test func theProjectIsFoundFromASubfolder() throws {
        let paths = Fixture.shared
        let found = try ProjectPaths.discover(from: paths.exercises.appending(path: "Sources/Tally"))
        #expect(found.root.path == paths.root.path)
        #expect(throws: ProjectNotFound.self) { try ProjectPaths.discover(from: URL(filePath: "/")) }
        #expect(try ProjectPaths.discover(from: URL(filePath: "/"), override: paths.root.path).root.path == paths.root.path)
    }
}
