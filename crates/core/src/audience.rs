use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// Who is reading: decides which summary and wording an answer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// A patient or caregiver: plain language.
    Patient,
    /// A student of a health profession: professional text.
    Student,
    /// A practising clinician: professional text (the default, as on the seed page).
    #[default]
    Clinician,
}

impl Audience {
    /// All audiences, in the order the chooser shows them.
    pub const ALL: [Audience; 3] = [Audience::Patient, Audience::Student, Audience::Clinician];

    /// The lowercase name used in URLs, cookies and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Patient => "patient",
            Audience::Student => "student",
            Audience::Clinician => "clinician",
        }
    }

    /// A label for the chooser.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Patient => "Patient or caregiver",
            Audience::Student => "Student",
            Audience::Clinician => "Clinician",
        }
    }

    /// True when this reader gets the professional rather than the plain-language text.
    pub fn is_professional(self) -> bool {
        !matches!(self, Audience::Patient)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Audience {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "patient" | "caregiver" => Ok(Audience::Patient),
            "student" => Ok(Audience::Student),
            "clinician" | "professional" => Ok(Audience::Clinician),
            _ => Err(ParseError::new("audience", s, "patient, student or clinician")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_audiences_and_rejects_others() {
        assert_eq!("Student".parse::<Audience>().unwrap(), Audience::Student);
        assert_eq!("caregiver".parse::<Audience>().unwrap(), Audience::Patient);
        assert!("doctorish".parse::<Audience>().is_err());
    }
}
