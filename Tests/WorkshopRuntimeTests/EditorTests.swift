import Foundation
import Testing
@testable import WorkshopRuntime

/// The editor is a real child process: a shell script standing in for `$EDITOR` records the
/// arguments it was given.
struct EditorTests {
    private func scriptEditor() throws -> (editor: String, log: URL) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appending(path: "arguments")
        let script = folder.appending(path: "vim")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(log.path)'\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (script.path, log)
    }

    @Test func theEditorOpensTheFileAtTheLineWhenItTakesOne() throws {
        let (editor, log) = try scriptEditor()
        let error = Editor.run(file: "/tmp/a file.swift", line: 12, environment: ["EDITOR": editor, "PATH": "/usr/bin:/bin"])
        #expect(error == nil)
        #expect(try String(contentsOf: log, encoding: .utf8) == "+12\n/tmp/a file.swift\n")
    }

    @Test func aMissingEditorIsASentenceNotACrash() {
        let error = Editor.run(file: "/tmp/x.swift", line: nil, environment: ["EDITOR": "/nonexistent/editor", "PATH": "/usr/bin:/bin"])
        #expect(error?.contains("/nonexistent/editor") == true)
    }

    @Test func withoutEditorOrAnyKnownOneItSaysHowToSetOne() {
        #expect(Editor.choose(environment: ["PATH": "/nonexistent"]) == nil)
        #expect(Editor.run(file: "/tmp/x.swift", line: nil, environment: ["PATH": "/nonexistent"])?.contains("set EDITOR") == true)
    }
}
