import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build of a check program at a time, across processes (the app and a `workshop check`
/// in another terminal): both the direct build and SwiftPM's write the same files.
enum BuildLock {
    static func withLock<T>(product: String, scratch: URL, _ body: () async throws -> T) async throws -> T {
        let folder = DirectBuildPlan.folder(scratch: scratch)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.appending(path: "\(product).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try await body() }
        defer { close(descriptor) }
        // Another process builds the same program: wait for it (cancellable), then build.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
