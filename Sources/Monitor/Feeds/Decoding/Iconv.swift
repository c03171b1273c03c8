import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Any other charset a feed declares (GB2312, Big5, EUC-KR, KOI8-R…), through the C library's iconv, which knows
/// hundreds. A byte sequence that is not valid in the declared charset becomes U+FFFD and reading goes on.
enum Iconv {
    struct Converted {
        var bytes: [UInt8]
        var invalidSequences: Int
    }

    /// Nil when the C library does not know `charset`.
    static func utf8(_ body: ArraySlice<UInt8>, from charset: String) -> Converted? {
        guard let descriptor = open(charset) else { return nil }
        defer { iconv_close(descriptor) }
        var input = Array(body)
        var output = [UInt8](repeating: 0, count: max(64, input.count * 2 + 16))
        var written = 0
        var invalid = 0
        input.withUnsafeMutableBytes { inputBytes in
            var consumed = 0
            while consumed < inputBytes.count {
                if output.count - written < 16 { output += [UInt8](repeating: 0, count: output.count) }
                let (read, produced, stop) = step(descriptor, inputBytes, from: consumed, into: &output, at: written)
                consumed += read
                written += produced
                switch stop {
                case .done, .truncated: consumed = inputBytes.count  // an incomplete sequence at the end: dropped
                case .full: continue
                case .invalid:
                    invalid += 1
                    consumed += 1
                    if output.count - written < 3 { output += [UInt8](repeating: 0, count: 64) }
                    output.replaceSubrange(written..<(written + 3), with: [0xEF, 0xBF, 0xBD])
                    written += 3
                }
            }
        }
        return Converted(bytes: Array(output[..<written]), invalidSequences: invalid)
    }

    private enum Stop { case done, full, invalid, truncated }

    /// One iconv call from `offset`: bytes read, bytes written, and why it stopped.
    private static func step(_ descriptor: iconv_t, _ input: UnsafeMutableRawBufferPointer, from offset: Int,
                             into output: inout [UInt8], at position: Int) -> (Int, Int, Stop) {
        output.withUnsafeMutableBytes { outputBytes in
            var inPointer: UnsafeMutablePointer<CChar>? = input.baseAddress!.advanced(by: offset)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count - offset
            var outPointer: UnsafeMutablePointer<CChar>? = outputBytes.baseAddress!.advanced(by: position)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outputBytes.count - position
            let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            let read = input.count - offset - inLeft
            let produced = outputBytes.count - position - outLeft
            guard result == -1 else { return (read, produced, .done) }
            switch errno {
            case E2BIG: return (read, produced, .full)
            case EILSEQ: return (read, produced, .invalid)
            default: return (read, produced, .truncated)
            }
        }
    }

    private static func open(_ charset: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        return descriptor
    }
}
