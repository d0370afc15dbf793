#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed by a finished stage back to the system.
///
/// glibc keeps freed memory in the arena of the thread that freed it; the
/// next stage allocates on other threads, in other arenas, so what the
/// parsed content and the search postings left behind would stay resident
/// beside it and raise the build's peak.
enum FreedMemory {
    static func giveBack() {
        _ = trim?(0)
    }

    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare
    /// (it is in <malloc.h>); nil on another C library.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
