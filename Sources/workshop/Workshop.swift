import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopRuntime

@main
struct Workshop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Event Sourcing in production: a hands-on workshop in your terminal.",
        discussion: """
            Without a subcommand: the terminal UI, at your first unfinished exercise. \
            Without a terminal (an editor, a script, CI): `workshop list`, `workshop check ID`, \
            `workshop hint ID`, `workshop watch ID`.
            """,
        version: "0.1.0",
        subcommands: [
            ListCommand.self, CheckCommand.self, HintCommand.self, ResetCommand.self, VerifyCommand.self,
            WatchCommand.self, BenchCommand.self, SeedCommand.self, SampleCommand.self, ArchiveCommand.self, PristineCommand.self, PrebuildCommand.self, ClassCommand.self, TUICommand.self,
        ],
        defaultSubcommand: TUICommand.self)

    /// Runs the command with the workshop's exit statuses: 0 success, 1 a check did not pass,
    /// 2 bad usage or input, always with a one-line reason on stderr.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as WorkshopFailure {
            Console.error("workshop: \(failure.message)")
            Foundation.exit(failure.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let exitCode = exitCode(for: error)
            if exitCode == .success {
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Console.error("workshop: \(message) (see `workshop help`)")
            Foundation.exit(exitCode == .validationFailure ? 2 : (exitCode == .failure ? 2 : exitCode.rawValue))
        }
    }
}
