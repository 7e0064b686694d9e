/// The learner's files of one exercise beside the solution's, for the diff screen (`d`).
public struct DiffDocument: Sendable, Equatable {
    /// One file: its path as the learner sees it and both versions (nil when missing).
    public struct File: Sendable, Equatable {
        public var path: String
        public var exercise: String?
        public var solution: String?

        public init(path: String, exercise: String?, solution: String?) {
            self.path = path
            self.exercise = exercise
            self.solution = solution
        }
    }

    public var exercise: String
    public var files: [File]

    public init(exercise: String, files: [File]) {
        self.exercise = exercise
        self.files = files
    }
}
