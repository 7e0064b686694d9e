import Foundation

/// The class this project copy has joined, kept in `.workshop/class.json`, readable by its
/// owner only (mode 0600): it holds the join URL's password and the attendee's token.
public struct ClassMembership: Codable, Sendable, Hashable {
    public var `class`: String
    public var name: String
    /// The join URL, password included.
    public var url: String
    /// The secret the server gave this name when it joined.
    public var token: String
    /// Whether the facts recorded before joining were sent (once, at the first relay).
    public var backfilled: Bool

    public init(class: String, name: String, url: String, token: String, backfilled: Bool = false) {
        self.class = `class`
        self.name = name
        self.url = url
        self.token = token
        self.backfilled = backfilled
    }

    public static func file(in state: URL) -> URL { state.appending(path: "class.json") }

    /// The membership saved in `state`, nil when this copy is in no class.
    public static func load(from state: URL) throws -> ClassMembership? {
        let file = file(in: state)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try JSONDecoder().decode(ClassMembership.self, from: Data(contentsOf: file))
        } catch {
            throw ClassError(.input, "\(file.lastPathComponent) in .workshop/ cannot be read; run `workshop class leave` and join again.")
        }
    }

    /// Saves it with mode 0600 from the first byte: written to a new file created 0600, then
    /// renamed over the old one, so the secret is never in a file others may read.
    public func save(in state: URL) throws {
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let file = Self.file(in: state)
        let temporary = state.appending(path: ".class.json.\(getpid())")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(self)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw ClassError(.input, "Cannot write \(temporary.path) (\(String(cString: strerror(errno)))).")
        }
        fchmod(descriptor, 0o600)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == data.count, rename(temporary.path, file.path) == 0 else {
            unlink(temporary.path)
            throw ClassError(.input, "Cannot write \(file.path).")
        }
    }

    /// Forgets the class: nothing is relayed any more (facts keep their outbox messages, so a
    /// later join sends them).
    public static func remove(from state: URL) throws -> ClassMembership? {
        let current = try? load(from: state)
        let file = file(in: state)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
        return current
    }
}
