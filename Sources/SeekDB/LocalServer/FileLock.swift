#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file holding (or not) a `flock(2)` lock.
///
/// The descriptor is opened with `O_CLOEXEC`, so a server started while the lock is held does
/// not inherit it (an inherited client lock would keep an embedded seekdb alive for ever).
/// Acquiring never blocks a thread: it retries a non-blocking `flock` and sleeps in between.
/// Closing the file (``close()`` or `deinit`) releases the lock; so does the process dying.
final class FileLock {
    enum Kind {
        case shared, exclusive
        var operation: Int32 { self == .shared ? LOCK_SH : LOCK_EX }
    }

    let path: String
    private var descriptor: Int32

    /// Opens (creating if needed) `path`.
    ///
    /// - Throws: ``SeekDBError/Code/serverStartFailed`` if the file cannot be opened.
    init(path: String) throws(SeekDBError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SeekDBError(.serverStartFailed, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close() }

    /// One non-blocking attempt; `true` if the lock is now held.
    func tryLock(_ kind: Kind) -> Bool {
        guard descriptor >= 0 else { return false }
        while true {
            if flock(descriptor, kind.operation | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Retries ``tryLock(_:)`` every 20 ms until it succeeds or `timeout` passes.
    ///
    /// - Returns: `true` if the lock is held.
    /// - Throws: `CancellationError` if the task is cancelled while waiting.
    func lock(_ kind: Kind, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !tryLock(kind) {
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Releases the lock but keeps the file open.
    func unlock() {
        if descriptor >= 0 { _ = flock(descriptor, LOCK_UN) }
    }

    /// Closes the file, releasing any lock. Safe to call more than once.
    func close() {
        if descriptor >= 0 {
            #if canImport(Glibc)
                _ = Glibc.close(descriptor)
            #else
                _ = Darwin.close(descriptor)
            #endif
            descriptor = -1
        }
    }

    var isOpen: Bool { descriptor >= 0 }
}
