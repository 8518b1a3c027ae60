// A bounded first-in first-out hand-off of values from one producing thread to one consuming
// thread: the two halves of a pass over the documents (decoding them, building the graph from
// them) run on two cores, in document order.
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
}
