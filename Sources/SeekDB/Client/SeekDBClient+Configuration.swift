public import CoreMetrics
import Foundation
import SeekDBDriver
public import Tracing

extension SeekDBClient {
    /// How to reach a seekdb or OceanBase server, and how the client behaves.
    ///
    /// The defaults follow pyseekdb: port 2881, user `root`, database `test`. For OceanBase,
    /// set ``tenant``: the login name becomes `user@tenant`, as pyseekdb sends it.
    ///
    /// ```swift
    /// var configuration = SeekDBClient.Configuration(host: "127.0.0.1", port: 2881, database: "test")
    /// configuration.pool.maximumConnections = 16
    /// ```
    public struct Configuration: Sendable {
        /// Host name or IP address of the server (ignored when ``unixSocketPath`` is set).
        public var host: String
        /// MySQL-protocol port. Default 2881.
        public var port: Int
        /// A Unix socket to connect through instead of TCP, e.g. `<data>/run/sql.sock`.
        public var unixSocketPath: String?
        /// User name. Default `root`.
        public var user: String
        /// Password; `nil` sends none. Never appears in logs or error descriptions.
        public var password: String?
        /// Database the collections live in. Default `test`.
        public var database: String
        /// OceanBase tenant; when set the login name is `user@tenant`. Default `nil` (seekdb).
        public var tenant: String?
        /// TLS settings. Default ``TLS/disable``.
        public var tls: TLS
        /// Timeouts and session options.
        public var options: Options
        /// Connection pool settings.
        public var pool: Pool
        /// When calls are sent again by themselves after a transient failure. Default
        /// ``RetryPolicy/default`` (three attempts within 30 s, for what is safe to repeat).
        public var retryPolicy: RetryPolicy = .default
        /// Where the client records its metrics (see the Observability article). `nil` (default):
        /// the factory the application bootstrapped with `MetricsSystem.bootstrap`, if any;
        /// without one nothing is recorded.
        public var metricsFactory: (any MetricsFactory)?
        /// Where the client sends its spans. `nil` (default): the tracer the application
        /// bootstrapped with `InstrumentationSystem.bootstrap`, if any; without one nothing is traced.
        public var tracer: (any Tracer)?

        /// A TCP configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 2881, user: String = "root", password: String? = nil,
            database: String = "test", tenant: String? = nil
        ) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.tenant = tenant
            self.tls = .disable
            self.options = Options()
            self.pool = Pool()
        }

        /// A Unix-socket configuration (a local seekdb started with `--embedded` has no TCP port).
        public init(unixSocketPath: String, user: String = "root", password: String? = nil, database: String = "test") {
            self.init(host: "localhost", port: 0, user: user, password: password, database: database)
            self.unixSocketPath = unixSocketPath
        }

        /// Reads `SEEKDB_HOST`, `SEEKDB_PORT`, `SEEKDB_USER`, `SEEKDB_PASSWORD`,
        /// `SEEKDB_DATABASE`, `SEEKDB_TENANT` and `SEEKDB_SOCKET` (with another prefix if given),
        /// keeping the defaults for variables that are not set. Opt-in: the main initializer
        /// never reads the environment.
        public static func fromEnvironment(
            prefix: String = "SEEKDB_",
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) -> Configuration {
            func value(_ name: String) -> String? {
                guard let value = environment[prefix + name], !value.isEmpty else { return nil }
                return value
            }
            var configuration = Configuration()
            if let host = value("HOST") { configuration.host = host }
            if let port = value("PORT").flatMap(Int.init) { configuration.port = port }
            if let user = value("USER") { configuration.user = user }
            if let password = environment[prefix + "PASSWORD"] { configuration.password = password }
            if let database = value("DATABASE") { configuration.database = database }
            configuration.tenant = value("TENANT")
            configuration.unixSocketPath = value("SOCKET")
            return configuration
        }

        /// The name sent at login: `user`, or `user@tenant` for OceanBase.
        public var loginName: String { tenant.map { "\(user)@\($0)" } ?? user }
    }
}

extension SeekDBClient.Configuration {
    /// Transport security. Maps to MariaDB Connector/C's `MYSQL_OPT_SSL_*` options.
    public struct TLS: Sendable, Hashable {
        var required: Bool
        var verifyIdentity: Bool
        /// PEM file of the certificate authority that signed the server's certificate.
        public var caFile: String?
        /// Client certificate (PEM), for servers that require one.
        public var certificateFile: String?
        /// Client private key (PEM).
        public var keyFile: String?

        /// No TLS (seekdb's default listener speaks plain TCP).
        public static let disable = TLS(required: false, verifyIdentity: false)

        /// TLS is required; the connection fails if the server does not offer it.
        public static func require(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil) -> TLS {
            TLS(required: true, verifyIdentity: false, caFile: caFile, certificateFile: certificateFile, keyFile: keyFile)
        }

        /// TLS is required and the server certificate must match the host name and `caFile`.
        public static func verifyIdentity(caFile: String, certificateFile: String? = nil, keyFile: String? = nil) -> TLS {
            TLS(required: true, verifyIdentity: true, caFile: caFile, certificateFile: certificateFile, keyFile: keyFile)
        }

        /// `true` when TLS is required.
        public var isRequired: Bool { required }
    }

    /// Timeouts and session options.
    public struct Options: Sendable, Hashable {
        /// Time to establish a connection. Default 10 seconds.
        public var connectTimeout: Duration = .seconds(10)
        /// Time to wait for the server's answer to one statement; `nil` waits as long as the
        /// server's own query timeout allows. Default `nil`.
        public var readTimeout: Duration?
        /// Time to send one statement. Default `nil`.
        public var writeTimeout: Duration?
        /// The server's statement timeout for this client's sessions (`ob_query_timeout`);
        /// `nil` keeps the server's default (10 seconds on seekdb). A read or write that runs
        /// longer fails with ``SeekDBError/Code/timeout``.
        public var queryTimeout: Duration?
        /// The server's statement timeout for schema changes: creating and deleting
        /// collections and databases, and refreshing vector indexes (``SeekDBCollection/refreshIndex(logger:)``,
        /// ``QueryConsistency/readYourWrites``). Default 120 seconds.
        ///
        /// These statements wait for the server's schema service and background work, which
        /// takes far longer than a read or write when the server is busy: seekdb's default 10 s
        /// statement timeout is not enough then. It is set for the statement's session
        /// (`SET SESSION ob_query_timeout`) and the session's own timeout (``queryTimeout``)
        /// restored afterwards. A ``readTimeout`` shorter than this cuts the wait short on the
        /// client's side.
        public var ddlTimeout: Duration = .seconds(120)
        /// How long ``SeekDBClient/shutdown(gracePeriod:)`` (and so graceful shutdown of a
        /// service group running the client) waits for calls in flight before it cancels them.
        /// Default 30 seconds.
        public var shutdownGracePeriod: Duration = .seconds(30)

        public init() {}
    }

    /// Connection pool settings.
    public struct Pool: Sendable, Hashable {
        /// Most connections open at once; more concurrent calls wait their turn (FIFO). Default 8.
        public var maximumConnections: Int = 8
        /// A connection idle for longer than this is pinged before reuse. Default 60 seconds.
        public var validateAfterIdle: Duration = .seconds(60)

        public init() {}
    }

    /// `duration` in whole microseconds, at least 1 (`ob_query_timeout` is in microseconds).
    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// The statement timeouts schema changes switch between.
    var statementTimeouts: StatementTimeouts {
        StatementTimeouts(ddl: options.ddlTimeout, session: options.queryTimeout)
    }

    /// The metrics factory and tracer of this configuration (the global ones where `nil`).
    var instruments: Instruments { Instruments(metricsFactory: metricsFactory, tracer: tracer) }

    var driverConfiguration: MariaDBConnection.Configuration {
        let endpoint: MariaDBConnection.Configuration.Endpoint =
            unixSocketPath.map { .unixSocket(path: $0) } ?? .tcp(host: host, port: port)
        var initCommands: [String] = []
        if let queryTimeout = options.queryTimeout {
            initCommands.append(SchemaStatements.setQueryTimeout(microseconds: Self.microseconds(queryTimeout)))
        }
        return MariaDBConnection.Configuration(
            endpoint: endpoint, user: loginName, password: password, database: database,
            connectTimeout: options.connectTimeout, readTimeout: options.readTimeout, writeTimeout: options.writeTimeout,
            tls: .init(
                required: tls.required, verifyServerCertificate: tls.verifyIdentity, caFile: tls.caFile,
                certificateFile: tls.certificateFile, keyFile: tls.keyFile),
            initCommands: initCommands,
            instruments: instruments
        )
    }
}

extension SeekDBClient.Configuration: CustomStringConvertible {
    /// Where the client connects, without the password.
    public var description: String {
        let target = unixSocketPath.map { "unix:\($0)" } ?? "\(host):\(port)"
        return "SeekDBClient.Configuration(\(loginName)@\(target)/\(database), password: \(password == nil ? "none" : "<redacted>"))"
    }
}

extension SeekDBClient.Configuration: CustomReflectable {
    /// What `dump(_:)`, `Mirror` and debuggers show: every field, the password redacted.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "unixSocketPath": unixSocketPath as Any, "user": user,
                "password": password == nil ? "none" : "<redacted>", "database": database, "tenant": tenant as Any,
                "tls": tls, "options": options, "pool": pool
            ], displayStyle: .struct)
    }
}
