//! Follow-up questions: reading a short or elliptical question in the context of the last answer.

use vesalius_core::{Answer, AnswerKind};

use crate::analysis::words;

/// Openings that mark a follow-up leaning on the previous turn ("and S1?", "what about treatment?").
const LEANING: &[&str] = &["and ", "what about ", "how about ", "or ", "also ", "same for ", "and what about "];

/// The question as the engine should understand it: elliptical follow-ups get the previous answer's topic
/// (its title) in front; complete questions stand alone.
pub(crate) fn in_context(question: &str, previous: Option<&Answer>) -> String {
    let Some(prev) = previous.filter(|p| p.kind != AnswerKind::None) else { return question.to_string() };
    let lower = question.trim().to_lowercase();
    let content_words = words(&lower).iter().filter(|w| !vesalius_entail::is_stopword(w)).count();
    let leaning = LEANING.iter().any(|l| lower.starts_with(l));
    let pronoun = ["it", "that", "this", "they", "them"].iter().any(|p| words(&lower).iter().any(|w| w == p));
    if leaning || content_words <= 2 || (pronoun && content_words <= 4) {
        format!("{} — {}", prev.title, question.trim())
    } else {
        question.to_string()
    }
}

/// A new thread id: 16 random bytes in hex.
pub(crate) fn new_thread_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // Without an entropy source, fall back to the clock: unique enough for a conversation id.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        bytes = nanos.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vesalius_core::{Audience, Safety};

    fn answer(title: &str) -> Answer {
        Answer {
            question: String::new(),
            audience: Audience::Clinician,
            kind: AnswerKind::Article,
            status: None,
            id: None,
            title: title.into(),
            summary: String::new(),
            sections: vec![],
            references: vec![],
            sources: vec![],
            safety: Safety::default(),
            confidence: 1.0,
            follow_ups: vec![],
            alternatives: vec![],
            last_updated: None,
            approved_by: None,
            approved_at: None,
            reading_grade: None,
            folded: vec![],
            update_in_review: false,
            thread_id: None,
        }
    }

    #[test]
    fn elliptical_follow_ups_borrow_the_previous_topic() {
        let prev = answer("Dermatomes of the lower limb");
        assert_eq!(in_context("and S1?", Some(&prev)), "Dermatomes of the lower limb — and S1?");
        assert_eq!(in_context("what about treatment?", Some(&answer("Sciatica"))), "Sciatica — what about treatment?");
        assert_eq!(
            in_context("Which reflex tests the S1 root in the leg?", Some(&prev)),
            "Which reflex tests the S1 root in the leg?"
        );
        assert_eq!(in_context("and S1?", None), "and S1?");
    }
}
