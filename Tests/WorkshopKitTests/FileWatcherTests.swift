import Foundation
import Testing
@testable import WorkshopKit

struct FileWatcherTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "workshop-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "let x = 1\n".write(to: folder.appending(path: "Tally.swift"), atomically: false, encoding: .utf8)
        return folder
    }

    /// How vim and many editors save: write a temporary file next to it, then rename it over.
    static func atomicSave(_ text: String, to file: URL) throws {
        let folder = file.deletingLastPathComponent()
        try "".write(to: folder.appending(path: "4913"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appending(path: "4913"))
        let temporary = folder.appending(path: ".\(file.lastPathComponent).swp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        _ = rename(temporary.path, file.path)
    }

    @Test(arguments: [FileWatcher.Mode.automatic, .polling])
    func anAtomicSaveIsReportedOnceAfterTheDebounce(mode: FileWatcher.Mode) async throws {
        let folder = try Self.folder()
        let watcher = FileWatcher(folders: [folder], mode: mode)
        let changes = watcher.changes()
        await watcher.ready()
        let saved = ContinuousClock.now
        try Self.atomicSave("let x = 2\n", to: folder.appending(path: "Tally.swift"))
        try Self.atomicSave("let x = 3\n", to: folder.appending(path: "Tally.swift"))

        var iterator = changes.makeAsyncIterator()
        let first = await iterator.next()
        #expect(first == [folder.appending(path: "Tally.swift").path])
        #expect(ContinuousClock.now - saved >= .milliseconds(200))
        #expect(watcher.isPolling == (mode == .polling))

        // Nothing else arrives for the same burst (an absence: only a window of time shows it).
        let extra = Task { await iterator.next() }
        try await Task.sleep(for: .milliseconds(700))
        watcher.stop()
        #expect(await extra.value == nil)
    }

    @Test(arguments: [".Tally.swift.swp", "Tally.swift~", "4913", "#Tally.swift#"])
    func editorScratchFilesAreIgnored(name: String) {
        #expect(FileWatcher.isIgnored(name))
    }

    @Test func aFolderInotifyCannotWatchFallsBackToPolling() async throws {
        let missing = FileManager.default.temporaryDirectory.appending(path: "workshop-missing-\(UUID().uuidString)")
        let watcher = FileWatcher(folders: [missing])
        let changes = watcher.changes()
        await watcher.ready()
        #expect(watcher.isPolling)
        watcher.stop()
        for await _ in changes {}
    }
}
