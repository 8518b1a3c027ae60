// Handoff: values pass from one thread to another in order, the producer waits when the
// consumer is behind, and a consumer that stops makes the producer stop.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct HandoffTests {
    @Test func valuesArriveInOrderAndTheProducerStaysBounded() {
        let h = Handoff<Int>(capacity: 4)
        let ahead = Handoff<Int>(capacity: 10_000)   // how far ahead the producer was at each put
        let taken = Counter()
        let producer = Thread {
            for i in 0..<5_000 {
                _ = h.put(i)
                taken.read { _ = ahead.put(i + 1 - $0) }
            }
            h.close()
            ahead.close()
        }
        producer.start()
        var got: [Int] = []
        while let v = h.take() {
            got.append(v)
            taken.add()
        }
        #expect(got == Array(0..<5_000))
        var most = 0
        while let a = ahead.take() { most = max(most, a) }
        #expect(most <= 5)   // capacity 4, and one taken but not yet counted
    }

    @Test func aCancelledHandoffStopsTheProducer() {
        let h = Handoff<[Int]>(capacity: 2)
        let stopped = Handoff<Int>(capacity: 1)
        let producer = Thread {
            var i = 0
            while h.put([i]) { i += 1 }
            _ = stopped.put(i)
            stopped.close()
        }
        producer.start()
        #expect(h.take() == [0])
        h.cancel()
        let sent = stopped.take()
        #expect(sent != nil && sent! < 10)
    }
}

/// A count shared by two threads.
private final class Counter: @unchecked Sendable {   // `value` is behind `lock`
    private let lock = NSLock()
    private var value = 0

    func add() { lock.withLock { value += 1 } }
    /// Calls `body` with the count, which does not change meanwhile.
    func read(_ body: (Int) -> Void) { lock.withLock { body(value) } }
}
