// Users of `SeekDB` get the embedding API (EmbeddingFunction, DefaultEmbeddingFunction) and
// the value types of raw SQL (SQLValue, ResultSet) with one import.
@_exported public import SeekDBEmbeddings

@_exported public import struct SeekDBDriver.ResultSet
@_exported public import enum SeekDBDriver.SQLValue
