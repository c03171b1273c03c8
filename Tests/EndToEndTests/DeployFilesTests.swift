import Foundation
import XCTest

/// The deployment examples in deploy/ as an operator would use them: the systemd template passes
/// `systemd-analyze verify` for a brand instance, and the Kubernetes manifests render per brand with the
/// settings that keep one brand's polls from overlapping and the exit codes that are not failures mapped.
final class DeployFilesTests: XCTestCase {
    private var deploy: URL { VigiaProcess.packageRoot.appendingPathComponent("deploy") }

    func testSystemdTemplateVerifiesForABrandInstance() throws {
        let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        guard FileManager.default.isExecutableFile(atPath: analyze.path) else {
            throw XCTSkip("systemd-analyze is not installed here")
        }
        let folder = try temporaryFolder()
        let service = try String(contentsOf: deploy.appendingPathComponent("systemd/vigia@.service"), encoding: .utf8)
        XCTAssertTrue(service.contains("WorkingDirectory=/srv/vigia/%i"))
        XCTAssertTrue(service.contains("SuccessExitStatus=1 75"), "1 and 75 are not failures of a poll")
        // verify checks that ExecStart names an executable: point it at the vigia this test run built.
        let local = service.replacingOccurrences(of: "/opt/vigia/vigia", with: VigiaProcess.executable.path)
            .replacingOccurrences(of: "User=vigia\n", with: "").replacingOccurrences(of: "Group=vigia\n", with: "")
        try local.write(to: folder.appendingPathComponent("vigia@casa-alba.service"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: deploy.appendingPathComponent("systemd/vigia@.timer"),
                                         to: folder.appendingPathComponent("vigia@casa-alba.timer"))
        let result = try run(analyze, ["verify", "vigia@casa-alba.service", "vigia@casa-alba.timer"], in: folder)
        XCTAssertEqual(result.status, 0, result.output)
        // verify exits 0 on keys it could not parse and only says so: any word about our files is a fault.
        XCTAssertFalse(result.output.contains("vigia@casa-alba"), result.output)
    }

    func testKubernetesManifestsRenderPerBrand() throws {
        let render = deploy.appendingPathComponent("kubernetes/render")
        let result = try run(render, ["casa-alba", "tienda-sur"], in: deploy)
        XCTAssertEqual(result.status, 0, result.output)
        let documents = result.output.components(separatedBy: "\n---\n").filter { $0.contains("kind: CronJob") }
        XCTAssertEqual(documents.count, 2)
        for (brand, document) in zip(["casa-alba", "tienda-sur"], documents) {
            XCTAssertFalse(document.contains("BRAND"), "every placeholder is replaced")
            for line in ["name: vigia-\(brand)", "concurrencyPolicy: Forbid", "restartPolicy: Never",
                         "secretRef: {name: vigia-\(brand)-secrets}", "claimName: vigia-\(brand)-alerts",
                         "mountPath: /srv/vigia/alerts"] {
                XCTAssertTrue(document.contains(line), "\(brand): \(line)")
            }
        }
        let refused = try run(render, ["Casa_Alba"], in: deploy)
        XCTAssertEqual(refused.status, 64, "a name Kubernetes refuses is refused here first")
    }

    /// The container's command maps 1 (some feeds failed) and 75 (locked) to success and passes on the rest.
    func testKubernetesCommandMapsTheExitCodes() throws {
        let manifest = try String(contentsOf: deploy.appendingPathComponent("kubernetes/vigia-brand.yaml"),
                                  encoding: .utf8)
        let line = try XCTUnwrap(manifest.split(separator: "\n").first { $0.contains("command: [\"/bin/sh\"") })
        let script = try XCTUnwrap(line.components(separatedBy: "\"-c\", \"").last?.dropLast(2))
        let folder = try temporaryFolder()
        let fake = folder.appendingPathComponent("vigia")
        try "#!/bin/sh\nexit $FAKE_STATUS\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let local = script.replacingOccurrences(of: "/opt/vigia/vigia", with: fake.path)
        for (status, expected) in [(0, 0), (1, 0), (75, 0), (65, 65), (70, 70), (73, 73)] {
            let result = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", local], in: folder,
                                 environment: ["FAKE_STATUS": "\(status)"])
            XCTAssertEqual(result.status, Int32(expected), "vigia exit \(status)")
        }
        XCTAssertTrue(manifest.contains("values: [64, 65]"), "configuration errors fail the job without retries")
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private func run(_ executable: URL, _ arguments: [String], in folder: URL,
                     environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-deploy-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        try? FileManager.default.removeItem(at: output)
        return (process.terminationStatus, text)
    }
}
