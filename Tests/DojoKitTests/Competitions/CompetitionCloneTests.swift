import DojoKit
import DojoTesting
import Foundation
import Testing

/// Reading the fixture clones of both anchors (Tests/Fixtures/competitions): configs, boards, LFS
/// pointers, placeholder prepare scripts, known issues, the native metric mapping.
@Suite struct CompetitionCloneTests {
    static let fixtures = DojoBinary.repositoryRoot().appendingPathComponent("Tests/Fixtures/competitions")

    @Test func mleBenchEntriesComeFromConfigAndChecksums() throws {
        let clone = try CompetitionClone(path: Self.fixtures.appendingPathComponent("mle-bench").path)
        #expect(clone.anchor == .mleBench)
        #expect(clone.competitionIDs() == ["random-acts-of-pizza", "spaceship-titanic"])
        let spaceship = try clone.entry(id: "spaceship-titanic")
        #expect(spaceship.name == "Spaceship Titanic" && spaceship.metricName == "accuracy" && !spaceship.awardsMedals)
        #expect(spaceship.gradeFunction == "mlebench.competitions.spaceship-titanic.grade:grade")
        #expect(spaceship.answersFile == "test.csv" && spaceship.sampleSubmissionFile == "sample_submission.csv")
        #expect(spaceship.zipChecksum == "67c177886736583aff9b947e121395a9")
        #expect(spaceship.checksums["private"] == ["test.csv": "1cb99c65efecaba968128577722a83ef"])
        #expect(spaceship.nativeMetric == NativeMetricMapping(metric: "accuracy", idColumn: "PassengerId", targetColumn: "Transported"))
        guard case .lfsPointer = spaceship.board else { Issue.record("a plain clone's board is an LFS pointer"); return }
        let pizza = try clone.entry(id: "random-acts-of-pizza")
        #expect(pizza.sampleSubmissionFile == "sampleSubmission.csv" && pizza.nativeMetric == nil)
        #expect(pizza.knownIssue?.contains("giver_username_if_known") == true)
        #expect(throws: DojoError.self) { try CompetitionImporter.checkImportable(spaceship, root: clone.root) }
    }

    @Test func mleDojoEntriesReadTheMetricClassAndBothBoards() throws {
        // The clone is found from its competitions folder too.
        let clone = try CompetitionClone(path: Self.fixtures.appendingPathComponent("mle-dojo/mledojo/competitions").path)
        #expect(clone.anchor == .mleDojo)
        let pizza = try clone.entry(id: "random-acts-of-pizza")
        #expect(pizza.metricName == "AUC-ROC" && pizza.higherIsBetter == true && pizza.prepare == .anchor)
        guard case .present(let files, let entries) = pizza.board else { Issue.record("both boards are present"); return }
        #expect(files.map(\.lastPathComponent) == ["public_leaderboard.csv", "private_leaderboard.csv"] && entries == 462)
        let spaceship = try clone.entry(id: "spaceship-titanic")
        #expect(spaceship.prepare == .placeholder && spaceship.metricName == "Classification Accuracy")
    }

    @Test func placeholdersAreCommentsOnly() {
        #expect(CompetitionClone.isPlaceholder("# This file was automatically generated\n# Add your data preparation code here\n"))
        #expect(!CompetitionClone.isPlaceholder("# prepare\ndef prepare(raw, public, private):\n    pass\n"))
    }

    @Test func simpleYAMLReadsNestedMapsAndQuotes() {
        let yaml = SimpleYAML(text: """
        id: x # comment
        prizes: null
        dataset:
          answers: "x/prepared/private/test.csv"
          inner:
            deep: 'yes'
        grader:
          name: auc-roc
        list:
          - a
        """)
        #expect(yaml.string("id") == "x" && yaml.string("prizes") == nil)
        #expect(yaml.string("dataset.answers") == "x/prepared/private/test.csv" && yaml.string("dataset.inner.deep") == "yes")
        #expect(yaml.string("grader.name") == "auc-roc")
    }

    @Test func knownIssuesParseTheReadmeSection() {
        let issues = KnownIssues.parse(readme: "# MLE-bench\n\n## Known Issues\n\nSome text.\n\n- **a-b**: Labels leak through `x`.\n  [#1](https://e/1)\n- **c**:\n  - Bug one.\n  - Bug two.\n\n## Authors\n- **z**: not an issue\n")
        #expect(issues == ["a-b": "Labels leak through x. (#1 https://e/1)", "c": "Bug one. Bug two."])
        #expect(KnownIssues.list(cloneRoot: nil)["random-acts-of-pizza"]?.contains("giver_username_if_known") == true)
        #expect(KnownIssues.list(cloneRoot: nil).count == 11)
    }

    /// MLE-bench's competitions carry no tags: the kind comes from what the prepare script handles (image
    /// files or libraries, a prose column), as for aerial-cactus-identification and spooky-author-identification.
    @Test func theKindIsGuessedFromThePrepareScript() throws {
        let clone = try CompetitionClone(path: Self.fixtures.appendingPathComponent("mle-bench").path)
        var entry = try clone.entry(id: "spaceship-titanic")
        #expect(!entry.prepareSource.isEmpty)
        #expect(entry.guessedKind == .tabularClassification)
        entry.metricName = "auc-roc"
        entry.prepareSource = "shutil.copy(raw / \"train\" / image_id, public / \"train\" / image_id)\nfrom PIL import Image\n"
        #expect(entry.guessedKind == .image)
        entry.metricName = "multi-class-log-loss"
        entry.prepareSource = "new_test.drop(columns=[\"text\"])"
        #expect(entry.guessedKind == .text)
        entry.metricName = "root-mean-squared-error"
        entry.prepareSource = "new_test.drop(columns=[\"fare_amount\"])"
        #expect(entry.guessedKind == .tabularRegression)
    }
}
