extension SeekDBClient.Configuration {
    /// Checks the configuration before any connection is opened.
    ///
    /// libmariadb would otherwise take a port outside 1…65535 as "the default port 3306", an
    /// empty host as "localhost", and cut every string at its first NUL byte (a password with a
    /// NUL would log in with its prefix). Messages never contain the password.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the offending setting.
    func validate() throws(SeekDBError) {
        if let unixSocketPath {
            guard !unixSocketPath.isEmpty else { throw .invalidArgument("configuration: unixSocketPath must not be empty") }
        } else {
            guard !host.isEmpty else { throw .invalidArgument("configuration: host must not be empty") }
            guard (1...65_535).contains(port) else {
                throw .invalidArgument("configuration: port must be between 1 and 65535, got \(port)")
            }
        }
        guard !user.isEmpty else { throw .invalidArgument("configuration: user must not be empty") }
        guard !database.isEmpty else { throw .invalidArgument("configuration: database must not be empty") }
        if let tenant, tenant.isEmpty {
            throw .invalidArgument("configuration: tenant must not be empty; use nil for seekdb")
        }
        let texts: [(name: String, value: String?)] = [
            ("host", host), ("unixSocketPath", unixSocketPath), ("user", user), ("password", password),
            ("database", database), ("tenant", tenant), ("tls.caFile", tls.caFile),
            ("tls.certificateFile", tls.certificateFile), ("tls.keyFile", tls.keyFile)
        ]
        for (name, value) in texts where value?.utf8.contains(0) == true {
            throw .invalidArgument("configuration: \(name) contains a NUL character, which the connector cannot send")
        }
        try Self.requirePositive(options.connectTimeout, name: "options.connectTimeout")
        try options.readTimeout.map { d throws(SeekDBError) in try Self.requirePositive(d, name: "options.readTimeout") }
        try options.writeTimeout.map { d throws(SeekDBError) in try Self.requirePositive(d, name: "options.writeTimeout") }
        try options.queryTimeout.map { d throws(SeekDBError) in try Self.requirePositive(d, name: "options.queryTimeout") }
        try Self.requirePositive(options.ddlTimeout, name: "options.ddlTimeout")
        guard pool.maximumConnections >= 1 else {
            throw .invalidArgument("configuration: pool.maximumConnections must be at least 1, got \(pool.maximumConnections)")
        }
        guard retryPolicy.maximumAttempts >= 1 else {
            throw .invalidArgument("configuration: retryPolicy.maximumAttempts must be at least 1, got \(retryPolicy.maximumAttempts)")
        }
        guard retryPolicy.budget >= .zero, retryPolicy.initialBackoff >= .zero, retryPolicy.maximumBackoff >= .zero else {
            throw .invalidArgument("configuration: retryPolicy durations must not be negative")
        }
        guard pool.validateAfterIdle >= .zero else {
            throw .invalidArgument("configuration: pool.validateAfterIdle must not be negative, got \(pool.validateAfterIdle)")
        }
    }

    private static func requirePositive(_ duration: Duration, name: String) throws(SeekDBError) {
        guard duration > .zero else { throw .invalidArgument("configuration: \(name) must be positive, got \(duration)") }
    }
}
