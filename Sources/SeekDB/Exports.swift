@_exported import SeekDBEmbeddings
