use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// How far a piece of content has come through human review (the seed page's three stages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewStage {
    /// Written or changed, waiting for review. No human has checked it.
    Submitted,
    /// A reviewer is checking it.
    #[serde(rename = "Under Review")]
    UnderReview,
    /// A reviewer of the advisory board approved it.
    Approved,
}

impl ReviewStage {
    /// The three stages in order, for the status indicator.
    pub const ALL: [ReviewStage; 3] = [ReviewStage::Submitted, ReviewStage::UnderReview, ReviewStage::Approved];

    /// The label shown to readers and used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStage::Submitted => "Submitted",
            ReviewStage::UnderReview => "Under Review",
            ReviewStage::Approved => "Approved",
        }
    }

    /// The stage a decision leads to from this stage, for an actor with `role`.
    ///
    /// # Errors
    /// Returns [`TransitionError`] when the decision is not allowed from this stage or for this role; the
    /// message says why (e.g. an article cannot be approved before it is under review).
    pub fn apply(self, decision: Decision, role: Role) -> Result<ReviewStage, TransitionError> {
        use Decision::*;
        use ReviewStage::*;
        let next = match (self, decision) {
            (Submitted, StartReview) => UnderReview,
            (UnderReview, Approve) => Approved,
            (UnderReview, RequestChanges) => Submitted,
            _ => return Err(TransitionError::NotFromStage { from: self, decision }),
        };
        if decision == Approve && role != Role::Reviewer {
            return Err(TransitionError::Role { decision, role });
        }
        Ok(next)
    }
}

impl fmt::Display for ReviewStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewStage {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "Submitted" => Ok(ReviewStage::Submitted),
            "Under Review" => Ok(ReviewStage::UnderReview),
            "Approved" => Ok(ReviewStage::Approved),
            _ => Err(ParseError::new("review stage", s, "Submitted, Under Review or Approved")),
        }
    }
}

/// A step a person takes in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Submitted → Under Review.
    StartReview,
    /// Under Review → Approved (reviewers only).
    Approve,
    /// Under Review → Submitted, with a comment saying what to change.
    RequestChanges,
}

impl Decision {
    /// The kebab-case name stored in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::StartReview => "start-review",
            Decision::Approve => "approve",
            Decision::RequestChanges => "request-changes",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The role someone acts in when they take a review step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Edits content and moves it into review.
    Editor,
    /// A member of the medical advisory board: may approve.
    Reviewer,
    /// The software itself (loading built-in content).
    System,
}

impl Role {
    /// The lowercase name stored in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::System => "system",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "editor" => Ok(Role::Editor),
            "reviewer" => Ok(Role::Reviewer),
            "system" => Ok(Role::System),
            _ => Err(ParseError::new("role", s, "editor or reviewer")),
        }
    }
}

/// Why a review step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The decision does not apply to the current stage.
    #[error("cannot {decision} an article that is {from}: {}", hint(*from, *decision))]
    NotFromStage {
        /// The stage the content is in.
        from: ReviewStage,
        /// The refused decision.
        decision: Decision,
    },
    /// The role may not take this decision.
    #[error("a {role} cannot {decision}: only a reviewer of the advisory board may approve")]
    Role {
        /// The refused decision.
        decision: Decision,
        /// The actor's role.
        role: Role,
    },
}

fn hint(from: ReviewStage, decision: Decision) -> &'static str {
    match (from, decision) {
        (ReviewStage::Submitted, Decision::Approve) => "it must be put under review first (start-review)",
        (ReviewStage::Approved, _) => "it is already approved; a changed version starts again as Submitted",
        (ReviewStage::UnderReview, Decision::StartReview) => "it is already under review",
        _ => "only Under Review content can be approved or sent back",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_the_three_stages_and_back() {
        let s = ReviewStage::Submitted.apply(Decision::StartReview, Role::Editor).unwrap();
        assert_eq!(s, ReviewStage::UnderReview);
        assert_eq!(s.apply(Decision::RequestChanges, Role::Reviewer).unwrap(), ReviewStage::Submitted);
        assert_eq!(s.apply(Decision::Approve, Role::Reviewer).unwrap(), ReviewStage::Approved);
    }

    #[test]
    fn refuses_approval_without_review() {
        let err = ReviewStage::Submitted.apply(Decision::Approve, Role::Reviewer).unwrap_err();
        assert!(err.to_string().contains("under review first"), "{err}");
    }

    #[test]
    fn refuses_approval_by_an_editor() {
        let err = ReviewStage::UnderReview.apply(Decision::Approve, Role::Editor).unwrap_err();
        assert!(matches!(err, TransitionError::Role { .. }));
    }

    #[test]
    fn stage_names_round_trip_through_json() {
        let json = serde_json::to_string(&ReviewStage::UnderReview).unwrap();
        assert_eq!(json, "\"Under Review\"");
        assert_eq!("Under Review".parse::<ReviewStage>().unwrap(), ReviewStage::UnderReview);
    }
}
