import Foundation

/// Starts the learner's editor on a file and waits for it: `$VISUAL`, else `$EDITOR`, else the
/// first of nano, vim and vi that is installed.
enum Editor {
    /// Editors known to take `+LINE` before the file to open it at a line.
    private static let takesLine: Set<String> = ["vi", "vim", "nvim", "nano", "emacs", "micro", "kak", "hx", "helix", "joe", "mg", "ne"]

    /// Runs the editor; nil when it ran, else a sentence saying why it did not.
    static func run(file: String, line: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let editor = choose(environment: environment) else {
            return "No editor found: set EDITOR (for example `export EDITOR=nano`) and press e again."
        }
        let name = URL(filePath: String(editor.split(separator: " ").first ?? "")).lastPathComponent
        var arguments = [file]
        if let line, takesLine.contains(name) { arguments.insert("+\(line)", at: 0) }
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        // Through the shell, so EDITOR may carry its own arguments ("code --wait").
        process.arguments = ["-c", "\(editor) \"$@\"", "sh"] + arguments
        do {
            try process.run()
        } catch {
            return "Could not start the editor '\(editor)': \(error.localizedDescription)"
        }
        process.waitUntilExit()
        if process.terminationStatus == 127 { return "The editor '\(editor)' was not found; set EDITOR to one that is installed." }
        return nil
    }

    /// The editor command to use, or nil when there is none.
    static func choose(environment: [String: String]) -> String? {
        for key in ["VISUAL", "EDITOR"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for candidate in ["nano", "vim", "vi"] {
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(candidate)") {
                return candidate
            }
        }
        return nil
    }
}
