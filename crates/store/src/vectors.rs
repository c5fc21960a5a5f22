//! Stored sentence embeddings: one row per distinct (model, text), keyed by the caller's hash of both, the
//! vector as little-endian `f32`s. The store knows nothing of models; it keeps what it is given.

use std::collections::HashSet;

use crate::{Store, StoreError};

/// A stored embedding's key: the caller's hash of the model and the text.
pub type VectorKey = [u8; 32];

fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn from_bytes(b: &[u8]) -> Option<Vec<f32>> {
    b.len().is_multiple_of(4).then(|| b.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

fn key_of(b: &[u8]) -> Option<VectorKey> {
    b.try_into().ok()
}

impl Store {
    /// The keys of every stored embedding.
    ///
    /// # Errors
    /// A database error.
    pub fn vector_keys(&self) -> Result<HashSet<VectorKey>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key FROM embeddings")?;
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
        let mut out = HashSet::new();
        for row in rows {
            out.extend(key_of(&row?));
        }
        Ok(out)
    }

    /// Stores embeddings (replacing any with the same key) in one transaction: all or none.
    ///
    /// # Errors
    /// A database error; then none of them is stored.
    pub fn put_vectors(&self, rows: &[(VectorKey, Vec<f32>)]) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut put = tx.prepare("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?1, ?2)")?;
            for (key, v) in rows {
                put.execute(rusqlite::params![key.as_slice(), to_bytes(v)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Calls `f` with every stored embedding. A row whose key or vector has the wrong length (written by
    /// something else) is skipped.
    ///
    /// # Errors
    /// A database error.
    pub fn for_each_vector(&self, mut f: impl FnMut(VectorKey, Vec<f32>)) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key, vector FROM embeddings")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: Vec<u8> = r.get(0)?;
            let vector: Vec<u8> = r.get(1)?;
            if let (Some(k), Some(v)) = (key_of(&key), from_bytes(&vector)) {
                f(k, v);
            }
        }
        Ok(())
    }

    /// Deletes every embedding whose key is not in `keep` (texts that changed or went away); returns how many.
    ///
    /// # Errors
    /// A database error; then nothing is deleted.
    pub fn retain_vectors(&self, keep: &HashSet<VectorKey>) -> Result<usize, StoreError> {
        let stale: Vec<VectorKey> = self.vector_keys()?.into_iter().filter(|k| !keep.contains(k)).collect();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut del = tx.prepare("DELETE FROM embeddings WHERE key = ?1")?;
            for k in &stale {
                del.execute([k.as_slice()])?;
            }
        }
        tx.commit()?;
        Ok(stale.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_replace_and_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("v.db")).unwrap();
        let (a, b) = ([1u8; 32], [2u8; 32]);
        store.put_vectors(&[(a, vec![0.5, -1.0]), (b, vec![2.0, 3.0])]).unwrap();
        store.put_vectors(&[(a, vec![0.25, 4.0])]).unwrap();
        let mut got = Vec::new();
        store.for_each_vector(|k, v| got.push((k, v))).unwrap();
        got.sort_by_key(|(k, _)| *k);
        assert_eq!(got, vec![(a, vec![0.25, 4.0]), (b, vec![2.0, 3.0])]);
        assert_eq!(store.retain_vectors(&HashSet::from([b])).unwrap(), 1);
        assert_eq!(store.vector_keys().unwrap(), HashSet::from([b]));
    }

    #[test]
    fn rows_of_the_wrong_shape_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("v.db")).unwrap();
        store.conn().execute("INSERT INTO embeddings (key, vector) VALUES (x'01', x'0000803f')", []).unwrap();
        store
            .conn()
            .execute("INSERT INTO embeddings (key, vector) VALUES (?1, x'000080')", [[3u8; 32].as_slice()])
            .unwrap();
        let mut n = 0;
        store.for_each_vector(|_, _| n += 1).unwrap();
        assert_eq!(n, 0);
    }
}
