import ArgumentParser
import WorkshopKit

/// `--solution`: the provided solution instead of the learner's exercise (check, sample).
struct SolutionFlag: ParsableArguments {
    @Flag(help: "Use the provided solution instead of your exercise.")
    var solution = false

    /// The workspace to build and run.
    var workspace: Workspace { solution ? .solutions : .exercises }
}
