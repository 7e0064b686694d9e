// swift-tools-version:6.1
//
// The solved workspace, laid out exactly like Exercises/ (see the comments there): one library
// module per exercise, solved, with comments that explain why, and the same check programs:
// Checks/ is a symlink to ../Exercises/Checks, so the checks exist once.
import Foundation
import PackageDescription

/// The exercise modules, in curriculum order, and those that need the real SQLite store (only
/// these build GRDB, so every other exercise keeps its one-second feedback loop). Register an
/// exercise in workshop.json, then `make pristine` rewrites this block.
// BEGIN exercise modules: generated from workshop.json by `make pristine`; do not edit.
let exercises = [
    // Modelling
    "Facts",
    "Decider",
    "ShortStreams",
    "Boundary",
    // Versioning
    "NewField",
    "Upcasting",
    "Renaming",
    "StreamTransform",
    // Projections
    "ReadModel",
    "Idempotency",
    "ReadYourWrites",
    "OutOfOrder",
    // DevOps
    "Traceability",
    "BlueGreen",
    "ClosingTheBooks",
    "Archiving",
    // Distributed processes
    "Choreography",
    "ProcessManager",
    "ProcessTimeouts",
    "Outbox",
    // Architecture
    "PublicEvents",
    "Housekeeping",
    "PartnerBookings",
    // Incidents
    "PoisonEvent",
]
let usesSQLite: Set<String> = ["BlueGreen", "Archiving", "PoisonEvent"]
// END exercise modules

/// The app package's identity is the name of the folder it was cloned into, so compute it
/// instead of hard-coding it (a clone in another folder would otherwise fail to resolve).
let app = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .lastPathComponent

let eventSourcing = Target.Dependency.product(name: "EventSourcing", package: app)
let eventSourcingTesting = Target.Dependency.product(name: "EventSourcingTesting", package: app)
let eventSourcingSQLite = Target.Dependency.product(name: "EventSourcingSQLite", package: app)

/// The SQLite store for the exercises that need it, nothing for the others.
func sqlite(_ module: String) -> [Target.Dependency] {
    usesSQLite.contains(module) ? [eventSourcingSQLite] : []
}

let package = Package(
    name: "Solutions",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: exercises.flatMap { module -> [Target] in
        [
            .target(name: module, dependencies: [eventSourcing] + sqlite(module), path: "Sources/\(module)"),
            .executableTarget(
                name: "\(module)Check",
                dependencies: [.target(name: module), eventSourcing, eventSourcingTesting] + sqlite(module),
                path: "Checks/\(module)Check"
            ),
        ]
    }
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    target.swiftSettings = settings
}
