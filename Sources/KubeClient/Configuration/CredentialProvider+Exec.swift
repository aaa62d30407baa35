import Foundation
import Logging

extension CredentialProvider {
    /// The cached exec credential, or a fresh one from the plugin; concurrent callers share one run.
    func execCredential(_ config: ExecConfig) async throws -> ExecIssuedCredential {
        if let cached = cachedExecCredential, !isExpiring(cached) {
            return cached
        }
        if isExecRunning {
            return try await withCheckedThrowingContinuation { execWaiters.append($0) }
        }
        isExecRunning = true
        let result: Result<ExecIssuedCredential, any Error>
        do {
            result = .success(try await runPlugin(config))
        } catch {
            result = .failure(error)
        }
        isExecRunning = false
        if case .success(let credential) = result {
            cachedExecCredential = credential
        }
        let waiters = execWaiters
        execWaiters = []
        for waiter in waiters {
            waiter.resume(with: result)
        }
        return try result.get()
    }

    func isExpiring(_ credential: ExecIssuedCredential) -> Bool {
        guard let expiration = credential.expiration else {
            return false
        }
        return now() >= expiration.addingTimeInterval(-Self.execRefreshMargin)
    }

    private func runPlugin(_ config: ExecConfig) async throws -> ExecIssuedCredential {
        var pluginEnvironment = environment
        for variable in config.env {
            pluginEnvironment[variable.name] = variable.value
        }
        pluginEnvironment["KUBERNETES_EXEC_INFO"] = ExecCredential.environmentValue(for: config)
        if config.interactiveMode == "Always" {
            throw failure(
                config, "the plugin requires interactive mode (interactiveMode: Always), which this client cannot provide"
            )
        }
        guard let executable = Self.executable(named: config.command, path: environment["PATH"]) else {
            throw failure(config, "executable \"\(config.command)\" was not found or is not executable")
        }
        logger.debug("Running exec credential plugin", metadata: ["exec.command": "\(executable.path)"])
        let output: ExecPluginRunner.Output
        do {
            output = try await runner.run(executable: executable, arguments: config.args, environment: pluginEnvironment)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw failure(config, "cannot start \(executable.path): \(error.localizedDescription)")
        }
        guard output.exitCode == 0 else {
            let excerpt = String(String(decoding: output.standardError, as: UTF8.self).prefix(500))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw failure(config, "exited with code \(output.exitCode); stderr: \(excerpt)")
        }
        let credential = try ExecCredential.parse(output.standardOutput, config: config)
        logger.debug(
            "Obtained exec credential",
            metadata: [
                "exec.command": "\(executable.path)",
                "exec.expiration": "\(credential.expiration.map { "\($0)" } ?? "none")",
            ]
        )
        return credential
    }

    private func failure(_ config: ExecConfig, _ reason: String) -> KubeConfigError {
        var message = reason
        if let hint = config.installHint {
            message += "\n\(hint)"
        }
        return KubeConfigError(.execFailed, file: config.command, role: "exec plugin", message)
    }

    /// The plugin executable: `command` itself when it contains a `/`, else the first match in `PATH`.
    static func executable(named command: String, path: String?) -> URL? {
        let fileManager = FileManager.default
        if command.contains("/") {
            return fileManager.isExecutableFile(atPath: command) ? URL(fileURLWithPath: command) : nil
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(command)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                fileManager.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }
}
