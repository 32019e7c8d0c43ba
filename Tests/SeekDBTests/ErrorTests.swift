import SeekDBDriver
import Testing

@testable import SeekDB

struct ErrorTests {
    @Test func permissionDeniedNamesPrivilegeUserAndCollection() {
        let driver = DriverError(
            kind: .statement, number: 1142, sqlState: "42000",
            message: "UPDATE command denied to user 'ro'@'%' for table 'c$v2$77fb'")
        let error = SeekDBError(driver, collection: "books", table: "c$v2$77fb")
        #expect(error.code == .permissionDenied)
        #expect(error.serverErrorNumber == 1142)
        #expect(error.message.contains("UPDATE"))
        #expect(error.message.contains("'ro'@'%'"))
        #expect(error.message.contains("books"))
        #expect(error.message.contains("GRANT UPDATE"))
    }

    @Test func serverNumbersMapToCodes() {
        func code(_ number: UInt32, kind: DriverError.Kind = .statement) -> SeekDBError.Code {
            SeekDBError(DriverError(kind: kind, number: number, message: "m")).code
        }
        #expect(code(1062) == .duplicateKey)
        #expect(code(1146) == .unknownTable)
        #expect(code(7600) == .dimensionMismatch)
        #expect(code(1210) == .dimensionMismatch)
        #expect(code(2013) == .connectionClosed)
        #expect(code(2006) == .connectionClosed)
        #expect(code(4012) == .timeout)
        #expect(code(1317) == .cancelled)
        #expect(code(1045, kind: .connect) == .authenticationFailed)
        #expect(code(2003, kind: .connect) == .connectionFailed)
        #expect(code(2026, kind: .connect) == .tlsFailed)
    }

    @Test func duplicateKeyDescriptionDoesNotEchoTheValue() {
        let error = SeekDBError(DriverError(kind: .statement, number: 1062, message: "Duplicate entry 'secret-id' for key 'PRIMARY'"))
        #expect(!error.description.contains("secret-id"))
    }

    @Test func configurationDescriptionRedactsThePassword() {
        let configuration = SeekDBClient.Configuration(host: "h", password: "hunter2")
        #expect(!"\(configuration)".contains("hunter2"))
        var tenant = configuration
        tenant.tenant = "sys"
        #expect(tenant.loginName == "root@sys")
    }

    @Test func environmentConfigurationIsOptIn() {
        let configuration = SeekDBClient.Configuration.fromEnvironment(environment: [
            "SEEKDB_HOST": "db", "SEEKDB_PORT": "3999", "SEEKDB_PASSWORD": "pw", "SEEKDB_DATABASE": "vec"
        ])
        #expect(
            configuration.host == "db" && configuration.port == 3999 && configuration.password == "pw" && configuration.database == "vec")
        #expect(SeekDBClient.Configuration().port == 2881 && SeekDBClient.Configuration().password == nil)
    }
}

struct StatementTimeoutErrorTests {
    @Test func queryTimeoutNamesTheLimitAndTheSettingToRaise() {
        let server =
            "Timeout, query has reached the maximum query timeout: 10000000(us), maybe you can adjust the session variable "
            + "ob_query_timeout or query_timeout hint, and try again."
        let error = SeekDBError(DriverError(kind: .statement, number: 4012, message: server))
        #expect(error.code == .timeout)
        #expect(error.serverErrorNumber == 4012)
        #expect(error.message.contains("statement timeout of 10 s"))
        #expect(error.message.contains("SeekDBClient.Configuration.options.queryTimeout"))
        #expect(error.message.contains("options.ddlTimeout"))
        #expect(error.message.hasSuffix(server))
        let unparsed = SeekDBError(DriverError(kind: .statement, number: 4012, message: "Timeout"))
        #expect(unparsed.message.contains("its statement timeout (ob_query_timeout)"))
    }

    @Test func ddlTimeoutDefaultsTo120SecondsAndMustBePositive() throws {
        var configuration = SeekDBClient.Configuration()
        #expect(configuration.options.ddlTimeout == .seconds(120))
        #expect(configuration.statementTimeouts.setDDL == "SET SESSION ob_query_timeout = 120000000")
        #expect(configuration.statementTimeouts.restoreSession == "SET SESSION ob_query_timeout = DEFAULT")
        configuration.options.queryTimeout = .milliseconds(1500)
        #expect(configuration.statementTimeouts.restoreSession == "SET SESSION ob_query_timeout = 1500000")
        configuration.options.ddlTimeout = .zero
        #expect(throws: SeekDBError.self) { try configuration.validate() }
    }
}

struct TransientDDLErrorTests {
    @Test func transientDDLErrorsAreTheOnesTheServerCallsTransient() {
        func transient(_ number: UInt32, _ message: String = "m") -> Bool {
            MariaDBConnection.isTransientDDLError(DriverError(kind: .statement, number: number, message: message))
        }
        #expect(transient(5627, "Schema try again"))
        #expect(transient(4023, "Try again"))
        #expect(transient(4012, "Timeout"), "the DDL machinery's own timeout, seen on DROP TABLE with many DDL queued")
        #expect(
            !transient(
                4012,
                "Timeout, query has reached the maximum query timeout: 10000000(us), maybe you can adjust the session variable "
                    + "ob_query_timeout or query_timeout hint, and try again."
            ))
        #expect(!transient(1146))
        #expect(!transient(1050))
    }
}
