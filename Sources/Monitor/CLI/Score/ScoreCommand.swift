import Foundation
import ReputationCore

/// `vigia score`: sentiment and triage for posts, JSON Lines in and out, streaming, through the same assessment
/// as `vigia poll` (`Assessor`).
package enum ScoreCommand {
    /// Reads JSON Lines {"id","text"[,"lang"][,"author"]} (or plain text lines: id = line number) from `input`,
    /// writes JSON Lines {"id","label","score","lang","terms":[{"text","weight"}],"intent","categories",
    /// "question","private_data"} to `output`, flushed per chunk read. A bad line gets an error line on `errors`
    /// naming its number and scoring continues. Returns the number of lines scored.
    package static func run(input: FileHandle, output: FileHandle, errors: FileHandle, assessor: Assessor,
                           languageHint: String? = nil) throws -> Int {
        var session = Session(assessor: assessor, hint: languageHint, errors: errors)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // read(2) returns what the pipe has (a line typed or tailed in is scored at once), where
            // FileHandle.readData(ofLength:) would wait for the whole 64 KB.
            let count = chunk.withUnsafeMutableBytes { read(input.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(code: errno)
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                session.process(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(..<start)
            session.flush(to: output)
        }
        if !pending.isEmpty { session.process(pending[...]) }
        session.flush(to: output)
        return session.scored
    }

    /// Reading the input failed (not a bad line: the stream itself).
    package struct InputError: Error, CustomStringConvertible {
        package var code: Int32
        package var description: String { "vigia score: cannot read input: \(String(cString: strerror(code)))" }
    }

    /// The state of one run, a value the loop owns (a nested function capturing these variables would box
    /// them, and every access would then be checked at run time).
    private struct Session {
        let assessor: Assessor
        let hint: String?
        let errors: FileHandle
        var out: [UInt8] = []
        /// The assessor's buffers, reused for every post of the run.
        var scratch = Assessor.Scratch()
        var lineNumber = 0
        var scored = 0

        init(assessor: Assessor, hint: String?, errors: FileHandle) {
            self.assessor = assessor
            self.hint = hint
            self.errors = errors
            out.reserveCapacity(1 << 20)
        }

        mutating func process(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
            do {
                let post = try ScoreInputLine.parse(line, lineNumber: lineNumber)
                post.withText { bytes in
                    let (sentiment, triage) = assessor.assess(utf8: bytes, languageHint: post.language ?? hint,
                                                              author: post.author, scratch: &scratch)
                    ScoreOutputLine.write(post, sentiment: sentiment, triage: triage, into: &out)
                }
                scored += 1
            } catch {
                errors.emit(Data("vigia score: line \(lineNumber): \(error)\n".utf8))
            }
        }

        mutating func flush(to output: FileHandle) {
            guard !out.isEmpty else { return }
            output.emit(Data(out))
            out.removeAll(keepingCapacity: true)
        }
    }
}
