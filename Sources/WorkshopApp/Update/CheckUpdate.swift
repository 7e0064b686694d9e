import WorkshopKit

/// What checks, full-size runs and resets change on screen as their answers arrive.
enum CheckUpdate {
    static func checkProgressed(_ event: CheckEvent, _ model: inout Model) -> [Effect] {
        switch event {
        case .checking(let id, let workspace):
            guard id == model.currentID else { return [] }
            // A check replaces a full-size run still under way (the runtime cancelled it).
            model.fullSize = nil
            model.activity = .checking(exercise: id, workspace: workspace, phase: .starting)
        case .reported:
            return []
        case .building:
            if case .checking(let id, let workspace, _) = model.activity {
                model.activity = .checking(exercise: id, workspace: workspace, phase: .building)
            }
        case .running:
            if case .checking(let id, let workspace, _) = model.activity {
                model.activity = .checking(exercise: id, workspace: workspace, phase: .running)
            }
        case .finished(let outcome):
            var effects: [Effect] = []
            if outcome.workspace == .exercises {
                model.marks[outcome.exercise] = outcome.status == .passed ? .passed : .failed
                effects.append(.recordOutcome(outcome))
            }
            guard outcome.exercise == model.currentID else { return effects }
            model.activity = .idle
            let wasStepping = model.outcome.map { model.step < $0.trace.count - 1 } ?? false
            model.outcome = outcome
            // Keep the learner's place when they were stepping through; otherwise show the end.
            model.step = wasStepping ? min(model.step, max(0, outcome.trace.count - 1)) : max(0, outcome.trace.count - 1)
            ExerciseUpdate.clampStreams(&model)
            if !wasStepping { ExerciseUpdate.selectAppended(&model) }
            ExerciseUpdate.clampOffsets(&model)
            if outcome.status == .passed, outcome.workspace == .exercises {
                model.message = model.current.flatMap { model.catalog.exercise(after: $0) } == nil
                    ? "Passed! That was the last exercise." : "Passed! Press n for the next exercise."
            }
            return effects
        }
        return []
    }

    /// A full-size run: the same phases as a check, then live progress and steps, then an
    /// outcome that is shown like a check's but is not progress (the checks decide that).
    static func fullSizeProgressed(_ event: CheckEvent, _ model: inout Model) -> [Effect] {
        switch event {
        case .checking(let id, let workspace):
            guard id == model.currentID else { return [] }
            model.activity = .checking(exercise: id, workspace: workspace, phase: .starting)
            model.fullSize = FullSizeRunState(workspace: workspace)
            return []
        case .building, .running:
            guard model.fullSize != nil else { return [] }
            return checkProgressed(event, &model)
        case .reported(.progress(let progress)):
            model.fullSize?.progress = progress
            return []
        case .reported(.step(let step)):
            guard model.fullSize != nil else { return [] }
            // Follow the newest step unless the learner is stepping through older ones.
            let following = model.step >= model.trace.count - 1 || model.fullSize?.steps.isEmpty == true
            model.fullSize?.steps.append(step)
            if following {
                model.step = model.trace.count - 1
                ExerciseUpdate.clampStreams(&model)
                ExerciseUpdate.selectAppended(&model)
            }
            return []
        case .reported:
            return []
        case .finished(let outcome):
            guard outcome.exercise == model.currentID, model.fullSize != nil else { return [] }
            model.activity = .idle
            model.fullSize = nil
            model.outcome = outcome
            model.step = max(0, outcome.trace.count - 1)
            ExerciseUpdate.clampStreams(&model)
            ExerciseUpdate.selectAppended(&model)
            ExerciseUpdate.clampOffsets(&model)
            model.message = outcome.status == .passed
                ? "The full-size run passed: step through it with [ and ]."
                : "The full-size run did not pass: the Tests pane says why."
            return []
        }
    }

    /// The exercise's files were restored (or could not be): it is pending again and, when it
    /// is on screen, checked at once.
    static func exerciseReset(_ id: String, error: String?, _ model: inout Model) -> [Effect] {
        if let error {
            model.message = error
            return []
        }
        model.marks[id] = .pending
        model.message = "\(id) is back to its starting files."
        model.hintsRevealed[id] = nil
        guard id == model.currentID else { return [] }
        model.hintsShown = 0
        return [.runCheck(exercise: id, workspace: .exercises)]
    }
}
