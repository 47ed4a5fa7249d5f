import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct DescriptionCoverageTests {
    @Test func everyFileAndColumnMustBeNamedAsAWord() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        temp.write("public/train.csv", "id,age,age_group,\"note, free\"\n1,2,3,x\n")
        temp.write("public/test.csv", "id,age\n1,2\n")
        temp.write("public/images/a.png", "")
        let text = "Files: `train.csv`, `test.csv`. Fields: `id`, `age` (years), \"note, free\". No folder named here: imagesX."
        let coverage = DescriptionCoverage.check(description: text, publicDirectory: temp.file("public"))
        #expect(coverage.files == ["images", "test.csv", "train.csv"])
        #expect(coverage.missingFiles == ["images"])
        // `age` is named, `age_group` is not (a word of its own), the quoted header is read whole.
        #expect(coverage.missingColumns == ["train.csv: age_group"])
        #expect(!coverage.isComplete)
    }

    @Test func aNumberedFamilyIsNamedByItsStem() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let pixels = (0..<12).map { "pixel\($0)" }
        temp.write("public/train.csv", (["id", "label"] + pixels + ["x1", "x2"]).joined(separator: ",") + "\n")
        let coverage = DescriptionCoverage.check(description: "`train.csv`: `id`, `label`, `pixel0` … `pixel11`, `x1`.",
                                                 publicDirectory: temp.file("public"))
        // Two x columns are no family: x2 must be named itself.
        #expect(coverage.missingColumns == ["train.csv: x2"])
        #expect(coverage.missingFiles.isEmpty)
    }

    @Test func theHeaderReaderUnderstandsQuotesBOMAndCRLF() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.write("a.csv", "\u{FEFF}id,\"a \"\"b\"\"\",\"c\nd\",e\r\n1,2,3,4\r\n")
        #expect(DescriptionCoverage.csvHeader(url) == ["id", "a \"b\"", "c\nd", "e"])
        #expect(DescriptionCoverage.csvHeader(temp.file("missing.csv")) == nil)
    }
}
