//! The value types of a classification: neurological levels, zones of partial preservation, AIS grades,
//! completeness and totals.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::level::Level;

/// A sensory, motor or neurological level: a segment, or `INT` when intact down to S4-5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NeuroLevel {
    /// The most caudal normal segment.
    Level(Level),
    /// Intact (`INT`): normal down to S4-5.
    Intact,
}

impl fmt::Display for NeuroLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NeuroLevel::Level(l) => l.fmt(f),
            NeuroLevel::Intact => f.write_str("INT"),
        }
    }
}

/// A zone of partial preservation: `NA` (not applicable, because of sacral sparing) or the most caudal
/// segment with some preserved function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zpp {
    /// Not applicable (`NA`).
    NotApplicable,
    /// The most caudal partially preserved segment.
    Level(Level),
}

impl fmt::Display for Zpp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zpp::NotApplicable => f.write_str("NA"),
            Zpp::Level(l) => l.fmt(f),
        }
    }
}

/// The ASIA Impairment Scale grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ais {
    /// Complete: no sensory or motor function preserved in S4-5.
    A,
    /// Sensory incomplete: sensory but no motor function preserved below the neurological level.
    B,
    /// Motor incomplete, fewer than half the key muscles below the neurological level at grade 3 or more.
    C,
    /// Motor incomplete, at least half the key muscles below the neurological level at grade 3 or more.
    D,
    /// Normal.
    E,
}

impl fmt::Display for Ais {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ais::A => "A",
            Ais::B => "B",
            Ais::C => "C",
            Ais::D => "D",
            Ais::E => "E",
        })
    }
}

/// Whether the injury is complete (`C`) or incomplete (`I`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Completeness {
    /// Complete: no sacral sparing.
    Complete,
    /// Incomplete: some sensory or motor function in S4-5.
    Incomplete,
}

impl fmt::Display for Completeness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Completeness::Complete => "C",
            Completeness::Incomplete => "I",
        })
    }
}

/// A score total: a number, or `ND` (not determinable) when a score it adds is not testable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Total {
    /// The sum.
    Value(u32),
    /// Not determinable (`ND`).
    NotDetermined,
}

impl Total {
    /// The sum of two totals (`ND` if either is).
    pub fn plus(self, other: Total) -> Total {
        match (self, other) {
            (Total::Value(a), Total::Value(b)) => Total::Value(a + b),
            _ => Total::NotDetermined,
        }
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Total::Value(v) => f.pad(&v.to_string()),
            Total::NotDetermined => f.pad("ND"),
        }
    }
}

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
