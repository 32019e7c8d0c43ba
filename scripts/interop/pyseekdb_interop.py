"""Drives pyseekdb 1.4.0 (server mode) for the Swift integration tests' interop checks.

Usage (connection from SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE):
  pyseekdb_interop.py read NAME     -> prints JSON: the collection as pyseekdb lists, opens and reads it
  pyseekdb_interop.py write NAME    -> creates NAME (dimension 3, l2, no embedding function) and adds 3 records
  pyseekdb_interop.py delete NAME   -> deletes NAME
"""
import json
import os
import sys

import pyseekdb


def client():
    return pyseekdb.Client(
        host=os.environ.get("SEEKDB_HOST", "127.0.0.1"),
        port=int(os.environ.get("SEEKDB_PORT", "2881")),
        user=os.environ.get("SEEKDB_USER", "root"),
        password=os.environ.get("SEEKDB_PASSWORD", ""),
        database=os.environ.get("SEEKDB_DATABASE", "test"),
    )


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
    col = c.create_collection(name, configuration=pyseekdb.HNSWConfiguration(dimension=3, distance="l2"),
                              embedding_function=None)
    col.add(ids=["p1", "p2", "p3"],
            embeddings=[[1.0, 2.0, 3.0], [0.5, 0.25, 0.125], [-1.0, 0.0, 1.0]],
            documents=["from python", "zwei ü", None],
            metadatas=[{"lang": "py", "n": 1, "f": 1.5, "tags": ["a", "b"]}, {"n": 2}, None])
    print(json.dumps({"id": col.id}))


def delete(name):
    client().delete_collection(name)


if __name__ == "__main__":
    {"read": read, "write": write, "delete": delete}[sys.argv[1]](sys.argv[2])
