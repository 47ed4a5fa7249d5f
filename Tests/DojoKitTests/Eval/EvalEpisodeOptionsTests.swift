import DojoKit
import DojoTesting
import Foundation
import Testing

/// The eval's episode options wrap `RunnerOptions` (the limit overrides declared once) and keep the
/// manifest's JSON as it was: flat keys beside `silence_timeout` and `split_seed`.
struct EvalEpisodeOptionsTests {
    /// A manifest written by `dojo eval` at commit 5bd6567, when `EvalEpisodeOptions` declared every
    /// override itself (made by compiling that commit's EvalManifest.swift and EvalEpisodeOptions.swift
    /// and encoding as `RunDirectory.writeJSON` does).
    static let manifestBeforeTheWrap = #"""
{
  "backend" : {
    "kind" : "local",
    "parallel" : 2
  },
  "created_at" : "2026-12-03T14:00:00.000Z",
  "dojo_commit" : "5bd6567",
  "dojo_version" : "0.1.0",
  "format" : "dojo-eval",
  "machine" : {
    "cores" : 2,
    "host" : "box",
    "memory_mb" : 8192,
    "os" : "Linux"
  },
  "request" : {
    "agents" : [
      {
        "command" : "python3 Agents/baseline/agent.py",
        "name" : "base"
      }
    ],
    "options" : {
      "cold" : true,
      "gpus" : "none",
      "max_steps" : 3,
      "memory_mb" : 2048,
      "sandbox" : "bwrap",
      "silence_timeout" : 120,
      "split_seed" : 42,
      "step_timeout" : 90
    },
    "seeds" : 3,
    "tasks" : [
      "titanic",
      "penguins"
    ]
  },
  "resources" : {
    "cpus" : 1,
    "enforcement" : "cgroup v1: cpu quota and memory limit per episode",
    "memory_mb" : 4096
  },
  "sessions" : [
    {
      "backend" : {
        "kind" : "local",
        "parallel" : 2
      },
      "resources" : {
        "cpus" : 1,
        "enforcement" : "cgroup v1: cpu quota and memory limit per episode",
        "memory_mb" : 4096
      },
      "runner" : "1234.5678",
      "started_at" : "2026-12-03T14:00:00.000Z"
    }
  ],
  "version" : 1
}
"""#

    @Test func aManifestWrittenBeforeTheWrapIsReadWithEveryOverride() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.url)
        try Data(Self.manifestBeforeTheWrap.utf8).write(to: run.manifestURL)
        let manifest = try #require(try run.readManifest())
        let options = manifest.request.options
        #expect(options.runner == RunnerOptions(sandbox: .bwrap, maxSteps: 3, stepTimeout: 90, memoryMB: 2048, gpus: "none", cold: true))
        #expect(options.silenceTimeout == 120)
        #expect(options.splitSeed == 42)
        #expect(options.maxSteps == 3)
        // Written again, it is the same JSON (a resume rewrites the manifest: older readers keep reading it).
        try run.writeManifest(manifest)
        let again = try String(contentsOf: run.manifestURL, encoding: .utf8)
        #expect(again == Self.manifestBeforeTheWrap + "\n")
    }

    @Test func missingKeysAreTheDefaults() throws {
        let options = try JSONDecoder().decode(EvalEpisodeOptions.self, from: Data(#"{"max_steps": 4}"#.utf8))
        #expect(options == EvalEpisodeOptions(runner: RunnerOptions(maxSteps: 4)))
        #expect(options.runner.sandbox == .bwrap && !options.cold && options.silenceTimeout == 600 && options.splitSeed == 42)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(EvalEpisodeOptions.self, from: Data(#"{"sandbox": "docker"}"#.utf8)) }
    }

    @Test func theOverridesBecomeDojoRunOptionsAndDifferencesNameThem() {
        var options = EvalEpisodeOptions(runner: RunnerOptions(sandbox: .none, stepTimeout: 2.5, diskMB: 10, cold: true), silenceTimeout: 30)
        #expect(options.runArguments == ["--sandbox", "none", "--step-timeout", "2.5", "--disk-mb", "10", "--cold",
                                         "--silence-timeout", "30", "--seed", "42"])
        let before = options
        options.maxSteps = 7
        options.cold = false
        options.splitSeed = 1
        #expect(before.differences(from: options) == ["--max-steps: default → 7", "--cold: yes → no", "--split-seed: 42 → 1"])
        #expect(options.differences(from: options).isEmpty)
    }
}
