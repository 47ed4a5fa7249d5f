import CNcursesw
import Testing

/// The shim compiles, links and exposes ncurses' wide-character build.
@Suite struct CNcurseswTests {
    @Test func linksTheWideNcursesLibrary() throws {
        let version = try #require(curses_version())
        #expect(String(cString: version).hasPrefix("ncurses"))
        #expect(dojo_key_resize() > 0)
    }
}
