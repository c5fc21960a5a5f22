//! Exact nearest neighbours over unit-length sentence embeddings: cosine similarity is a dot product, and
//! at MedQuAD's size (≈ 47 000 × 384) a scan of one contiguous array takes a few milliseconds, so no
//! approximate index is needed (see `docs/decision-hybrid-retrieval.md`).

use std::collections::HashMap;

/// Embeddings of documents by id, in one contiguous array.
#[derive(Debug, Clone, Default)]
pub struct VectorIndex {
    dim: usize,
    ids: Vec<String>,
    data: Vec<f32>,
    by_id: HashMap<String, usize>,
}

impl VectorIndex {
    /// An empty index of `dim`-long vectors.
    pub fn new(dim: usize) -> VectorIndex {
        VectorIndex { dim, ..VectorIndex::default() }
    }

    /// Adds (or replaces) the vector of `id`; a vector of another length is refused (returns false).
    pub fn insert(&mut self, id: &str, v: &[f32]) -> bool {
        if v.len() != self.dim || self.dim == 0 {
            return false;
        }
        match self.by_id.get(id) {
            Some(&i) => self.data[i * self.dim..(i + 1) * self.dim].copy_from_slice(v),
            None => {
                self.by_id.insert(id.to_string(), self.ids.len());
                self.ids.push(id.to_string());
                self.data.extend_from_slice(v);
            }
        }
        true
    }

    /// Number of vectors.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no vector is stored.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Length of each vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The vector of `id`.
    pub fn get(&self, id: &str) -> Option<&[f32]> {
        self.by_id.get(id).map(|&i| &self.data[i * self.dim..(i + 1) * self.dim])
    }

    /// Cosine similarity of `query` (unit length) with the vector of `id`.
    pub fn similarity(&self, query: &[f32], id: &str) -> Option<f32> {
        self.get(id).filter(|_| query.len() == self.dim).map(|v| dot(query, v))
    }

    /// The `k` ids most similar to `query`, most similar first (ties by insertion order). A query of the
    /// wrong length finds nothing.
    pub fn nearest(&self, query: &[f32], k: usize) -> Vec<(&str, f32)> {
        self.nearest_each(&[query], k).pop().unwrap_or_default()
    }

    /// [`nearest`](Self::nearest) for several queries in one pass over the vectors (the scan is bound by
    /// memory, so one pass for all queries costs about what one query does).
    pub fn nearest_each(&self, queries: &[&[f32]], k: usize) -> Vec<Vec<(&str, f32)>> {
        let ok: Vec<bool> = queries.iter().map(|q| q.len() == self.dim && self.dim > 0 && k > 0).collect();
        let mut scored: Vec<Vec<(usize, f32)>> = queries.iter().map(|_| Vec::with_capacity(self.len())).collect();
        for (i, v) in self.data.chunks_exact(self.dim.max(1)).enumerate() {
            for ((q, out), ok) in queries.iter().zip(&mut scored).zip(&ok) {
                if *ok {
                    out.push((i, dot(q, v)));
                }
            }
        }
        let by_score = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        scored
            .into_iter()
            .map(|mut s| {
                if s.len() > k {
                    s.select_nth_unstable_by(k - 1, by_score);
                    s.truncate(k);
                }
                s.sort_by(by_score);
                s.into_iter().map(|(i, score)| (self.ids[i].as_str(), score)).collect()
            })
            .collect()
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Sixteen running sums over fixed-size chunks: the compiler keeps them in vector registers.
    const LANES: usize = 16;
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        let (x, y): (&[f32; LANES], &[f32; LANES]) = match (x.try_into(), y.try_into()) {
            (Ok(x), Ok(y)) => (x, y),
            _ => continue,
        };
        for i in 0..LANES {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn finds_the_nearest_first_and_refuses_wrong_lengths() {
        let mut index = VectorIndex::new(3);
        assert!(index.insert("a", &unit(&[1.0, 0.0, 0.0])));
        assert!(index.insert("b", &unit(&[1.0, 1.0, 0.0])));
        assert!(index.insert("c", &unit(&[0.0, 0.0, 1.0])));
        assert!(!index.insert("d", &[1.0, 0.0]));
        let q = unit(&[1.0, 0.2, 0.0]);
        let ids: Vec<&str> = index.nearest(&q, 2).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(index.nearest(&q, 10).len(), 3);
        assert!(index.nearest(&[1.0], 2).is_empty());
        let both = index.nearest_each(&[&q, &[1.0], &unit(&[0.0, 0.0, 1.0])], 1);
        assert_eq!(both.len(), 3);
        assert_eq!((both[0][0].0, both[1].len(), both[2][0].0), ("a", 0, "c"), "one pass answers each query");
        assert!((index.similarity(&q, "c").unwrap()).abs() < 1e-6);
        assert!(index.insert("a", &unit(&[0.0, 0.0, 1.0])), "replacing keeps one entry");
        assert_eq!(index.len(), 3);
        assert_eq!(index.nearest(&unit(&[0.0, 0.0, 1.0]), 1)[0].0, "a", "ties go to the earlier id");
    }

    #[test]
    fn dot_matches_a_plain_sum_at_every_length() {
        for n in 0..40 {
            let a: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| 1.0 - i as f32 * 0.25).collect();
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-3 * (1.0 + plain.abs()), "n={n}");
        }
    }
}
