import Foundation
import Hummingbird
import SeekDB

/// The REST routes over a collection's records. One ``SeekDBClient`` (and its connection pool)
/// serves every request; the collection is looked up per request with
/// ``SeekDBClient/getCollection(name:using:logger:)``, which restores the default embedding function
/// for default collections so text queries and document-only writes work.
struct RecordsController<Context: RequestContext>: Sendable {
    let client: SeekDBClient

    func addRoutes(to router: Router<Context>) {
        let records = router.group("collections/:name/records")
        records.post(use: add)
        records.post("update", use: update)
        records.post("upsert", use: upsert)
        records.get(":id", use: get)
        records.put(":id") { request, context in try await updateOne(request, context, mode: .replace) }
        records.patch(":id") { request, context in try await updateOne(request, context, mode: .merge) }
        router.post("collections/:name/query", use: query)
    }

    // MARK: Routes

    /// `GET …/records/:id[?include=embeddings]`: the record, or 404 `recordsNotFound`.
    @Sendable func get(_ request: Request, context: Context) async throws -> RecordResponse {
        let id = try recordID(context)
        let withEmbedding =
            request.uri.queryParameters.get("include")?
            .split(separator: ",").contains("embeddings") ?? false
        let include: Include = withEmbedding ? [.documents, .metadatas, .embeddings] : .default
        let result = try await collection(context).get(ids: id, include: include, logger: context.logger)
        guard let record = result.records.first else {
            throw SeekDBError(.recordsNotFound, "get: no record with id '\(id)'", missingIDs: [id])
        }
        return RecordResponse(record, includesEmbedding: withEmbedding)
    }

    /// `POST …/records`: adds records (201), or 409 `duplicateKey` when an id exists.
    @Sendable func add(_ request: Request, context: Context) async throws -> EditedResponse<AddResponse> {
        let body = try await request.decode(as: RecordsBody.self, context: context)
        try await collection(context).add(
            ids: body.ids, embeddings: body.embeddings, documents: body.documents,
            metadatas: body.metadatas, logger: context.logger)
        return EditedResponse(status: .created, response: AddResponse(ids: body.ids))
    }

    /// `PUT …/records/:id` (metadata replaced) and `PATCH …/records/:id` (metadata merged):
    /// changes the given fields of one record, or 404 `recordsNotFound`.
    func updateOne(_ request: Request, _ context: Context, mode: MetadataUpdateMode) async throws -> UpdateResponse {
        let id = try recordID(context)
        let body = try await request.decode(as: RecordFieldsBody.self, context: context)
        let result = try await collection(context).update(
            ids: id, embeddings: body.embedding, documents: body.document, metadatas: body.metadata,
            metadataMode: mode, logger: context.logger)
        return UpdateResponse(result)
    }

    /// `POST …/records/update`: a batch update in one transaction; `"missing": "skip"` skips
    /// ids that do not exist instead of failing with 404 `recordsNotFound`.
    @Sendable func update(_ request: Request, context: Context) async throws -> UpdateResponse {
        let body = try await request.decode(as: RecordsBody.self, context: context)
        let result = try await collection(context).update(
            ids: body.ids, embeddings: body.embeddings, documents: body.documents,
            metadatas: body.metadatas, metadataMode: body.metadataMode?.sdkValue ?? .replace,
            missing: body.missing?.sdkValue ?? .fail, logger: context.logger)
        return UpdateResponse(result)
    }

    /// `POST …/records/upsert`: inserts new ids, updates existing ones.
    @Sendable func upsert(_ request: Request, context: Context) async throws -> UpsertResponse {
        let body = try await request.decode(as: RecordsBody.self, context: context)
        let result = try await collection(context).upsert(
            ids: body.ids, embeddings: body.embeddings, documents: body.documents,
            metadatas: body.metadatas, metadataMode: body.metadataMode?.sdkValue ?? .replace,
            logger: context.logger)
        return UpsertResponse(result)
    }

    /// `POST …/query`: nearest records to texts or embeddings, with optional filters.
    @Sendable func query(_ request: Request, context: Context) async throws -> QueryResponse {
        let body = try await request.decode(as: QueryBody.self, context: context)
        let metadataFilter = try body.where.map { try MetadataFilter($0) }
        let documentFilter = try body.whereDocument.map { try DocumentFilter($0) }
        let include = IncludeOption.include(body.include, default: .queryDefault)
        let nResults = body.nResults ?? 10
        let consistency = body.consistency?.sdkValue ?? .eventual
        let collection = try await collection(context)
        switch (body.queryTexts, body.queryEmbeddings) {
        case (let texts?, nil):
            return QueryResponse(
                try await collection.query(
                    texts: texts, nResults: nResults, where: metadataFilter, whereDocument: documentFilter,
                    include: include, consistency: consistency, logger: context.logger))
        case (nil, let embeddings?):
            return QueryResponse(
                try await collection.query(
                    embeddings: embeddings, nResults: nResults, where: metadataFilter,
                    whereDocument: documentFilter, include: include, consistency: consistency, logger: context.logger))
        default:
            throw SeekDBError(.invalidArgument, "query: give exactly one of queryTexts and queryEmbeddings")
        }
    }

    // MARK: Helpers

    private func collection(_ context: Context) async throws -> SeekDBCollection {
        try await client.getCollection(name: context.parameters.require("name"), logger: context.logger)
    }

    private func recordID(_ context: Context) throws -> String {
        let raw = try context.parameters.require("id")
        return raw.removingPercentEncoding ?? raw
    }
}
