import Foundation

/// A problem reading or writing alerts/, naming the file. Out of space is its own case: the operator must act.
package enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case noSpace(path: String)
    case cannotRead(path: String, reason: String)
    case corrupt(path: String, line: Int, reason: String)
    /// A symbolic link where Vigía keeps a file or folder of its own: never followed (it could point anywhere).
    case symbolicLink(path: String)

    package var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "\(path): cannot create: \(reason)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .noSpace(path):
            return "\(path): no space left (disk full or file-size limit); nothing was half-written, free space and run again"
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .corrupt(path, line, reason): return "\(path):\(line): \(reason)"
        case let .symbolicLink(path):
            return "\(path): is a symbolic link; Vigía never follows links inside its alerts folder (it could point at "
                + "any file): remove the link and run again"
        }
    }

    static func writing(_ path: String, errno code: Int32) -> StoreError {
        if code == ENOSPC || code == EFBIG || code == EDQUOT { return .noSpace(path: path) }
        return .cannotWrite(path: path, reason: String(cString: strerror(code)))
    }
}
