import Foundation

/// A trajectory read back: its header, its events, and what could not be read.
public struct Trajectory: Sendable, Equatable {
    public struct DamagedLine: Sendable, Equatable {
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public var header: TrajectoryHeader
    public var events: [TrajectoryEvent]
    /// Lines in the middle that did not parse, by 1-based line number.
    public var damaged: [DamagedLine]
    /// The last line was cut off mid-write (the writer was killed) and was skipped.
    public var tornTail: Bool

    public var steps: [StepRecord] {
        events.compactMap { if case .step(let record) = $0 { record } else { nil } }
    }

    public var end: EndRecord? {
        events.lazy.compactMap { if case .end(let record) = $0 { record } else { nil } }.first
    }
}

public enum TrajectoryReader {
    public static func read(_ url: URL) throws(DojoError) -> Trajectory {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DojoError(.trajectory, "cannot read the trajectory: \(error.localizedDescription)", at: url.path)
        }
        return try parse(data, name: url.path)
    }

    public static func parse(_ data: Data, name: String) throws(DojoError) -> Trajectory {
        let bytes = [UInt8](data)
        var lines: [ArraySlice<UInt8>] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // A complete file ends with a newline, which leaves one empty piece at the end.
        let endsWithNewline = bytes.last == 0x0A
        if endsWithNewline { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else {
            throw DojoError(.trajectory, "the file is empty", at: name, hint: "a trajectory starts with a header line")
        }
        let decoder = Self.decoder
        let header = try parseHeader(Data(first), name: name)

        var events: [TrajectoryEvent] = []
        var damaged: [Trajectory.DamagedLine] = []
        var tornTail = false
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let isLast = offset == lines.count - 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            do {
                events.append(try decodeEvent(Data(line), decoder: decoder))
            } catch {
                if isLast && !endsWithNewline {
                    tornTail = true
                } else {
                    damaged.append(.init(line: number, reason: describe(error)))
                }
            }
        }
        return Trajectory(header: header, events: events, damaged: damaged, tornTail: tornTail)
    }

    /// Line 1: the header, checked for the format and version this reader knows.
    static func parseHeader(_ data: Data, name: String) throws(DojoError) -> TrajectoryHeader {
        let header: TrajectoryHeader
        do {
            header = try JSONDecoder().decode(TrajectoryHeader.self, from: data)
        } catch {
            throw DojoError(.trajectory, "line 1 is not a trajectory header: \(describe(error))", at: name,
                            hint: "is this a *.dojo.jsonl file written by dojo?")
        }
        guard header.format == "dojo-trajectory" else {
            throw DojoError(.trajectory, "line 1: format is \"\(header.format)\", expected \"dojo-trajectory\"", at: name)
        }
        guard header.version == 1 else {
            throw DojoError(.trajectory, "line 1: version \(header.version) is not supported (this dojo reads version 1)", at: name,
                            hint: "update dojo")
        }
        return header
    }

    /// Reads non-finite numbers the way the writer spells them.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    private struct TypeProbe: Decodable { var type: String }

    static func decodeEvent(_ data: Data, decoder: JSONDecoder) throws -> TrajectoryEvent {
        let type = try decoder.decode(TypeProbe.self, from: data).type
        switch type {
        case "step": return .step(try decoder.decode(StepRecord.self, from: data))
        case "note": return .note(try decoder.decode(NoteRecord.self, from: data))
        case "control": return .control(try decoder.decode(ControlRecord.self, from: data))
        case "end": return .end(try decoder.decode(EndRecord.self, from: data))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown event type \"\(type)\""))
        }
    }

    public static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription + (context.underlyingError.map { " (\($0.localizedDescription))" } ?? "")
        case DecodingError.keyNotFound(let key, let context):
            return "missing field `\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "field `\(context.codingPath.map(\.stringValue).joined(separator: "."))`: \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
