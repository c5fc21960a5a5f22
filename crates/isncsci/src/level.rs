//! Spinal segments (levels) from C1 to S4-5, in rostral-to-caudal order.

use std::fmt;

/// A spinal segment, from `C1` (most rostral) to `S4_5` (most caudal).
///
/// `C1` has no key sensory point: it is reported when even `C2` is impaired. Key sensory points exist for
/// `C2`..=`S4_5`; key muscles for `C5`..=`T1` and `L2`..=`S1`. Levels are ordered rostral to caudal, so
/// `Level::C5 < Level::T1`.
#[allow(missing_docs)] // the variant names are the segment names
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    C7,
    C8,
    T1,
    T2,
    T3,
    T4,
    T5,
    T6,
    T7,
    T8,
    T9,
    T10,
    T11,
    T12,
    L1,
    L2,
    L3,
    L4,
    L5,
    S1,
    S2,
    S3,
    S4_5,
}

impl Level {
    /// Every level, rostral to caudal.
    pub const ALL: [Level; 29] = [
        Level::C1,
        Level::C2,
        Level::C3,
        Level::C4,
        Level::C5,
        Level::C6,
        Level::C7,
        Level::C8,
        Level::T1,
        Level::T2,
        Level::T3,
        Level::T4,
        Level::T5,
        Level::T6,
        Level::T7,
        Level::T8,
        Level::T9,
        Level::T10,
        Level::T11,
        Level::T12,
        Level::L1,
        Level::L2,
        Level::L3,
        Level::L4,
        Level::L5,
        Level::S1,
        Level::S2,
        Level::S3,
        Level::S4_5,
    ];

    /// The levels that have a key sensory point (`C2`..=`S4_5`), rostral to caudal.
    pub fn dermatomes() -> impl DoubleEndedIterator<Item = Level> {
        Level::ALL.into_iter().skip(1)
    }

    /// The levels that have a key muscle (`C5`..=`T1`, `L2`..=`S1`), rostral to caudal.
    pub const MYOTOMES: [Level; 10] =
        [Level::C5, Level::C6, Level::C7, Level::C8, Level::T1, Level::L2, Level::L3, Level::L4, Level::L5, Level::S1];

    /// Position from 0 (`C1`) to 28 (`S4_5`).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The level at `index` (0 = `C1`), if any.
    pub fn from_index(index: usize) -> Option<Level> {
        Level::ALL.get(index).copied()
    }

    /// The next level caudally, if any.
    pub fn next(self) -> Option<Level> {
        Level::from_index(self.index() + 1)
    }

    /// The next level rostrally, if any.
    pub fn previous(self) -> Option<Level> {
        self.index().checked_sub(1).and_then(Level::from_index)
    }

    /// Position among the key sensory points (0 = `C2`), or `None` for `C1`.
    pub(crate) fn dermatome_index(self) -> Option<usize> {
        self.index().checked_sub(1)
    }

    /// Position among the key muscles (0 = `C5`), or `None` for a level without one.
    pub fn myotome_index(self) -> Option<usize> {
        Level::MYOTOMES.iter().position(|&l| l == self)
    }

    /// Whether the level has a key muscle.
    pub fn has_key_muscle(self) -> bool {
        self.myotome_index().is_some()
    }

    /// The name as used in exam documents and results (`C5`, `S4_5`).
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 29] = [
            "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
            "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4_5",
        ];
        NAMES[self.index()]
    }

    /// Parses a level name, case-insensitively; `S4-5`, `S45` and `S4_5` are all accepted.
    pub fn parse(text: &str) -> Option<Level> {
        let upper = text.trim().to_ascii_uppercase();
        let canonical = match upper.as_str() {
            "S4-5" | "S45" | "S4" | "S5" => "S4_5",
            other => other,
        };
        Level::ALL.into_iter().find(|l| l.name() == canonical)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_names_round_trip() {
        for (i, level) in Level::ALL.into_iter().enumerate() {
            assert_eq!(level.index(), i);
            assert_eq!(Level::parse(level.name()), Some(level));
        }
        assert_eq!(Level::parse("s4-5"), Some(Level::S4_5));
        assert_eq!(Level::parse("X9"), None);
        assert_eq!(Level::C5.myotome_index(), Some(0));
        assert_eq!(Level::S1.myotome_index(), Some(9));
        assert_eq!(Level::T2.myotome_index(), None);
        assert_eq!(Level::C2.dermatome_index(), Some(0));
        assert_eq!(Level::S4_5.next(), None);
    }
}
