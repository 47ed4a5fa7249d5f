import CDojoScan
import Foundation

/// A step line's summary read straight from its bytes: C finds where each field the summary needs
/// is (skipping the long code and output strings with memchr) and this checks their types the way
/// `JSONDecoder` would decode a `StepRecord`. Anything it is not sure of is left to the decoder.
final class StepLineScanner {
    enum Scan: Equatable {
        /// Only spaces (and a carriage return): not an event.
        case blank
        case step(StepSummary)
        /// Another event, a malformed line, or a shape this scanner leaves to `JSONDecoder`.
        case decode
    }

    /// Where the C scanner records the fields, reused from line to line (allocating per line costs
    /// more than scanning in a debug build).
    private let slots: UnsafeMutablePointer<dojo_json_slot>

    init() {
        slots = .allocate(capacity: Int(DOJO_SLOT_COUNT))
        slots.initialize(repeating: dojo_json_slot(), count: Int(DOJO_SLOT_COUNT))
    }

    deinit {
        slots.deallocate()
    }

    func scan(_ bytes: UnsafeBufferPointer<UInt8>, position: Int, line: Int, offset: UInt64) -> Scan {
        guard let base = bytes.baseAddress else { return .blank }
        let result = dojo_scan_step_line(base, bytes.count, slots)
        if result == 0 { return bytes.allSatisfy { $0 == 0x20 || $0 == 0x0D } ? .blank : .decode }
        guard result == 1 else { return .decode }
        let fields = Fields(base: base, count: bytes.count, slots: slots)
        return fields.summary(position: position, line: line, offset: offset).map { .step($0) } ?? .decode
    }

    /// The recorded fields of one line, read the way the `Codable` types decode them.
    struct Fields {
        let base: UnsafePointer<UInt8>
        let count: Int
        let slots: UnsafePointer<dojo_json_slot>

        func summary(position: Int, line: Int, offset: UInt64) -> StepSummary? {
            // StepRecord and its Action.
            guard text(DOJO_SLOT_TYPE) == "step", integer(DOJO_SLOT_INDEX) != nil, let t = double(DOJO_SLOT_T),
                  let actor = text(DOJO_SLOT_ACTOR).flatMap(Actor.init(rawValue:)), kind(DOJO_SLOT_ACTION) == DOJO_JSON_OBJECT,
                  let action = text(DOJO_SLOT_ACTION_TYPE).flatMap(ActionName.init(rawValue:)),
                  kind(DOJO_SLOT_OBSERVATION) == DOJO_JSON_OBJECT else { return nil }
            switch action {
            case .requestInfo: guard text(DOJO_SLOT_ACTION_INFO_TYPE).flatMap(InfoType.init(rawValue:)) != nil else { return nil }
            case .validateCode, .executeCode: guard kind(DOJO_SLOT_ACTION_CODE) == DOJO_JSON_STRING else { return nil }
            case .getHistory, .reset: break
            }
            // Observation.
            guard let step = integer(DOJO_SLOT_OBS_STEP), let observed = text(DOJO_SLOT_OBS_ACTION).flatMap(ActionName.init(rawValue:)),
                  let status = text(DOJO_SLOT_OBS_STATUS).flatMap(Observation.Status.init(rawValue:)),
                  kind(DOJO_SLOT_OBS_FEEDBACK) == DOJO_JSON_STRING, optional(DOJO_SLOT_OBS_INFO, DOJO_JSON_OBJECT),
                  optional(DOJO_SLOT_OBS_HISTORY, DOJO_JSON_ARRAY), double(DOJO_SLOT_OBS_REWARD) != nil,
                  optional(DOJO_SLOT_OBS_BEST, DOJO_JSON_OBJECT), kind(DOJO_SLOT_OBS_BUDGET) == DOJO_JSON_OBJECT,
                  bool(DOJO_SLOT_OBS_TERMINATED) != nil, bool(DOJO_SLOT_OBS_TRUNCATED) != nil else { return nil }
            // ExecutionReport.
            var failedRun = false
            if !isNull(DOJO_SLOT_OBS_EXECUTION) {
                guard kind(DOJO_SLOT_OBS_EXECUTION) == DOJO_JSON_OBJECT,
                      let exitCode = optionalInt32(DOJO_SLOT_EXEC_EXIT_CODE), let signal = optionalInt32(DOJO_SLOT_EXEC_SIGNAL),
                      let timedOut = bool(DOJO_SLOT_EXEC_TIMED_OUT), isNull(DOJO_SLOT_EXEC_CANCELLED) || bool(DOJO_SLOT_EXEC_CANCELLED) != nil,
                      integer(DOJO_SLOT_EXEC_DURATION_MS) != nil, kind(DOJO_SLOT_EXEC_STDOUT) == DOJO_JSON_STRING,
                      kind(DOJO_SLOT_EXEC_STDERR) == DOJO_JSON_STRING, integer(DOJO_SLOT_EXEC_TRUNCATED_BYTES) != nil,
                      kind(DOJO_SLOT_EXEC_SANDBOX) == DOJO_JSON_STRING, optional(DOJO_SLOT_EXEC_LIMIT_EXCEEDED, DOJO_JSON_STRING),
                      optional(DOJO_SLOT_EXEC_LIMITS, DOJO_JSON_STRING) else { return nil }
                failedRun = (exitCode ?? 0) != 0 || signal != nil || timedOut
            }
            // SubmissionReport.
            var submission: (found: Bool, valid: Bool, higherIsBetter: Bool, rawScore: Double?, humanRank: Double?, medal: Medal?)?
            if !isNull(DOJO_SLOT_OBS_SUBMISSION) {
                guard kind(DOJO_SLOT_OBS_SUBMISSION) == DOJO_JSON_OBJECT, let found = bool(DOJO_SLOT_SUB_FOUND),
                      let valid = bool(DOJO_SLOT_SUB_VALID), kind(DOJO_SLOT_SUB_ERRORS) == DOJO_JSON_ARRAY,
                      kind(DOJO_SLOT_SUB_WARNINGS) == DOJO_JSON_ARRAY, integer(DOJO_SLOT_SUB_ROWS) != nil,
                      kind(DOJO_SLOT_SUB_METRIC) == DOJO_JSON_STRING, let higherIsBetter = bool(DOJO_SLOT_SUB_HIGHER_IS_BETTER),
                      let rawScore = optionalDouble(DOJO_SLOT_SUB_RAW_SCORE), optional(DOJO_SLOT_SUB_POSITION, DOJO_JSON_OBJECT),
                      let humanRank = optionalDouble(DOJO_SLOT_SUB_HUMAN_RANK),
                      isNull(DOJO_SLOT_SUB_ABOVE_MEDIAN) || bool(DOJO_SLOT_SUB_ABOVE_MEDIAN) != nil,
                      text(DOJO_SLOT_SUB_BOARD_KIND).flatMap(BoardKind.init(rawValue:)) != nil,
                      optional(DOJO_SLOT_SUB_MEDAL_THRESHOLDS, DOJO_JSON_OBJECT) else { return nil }
                var medal: Medal?
                if !isNull(DOJO_SLOT_SUB_MEDAL) {
                    guard let value = text(DOJO_SLOT_SUB_MEDAL).flatMap(Medal.init(rawValue:)) else { return nil }
                    medal = value
                }
                submission = (found, valid, higherIsBetter, rawScore, humanRank, medal)
            }
            // The same reading as StepSummary.init(_:position:line:offset:length:).
            let graded = observed == .executeCode && submission?.valid == true ? submission : nil
            return StepSummary(
                position: position, line: line, offset: offset, length: count, step: step, t: t, actor: actor, action: action,
                status: status, rawScore: graded?.rawScore, rankScore: graded?.humanRank, medal: graded?.medal,
                higherIsBetter: submission?.higherIsBetter,
                isError: status == .error || failedRun || (submission.map { $0.found && !$0.valid } ?? false))
        }

        func kind(_ slot: Int) -> Int {
            Int(slots[slot].kind)
        }

        func isNull(_ slot: Int) -> Bool {
            kind(slot) == DOJO_JSON_ABSENT || kind(slot) == DOJO_JSON_NULL
        }

        /// Absent, null, or of `expected` kind (an optional field of that type).
        func optional(_ slot: Int, _ expected: Int) -> Bool {
            isNull(slot) || kind(slot) == expected
        }

        func raw(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + slots[slot].offset, count: slots[slot].length)
        }

        /// A short string without escapes (the enum values); nil for anything else.
        func text(_ slot: Int) -> String? {
            guard kind(slot) == DOJO_JSON_STRING, slots[slot].length <= 64 else { return nil }
            let value = raw(slot)
            guard !value.contains(0x5C) else { return nil }
            return String(decoding: value, as: UTF8.self)
        }

        /// An integer written as digits (no fraction or exponent, which `Int` decoding may treat differently).
        func integer(_ slot: Int) -> Int? {
            guard kind(slot) == DOJO_JSON_NUMBER else { return nil }
            return Int(String(decoding: raw(slot), as: UTF8.self))
        }

        /// `.some(nil)` when absent or null, `.some(value)` for an `Int32`, nil when the decoder must decide.
        func optionalInt32(_ slot: Int) -> Int32?? {
            if isNull(slot) { return .some(nil) }
            guard kind(slot) == DOJO_JSON_NUMBER, let value = Int32(String(decoding: raw(slot), as: UTF8.self)) else { return nil }
            return .some(value)
        }

        /// A finite number, or the writer's "NaN", "Infinity" and "-Infinity".
        func double(_ slot: Int) -> Double? {
            switch kind(slot) {
            case DOJO_JSON_NUMBER:
                guard let value = Double(String(decoding: raw(slot), as: UTF8.self)), value.isFinite else { return nil }
                return value
            case DOJO_JSON_STRING:
                switch text(slot) {
                case "NaN": return .nan
                case "Infinity": return .infinity
                case "-Infinity": return -.infinity
                default: return nil
                }
            default:
                return nil
            }
        }

        func optionalDouble(_ slot: Int) -> Double?? {
            if isNull(slot) { return .some(nil) }
            return double(slot).map { .some($0) }
        }

        func bool(_ slot: Int) -> Bool? {
            switch kind(slot) {
            case DOJO_JSON_TRUE: true
            case DOJO_JSON_FALSE: false
            default: nil
            }
        }
    }
}
