/// One page of the sample store to read: the global log after a position, or one stream from
/// a version. Pages are small (`StoreBrowser.pageSize`) so a store of a million events is never
/// read whole.
public enum StoreQuery: Sendable, Hashable {
    /// Events with a global position greater than `after`, in order.
    case log(after: Int64)
    /// Events of `stream` from `fromVersion` on, in order.
    case stream(String, fromVersion: Int64)
}
