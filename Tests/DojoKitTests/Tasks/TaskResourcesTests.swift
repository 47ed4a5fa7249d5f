import DojoKit
import DojoTesting
import Foundation
import Testing

/// `[limits] cpus` and `gpus`: what an episode asks a cluster for (`dojo eval --ray`).
@Suite struct TaskResourcesTests {
    func load(_ limits: String) throws -> TaskSpec {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.url, limits: limits)
        return try TaskLoader(tasksDirectory: temp.url).load(id: "fixture")
    }

    @Test func defaultsAreOneCPUAndNoGPU() throws {
        #expect(try load("").resources == TaskSpec.Resources(cpus: 1, gpus: 0))
    }

    @Test func fractionsOfACPUAndWholeGPUs() throws {
        #expect(try load("cpus = 0.5\ngpus = 2").resources == TaskSpec.Resources(cpus: 0.5, gpus: 2))
        #expect(try load("gpus = 0").resources.gpus == 0)
    }

    @Test func badValuesAreRefusedWithTheKey() {
        for bad in ["cpus = 0", "cpus = -1", "gpus = 1.5", "gpus = -1", "cpus = \"many\""] {
            #expect(throws: DojoError.self, "\(bad)") { try load(bad) }
            do { _ = try load(bad) } catch { #expect((error as? DojoError)?.message.contains("limits.") == true, "\(bad): \(error)") }
        }
    }
}
