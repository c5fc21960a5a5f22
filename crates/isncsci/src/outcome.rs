//! Results that may be undetermined: a list of possible values, each possibly starred.

use std::fmt;

use serde::{Serialize, Serializer};

/// One possible value of a result, with the star that says a non-SCI (`*`/`**`-tagged) score influenced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Flagged<T> {
    /// The value.
    pub value: T,
    /// Whether a starred score influenced this value.
    pub starred: bool,
}

/// Every value a result may take given the exam's NT scores, in the standard's order. Usually a single
/// value; several when not-testable scores leave the result undetermined.
///
/// Displays and serialises as the comma-separated list used by the validation cases (`C5`, `C5,C6*`,
/// `NA,S2,S3`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Possible<T>(pub Vec<Flagged<T>>);

impl<T: Copy + PartialEq> Possible<T> {
    /// An empty list (used while building a result).
    pub(crate) fn new() -> Self {
        Possible(Vec::new())
    }

    /// Adds `value` unless already present; a repeated value keeps its first star.
    pub(crate) fn add(&mut self, value: T, starred: bool) {
        if !self.contains(value) {
            self.0.push(Flagged { value, starred });
        }
    }

    /// Whether `value` is one of the possibilities.
    pub fn contains(&self, value: T) -> bool {
        self.0.iter().any(|f| f.value == value)
    }

    /// The possible values, without stars.
    pub fn values(&self) -> impl Iterator<Item = T> + '_ {
        self.0.iter().map(|f| f.value)
    }

    /// The single value, if the result is determined.
    pub fn single(&self) -> Option<T> {
        match self.0.as_slice() {
            [only] => Some(only.value),
            _ => None,
        }
    }

    /// Whether no possibility was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Ord + Copy> Possible<T> {
    /// Sorts the possibilities by value.
    pub(crate) fn sort(&mut self) {
        self.0.sort_by_key(|f| f.value);
    }
}

impl<T: fmt::Display> fmt::Display for Possible<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: Vec<String> =
            self.0.iter().map(|item| format!("{}{}", item.value, if item.starred { "*" } else { "" })).collect();
        f.pad(&text.join(","))
    }
}

impl<T: fmt::Display> Serialize for Possible<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_with_commas_and_stars() {
        let mut p = Possible::new();
        p.add(3, false);
        p.add(4, true);
        p.add(3, true);
        assert_eq!(p.to_string(), "3,4*");
        assert_eq!(p.single(), None);
    }
}
