import Foundation

/// One exercise of the workshop, as the manifest (`Exercises/workshop.json`) lists it.
///
/// Paths are relative to the workspace folder (`Exercises/` or `Solutions/`); use
/// `ProjectPaths` to make them absolute or relative to the project root.
public struct Exercise: Codable, Sendable, Hashable, Identifiable {
    /// Short, stable and unique: used in commands (`workshop check facts`) and progress records.
    public var id: String
    /// The id of the stage it belongs to.
    public var stage: String
    public var title: String
    /// The Swift module the learner edits; its checks are the executable `<module>Check`.
    public var module: String
    /// The files the learner edits, relative to the workspace folder.
    public var files: [String]
    /// The instructions (Markdown), relative to the workspace folder.
    public var instructions: String
    /// Tiered hints, from a nudge to nearly the answer.
    public var hints: [String]
    /// Whether the untouched exercise is expected not to compile (the task starts with a
    /// compiler error). `workshop verify` then accepts `compile_error` for it.
    public var startsUncompilable: Bool
    /// What the exercise's full-size run does on the seeded sample store, in one sentence; nil
    /// when it has none. Its check program then also runs with `WORKSHOP_SAMPLE` (`workshop
    /// sample ID`, `p` in the app).
    public var fullSizeRun: String?

    public init(
        id: String, stage: String, title: String, module: String, files: [String], instructions: String,
        hints: [String], startsUncompilable: Bool = false, fullSizeRun: String? = nil
    ) {
        self.id = id
        self.stage = stage
        self.title = title
        self.module = module
        self.files = files
        self.instructions = instructions
        self.hints = hints
        self.startsUncompilable = startsUncompilable
        self.fullSizeRun = fullSizeRun
    }

    /// The executable product that runs this exercise's checks.
    public var checkProduct: String { module + "Check" }

    /// The folder of the module's sources, relative to the workspace folder.
    public var sourceFolder: String { "Sources/\(module)" }

    enum CodingKeys: String, CodingKey {
        case id, stage, title, module, files, instructions, hints
        case startsUncompilable = "starts_uncompilable"
        case fullSizeRun = "full_size_run"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        stage = try container.decode(String.self, forKey: .stage)
        title = try container.decode(String.self, forKey: .title)
        module = try container.decode(String.self, forKey: .module)
        files = try container.decode([String].self, forKey: .files)
        instructions = try container.decode(String.self, forKey: .instructions)
        hints = try container.decodeIfPresent([String].self, forKey: .hints) ?? []
        startsUncompilable = try container.decodeIfPresent(Bool.self, forKey: .startsUncompilable) ?? false
        fullSizeRun = try container.decodeIfPresent(String.self, forKey: .fullSizeRun)
    }
}

/// A stage of the curriculum (modelling, versioning, ...).
public struct Stage: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
