import Foundation
import Testing
@testable import WorkshopKit

/// An exercise is registered in workshop.json only: the workspace packages' module lists are
/// generated from it, and a stale list is a problem `verify` and `pristine` report.
struct WorkspaceModulesTests {
    @Test func theRepositoryWorkspacesListTheManifestsModules() throws {
        let paths = ProjectPaths(root: Fixture.repositoryRoot)
        let catalog = try Catalog.load(from: paths.manifest)
        #expect(WorkspaceModules.problems(in: paths, catalog: catalog) == [])
    }

    @Test func theFixtureWorkspacesListTheirManifestsModules() throws {
        let paths = ProjectPaths(root: Fixture.source)
        #expect(WorkspaceModules.problems(in: paths, catalog: try Catalog.load(from: paths.manifest)) == [])
    }

    @Test func anExerciseAddedToTheManifestMakesTheListStaleUntilRewritten() throws {
        let paths = try Fixture.copy()
        var catalog = try Catalog.load(from: paths.manifest)
        catalog.exercises.append(Exercise(
            id: "ledger", stage: "trouble", title: "Keep a ledger", module: "Ledger", files: ["Sources/Ledger/Ledger.swift"],
            instructions: "Instructions/ledger.md", hints: ["Add."], usesSQLite: true))
        #expect(WorkspaceModules.problems(in: paths, catalog: catalog) == [
            "Exercises/Package.swift does not list the modules of workshop.json; run `make pristine`.",
            "Solutions/Package.swift does not list the modules of workshop.json; run `make pristine`.",
        ])
        let manifest = paths.exercises.appending(path: "Package.swift")
        let rewritten = try #require(WorkspaceModules.rewriting(try String(contentsOf: manifest, encoding: .utf8), for: catalog))
        #expect(rewritten.contains("    \"Flooding\",\n    \"Ledger\",\n]\nlet usesSQLite: Set<String> = [\"Ledger\"]"))
        try rewritten.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(WorkspaceModules.problems(in: paths, catalog: catalog).count == 1)
    }

    @Test func aManifestWithoutTheBlockIsSaid() throws {
        #expect(WorkspaceModules.rewriting("let exercises = [\"A\"]\n", for: try Fixture.catalog) == nil)
    }
}
