import ArgumentParser
import Foundation
import WorkshopKit

@main
struct Workshop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Event Sourcing in production: a hands-on workshop in your terminal.",
        discussion: """
            Without a subcommand: your exercises and where you left off. \
            Edit the exercise's files, then `workshop check ID`; `workshop hint ID` when stuck.
            """,
        version: "0.1.0",
        subcommands: [
            ListCommand.self, CheckCommand.self, HintCommand.self, ResetCommand.self, VerifyCommand.self,
            WatchCommand.self, BenchCommand.self, SeedCommand.self, PristineCommand.self, TUICommand.self,
        ],
        defaultSubcommand: TUICommand.self)

    @OptionGroup var project: ProjectOptions

    mutating func run() async throws {
        // Until the terminal UI lands here: the list, and how to go on.
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let summary = try project.progress(paths, quietWhenNew: false).summary()
        ListCommand.printTable(catalog, summary: summary, resume: summary.resume(in: catalog))
        Terminal.line("Commands: workshop check ID, workshop hint ID, workshop reset ID, workshop watch ID; workshop --help for more.")
    }

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
            Terminal.error("workshop: \(failure.message)")
            Foundation.exit(failure.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let exitCode = exitCode(for: error)
            if exitCode == .success {
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Terminal.error("workshop: \(message) (see `workshop help`)")
            Foundation.exit(exitCode == .validationFailure ? 2 : (exitCode == .failure ? 2 : exitCode.rawValue))
        }
    }
}
