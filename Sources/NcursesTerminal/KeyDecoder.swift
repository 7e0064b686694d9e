import CNcurses
import TerminalUI

/// Curses' codes for special keys, as `Key`s.
enum KeyDecoder {
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_IC: .insert
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_RESIZE: .resize
        case cn_key_f(1)...cn_key_f(63): .function(Int(code - cn_key_f(0)))
        default: .unknown(Int(code))
        }
    }
}
