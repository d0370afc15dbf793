import Foundation

extension Array where Element: Sendable {
    /// Maps every element on all cores, keeping the order of the input.
    /// The work items of a build (files to parse, pages to render) are
    /// independent, so this is where the build scales with cores. Results
    /// need not be Sendable: each is written by one worker and read after all finish.
    func parallelMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeResults<T>(count: count)
        let chunk = Swift.max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (count + chunk - 1) / chunk
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let start = c * chunk
                let end = Swift.min(start + chunk, input.count)
                for i in start..<end {
                    results.set(i, transform(input[i]))
                }
            }
        }
        return results.values()
    }
}

extension Array where Element: Sendable {
    /// Runs every element's transform as a task of its own and waits for all,
    /// keeping the order of the input. For a few large jobs that are parallel
    /// inside (an exporter that describes its datasets with `parallelMap`):
    /// libdispatch runs a `concurrentPerform` nested in another one on a
    /// single thread, so under `parallelMap` the largest job kept one core
    /// once the small ones were done.
    func concurrentTasks<T>(_ transform: @escaping @Sendable (Element) -> T) -> [T] {
        let results = UnsafeResults<T>(count: count)
        let group = DispatchGroup()
        for (index, element) in enumerated() {
            DispatchQueue.global().async(group: group) { results.set(index, transform(element)) }
        }
        group.wait()
        return results.values()
    }
}

/// Slots written by exactly one worker each; read only after all workers finished.
/// One buffer allocated up front: writing through an array property from several
/// threads made each writer check the array's uniqueness, and a writer that saw
/// another's temporary reference copied the array under the others' feet (a crash
/// loading 100,000 datasets).
private final class UnsafeResults<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: T) { storage[index] = value }

    func values() -> [T] { (0..<count).map { storage[$0]! } }
}
