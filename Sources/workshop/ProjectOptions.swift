import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopPristine

/// The options every command that works on a project shares.
struct ProjectOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The workshop project folder.",
        discussion: "Default: the nearest folder at or above the current one that holds Exercises/workshop.json, or WORKSHOP_ROOT.",
        valueName: "path"))
    var root: String?

    /// The project's paths, or a usage failure saying where we looked.
    func paths() throws -> ProjectPaths {
        do {
            return try ProjectPaths.discover(
                from: URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory),
                override: root ?? ProcessInfo.processInfo.environment["WORKSHOP_ROOT"])
        } catch {
            throw WorkshopFailure.usage(error.message)
        }
    }

    /// The manifest, or a usage failure naming what is wrong with it.
    func catalog(_ paths: ProjectPaths) throws -> Catalog {
        do {
            return try Catalog.load(from: paths.manifest)
        } catch {
            throw WorkshopFailure.usage(error.message)
        }
    }

    /// One exercise by id; an unknown id suggests the nearest ones.
    func exercise(_ id: String, in catalog: Catalog) throws -> Exercise {
        do {
            return try catalog.exercise(id: id)
        } catch {
            throw WorkshopFailure.usage(error.message)
        }
    }

    /// The runner, with build folders overridable by WORKSHOP_SCRATCH (tests share them) and the
    /// direct build switched off by WORKSHOP_DIRECT_BUILD=0.
    func runner(_ paths: ProjectPaths, runTimeout: Double? = nil) -> Runner {
        var configuration = RunnerConfiguration()
        if let scratch = ProcessInfo.processInfo.environment["WORKSHOP_SCRATCH"], !scratch.isEmpty {
            configuration.scratchBase = URL(filePath: scratch, directoryHint: .isDirectory)
        }
        if let runTimeout { configuration.runTimeout = .milliseconds(Int(runTimeout * 1000)) }
        // WORKSHOP_DIRECT_BUILD=0: build with SwiftPM every time (the benchmark's comparison).
        if ProcessInfo.processInfo.environment["WORKSHOP_DIRECT_BUILD"] == "0" { configuration.directBuild = false }
        return Runner(paths: paths, configuration: configuration)
    }

    /// The pristine copies: compiled in, or read from WORKSHOP_PRISTINE (a folder laid out like
    /// Exercises/) for tests and for trainers trying new exercises before a rebuild.
    func pristine() throws -> PristineFiles {
        guard let folder = ProcessInfo.processInfo.environment["WORKSHOP_PRISTINE"], !folder.isEmpty else {
            return .embedded
        }
        do {
            return try PristineFiles.load(from: URL(filePath: folder, directoryHint: .isDirectory))
        } catch {
            throw WorkshopFailure.usage("cannot read pristine files from WORKSHOP_PRISTINE=\(folder): \(error.localizedDescription)")
        }
    }

    /// The learner's progress; says on stderr when it had to start fresh.
    func progress(_ paths: ProjectPaths, quietWhenNew: Bool = true) -> WorkshopProgress {
        let (progress, notice) = WorkshopProgress.open(paths: paths)
        if let notice, !(quietWhenNew && notice.hasPrefix("No saved progress yet")) {
            Console.error("note: \(notice)")
        }
        return progress
    }
}
