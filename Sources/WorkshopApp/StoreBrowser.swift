import TerminalUI

/// The Streams pane's second mode (`b`): browsing the persistent sample store page by page.
///
/// Only the current page is held; moving past either end of it asks for the next or the
/// previous page (`history` remembers where earlier pages started, since SQLite's global log
/// is read forward only).
public struct StoreBrowser: Sendable, Equatable {
    /// Events per page: a few screens' worth, small enough to decode in a millisecond or two.
    public static let pageSize = 200

    /// The page on screen, once loaded.
    public var page: StorePage?
    /// Why there is no page (no sample store yet, an unreadable file), as a sentence.
    public var unavailable: String?
    /// The selected event within the page.
    public var selection = ScrollState(selected: 0)
    /// Queries of the pages before this one, for going back.
    public var history: [StoreQuery] = []
    /// The query asked for and not yet answered.
    public var pending: StoreQuery?
    /// Where to select once the pending page arrives: its first or its last row.
    public var selectLastOnArrival = false

    public init() {}
}
