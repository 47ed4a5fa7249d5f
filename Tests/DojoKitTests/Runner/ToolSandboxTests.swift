import DojoKit
import DojoTesting
import Foundation
import Testing

/// The one-shot sandbox of prepare.py and Python metrics: only the named binds, no network, no host files.
@Suite struct ToolSandboxTests {
    @Test(.enabled(if: SystemProcessRunner.resolve("bwrap", environment: [:]) != nil))
    func onlyTheNamedBindsAreVisibleAndOnlyWritableOnesTakeWrites() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        let sandbox = try #require(ToolSandbox.find(python: python))
        let input = temp.write("in/data.txt", "DATA\n")
        let secret = temp.write("secret.txt", "SECRET\n")
        try FileManager.default.createDirectory(at: temp.file("out"), withIntermediateDirectories: true)
        let code = """
        import os, socket
        print(open("/in/data.txt").read().strip())
        for path in ["/in/new.txt", \(String(reflecting: secret.path)), "/usr/x"]:
            try:
                open(path, "a").write("x"); print("WROTE", path)
            except OSError as e:
                print("refused", path)
        open("/out/made.txt", "w").write("made")
        try:
            socket.create_connection(("1.1.1.1", 80), timeout=2); print("NET")
        except OSError:
            print("no network")
        print("HOME", os.environ["HOME"], sorted(os.listdir("/")))
        """
        let spec = sandbox.spec(["/usr/bin/python3", "-c", code],
                                binds: [ToolSandbox.Bind(input.deletingLastPathComponent().path, at: "/in"),
                                        ToolSandbox.Bind(temp.file("out").path, at: "/out", writable: true)],
                                environment: [:], workingDirectory: "/in", timeout: 120)
        let outcome = try SystemProcessRunner().run(spec)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let text = outcome.stdout.text
        #expect(text.hasPrefix("DATA\n"), "\(text)")
        #expect(!text.contains("WROTE"), "\(text)")
        #expect(text.contains("no network"))
        #expect(text.contains("HOME /tmp"))
        #expect(try String(contentsOf: temp.file("out/made.txt"), encoding: .utf8) == "made")
        #expect(try String(contentsOf: secret, encoding: .utf8) == "SECRET\n")
    }

    /// Task code from outside (prepare.py, Python metrics) gets the episode sandbox's seccomp filter.
    @Test(.enabled(if: SystemProcessRunner.resolve("bwrap", environment: [:]) != nil))
    func theSeccompFilterDeniesKeyringsAndPtrace() throws {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        let sandbox = try #require(ToolSandbox.find(python: python))
        let code = """
        import ctypes, errno, platform
        x86 = platform.machine() == "x86_64"
        libc = ctypes.CDLL(None, use_errno=True)
        for name, numbers, args in [("keyctl", (250, 219), (0, -4, 0)), ("ptrace", (101, 117), (16, 1, 0, 0)),
                                    ("bpf", (321, 280), (0, 0, 0))]:
            ctypes.set_errno(0)
            rc = libc.syscall(numbers[0] if x86 else numbers[1], *args)
            print(name, errno.errorcode.get(ctypes.get_errno(), "?") if rc == -1 else f"rc={rc}")
        print("still runs", sum(range(10)))
        """
        let spec = sandbox.spec(["/usr/bin/python3", "-c", code], binds: [], environment: [:],
                                workingDirectory: "/tmp", timeout: 120)
        #expect(spec.seccompFilterOnFD3)
        let outcome = try SystemProcessRunner().run(spec)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let text = outcome.stdout.text
        #expect(text.contains("keyctl EPERM") && text.contains("ptrace EPERM") && text.contains("bpf EPERM"), "\(text)")
        #expect(text.contains("still runs 45"), "\(text)")
    }
}
