import Foundation
import Hummingbird
import Logging
import SeekDB

/// Every failure the service answers with, as JSON:
/// `{"error": {"code": "recordsNotFound", "message": "…", "missingIDs": ["zz"], "serverErrorNumber": null}}`.
///
/// `code` is the SDK's ``SeekDBError/Code`` name for SDK errors; requests the service cannot
/// read (malformed JSON, a wrong type, an unknown option) are `invalidArgument` too, and an
/// unknown route is `notFound`.
struct ErrorResponse: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var missingIDs: [String] = []
    var serverErrorNumber: UInt32?

    /// An SDK error, with the HTTP status its code calls for.
    init(_ error: SeekDBError) {
        status = Self.status(for: error.code)
        code = error.code.description
        message = error.message
        missingIDs = error.missingIDs
        serverErrorNumber = error.serverErrorNumber
    }

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// 400 bad input, 404 missing records or collection, 403 privileges, 409 conflicts,
    /// 503 when the database cannot be reached, 500 otherwise.
    static func status(for code: SeekDBError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidArgument, .dimensionMismatch: .badRequest
        case .recordsNotFound, .collectionNotFound: .notFound
        case .permissionDenied: .forbidden
        case .duplicateKey, .collectionExists: .conflict
        case .connectionFailed, .connectionClosed, .timeout, .clientClosed: .serviceUnavailable
        default: .internalServerError
        }
    }

    private struct Envelope: Encodable {
        var error: Body
    }

    private struct Body: Encodable {
        var code: String
        var message: String
        var missingIDs: [String]
        var serverErrorNumber: UInt32?

        private enum CodingKeys: String, CodingKey { case code, message, missingIDs, serverErrorNumber }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(missingIDs, forKey: .missingIDs)
            try container.encode(serverErrorNumber, forKey: .serverErrorNumber)  // null when absent
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Envelope(
            error: Body(
                code: code, message: message, missingIDs: missingIDs,
                serverErrorNumber: serverErrorNumber))
        let data = try RecordsJSON.encoder().encode(body)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns whatever a route throws into an ``ErrorResponse``: SDK errors keep their code;
/// Hummingbird's own errors keep their status, with the code `invalidArgument` (400: a body
/// that does not decode), `notFound` (404: no such route), `contentTooLarge` (413) or
/// `httpError`; anything else is logged and answered with a bare 500 `internal`.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    // `@concurrent` as Hummingbird's protocol (built without NonisolatedNonsendingByDefault) declares it.
    @concurrent func handle(
        _ request: Request, context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SeekDBError {
            if ErrorResponse.status(for: error.code) == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            }
            throw ErrorResponse(error)
        } catch let error as ErrorResponse {
            throw error
        } catch let error as HTTPError {
            throw ErrorResponse(
                status: error.status, code: Self.code(for: error.status),
                message: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {  // e.g. a body over maxUploadSize: 413
            throw ErrorResponse(status: error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw ErrorResponse(status: .internalServerError, code: "internal", message: "internal error")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "invalidArgument"
        case .notFound: "notFound"
        case .contentTooLarge: "contentTooLarge"
        default: "httpError"
        }
    }
}
