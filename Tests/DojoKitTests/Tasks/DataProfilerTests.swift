@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The data explorer's profile: made by Dojo's CSV loader from the public files only, cached per digest.
@Suite struct DataProfilerTests {
    static let train = """
    id,age,fare,sex,cabin
    1,22,7.25,male,
    2,38,71.2833,female,C85
    3,,7.925,female,
    4,35,53.1,female,C123
    5,35,8.05,male,NA
    6,54,51.8625,male,E46

    """

    /// A prepared task folder: public/ with a CSV and a text file, private/ with the answers.
    static func prepared(_ temp: TemporaryDirectory) -> DataProfile.Source {
        _ = temp.write("prepared/public/train.csv", train)
        _ = temp.write("prepared/public/notes.txt", "not a table\n")
        _ = temp.write("prepared/private/answers.csv", "id,secret\n1,SECRET-ANSWER\n")
        return DataProfile.Source(taskID: "demo", digest: "d1gest", seed: 7, publicDirectory: temp.file("prepared/public"),
                                  cacheRoot: temp.file("cache/data-profiles"))
    }

    @Test func aCSVsColumnsHaveTypeMissingUniqueRangeMeanAndAHistogram() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let profile = DataProfiler.profile(Self.prepared(temp))
        #expect(profile.files.map(\.path) == ["notes.txt", "train.csv"])
        let table = try #require(profile.files[1].table)
        #expect(table.rows == 6)
        #expect(table.columns.map(\.name) == ["id", "age", "fare", "sex", "cabin"])
        let age = table.columns[1]
        #expect(age.kind == .integer && age.missing == 1 && age.unique == 4 && !age.uniqueCapped)
        #expect(age.min == 22 && age.max == 54 && age.mean == (22 + 38 + 35 + 35 + 54) / 5.0)
        #expect(age.histogram.count == DataProfiler.bins && age.histogram.reduce(0, +) == 5)
        let fare = table.columns[2]
        #expect(fare.kind == .float && fare.missing == 0 && fare.histogram.reduce(0, +) == 6)
        #expect(fare.histogram.first == 3 && fare.histogram.last == 1)
        let sex = table.columns[3]
        #expect(sex.kind == .text && sex.unique == 2 && sex.histogram.isEmpty)
        #expect(sex.top == [.init(value: "male", count: 3), .init(value: "female", count: 3)] || sex.top == [.init(value: "female", count: 3), .init(value: "male", count: 3)])
        // An empty field and pandas' "NA" are both missing.
        #expect(table.columns[4].missing == 3 && table.columns[4].unique == 3)
        #expect(table.head.count == 6 && table.head[1] == ["2", "38", "71.2833", "female", "C85"])
        #expect(profile.files[1].headText?.hasPrefix("id,age,fare,sex,cabin\n1,22,7.25,male,") == true)
        #expect(profile.files[0].table == nil && profile.files[0].headText == nil && profile.files[0].bytes == 12)
    }

    @Test func aSmallIntegerRangeGetsOneBinPerValue() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = temp.write("public/t.csv", "class\n1\n3\n3\n2\n3\n")
        let profile = DataProfiler.profile(DataProfile.Source(taskID: "t", digest: "x", seed: 1, publicDirectory: temp.file("public")))
        #expect(profile.files[0].table?.columns[0].histogram == [1, 1, 3])
    }

    @Test func theAnswersAreNeverRead() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let source = Self.prepared(temp)
        _ = DataProfileCache(root: try #require(source.cacheRoot)).profile(source)
        let cached = try String(contentsOf: DataProfileCache(root: try #require(source.cacheRoot)).file(for: source), encoding: .utf8)
        #expect(cached.contains("female") && !cached.contains("SECRET-ANSWER") && !cached.contains("answers.csv"))
    }

    @Test func theSecondOpenReadsTheCacheAndNewDataMakesANewProfile() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var source = Self.prepared(temp)
        let cache = DataProfileCache(root: try #require(source.cacheRoot))
        let first = cache.profile(source)
        #expect(!first.fromCache)
        let second = cache.profile(source)
        #expect(second.fromCache && second.profile == first.profile)
        source.digest = "another"
        #expect(!cache.profile(source).fromCache)
    }

    @Test func aBrokenCSVSaysWhyAndTheOthersStillShow() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = temp.write("public/bad.csv", "a,b\n1,\"unclosed\n")
        _ = temp.write("public/good.csv", "a\n1\n")
        let profile = DataProfiler.profile(DataProfile.Source(taskID: "t", digest: "x", seed: 1, publicDirectory: temp.file("public")))
        #expect(profile.files[0].table == nil && profile.files[0].note?.isEmpty == false, "\(profile.files[0])")
        #expect(profile.files[1].table?.rows == 1)
    }

    @Test func thePreparedDataOfATaskIsFoundOnlyWhenItIsInTheCache() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let paths = DojoPaths(cacheDirectory: temp.file("cache"), stateDirectory: temp.file("state"), tasksDirectory: temp.file("tasks"))
        let prepared = PreparedTask(taskId: "demo", seed: 3, digest: "abcdef0123456789ffff", directory: temp.file("cache/prepared/demo"), checksums: [:])
        let source = DataProfileCache.source(prepared: prepared, paths: paths)
        #expect(source.publicDirectory == prepared.publicDirectory && source.cacheRoot == temp.file("cache/data-profiles"))
        #expect(DataProfileCache(paths: paths).file(for: source).lastPathComponent == "demo-abcdef0123456789-seed3.json")
    }

    /// Watch and replay find the data the run saw (the trajectory's digest) first, else the task's now.
    @Test func replayFindsTheRecordedDataFirstThenTheCurrent() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.file("tasks"))
        let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
        let paths = DojoPaths(cacheDirectory: temp.file("cache"), stateDirectory: temp.file("state"), tasksDirectory: temp.file("tasks"))
        #expect(DataProfileCache.source(task: task, seed: 1, paths: paths, recorded: "0ld") == nil)
        let current = try PreparationCache.digest(of: task)
        _ = temp.write("cache/prepared/" + PreparationCache.directoryName(taskID: "fixture", seed: 1, digest: current) + "/manifest.json", "{}")
        #expect(DataProfileCache.source(task: task, seed: 1, paths: paths, recorded: "0ld")?.digest == current)
        _ = temp.write("cache/prepared/" + PreparationCache.directoryName(taskID: "fixture", seed: 1, digest: "0ld") + "/manifest.json", "{}")
        let recorded = try #require(DataProfileCache.source(task: task, seed: 1, paths: paths, recorded: "0ld"))
        #expect(recorded.digest == "0ld" && recorded.publicDirectory.path.hasSuffix("fixture-0ld-seed1/public"))
        #expect(DataProfileCache.source(task: task, seed: 2, paths: paths) == nil)
    }
}
