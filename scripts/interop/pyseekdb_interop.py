"""Drives pyseekdb 1.4.0 (server mode) for the Swift integration tests' interop checks.

Usage (connection from SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE):
  pyseekdb_interop.py read NAME     -> prints JSON: the collection as pyseekdb lists, opens and reads it
  pyseekdb_interop.py write NAME    -> creates NAME (dimension 3, l2, no embedding function) and adds 3 records
  pyseekdb_interop.py delete NAME   -> deletes NAME
  pyseekdb_interop.py write-bm25 NAME SOURCE [OPTIONS]   -> creates NAME (dimension 3, l2) with pyseekdb's BM25
                                    sparse index from SOURCE ("#document" or a metadata key) and adds records a, b;
                                    OPTIONS (JSON): {"bm25": {BM25 arguments}, "index": {SparseVectorIndexConfig arguments}}
  pyseekdb_interop.py sparse NAME   -> prints JSON: per id, the stored sparse vector and the one pyseekdb's
                                    BM25 computes from the record's current source
  pyseekdb_interop.py sparse-query NAME TEXT [N]   -> prints JSON: the ids and distances (inner products)
                                    of pyseekdb's sparse query for TEXT (N results, default 5)
  pyseekdb_interop.py schema NAME   -> prints JSON: the collection's settings and its table definition
                                    (SHOW CREATE TABLE, table name replaced by TABLE) as the server prints them
"""
import json
import os
import sys
import time

import pyseekdb


def client():
    return pyseekdb.Client(
        host=os.environ.get("SEEKDB_HOST", "127.0.0.1"),
        port=int(os.environ.get("SEEKDB_PORT", "2881")),
        user=os.environ.get("SEEKDB_USER", "root"),
        password=os.environ.get("SEEKDB_PASSWORD", ""),
        database=os.environ.get("SEEKDB_DATABASE", "test"),
    )


def create_collection(c, name, **kwargs):
    """c.create_collection, tried again when seekdb has not yet shown this session a catalog
    table that another session has just created.

    pyseekdb creates its catalog with CREATE TABLE IF NOT EXISTS and then CREATE UNIQUE INDEX.
    When another client (the SDK, in a test running beside this one) creates the catalog at the
    same moment, the first statement can find the table while the second still fails with 1146
    (table doesn't exist). Nothing of the collection exists yet at that point, so trying again
    is safe."""
    for attempt in range(10):
        try:
            return c.create_collection(name, **kwargs)
        except ValueError as error:
            if attempt == 9 or not catalog_not_yet_visible(error):
                raise
            time.sleep(0.2 * (attempt + 1))


def catalog_not_yet_visible(error):
    while error is not None:
        if getattr(error, "args", None) and error.args[0] == 1146 and "sdk_collections" in str(error):
            return True
        error = error.__cause__
    return False


def read(name):
    c = client()
    listed = [col.name for col in c.list_collections()]
    # Opened as pyseekdb users do: with the persisted embedding function, or its default.
    col = c.get_collection(name)
    got = col.get(include=["documents", "metadatas", "embeddings"], limit=1000)
    ef = type(col.embedding_function).__name__ if col.embedding_function is not None else None
    print(json.dumps({
        "listed": name in listed,
        "dimension": col.dimension,
        "distance": col.distance,
        "count": col.count(),
        "ids": got["ids"],
        "documents": got["documents"],
        "metadatas": got["metadatas"],
        "embeddings": [[float(x) for x in e] for e in got["embeddings"]],
        "embedding_function": ef,
    }, ensure_ascii=False))


def write(name):
    c = client()
    col = create_collection(c, name, configuration=pyseekdb.HNSWConfiguration(dimension=3, distance="l2"),
                            embedding_function=None)
    col.add(ids=["p1", "p2", "p3"],
            embeddings=[[1.0, 2.0, 3.0], [0.5, 0.25, 0.125], [-1.0, 0.0, 1.0]],
            documents=["from python", "zwei ü", None],
            metadatas=[{"lang": "py", "n": 1, "f": 1.5, "tags": ["a", "b"]}, {"n": 2}, None])
    print(json.dumps({"id": col.id}))


def delete(name):
    client().delete_collection(name)


def write_bm25(name, source, options="{}"):
    from pyseekdb.utils.embedding_functions import BM25SparseEmbeddingFunction
    key = pyseekdb.K.DOCUMENT if source == "#document" else source
    options = json.loads(options)
    schema = pyseekdb.Schema(
        vector_index=pyseekdb.VectorIndexConfig(hnsw=pyseekdb.HNSWConfiguration(dimension=3, distance="l2"), embedding_function=None),
        sparse_vector_index=pyseekdb.SparseVectorIndexConfig(
            embedding_function=BM25SparseEmbeddingFunction(**options.get("bm25", {})), source_key=key, **options.get("index", {})))
    col = create_collection(client(), name, schema=schema)
    col.add(ids=["a", "b"], embeddings=[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
            documents=["apples are red fruit", "pears are green"],
            metadatas=[{"title": "apples are red fruit"}, {"title": "pears are green"}])
    print(json.dumps({"id": col.id}))


def as_dict(vector):
    return {str(i): float(v) for i, v in sorted(vector.embeddings.items())}


def parse_stored(text):
    if text is None:
        return None
    body = text.strip().strip("{}").strip()
    if not body:
        return {}
    return {k.strip(): float(v) for k, v in (part.split(":") for part in body.split(","))}


def sparse(name):
    from pyseekdb.utils.embedding_functions import BM25SparseEmbeddingFunction
    c = client()
    col = c.get_collection(name)
    import pymysql
    db = pymysql.connect(host=os.environ.get("SEEKDB_HOST", "127.0.0.1"), port=int(os.environ.get("SEEKDB_PORT", "2881")),
                         user=os.environ.get("SEEKDB_USER", "root"), password=os.environ.get("SEEKDB_PASSWORD", ""),
                         database=os.environ.get("SEEKDB_DATABASE", "test"))
    with db.cursor() as cur:
        cur.execute("SELECT settings FROM sdk_collections WHERE collection_id = %s", (col.id,))
        settings = json.loads(cur.fetchone()[0])
        cur.execute(f"SELECT _id, document, metadata, sparse_embedding FROM `c$v2${col.id}`")
        rows = cur.fetchall()
    sparse_settings = settings["sparse_vector_index"]
    ef = BM25SparseEmbeddingFunction.build_from_config(sparse_settings["embedding_function"]["properties"])
    source = sparse_settings.get("source_key", "#document")
    out = {}
    for rid, document, metadata, stored in rows:
        rid = rid.decode() if isinstance(rid, bytes) else rid
        text = document if source == "#document" else json.loads(metadata or "{}").get(source)
        out[rid] = {"stored": parse_stored(stored), "expected": as_dict(ef([text])[0]) if text is not None else None}
    print(json.dumps(out))


def sparse_query(name, text, n="5"):
    col = client().get_collection(name)
    got = col.query(query_texts=[text], query_key=pyseekdb.K.SPARSE_EMBEDDING, n_results=int(n))
    print(json.dumps({"ids": got["ids"][0], "distances": [float(d) for d in got["distances"][0]]}))


def schema(name):
    import pymysql
    col = client().get_collection(name)
    db = pymysql.connect(host=os.environ.get("SEEKDB_HOST", "127.0.0.1"), port=int(os.environ.get("SEEKDB_PORT", "2881")),
                         user=os.environ.get("SEEKDB_USER", "root"), password=os.environ.get("SEEKDB_PASSWORD", ""),
                         database=os.environ.get("SEEKDB_DATABASE", "test"))
    with db.cursor() as cur:
        cur.execute("SELECT settings FROM sdk_collections WHERE collection_id = %s", (col.id,))
        settings = cur.fetchone()[0]
        cur.execute(f"SHOW CREATE TABLE `c$v2${col.id}`")
        ddl = cur.fetchone()[1].replace(f"c$v2${col.id}", "TABLE")
    sparse = col.sparse_vector_index_config if hasattr(col, "sparse_vector_index_config") else None
    print(json.dumps({"settings": settings, "ddl": ddl, "dimension": col.dimension, "distance": col.distance,
                      "sparse_function": type(sparse.embedding_function).__name__ if sparse else None}))


if __name__ == "__main__":
    commands = {"read": read, "write": write, "delete": delete, "write-bm25": write_bm25, "sparse": sparse,
                "sparse-query": sparse_query, "schema": schema}
    commands[sys.argv[1]](*sys.argv[2:])
