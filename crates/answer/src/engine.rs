use std::collections::HashMap;
use std::sync::Arc;

use vesalius_core::{Alternative, Answer, AnswerKind, Audience, Reference, Safety};
use vesalius_index::{Hit, IndexDoc, SearchIndex};
use vesalius_store::Store;

use crate::synonyms::expansions;
use crate::triage::{triage, RedFlag};
use crate::{compose_article, AnswerError};

/// Below this confidence (rarity-weighted share of the question's terms the best content covers, 0–1) the
/// engine does not answer from that content: it says nothing trusted matched and lists the closest items.
/// Set from the built-in gold questions (see the engine tests): on-topic questions score ≥ 0.7, off-topic
/// ones ≤ 0.45.
pub const MIN_CONFIDENCE: f32 = 0.6;

/// The longest question accepted, in characters.
const MAX_QUESTION_CHARS: usize = 4000;

/// Settings of the answer engine.
#[derive(Debug, Clone, Default)]
pub struct EngineConfig {
    /// The emergency telephone number to show in urgent messages (e.g. "112"); when unset the message names
    /// the common ones.
    pub emergency_number: Option<String>,
}

/// Answers questions from the store's content.
pub struct Engine {
    store: Arc<Store>,
    index: SearchIndex,
    questions: HashMap<String, String>,
    references: HashMap<String, Reference>,
    config: EngineConfig,
}

impl Engine {
    /// Indexes the latest version of every article in `store`.
    ///
    /// # Errors
    /// A store or index failure.
    pub fn build(store: Arc<Store>, config: EngineConfig) -> Result<Engine, AnswerError> {
        let mut docs = Vec::new();
        let mut questions = HashMap::new();
        let mut references = HashMap::new();
        for listing in store.articles()? {
            let Some(stored) = store.article(&listing.slug)? else { continue };
            let a = &stored.article;
            let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
            let strong =
                format!("{}\n{}\n{}\n{}", a.question, a.topics.join(", "), a.keywords.join(", "), headings.join("\n"));
            let body: String = a.texts().collect::<Vec<_>>().join("\n");
            let (strong_x, body_x) = (expansions(&strong), expansions(&body));
            let focus = format!("{}\n{}", a.question, a.title);
            docs.push(IndexDoc {
                id: listing.slug.clone(),
                kind: "article".into(),
                title: a.title.clone(),
                focus: format!("{focus}\n{}", expansions(&focus)),
                strong: format!("{strong}\n{strong_x}"),
                body: format!("{body}\n{body_x}"),
            });
            questions.insert(listing.slug.clone(), a.question.clone());
            for r in stored.references {
                references.insert(r.id.clone(), r);
            }
        }
        Ok(Engine { store, index: SearchIndex::build(docs)?, questions, references, config })
    }

    /// The store the engine reads.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Answers `question` for `audience`: urgent message first when it describes an emergency, the best
    /// matching content when it is trusted enough, otherwise a plain "no trusted answer" with alternatives.
    ///
    /// # Errors
    /// [`AnswerError::BadQuestion`] for an empty or over-long question; store or index failures.
    pub fn ask(&self, question: &str, audience: Audience) -> Result<Answer, AnswerError> {
        let question = question.trim();
        if question.is_empty() {
            return Err(AnswerError::BadQuestion("the question is empty".into()));
        }
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Err(AnswerError::BadQuestion(format!(
                "the question is longer than {MAX_QUESTION_CHARS} characters"
            )));
        }
        let ranked = self.rank(&strip_markup(question))?;
        let best = ranked.first().filter(|h| h.coverage >= MIN_CONFIDENCE);
        let mut answer = match best {
            Some(hit) => match self.article_answer(&hit.id, question, audience, hit.coverage)? {
                Some(a) => a,
                None => self.no_answer(question, audience),
            },
            None => self.no_answer(question, audience),
        };
        let skip = answer.id.clone();
        answer.alternatives = ranked
            .iter()
            .filter(|h| Some(&h.id) != skip.as_ref())
            .take(if answer.kind == AnswerKind::None { 5 } else { 3 })
            .map(|h| Alternative {
                title: h.title.clone(),
                kind: AnswerKind::Article,
                id: h.id.clone(),
                question: self.questions.get(&h.id).cloned(),
            })
            .collect();
        if answer.alternatives.is_empty() {
            // Nothing in the index shares a word with the question: offer what the knowledge base covers.
            answer.alternatives = self
                .store
                .articles()?
                .into_iter()
                .take(5)
                .map(|a| Alternative {
                    title: a.title,
                    kind: AnswerKind::Article,
                    id: a.slug,
                    question: Some(a.question),
                })
                .collect();
        }
        answer.follow_ups = answer.alternatives.iter().filter_map(|a| a.question.clone()).take(3).collect();
        if let Some(flag) = triage(question) {
            self.make_urgent(&mut answer, flag, audience)?;
        }
        Ok(answer)
    }

    /// An article as an answer to its own question (the article page and `GET /api/articles/{slug}`).
    ///
    /// # Errors
    /// A store failure.
    pub fn article(&self, slug: &str, audience: Audience) -> Result<Option<Answer>, AnswerError> {
        let question = self.questions.get(slug).cloned().unwrap_or_default();
        let mut answer = self.article_answer(slug, &question, audience, 1.0)?;
        if let Some(a) = answer.as_mut() {
            let related = self.rank(&format!("{} {}", a.title, question))?;
            a.follow_ups = related
                .iter()
                .filter(|h| h.id != slug)
                .filter_map(|h| self.questions.get(&h.id).cloned())
                .take(3)
                .collect();
        }
        Ok(answer)
    }

    fn article_answer(
        &self,
        slug: &str,
        question: &str,
        audience: Audience,
        confidence: f32,
    ) -> Result<Option<Answer>, AnswerError> {
        Ok(self.store.article(slug)?.map(|stored| compose_article(&stored, question, audience, confidence)))
    }

    /// Hits re-ranked by coverage of the question, how squarely the document is about it, and BM25.
    fn rank(&self, question: &str) -> Result<Vec<Hit>, AnswerError> {
        let mut hits = self.index.search(question, 10)?;
        let top = hits.iter().map(|h| h.score).fold(f32::MIN, f32::max).max(f32::EPSILON);
        let key = |h: &Hit| 0.5 * h.coverage + 0.25 * h.focus + 0.25 * (h.score / top);
        hits.sort_by(|a, b| key(b).total_cmp(&key(a)));
        Ok(hits)
    }

    fn no_answer(&self, question: &str, audience: Audience) -> Answer {
        let summary = if audience.is_professional() {
            "Vesalius has no trusted content that answers this question. It will not guess: the closest items in the knowledge base are listed below; check them, or consult primary sources and current guidelines."
        } else {
            "We do not have a trusted answer to this question, and we will not guess. The closest topics we do cover are listed below. For advice about your own health, please ask a doctor, nurse or pharmacist."
        };
        Answer {
            question: question.to_string(),
            audience,
            kind: AnswerKind::None,
            status: None,
            id: None,
            title: "No trusted answer".into(),
            summary: summary.into(),
            sections: Vec::new(),
            references: Vec::new(),
            sources: Vec::new(),
            safety: Safety::default(),
            confidence: 0.0,
            follow_ups: Vec::new(),
            alternatives: Vec::new(),
            last_updated: None,
            approved_by: None,
            reading_grade: None,
        }
    }

    /// Puts the urgent-care message first. When the answer has no content of its own, the article about the
    /// emergency is attached below the message so the advice carries its sources.
    fn make_urgent(&self, answer: &mut Answer, flag: RedFlag, audience: Audience) -> Result<(), AnswerError> {
        if answer.kind == AnswerKind::None {
            let topic = match flag {
                RedFlag::CaudaEquina => "cauda equina syndrome red flags",
                RedFlag::CordCompression => "spinal cord compression red flags emergency",
            };
            if let Some(hit) = self.rank(topic)?.first() {
                if let Some(mut a) = self.article_answer(&hit.id, &answer.question, audience, hit.coverage)? {
                    a.alternatives = std::mem::take(&mut answer.alternatives);
                    a.follow_ups = std::mem::take(&mut answer.follow_ups);
                    *answer = a;
                }
            }
        }
        let call = match &self.config.emergency_number {
            Some(n) => format!("call {n}"),
            None => "call your local emergency number (for example 112, 911 or 999)".into(),
        };
        let message = match (flag, audience.is_professional()) {
            (RedFlag::CaudaEquina, false) => format!("Get emergency help now: {call} or go to the nearest emergency department. Numbness around the bottom, genitals or inner thighs, new trouble passing urine or controlling your bladder or bowels, or new leg symptoms on both sides can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome). This needs a same-day hospital assessment and usually an emergency MRI scan. Do not wait for a routine appointment."),
            (RedFlag::CaudaEquina, true) => format!("Red flags for cauda equina syndrome: treat as an emergency. Arrange same-day emergency assessment and MRI of the lumbosacral spine and contact the on-call spinal team; do not defer to routine care ({call} if the patient is not in a hospital setting)."),
            (RedFlag::CordCompression, false) => format!("Get emergency help now: {call} or go to the nearest emergency department. Back pain with new weakness, numbness or trouble walking — especially with a history of cancer — can mean the spinal cord is being pressed on. Treatment works best when it starts within hours."),
            (RedFlag::CordCompression, true) => format!("Possible acute spinal cord compression: treat as an emergency. Seek urgent senior and spinal/oncology advice and whole-spine MRI without delay ({call} if the patient is not in a hospital setting)."),
        };
        answer.kind = AnswerKind::Urgent;
        answer.safety = Safety {
            urgent: true,
            message: Some(message),
            basis: flag.basis().iter().filter_map(|id| self.references.get(*id).cloned()).collect(),
        };
        Ok(())
    }
}

/// The question without anything that looks like an HTML tag, so pasted markup does not count as words.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::strip_markup;

    #[test]
    fn strips_tags_but_keeps_comparisons_without_a_closing_bracket() {
        assert_eq!(strip_markup("<img src=x onerror=alert(1)>ankle jerk"), " ankle jerk");
        assert_eq!(strip_markup("is 1 < 2"), "is 1 < 2");
    }
}
