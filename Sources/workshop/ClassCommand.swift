import ArgumentParser
import Foundation
import Classroom
import WorkshopKit
import WorkshopRuntime
#if Postgres
import PostgresTestCluster
#endif

/// `workshop class …`: the classroom. Every attendee's progress facts go to a class on a
/// PostgreSQL server; the trainer's board shows the room.
struct ClassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "Share your progress with a class, or show the class's board (trainer).",
        discussion: """
            Trainer: `workshop class create postgres://admin@host/db --name monday` prints a join \
            URL for the attendees and a board URL for you; `workshop class board BOARD_URL` shows \
            the room. Attendee: `workshop class join --name "Ada" < join-url.txt` (or the URL as an \
            argument). Only progress facts are shared (exercise opened, check ran with its status, \
            counts, failing checks' names and first error message, hint revealed, completed, reset), \
            never your code or files. Needs the workshop built with PostgreSQL support (`make postgres`).
            """,
        subcommands: [
            ClassCreateCommand.self, ClassJoinCommand.self, ClassLeaveCommand.self, ClassStatusCommand.self,
            ClassSyncCommand.self, ClassBoardCommand.self,
        ])
}

/// What is shared, said when joining.
let sharedFactsNotice = """
    Only progress facts are shared with the class: exercise opened, check ran (status, passed and \
    failed counts, the failing checks' names, the first error's message, duration), hint revealed, \
    completed, reset. Never your code or your files.
    """

#if !Postgres
private func withoutPostgres() -> WorkshopFailure {
    .usage("This workshop was built without PostgreSQL support, which classes need; build it with `make postgres` and run .build/debug/workshop.")
}
#endif

struct ClassCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a class on a PostgreSQL server (trainer) and print its join and board URLs.",
        discussion: "URL is a role allowed to create roles and tables, e.g. postgres://postgres:secret@localhost/workshop.")

    @Argument(help: "The server and database, as postgres://user:password@host:port/database.")
    var url: String

    @Option(help: "The class's name: lower-case letters, digits and _.")
    var name = "class"

    @Flag(help: "Print {\"class\", \"join\", \"board\"} as JSON.")
    var json = false

    func run() async throws {
        #if Postgres
        let invitation = try classStep { try ClassInvitation.create(adminURL: url, name: name) }
        if json {
            try Console.json(invitation)
        } else {
            Console.line("Class '\(invitation.class)' created.")
            Console.line("Attendees join with (keep it to the room; it carries a password):")
            Console.line("  workshop class join --name YOUR_NAME '\(invitation.join)'")
            Console.line("Your board:")
            Console.line("  workshop class board '\(invitation.board)'")
        }
        #else
        throw withoutPostgres()
        #endif
    }
}

struct ClassJoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join a class: from now on your progress facts (and the ones recorded so far) go to it.",
        discussion: "Without JOIN_URL, the URL is read from standard input, which keeps it out of process lists.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The join URL the trainer gave (omit it to read it from standard input).")
    var joinURL: String?

    @Option(help: "Your name on the board: letters, digits, spaces, '.', '_' and '-'.")
    var name: String

    @Flag(help: "Print {\"class\", \"name\", \"connected\", \"pending\"} as JSON.")
    var json = false

    func run() async throws {
        #if Postgres
        let paths = try project.paths()
        let url: String
        if let joinURL {
            url = joinURL
        } else {
            guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
                throw WorkshopFailure.usage("No join URL: give it as an argument or on standard input.")
            }
            url = line
        }
        if let problem = AttendeeName.problem(with: name) { throw WorkshopFailure.usage(problem) }
        let existing = try classStep { try ClassMembership.load(from: paths.state) }
        let attendee = try classStep { try ClassAttendee(joinURL: url) }
        var membership: ClassMembership
        if let existing, existing.class == attendee.className, existing.name == name,
           (try? attendee.isMember(name, token: existing.token)) == true {
            // Joining again from the same copy: keep the token the server gave.
            membership = existing
            membership.url = url
        } else {
            let token = try classStep { try attendee.join(as: name) }
            membership = ClassMembership(class: attendee.className, name: name, url: url, token: token)
        }
        try classStep { try membership.save(in: paths.state) }
        let progress = project.progress(paths)
        let report = await Task.detached { ClassRelay(progress: progress.store, state: paths.state).relayOnce() }.value
        if json {
            try Console.json(ClassStatus(report))
        } else {
            Console.line("Joined class '\(membership.class)' as \(membership.name).")
            Console.line(sharedFactsNotice)
            Console.line(ClassStatus(report).sentence)
        }
        #else
        throw withoutPostgres()
        #endif
    }
}

struct ClassLeaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave", abstract: "Stop sending your progress to the class (what it has stays there).")

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let paths = try project.paths()
        if let left = try classStep({ try ClassMembership.remove(from: paths.state) }) {
            Console.line("Left class '\(left.class)'; your progress stays on this machine only.")
        } else {
            Console.line("This copy is in no class.")
        }
    }
}

struct ClassStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "The class this copy is in, whether its server answers, and how many facts wait.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print {\"class\", \"name\", \"connected\", \"pending\"} as JSON.")
    var json = false

    func run() async throws {
        #if Postgres
        let paths = try project.paths()
        let progress = project.progress(paths)
        let membership = try classStep { try ClassMembership.load(from: paths.state) }
        var status = ClassStatus(class: membership?.class, name: membership?.name, connected: false,
                                 pending: ClassRelay(progress: progress.store, state: paths.state).waiting(), problem: nil)
        if let membership {
            do {
                let attendee = try ClassAttendee(joinURL: membership.url)
                status.connected = try attendee.isMember(membership.name, token: membership.token)
                if !status.connected { status.problem = "The class does not know \(membership.name) any more; join again." }
            } catch {
                status.problem = "\(error)"
            }
        }
        if json { try Console.json(status) } else { Console.line(status.sentence) }
        #else
        throw withoutPostgres()
        #endif
    }
}

struct ClassSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Send the progress facts waiting for the class now (the TUI and `watch` do it on their own).")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print {\"class\", \"name\", \"connected\", \"pending\", \"delivered\"} as JSON.")
    var json = false

    func run() async throws {
        #if Postgres
        let paths = try project.paths()
        let progress = project.progress(paths)
        let report = await Task.detached { ClassRelay(progress: progress.store, state: paths.state).relayOnce() }.value
        guard report.className != nil else { throw WorkshopFailure.usage("This copy is in no class; join one with `workshop class join --name NAME`.") }
        if json { try Console.json(ClassStatus(report)) } else { Console.line(ClassStatus(report).sentence) }
        if let problem = report.problem, !json { throw WorkshopFailure(message: problem.description, exitCode: 1) }
        #else
        throw withoutPostgres()
        #endif
    }
}

struct ClassBoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "The class's board (trainer): who is on what, who is stuck, which check the room fails.",
        discussion: "Without --json, the board screen of the app (live). BOARD_URL may also come on standard input.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The board URL `workshop class create` printed (omit it to read it from standard input).")
    var boardURL: String?

    @Option(help: "Minutes with the same failing check (or compile error) after which an attendee is stuck.")
    var stuckAfter: Double = 10

    @Flag(help: "Print the board once as JSON.")
    var json = false

    func run() async throws {
        #if Postgres
        let url: String
        if let boardURL {
            url = boardURL
        } else if let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty {
            url = line
        } else {
            throw WorkshopFailure.usage("No board URL: give it as an argument or on standard input.")
        }
        let order = (try? project.catalog(project.paths()).exercises.map(\.id)) ?? []
        let feed = try classStep { try ClassBoardFeed(boardURL: url) }
        var board = try classStep { try feed.load() }
        try classStep { _ = try feed.catchUp(&board) }
        let report = board.report(now: Date(), stuckAfter: stuckAfter * 60, exerciseOrder: order)
        if json {
            FileHandle.standardOutput.write(try report.json())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            try await ClassBoardText.follow(feed: feed, board: board, stuckAfter: stuckAfter * 60, exerciseOrder: order)
        }
        #else
        throw withoutPostgres()
        #endif
    }
}

#if Postgres
/// `class status --json`: {"class", "name", "connected", "pending"} (and "delivered" after a sync).
struct ClassStatus: Encodable {
    var `class`: String?
    var name: String?
    var connected: Bool
    var pending: Int
    var delivered: Int?
    var problem: String?

    init(class: String?, name: String?, connected: Bool, pending: Int, problem: String?) {
        self.class = `class`
        self.name = name
        self.connected = connected
        self.pending = pending
        self.problem = problem
    }

    init(_ report: ClassRelay.Report) {
        self.init(class: report.className, name: report.name, connected: report.connected, pending: report.waiting, problem: report.problem?.description)
        delivered = report.delivered
    }

    var sentence: String {
        guard let className = `class` else { return "This copy is in no class (\(pending) facts recorded would be sent on joining)." }
        let state = connected ? "connected" : "offline"
        var text = "Class '\(className)' as \(name ?? "?"): \(state), \(pending) waiting"
        if let delivered { text += ", \(delivered) sent now" }
        if let problem { text += ". \(problem)" }
        return text + (text.hasSuffix(".") ? "" : ".")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(`class`, forKey: .class)
        try container.encode(name, forKey: .name)
        try container.encode(connected, forKey: .connected)
        try container.encode(pending, forKey: .pending)
        try container.encodeIfPresent(delivered, forKey: .delivered)
        try container.encode(problem, forKey: .problem)
    }

    enum CodingKeys: String, CodingKey { case `class`, name, connected, pending, delivered, problem }
}

#endif

/// Runs a class step; its `ClassError` becomes the command's one-sentence failure (exit 2).
func classStep<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ClassError {
        throw WorkshopFailure.usage(error.description)
    }
}

/// `workshop bench class --attendees N [--json]`.
struct BenchClassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "Simulated attendees at ten times workshop pace against a throw-away PostgreSQL: board latency, lost, doubled.",
        discussion: """
            Starts its own PostgreSQL (initdb into a temporary folder, as the tests do; needs the \
            postgresql package), creates a class, joins N attendees each with its own progress store \
            and relay, and follows the class with a board. Prints {attendees, events, \
            board_latency_ms_p50, board_latency_ms_p99, lost, duplicated}. WORKSHOP_TEST_POSTGRES \
            points it at an existing server instead.
            """)

    @Option(help: "Simulated attendees.")
    var attendees = 200

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (1...280).contains(attendees) else { throw ValidationError("--attendees is 1 to 280 (the test server allows 300 connections).") }
    }

    func run() async throws {
        #if Postgres
        let server: PostgresTestCluster
        do {
            server = try PostgresTestCluster.shared()
        } catch {
            throw WorkshopFailure.usage("Cannot start a throw-away PostgreSQL: \(error)")
        }
        let database = try server.createDatabase()
        let result = try await classStep { ClassBenchmark(attendees: attendees) }.run(adminURL: database)
        if json {
            try Console.json(result)
        } else {
            Console.line("\(result.attendees) attendees, \(result.events) facts on the board")
            Console.line("board latency: p50 \(result.boardLatencyMsP50) ms, p99 \(result.boardLatencyMsP99) ms")
            Console.line("lost \(result.lost), duplicated \(result.duplicated)")
        }
        #else
        throw withoutPostgres()
        #endif
    }
}
