import Dispatch
import Foundation

/// One line on a terminal that says which stage a long build is in and how
/// many files it has written, rewritten in place and erased at the end.
/// Quiet for builds shorter than `delay`, and never on anything but a
/// terminal (a CI log gets only the closing summary).
public final class ProgressLine: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`.
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let started = Date()
    private let delay: TimeInterval
    private var stage = ""
    private var counter: (@Sendable () -> Int)?
    private var shown = false
    private var finished = false
    private var timer: DispatchSourceTimer?

    /// Whether a progress line belongs on this output: standard error is a
    /// terminal, and no CI system says it is running the build.
    public static func wanted(environment: [String: String] = ProcessInfo.processInfo.environment,
                              standardErrorIsTerminal: Bool = isatty(STDERR_FILENO) != 0) -> Bool {
        standardErrorIsTerminal && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    /// - Parameter write: where the line goes (standard error; tests capture it).
    public init(delay: TimeInterval = 1.5, interval: TimeInterval = 0.25,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.delay = delay
        self.write = write
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    public func enter(_ stage: String, counting counter: (@Sendable () -> Int)? = nil) {
        lock.lock()
        self.stage = stage
        self.counter = counter
        lock.unlock()
    }

    /// The text of the line now, or nil while the build is still short.
    func text(now: Date = Date()) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return textLocked(now: now)
    }

    private func textLocked(now: Date) -> String? {
        let elapsed = now.timeIntervalSince(started)
        guard elapsed >= delay, !stage.isEmpty else { return nil }
        var line = "\(stage)…"
        if let counter { line += " \(Formatting.count(counter())) files written" }
        return line + String(format: " (%.0f s)", elapsed)
    }

    /// Writes under the lock, so a tick can never land after `finish` erased the line.
    func tick() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, let line = textLocked(now: Date()) else { return }
        shown = true
        write("\r\u{1B}[K" + line)
    }

    /// Stops and erases the line, so the summary starts on a clean line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        timer?.cancel()
        if shown { write("\r\u{1B}[K") }
    }
}
