import CurlTransport
import Foundation
import ReputationCore

/// The whole program behind the thin `vigia` executable: parse, run, map errors to exit codes.
package enum VigiaMain {
    package static func run() -> Never {
        // A write past `ulimit -f` must fail with EFBIG (reported, nothing half-written), not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        MallocTuning.apply(environment: ProcessInfo.processInfo.environment)
        let curl = CurlGlobal.start()
        if curl != 0 {
            Terminal.standard.warn("vigia: libcurl could not be initialised (curl_global_init returned \(curl))")
            exit(ExitCode.internalError.rawValue)
        }
        exit(run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, terminal: .standard))
    }

    package static func run(arguments: [String], environment: [String: String], terminal: Terminal) -> Int32 {
        let invocation: Invocation
        do {
            invocation = try CommandParser.parse(arguments)
        } catch {
            terminal.warn(error.description)
            return error.exitCode.rawValue
        }
        do {
            return try dispatch(invocation, environment: environment, terminal: terminal)
        } catch let error as UsageError {
            terminal.warn(error.description)
            return error.exitCode.rawValue
        } catch {
            terminal.warn(String(describing: error))
            return exitCode(for: error).rawValue
        }
    }

    private static func dispatch(_ invocation: Invocation, environment: [String: String], terminal: Terminal) throws -> Int32 {
        switch invocation.command {
        case .help(let name):
            if let name, let spec = CommandSpec.named(name) {
                terminal.say(HelpText.command(spec))
            } else {
                terminal.say(HelpText.overview())
            }
            return ExitCode.ok.rawValue
        case .version:
            terminal.say("vigia \(vigiaVersion)")
            return ExitCode.ok.rawValue
        default:
            let context = try RunContext(global: invocation.global, environment: environment, terminal: terminal)
            return try CommandRunner.run(invocation.command, context: context)
        }
    }

    /// Errors to sysexits: configuration/data 65, lock 75, everything unexpected 70.
    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case is ConfigError, is CrisisReplayCommand.Failure: return .dataError
        case let error as UsageError: return error.exitCode
        case let error as RunError: return error.exitCode
        case let error as RulesError:
            // A bad line or an unreadable file in feeds/rules/ is the user's data; a missing bundle is ours.
            if case .notFound = error { return .internalError }
            return .dataError
        case let error as StoreError:
            if case .corrupt = error { return .dataError }
            return .cannotCreate
        default:
            return .internalError
        }
    }
}
