extension MariaDBConnection {
    /// Everything needed to open one libmariadb connection (the counterpart of postgres-nio's
    /// `PostgresConnection.Configuration`). The `SeekDB` module builds this from
    /// its public `SeekDBClient.Configuration`.
    package struct Configuration: Sendable {
        /// Where the server listens.
        package enum Endpoint: Sendable, Hashable {
            case tcp(host: String, port: Int)
            case unixSocket(path: String)
        }

        /// TLS requirements, mapped to the connector's `MYSQL_OPT_SSL_*` options.
        package struct TLS: Sendable, Hashable {
            package var required: Bool
            package var verifyServerCertificate: Bool
            package var caFile: String?
            package var certificateFile: String?
            package var keyFile: String?

            package init(
                required: Bool = false, verifyServerCertificate: Bool = false, caFile: String? = nil,
                certificateFile: String? = nil, keyFile: String? = nil
            ) {
                self.required = required
                self.verifyServerCertificate = verifyServerCertificate
                self.caFile = caFile
                self.certificateFile = certificateFile
                self.keyFile = keyFile
            }

            package static let disabled = TLS()
        }

        package var endpoint: Endpoint
        /// The login name as sent to the server (`user` or `user@tenant` for OceanBase).
        package var user: String
        package var password: String?
        /// The default database (`USE`) of the session, or `nil`.
        package var database: String?
        package var connectTimeout: Duration
        package var readTimeout: Duration?
        package var writeTimeout: Duration?
        package var tls: TLS
        /// Statements run once right after connecting (for example `SET ob_query_timeout = …`).
        package var initCommands: [String]
        /// Where statement spans and metrics go.
        package var instruments: Instruments

        package init(
            endpoint: Endpoint, user: String, password: String?, database: String?,
            connectTimeout: Duration = .seconds(10), readTimeout: Duration? = nil,
            writeTimeout: Duration? = nil, tls: TLS = .disabled, initCommands: [String] = [],
            instruments: Instruments = Instruments()
        ) {
            self.endpoint = endpoint
            self.user = user
            self.password = password
            self.database = database
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.writeTimeout = writeTimeout
            self.tls = tls
            self.initCommands = initCommands
            self.instruments = instruments
        }
    }
}

extension Duration {
    /// Whole seconds, rounded up, at least 1: the unit of libmariadb's timeout options.
    var wholeSecondsRoundedUp: UInt32 {
        let (seconds, attoseconds) = components
        let total = seconds + (attoseconds > 0 ? 1 : 0)
        return UInt32(clamping: max(1, total))
    }
}
