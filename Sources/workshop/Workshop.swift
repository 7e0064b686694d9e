import ArgumentParser

@main
struct Workshop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workshop", version: "0.1.0")
    func run() throws { print("workshop") }
}
