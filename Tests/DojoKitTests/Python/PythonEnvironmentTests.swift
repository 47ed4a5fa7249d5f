import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct PythonEnvironmentTests {
    @Test func aMissingPythonGetsAClearMessageWithTheFix() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let requirements = temp.write("requirements.txt", "numpy\n")
        let environment = PythonEnvironment(venvDirectory: temp.file("venv"), requirementsFile: requirements,
                                            runner: SystemProcessRunner(), basePython: "python3-not-installed-here")
        let error = #expect(throws: DojoError.self) { try environment.ensure(progress: { _ in }) }
        #expect(error?.message.contains("is not installed or not on PATH") == true)
        #expect(error?.hint?.contains("apt-get install python3") == true)
    }

    @Test func missingVenvSupportGetsTheFix() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        // A python3 that behaves like Debian's without python3-venv.
        let fake = temp.write("bin/python3", "#!/bin/sh\necho 'The virtual environment was not created successfully because ensurepip is not available.' >&2\nexit 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let requirements = temp.write("requirements.txt", "numpy\n")
        let environment = PythonEnvironment(venvDirectory: temp.file("venv"), requirementsFile: requirements,
                                            runner: SystemProcessRunner(), basePython: fake.path)
        let error = #expect(throws: DojoError.self) { try environment.ensure(progress: { _ in }) }
        #expect(error?.hint == "install venv support: apt-get install python3-venv")
    }

    @Test func aChangedRequirementsFileMakesTheEnvironmentStale() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        // An empty requirements file keeps pip offline and fast.
        let requirements = temp.write("requirements.txt", "# nothing\n")
        let environment = PythonEnvironment(venvDirectory: temp.file("venv"), requirementsFile: requirements, runner: SystemProcessRunner())
        #expect(try environment.state() == .missing)
        let interpreter = try environment.ensure(progress: { _ in })
        #expect(FileManager.default.isExecutableFile(atPath: interpreter.path))
        #expect(try environment.state() == .ready)
        temp.write("requirements.txt", "# still nothing, but different\n")
        #expect(try environment.state() == .stale)
    }
}
