import Foundation

// Release-build benchmarks: `swift run -c release vigia-bench <name> [options]`.
// Each benchmark lives in its own file; this table is the only place that lists them.
let benchmarks: [(name: String, summary: String)] = [
    ("all", "run every benchmark in turn"),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, benchmarks.contains(where: { $0.name == name }) else {
    print("usage: vigia-bench <benchmark> [options]")
    for bench in benchmarks { print("  \(bench.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(bench.summary)") }
    exit(arguments.isEmpty ? 0 : 64)
}
