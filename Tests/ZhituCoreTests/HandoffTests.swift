// Handoff: values pass from one thread to another in order, the producer waits when the
// consumer is behind, and a consumer that stops makes the producer stop.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct HandoffTests {
    @Test func valuesArriveInOrderAndTheProducerStaysBounded() {
        let h = Handoff<Int>(capacity: 4)
        let ahead = Handoff<Int>(capacity: 10_000)   // how far ahead the producer was at each put
        var taken = 0
        let lock = NSLock()
        let producer = Thread {
            for i in 0..<5_000 {
                _ = h.put(i)
                lock.withLock { _ = ahead.put(i + 1 - taken) }
            }
            h.close()
            ahead.close()
        }
        producer.start()
        var got: [Int] = []
        while let v = h.take() {
            got.append(v)
            lock.withLock { taken += 1 }
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
