// A bounded first-in first-out hand-off of values from one producing thread to one consuming
// thread, and `pipe`, which runs the two halves of a pass on two cores in order (decoding the
// records and building the graph from them; making the search columns and inserting them).
import Foundation

public final class Handoff<T>: @unchecked Sendable {   // every field is behind `condition`
    private let condition = NSCondition()
    private var items: [T?] = []   // taken slots are nil: a value is released when taken
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits for room and adds `value`; false once the consumer cancelled (stop producing).
    public func put(_ value: T) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(value)
        condition.broadcast()
        return true
    }

    /// No more values will come (called by the producer when done, also after a failure).
    public func close() {
        condition.lock(); defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// The next value, waiting for it; nil when the producer closed and all were taken.
    public func take() -> T? {
        condition.lock(); defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let value = items[head]!
        items[head] = nil
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= capacity && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return value
    }

    /// The consumer stops taking: a waiting or later `put` returns false.
    public func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }

    /// Runs `produce` on a thread of its own and hands each value it sends to `consume` on this
    /// one, in order, at most `capacity` ahead; returns what `produce` returned. When `consume`
    /// throws, the next `send` throws too (stop producing), and `consume`'s error is thrown once
    /// the producer has stopped.
    public static func pipe<R: Sendable>(capacity: Int, produce: @escaping @Sendable (_ send: (T) throws -> Void) throws -> R,
                                         consume: (T) throws -> Void) throws -> R {
        let values = Handoff<T>(capacity: capacity)
        let outcome = Handoff<Result<R, any Error>>(capacity: 1)
        let producer = Thread {
            let result = Result {
                try produce { value in
                    guard values.put(value) else { throw Stopped() }
                }
            }
            values.close()
            _ = outcome.put(result)
            outcome.close()
        }
        producer.stackSize = 8 << 20
        producer.start()
        do {
            while let v = values.take() { try consume(v) }
        } catch {
            values.cancel()
            _ = outcome.take()   // waits for the producer to stop
            throw error
        }
        return try outcome.take()!.get()
    }

    /// What `send` throws once the consumer stopped.
    private struct Stopped: Error {}
}
