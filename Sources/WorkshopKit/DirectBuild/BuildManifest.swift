import Foundation

/// The commands of SwiftPM's llbuild manifest (`<scratch>/debug.yaml`): for each, its tool,
/// inputs, outputs and exact arguments, as SwiftPM's last planning wrote them.
///
/// The manifest is YAML, but SwiftPM writes every value of a command on one line, lists and
/// strings in JSON syntax, so it is read line by line without a YAML library.
struct BuildManifest: Sendable {
    struct Command: Sendable, Hashable {
        var name: String
        var tool: String
        var inputs: [String]
        var outputs: [String]
        var arguments: [String]
    }

    let commands: [String: Command]

    init(commands: [String: Command]) {
        self.commands = commands
    }

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var commands: [String: Command] = [:]
        var current: Command?
        var inCommands = false
        let decoder = JSONDecoder()
        func list(_ value: Substring) -> [String] {
            (try? decoder.decode([String].self, from: Data(value.utf8))) ?? []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { continue }
            if !line.hasPrefix(" ") {
                if let current { commands[current.name] = current }
                current = nil
                inCommands = line == "commands:"
                continue
            }
            guard inCommands else { continue }
            if line.hasPrefix("  \""), !line.hasPrefix("   "), line.hasSuffix("\":"),
               let name = try? decoder.decode(String.self, from: Data(line.dropFirst(2).dropLast().utf8)) {
                if let current { commands[current.name] = current }
                current = Command(name: name, tool: "", inputs: [], outputs: [], arguments: [])
                continue
            }
            guard current != nil, line.hasPrefix("    "), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[line.index(line.startIndex, offsetBy: 4)..<colon]
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            switch key {
            case "tool": current?.tool = String(value)
            case "inputs": current?.inputs = list(value)
            case "outputs": current?.outputs = list(value)
            case "args": current?.arguments = list(value)
            default: break
            }
        }
        if let current { commands[current.name] = current }
        self.commands = commands
    }

    /// The command SwiftPM names `C.<target>-<triple>-debug.<kind>`: `module` compiles a
    /// target, `exe` links an executable product.
    func command(target: String, kind: String) -> Command? {
        let prefix = "C.\(target)-", suffix = "-debug.\(kind)"
        return commands.values.first { $0.name.hasPrefix(prefix) && $0.name.hasSuffix(suffix) && $0.tool == "shell" }
    }

    /// Every file the command `root` depends on, directly or through the commands that
    /// produce its inputs: `(produced, leaves)`, where leaves are files no command writes
    /// (sources, headers, manifests). Virtual nodes (`<...>`) are followed but not listed.
    func closure(of root: Command) -> (produced: Set<String>, leaves: Set<String>) {
        var producer: [String: Command] = [:]
        for command in commands.values {
            for output in command.outputs { producer[output] = command }
        }
        var produced: Set<String> = [], leaves: Set<String> = []
        var visited: Set<String> = [root.name]
        var pending = [root]
        while let command = pending.popLast() {
            for input in command.inputs {
                let virtual = input.hasPrefix("<")
                if let source = producer[input] {
                    if !virtual { produced.insert(input) }
                    if visited.insert(source.name).inserted { pending.append(source) }
                } else if !virtual {
                    leaves.insert(input)
                }
            }
        }
        return (produced, leaves)
    }
}
