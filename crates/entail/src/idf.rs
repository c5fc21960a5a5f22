//! Inverse document frequency of normalised terms, estimated from training questions.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Document frequencies of terms over a set of questions, kept for terms seen at least
/// `min_df` times; rarer or unseen terms are treated as seen once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdfTable {
    /// Number of documents (distinct questions) counted.
    pub docs: u32,
    /// Terms with a smaller document frequency were dropped to keep the model small.
    pub min_df: u32,
    /// Document frequency of each kept term.
    pub df: BTreeMap<String, u32>,
}

impl IdfTable {
    /// Counts document frequencies over `docs` (each a question's terms), keeping terms with
    /// `df >= min_df`.
    pub fn build<'a, I>(docs: I, min_df: u32) -> IdfTable
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let mut df: BTreeMap<String, u32> = BTreeMap::new();
        let mut n = 0u32;
        for doc in docs {
            n = n.saturating_add(1);
            let unique: BTreeSet<&String> = doc.iter().collect();
            for term in unique {
                *df.entry(term.clone()).or_insert(0) += 1;
            }
        }
        df.retain(|_, d| *d >= min_df);
        IdfTable { docs: n, min_df, df }
    }

    /// Smoothed IDF: `ln((N + 1) / (df + 1)) + 1`, with unknown terms counted as `df = 1`.
    pub fn idf(&self, term: &str) -> f64 {
        let df = self.df.get(term).copied().unwrap_or(1).max(1);
        ((f64::from(self.docs) + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0
    }

    /// The largest IDF any term can get (that of an unknown term).
    pub fn max_idf(&self) -> f64 {
        ((f64::from(self.docs) + 1.0) / 2.0).ln() + 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn rare_terms_weigh_more() {
        let docs = [doc(&["treat", "asthma"]), doc(&["treat", "gout", "gout"]), doc(&["treat"])];
        let table = IdfTable::build(docs.iter().map(|d| d.as_slice()), 1);
        assert_eq!(table.docs, 3);
        assert_eq!(table.df["gout"], 1);
        assert!(table.idf("asthma") > table.idf("treat"));
        assert_eq!(table.idf("never-seen"), table.max_idf());
        let pruned = IdfTable::build(docs.iter().map(|d| d.as_slice()), 2);
        assert_eq!(pruned.df.len(), 1);
        assert_eq!(pruned.idf("asthma"), table.idf("asthma"));
    }
}
