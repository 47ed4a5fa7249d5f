import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Grades out of process: the host opens the submission without following links, refuses it at once
/// when it is larger than the task's cap, and hands the descriptor to `dojo grade-worker`, a child
/// with memory (`RLIMIT_AS`) and CPU-time (`RLIMIT_CPU`) limits set before exec and a wall-clock
/// timeout. The host never parses the submission: a hostile file can cost at most the worker's limits.
public struct IsolatedGrader: SubmissionGrading {
    /// The host's grader: the answers (trusted) and the report's shape, never used on the submission.
    public let grader: Grader
    public let task: TaskSpec
    public let prepared: PreparedTask
    /// The `dojo` executable whose hidden `grade-worker` command grades.
    public let executable: URL
    public let python: URL?
    public let bwrap: String?
    public let limits: TaskSpec.GradingLimits
    /// Bytes a submission may have; larger ones are refused before they are read.
    public let submissionCap: Int64
    public var refusesAbove: Int64? { submissionCap }
    /// The task's Python metric in a warm grading interpreter, kept for the episode (nil: a catalogue
    /// metric, no Python, or `warmMetric: false`, which runs it cold in the worker as before).
    public let warm: WarmPythonMetric?

    public init(task: TaskSpec, prepared: PreparedTask, grader: Grader, executable: URL, python: URL?, bwrap: String?,
                warmMetric: Bool = true) {
        self.task = task
        self.prepared = prepared
        self.grader = grader
        self.executable = executable
        self.python = python
        self.bwrap = bwrap
        limits = task.grading
        submissionCap = Self.cap(limits: task.grading, answersRows: grader.validator.answerCount,
                                 answersBytes: Self.size(of: prepared.answersFile), targetColumns: task.submission.targetColumns.count)
        if warmMetric, let python, let file = grader.metric.pythonFile {
            let metric = PythonMetric(file: file, interpreter: python, runner: SystemProcessRunner(), timeout: grader.metric.pythonTimeout,
                                      sandbox: bwrap.map { ToolSandbox(bwrap: $0, python: python) },
                                      roundsLikeMLEBench: task.boards.ranking == .mleBench)
            warm = WarmPythonMetric(metric: metric, answers: prepared.answersFile, idColumn: grader.validator.idColumn,
                                    memoryMB: task.grading.memoryMB, cpuSeconds: task.grading.cpuSeconds)
        } else {
            warm = nil
        }
    }

    public func stop() { warm?.stop() }

    /// `submission_mb` when the task sets it; else a generous multiple of what the answers need: four
    /// times the answers file, or 64 bytes for the id plus 64 per target column for every row, plus 1 MiB.
    public static func cap(limits: TaskSpec.GradingLimits, answersRows: Int, answersBytes: Int64, targetColumns: Int) -> Int64 {
        if let megabytes = limits.submissionMB { return Int64(megabytes) * 1024 * 1024 }
        let perRow = Int64(64 + 64 * max(1, targetColumns))
        return max(4 * answersBytes, Int64(answersRows) * perRow) + 1024 * 1024
    }

    static func size(of url: URL) -> Int64 {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int64(info.st_size) : 0
    }

    public func validate(fileAt url: URL) -> SubmissionReport { run(url, mode: .validate) }
    public func grade(fileAt url: URL) -> SubmissionReport { run(url, mode: .grade) }

    private func failure(_ kind: SubmissionIssue.Kind, _ message: String, found: Bool) -> SubmissionReport {
        grader.report(SubmissionCheck(found: found, rowCount: 0, errors: [SubmissionIssue(kind: kind, message: message)],
                                      warnings: [], score: nil), score: nil)
    }

    func run(_ url: URL, mode: GradingJob.Mode) -> SubmissionReport {
        let name = url.lastPathComponent
        // O_NOFOLLOW: a link is never followed; O_NONBLOCK: a FIFO cannot block the open.
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return failure(.missingFile, "no submission file at \(name): write submission/submission.csv", found: false)
            case ELOOP: return failure(.unreadable, "\(name) is a symbolic link, which is never graded; write a regular file", found: false)
            default: return failure(.unreadable, "cannot open \(name): \(String(cString: strerror(errno)))", found: true)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return failure(.unreadable, "\(name) is not a regular file, which is never graded; write a regular file", found: false)
        }
        if Int64(info.st_size) > submissionCap {
            return failure(.tooLarge, "\(name) has \(Self.megabytes(Int64(info.st_size))) but this task accepts at most "
                + "\(Self.megabytes(submissionCap)) (\(grader.validator.answerCount) rows expected); it was not read", found: true)
        }
        // Back to blocking reads for the worker.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if mode == .grade, let warm {
            return gradeWarm(fd, name: name, warm: warm)
        }
        let job = GradingJob(mode: mode, task: task, prepared: prepared, python: python, bwrap: bwrap)
        return spawnWorker(job: job, submission: fd, name: name)
    }

    /// A Python metric's grade through the warm interpreter: a private copy of the submission in its inbox,
    /// checked by the worker (validation only), then scored by the interpreter from that same copy.
    private func gradeWarm(_ fd: Int32, name: String, warm: WarmPythonMetric) -> SubmissionReport {
        let copy: URL
        do { copy = try warm.newInput() } catch {
            return failure(.unreadable, "cannot make room for the submission's copy: \(error.message)", found: true)
        }
        guard Self.copy(fd, to: copy, limit: submissionCap) else {
            try? FileManager.default.removeItem(at: copy)
            return failure(.unreadable, "cannot copy \(name) for grading: \(String(cString: strerror(errno)))", found: true)
        }
        let copied = open(copy.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard copied >= 0 else {
            try? FileManager.default.removeItem(at: copy)
            return failure(.unreadable, "cannot open the copy of \(name): \(String(cString: strerror(errno)))", found: true)
        }
        let job = GradingJob(mode: .validate, task: task, prepared: prepared, python: python, bwrap: bwrap)
        let checked = spawnWorker(job: job, submission: copied, name: name)
        close(copied)
        // An invalid file (or a worker stopped at its limits) is never scored: `finish` only adds the task's warning.
        let check = SubmissionCheck(found: checked.found, rowCount: checked.rows, errors: checked.errors, warnings: checked.warnings, score: nil)
        defer { try? FileManager.default.removeItem(at: copy) }
        return grader.finish(check) { () throws(DojoError) -> PythonMetric.Result? in
            try warm.evaluate(input: copy)
        }
    }

    /// Copies at most `limit` bytes of the open file (from its start) to `url` (created, never followed).
    static func copy(_ fd: Int32, to url: URL, limit: Int64) -> Bool {
        let out = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { return false }
        defer { close(out) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while offset < limit {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, Int(limit - offset)), off_t(offset)) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            var written = 0
            while written < count {
                let result = buffer[written..<count].withUnsafeBytes { write(out, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            offset += Int64(count)
        }
        return true
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }()

    static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1048576) : "\(bytes) bytes"
    }

    private func spawnWorker(job: GradingJob, submission: Int32, name: String) -> SubmissionReport {
        let jobText: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            jobText = String(decoding: try encoder.encode(job), as: UTF8.self)
        } catch {
            return failure(.gradingLimit, "cannot describe the grading job: \(error)", found: true)
        }
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard dojo_pipe(&outPipe) == 0, dojo_pipe(&errPipe) == 0 else {
            return failure(.unreadable, "cannot create pipes for the grader: \(String(cString: strerror(errno)))", found: true)
        }
        let argv = [executable.path, "grade-worker", "--job", jobText, "--name", name]
        var environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "MALLOC_ARENA_MAX=2"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { environment.append("HOME=\(home)") }
        let argvPointers = argv.map { strdup($0) } + [nil]
        let envPointers = environment.map { strdup($0) } + [nil]
        let memory = UInt64(limits.memoryMB) * 1024 * 1024
        let cpu = UInt64(limits.cpuSeconds)
        let resources: [Int32] = [Int32(RLIMIT_AS.rawValue), Int32(RLIMIT_CPU.rawValue), Int32(RLIMIT_CORE.rawValue)]
        let soft: [UInt64] = [memory, cpu, 0]
        let hard: [UInt64] = [memory, cpu + 2, 0]
        let start = ContinuousClock.now
        let pid = dojo_spawn_limited(executable.path, argvPointers, envPointers, submission, outPipe[1], errPipe[1],
                                     resources, soft, hard, Int32(resources.count))
        for pointer in argvPointers + envPointers { free(pointer) }
        close(outPipe[1])
        close(errPipe[1])
        guard pid > 0 else {
            close(outPipe[0])
            close(errPipe[0])
            return failure(.unreadable, "cannot start the grader (\(executable.path) grade-worker): \(String(cString: strerror(-pid)))", found: true)
        }
        // CPU time is the real limit; the wall clock only catches a worker that sleeps or blocks.
        let deadline = start + .seconds(Int64(limits.cpuSeconds) * 3 + 60)
        var pipes = OutputPipes(stdout: outPipe[0], stderr: errPipe[0], cap: 4 << 20)
        var status: Int32 = 0
        var usage = rusage()
        var exited = false
        var timedOut = false
        while true {
            var fds = pipes.pollDescriptors
            if !fds.isEmpty { _ = poll(&fds, nfds_t(fds.count), 50) } else { usleep(20000) }
            pipes.read(ready: fds.map(\.revents), onOutput: nil)
            if !exited {
                let result = wait4(pid, &status, WNOHANG, &usage)
                if result == pid || (result < 0 && errno == ECHILD) {
                    exited = true
                    kill(-pid, SIGKILL)  // the metric's sandbox, if one is left
                } else if ContinuousClock.now >= deadline {
                    timedOut = true
                    kill(-pid, SIGKILL)
                    wait4(pid, &status, 0, &usage)
                    exited = true
                }
            }
            if exited && pipes.isDrained { break }
        }
        pipes.closeAll()
        let stdout = pipes.stdout.text
        if !timedOut, dojo_wifexited(status) != 0, dojo_wexitstatus(status) == 0,
           let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix(GradingJob.answerMarker) }),
           let answer = try? Self.decoder.decode(GradingJob.Answer.self, from: Data(line.dropFirst(GradingJob.answerMarker.count).utf8)) {
            return answer.exactReport
        }
        let cpuUsed = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
        let signal = dojo_wifsignaled(status) != 0 ? dojo_wtermsig(status) : 0
        let stderr = pipes.stderr.text
        let reason: String
        if timedOut {
            reason = "it did not finish within \(limits.cpuSeconds * 3 + 60) s of wall-clock time"
        } else if signal == SIGXCPU || cpuUsed >= Double(limits.cpuSeconds) - 0.5 {
            reason = "it used its CPU-time limit of \(limits.cpuSeconds) s"
        } else if signal != 0 || stderr.contains("memory") || stderr.contains("Cannot allocate") {
            reason = "it was stopped (signal \(signal)) at its memory limit of \(limits.memoryMB) MB"
        } else {
            let last = stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? "exit code \(dojo_wexitstatus(status))"
            return failure(.unreadable, "the grader failed: \(last)", found: true)
        }
        return failure(.gradingLimit, "grading \(name) stopped: \(reason) ([limits] grading_memory_mb, grading_cpu_s); "
            + "write a smaller, well-formed CSV", found: true)
    }
}
