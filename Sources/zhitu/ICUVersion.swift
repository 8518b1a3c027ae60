// ICU facts for the benchmark's report: version and the speed of word break alone.
import CICU

let icuVersion = String(cString: zt_icu_version())

/// Number of ICU word boundaries in `units` (for the benchmark's calibration line).
func icuWordBreakCount(_ units: [UInt16]) -> Int32 {
    var bounds = [Int32](repeating: 0, count: units.count + 1)
    var statuses = bounds
    return units.withUnsafeBufferPointer { zt_word_breaks($0.baseAddress, Int32($0.count), &bounds, &statuses, Int32(units.count + 1)) }
}
