// swift-tools-version:6.1
// A fixture workspace for the runner's tests: one exercise per outcome the runner must report.
import Foundation
import PackageDescription

/// The app package, for EventSourcing and EventSourcingTesting.
let app = Package.Dependency.package(path: "../../../..")

/// A path dependency's identity is the name of its folder, which depends on where the project
/// was cloned (and on where `workshop verify` or a test copied this workspace), so it is derived
/// from the path instead of being written down.
let appIdentity: String = {
    guard case .fileSystem(_, let path) = app.kind else { return "EventSourcingWorkshop" }
    let base = URL(fileURLWithPath: Context.packageDirectory + "/", isDirectory: true)
    return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.lastPathComponent
}()

// BEGIN exercise modules: generated from workshop.json by `make pristine`; do not edit.
let exercises = [
    // Basics
    "Tally",
    "Broken",
    // Trouble
    "Crashing",
    "Hanging",
    "Flooding",
]
let usesSQLite: Set<String> = []
// END exercise modules

let package = Package(
    name: "Exercises",
    platforms: [.macOS(.v15)],
    dependencies: [app],
    targets: exercises.flatMap { module -> [Target] in
        [
            .target(name: module, path: "Sources/\(module)"),
            .executableTarget(
                name: "\(module)Check",
                dependencies: [
                    .byName(name: module),
                    .product(name: "EventSourcingTesting", package: appIdentity),
                ],
                path: "Checks/\(module)Check"
            ),
        ]
    }
)
