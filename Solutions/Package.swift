// swift-tools-version:6.1
//
// The solved workspace, laid out exactly like Exercises/ (see the comments there): one library
// module per exercise, solved, with comments that explain why, and the same check programs:
// Checks/ is a symlink to ../Exercises/Checks, so the checks exist once.
import Foundation
import PackageDescription

/// The exercise modules, in curriculum order (the same order as workshop.json).
let exercises = [
    // Stage 1: modelling
    "Facts", "Decider", "ShortStreams", "Boundary",
    // Stage 2: versioning
    "NewField", "Upcasting", "Renaming", "StreamTransform",
    // Stage 3: projections
    "ReadModel", "Idempotency", "ReadYourWrites", "OutOfOrder",
    // Stage 4: devops
    "Traceability", "BlueGreen", "ClosingTheBooks", "Archiving",
    // Stage 5: processes
    "Choreography", "ProcessManager", "ProcessTimeouts", "Outbox",
    // Stage 6: architecture
    "PublicEvents", "Housekeeping", "PartnerBookings",
    // Stage 7: incidents
    "PoisonEvent",
]

/// Exercises that need the real SQLite store: only these build GRDB, so every other exercise
/// keeps its one-second feedback loop.
let usesSQLite: Set<String> = ["BlueGreen", "Archiving", "PoisonEvent"]

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
