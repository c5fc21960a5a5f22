//! Single examination values: sensory and motor scores with their non-SCI tags, and yes/no observations.

use std::fmt;

/// The 2019 "non-SCI condition" tag of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// A plain score.
    Plain,
    /// One star (`0*`, `NT*`): impaired by a condition other than the spinal cord injury, and **not**
    /// taken as normal for classification.
    NotNormal,
    /// Two stars (`0**`, `NT**`): impaired by a condition other than the spinal cord injury and taken as
    /// normal for classification.
    ConsideredNormal,
}

/// Which scale a score belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Light touch or pin prick: 0 absent, 1 altered, 2 normal.
    Sensory,
    /// Manual muscle testing grade: 0 (total paralysis) to 5 (normal).
    Motor,
}

impl Scale {
    /// The normal grade on this scale.
    pub fn normal(self) -> u8 {
        match self {
            Scale::Sensory => 2,
            Scale::Motor => 5,
        }
    }
}

/// One sensory or motor score as written on the worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Score {
    /// The grade, or `None` for NT (not testable).
    pub grade: Option<u8>,
    /// The non-SCI tag.
    pub tag: Tag,
}

impl Score {
    /// A plain, tested grade.
    pub const fn plain(grade: u8) -> Score {
        Score { grade: Some(grade), tag: Tag::Plain }
    }

    /// A plain NT.
    pub const NT: Score = Score { grade: None, tag: Tag::Plain };

    /// Parses `0`..`2` / `0`..`5`, `NT`, with an optional `*` or `**` tag. Normal grades cannot be tagged
    /// (there is no `2*` for sensation and no `5*` for motor). Returns `None` for anything else.
    pub fn parse(text: &str, scale: Scale) -> Option<Score> {
        let text = text.trim();
        let (body, tag) = if let Some(b) = text.strip_suffix("**") {
            (b, Tag::ConsideredNormal)
        } else if let Some(b) = text.strip_suffix('*') {
            (b, Tag::NotNormal)
        } else {
            (text, Tag::Plain)
        };
        let grade = if body.eq_ignore_ascii_case("NT") {
            None
        } else {
            let g: u8 = match body {
                "0" => 0,
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                "5" => 5,
                _ => return None,
            };
            if g > scale.normal() || (g == scale.normal() && tag != Tag::Plain) {
                return None;
            }
            Some(g)
        };
        Some(Score { grade, tag })
    }

    /// Whether the score is an NT of any tag.
    pub fn is_nt(self) -> bool {
        self.grade.is_none()
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.grade {
            Some(g) => write!(f, "{g}")?,
            None => f.write_str("NT")?,
        }
        match self.tag {
            Tag::Plain => Ok(()),
            Tag::NotNormal => f.write_str("*"),
            Tag::ConsideredNormal => f.write_str("**"),
        }
    }
}

/// A yes/no observation that may be not testable: voluntary anal contraction (VAC) and deep anal pressure
/// (DAP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Observation {
    /// Present.
    Yes,
    /// Absent.
    No,
    /// Not testable.
    NotTestable,
}

impl Observation {
    /// Parses `Yes`, `No` or `NT` (case-insensitive).
    pub fn parse(text: &str) -> Option<Observation> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("yes") {
            Some(Observation::Yes)
        } else if t.eq_ignore_ascii_case("no") {
            Some(Observation::No)
        } else if t.eq_ignore_ascii_case("nt") {
            Some(Observation::NotTestable)
        } else {
            None
        }
    }

    /// Whether the observation may be "yes".
    pub fn can_be_yes(self) -> bool {
        self != Observation::No
    }

    /// Whether the observation may be "no".
    pub fn can_be_no(self) -> bool {
        self != Observation::Yes
    }
}

impl fmt::Display for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Observation::Yes => "Yes",
            Observation::No => "No",
            Observation::NotTestable => "NT",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!(Score::parse("2", Scale::Sensory), Some(Score::plain(2)));
        assert_eq!(Score::parse("NT", Scale::Sensory), Some(Score::NT));
        assert_eq!(Score::parse("0**", Scale::Sensory), Some(Score { grade: Some(0), tag: Tag::ConsideredNormal }));
        assert_eq!(Score::parse("NT*", Scale::Motor), Some(Score { grade: None, tag: Tag::NotNormal }));
        assert_eq!(Score::parse("2*", Scale::Sensory), None);
        assert_eq!(Score::parse("5*", Scale::Motor), None);
        assert_eq!(Score::parse("3", Scale::Sensory), None);
        assert_eq!(Score::parse("", Scale::Motor), None);
        assert_eq!(Score::parse("4**", Scale::Motor).map(|s| s.to_string()), Some("4**".to_string()));
        assert_eq!(Observation::parse("nt"), Some(Observation::NotTestable));
        assert_eq!(Observation::parse("maybe"), None);
    }
}
