/// A command that cannot do what was asked, with the sentence to show and the exit status:
/// 1 when a check did not pass, 2 for bad usage or input.
struct WorkshopFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    static func usage(_ message: String) -> WorkshopFailure { WorkshopFailure(message: message, exitCode: 2) }
    static func checkFailed(_ message: String) -> WorkshopFailure { WorkshopFailure(message: message, exitCode: 1) }

    var description: String { message }
}
