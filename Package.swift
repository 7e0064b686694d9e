// swift-tools-version:6.1
//
// EventSourcingWorkshop: the app package.
//
// Cores (EventSourcing, TerminalUI, WorkshopApp) do no I/O; adapters (EventSourcingSQLite,
// NcursesTerminal, the runner's child processes) stay thin. Exercises/ and Solutions/ are
// packages of their own that depend on this one by path for EventSourcing,
// EventSourcingTesting and, where needed, EventSourcingSQLite.
import PackageDescription

let package = Package(
    name: "EventSourcingWorkshop",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EventSourcing", targets: ["EventSourcing"]),
        .library(name: "EventSourcingSQLite", targets: ["EventSourcingSQLite"]),
        .library(name: "EventSourcingTesting", targets: ["EventSourcingTesting"]),
        // The store on PostgreSQL: built only with the `Postgres` trait (see `traits` below).
        .library(name: "EventSourcingPostgres", targets: ["EventSourcingPostgres"]),
        // A throw-away PostgreSQL cluster for tests (initdb into a temporary folder), for any
        // test target that needs a real server.
        .library(name: "PostgresTestCluster", targets: ["PostgresTestCluster"]),
        .executable(name: "workshop", targets: ["workshop"]),
    ],
    // PostgreSQL support is a trait, off by default: postgres-nio (with swift-nio, swift-crypto
    // and the rest) takes minutes to build cold, and neither `make run` nor the learner's
    // Exercises/ and Solutions/ packages (which depend on this one by path) should pay for it.
    // `make test` and `make postgres` turn it on (`--traits Postgres`).
    traits: [
        .trait(name: "Postgres", description: "The PostgreSQL event store (postgres-nio) and `--store postgres://` on the command line."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Already dependencies of postgres-nio; named because EventSourcingPostgres imports them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // The event-sourcing library: Foundation only.
        .target(name: "EventSourcing"),
        .target(
            name: "EventSourcingSQLite",
            dependencies: [
                "EventSourcing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The wire format between the check programs, the runner and the app.
        .target(name: "CheckReport", dependencies: ["EventSourcing"]),
        .target(name: "EventSourcingTesting", dependencies: ["EventSourcing", "CheckReport"]),
        // `workshop bench store`: the SQLite store against raw sqlite3, in a target of its own
        // so that no exercise (which links EventSourcingSQLite) links benchmark code.
        .target(
            name: "StoreBenchmarks",
            dependencies: [
                "EventSourcing",
                "EventSourcingSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Compiles to nothing without the `Postgres` trait (its files are `#if Postgres`).
        .target(
            name: "EventSourcingPostgres",
            dependencies: [
                "EventSourcing",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOFoundationCompat", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Postgres"])),
            ]
        ),

        // The terminal UI: a pure core and the one adapter that touches curses.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "TerminalUI"),
        .target(name: "NcursesTerminal", dependencies: ["TerminalUI", "CNcurses"]),

        // The workshop: exercises, runner, progress, and the app's screens.
        .target(
            name: "WorkshopKit",
            dependencies: ["EventSourcing", "EventSourcingSQLite", "CheckReport"]
        ),
        // The exercise files compiled into the app (generated), so a reset needs no git.
        .target(name: "WorkshopPristine", dependencies: ["WorkshopKit"]),
        .target(
            name: "WorkshopApp",
            dependencies: ["TerminalUI", "WorkshopKit", "EventSourcing", "CheckReport"]
        ),
        // Performs the app's effects: checks in child processes, the watcher, the editor,
        // progress, the sample store.
        .target(
            name: "WorkshopRuntime",
            dependencies: ["WorkshopApp", "WorkshopKit", "EventSourcing", "EventSourcingSQLite", "CheckReport", "TerminalUI", "NcursesTerminal"]
        ),
        // The classroom on PostgreSQL: the class's schema and roles, joining, the relay of
        // progress facts and the trainer's board. Without the `Postgres` trait only its
        // driver-free parts compile (the membership file, names, errors).
        .target(
            name: "Classroom",
            dependencies: [
                "EventSourcing",
                "EventSourcingPostgres",
                "WorkshopKit",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Postgres"])),
            ]
        ),
        .executableTarget(
            name: "workshop",
            dependencies: [
                "EventSourcing",
                "EventSourcingSQLite",
                "StoreBenchmarks",
                .target(name: "EventSourcingPostgres", condition: .when(traits: ["Postgres"])),
                "CheckReport",
                "WorkshopKit",
                "WorkshopPristine",
                "WorkshopApp",
                "WorkshopRuntime",
                "Classroom",
                "PostgresTestCluster",
                "TerminalUI",
                "NcursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A child process for the store's crash tests: appends batches and prints each
        // acknowledged position until it is killed.
        .executableTarget(
            name: "store-crash-child",
            dependencies: ["EventSourcing", "EventSourcingSQLite"],
            path: "Tests/Support/StoreCrashChild"
        ),

        .testTarget(
            name: "EventSourcingTests",
            dependencies: ["EventSourcing", "EventSourcingTesting"],
            exclude: ["Golden"]
        ),
        // initdb + pg_ctl as an unprivileged user into a temporary folder: no driver needed.
        .target(name: "PostgresTestCluster", path: "Tests/Support/PostgresTestCluster"),
        // A child process for the PostgreSQL store's crash tests.
        .executableTarget(
            name: "postgres-crash-child",
            dependencies: ["EventSourcing", "EventSourcingPostgres"],
            path: "Tests/Support/PostgresCrashChild"
        ),
        .testTarget(
            name: "EventSourcingPostgresTests",
            dependencies: ["EventSourcing", "EventSourcingPostgres", "EventSourcingTesting", "PostgresTestCluster"]
        ),
        .testTarget(
            name: "EventSourcingSQLiteTests",
            dependencies: ["EventSourcing", "EventSourcingSQLite", "EventSourcingTesting"]
        ),
        .testTarget(name: "StoreBenchmarksTests", dependencies: ["StoreBenchmarks"]),
        .testTarget(name: "EventSourcingTestingTests", dependencies: ["EventSourcing", "EventSourcingTesting"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "WorkshopKitTests", dependencies: ["WorkshopKit", "WorkshopPristine", "EventSourcing", "EventSourcingTesting"]),
        .testTarget(name: "WorkshopAppTests", dependencies: ["WorkshopApp", "TerminalUI", "WorkshopKit", "CheckReport"]),
        .testTarget(
            name: "ClassroomTests",
            dependencies: ["Classroom", "EventSourcing", "EventSourcingPostgres", "EventSourcingSQLite", "WorkshopKit", "PostgresTestCluster"]
        ),
        .testTarget(name: "WorkshopRuntimeTests", dependencies: ["WorkshopRuntime", "WorkshopApp", "WorkshopKit"]),
        // Drives the built `workshop` binary (in tmux for the TUI); `swift test` builds it first.
        .testTarget(name: "EndToEndTests"),
    ]
)

// Shared settings, applied once: Swift 6 language mode (strict concurrency) everywhere,
// and warnings we want to see early.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
