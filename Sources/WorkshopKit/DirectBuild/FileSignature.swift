import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file: enough to notice that it was written, replaced or removed
/// (llbuild decides the same way whether a build input changed).
struct FileSignature: Codable, Sendable, Hashable {
    var size: Int64
    /// Modification time in nanoseconds since the epoch.
    var modified: Int64
    var inode: UInt64

    /// The file's signature, or nil when there is no such file.
    static func of(_ path: String) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return FileSignature(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }

    /// The signatures of `paths`; a missing file is recorded as missing, so that its later
    /// appearance counts as a change too.
    static func of(_ paths: [String]) -> [String: FileSignature?] {
        Dictionary(uniqueKeysWithValues: paths.map { ($0, FileSignature.of($0)) })
    }

    /// The first of `recorded` whose file no longer has the recorded signature.
    static func firstChanged(in recorded: [String: FileSignature?]) -> String? {
        for (path, signature) in recorded.sorted(by: { $0.key < $1.key }) where FileSignature.of(path) != signature {
            return path
        }
        return nil
    }
}
