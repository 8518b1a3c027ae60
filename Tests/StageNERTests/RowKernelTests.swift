import CTaggerRows
import Testing
@testable import StageNER

/// The model file stores a weight row as 13 int8 weights, then their shift (the row's unit is
/// `unit << shift`); tagging adds rows with a C kernel. These pin the kernel to that format.
@Suite struct RowKernelTests {
    /// A 16-byte row: `weights` (up to 13), the shift at byte 13, two key bytes after it.
    static func row(_ weights: [Int8], shift: UInt8) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: SlotTable.rowBytes)
        for (j, w) in weights.enumerated() { bytes[j] = UInt8(bitPattern: w) }
        bytes[13] = shift
        bytes[14] = 0xAB
        bytes[15] = 0xCD
        return bytes
    }

    @Test func signedWeightsAreScaledByTheRowsShift() {
        let weights: [Int8] = [1, -1, 127, -127, 0, 5, -5, 64, -64, 3, -3, 100, -100]
        for shift: UInt8 in [0, 1, 3, 7] {
            let lanes = Self.row(weights, shift: shift).withUnsafeBytes { SlotTable.row($0.baseAddress!, 0) }
            #expect((0..<13).map { lanes[$0] } == weights.map { Int32($0) << Int32(shift) }, "shift \(shift)")
        }
    }

    @Test func rowsAddUpLaneByLane() {
        let a = Self.row([10, -20, 30], shift: 2), b = Self.row([-1, 2, -3, 4], shift: 0)
        var sum = [Int32](repeating: 0, count: 16)
        sum.withUnsafeMutableBufferPointer { s in
            for r in [a, b, a] { r.withUnsafeBytes { zt_row_add(s.baseAddress!, $0.baseAddress!) } }
        }
        let expected: [Int32] = [80 - 1, -160 + 2, 240 - 3, 4]   // a twice (weights × 4), b once
        #expect(Array(sum[0..<4]) == expected)
        #expect(sum[4..<13].allSatisfy { $0 == 0 })
    }
}
