/// Whether colours are drawn at all.
public enum ColorMode: Hashable, Sendable {
    /// The terminal's 16 colours.
    case colors
    /// Attributes only (bold, dim, underline, reverse): for `NO_COLOR`, `--no-color`, and
    /// terminals without colours.
    case monochrome

    /// The mode the user asked for: monochrome when `--no-color` was given or when `NO_COLOR`
    /// is set to a non-empty value (https://no-color.org).
    ///
    /// ```swift
    /// let mode = ColorMode.requested(environment: ProcessInfo.processInfo.environment, noColorFlag: options.noColor)
    /// ```
    public static func requested(environment: [String: String], noColorFlag: Bool) -> ColorMode {
        if noColorFlag { return .monochrome }
        if let value = environment["NO_COLOR"], !value.isEmpty { return .monochrome }
        return .colors
    }
}
