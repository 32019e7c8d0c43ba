import CMariaDB

/// Initialises libmariadb once per process, before the first `mysql_init`.
/// `mysql_library_init` is not thread-safe before it has run once; a `static let` is lazily and
/// thread-safely initialised, so touching ``isInitialized`` from any thread is safe.
enum MariaDBLibrary {
    static let isInitialized: Bool = cmariadb_library_init() == 0
}
