//! Composition: content worded for an audience, with citations numbered in order of first use, sections
//! meant for another audience folded, the lay glossary applied and the reading grade measured.

use std::collections::HashMap;

use vesalius_core::{
    Answer, AnswerKind, Audience, Block, NumberedReference, Numbering, Reference, ReviewStage, Safety, Section,
};
use vesalius_store::StoredArticle;

use crate::glossary::Glossary;
use crate::readability::flesch_kincaid_grade;

/// Rewrites `[@id]` markers in every text of the sections as `[n]`.
fn number_sections(numbering: &mut Numbering, sections: &[Section]) -> Vec<Section> {
    sections
        .iter()
        .map(|s| Section {
            heading: numbering.rewrite(&s.heading),
            blocks: s
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph { text } => Block::Paragraph { text: numbering.rewrite(text) },
                    Block::Heading { text } => Block::Heading { text: numbering.rewrite(text) },
                    Block::List { ordered, items } => {
                        Block::List { ordered: *ordered, items: items.iter().map(|i| numbering.rewrite(i)).collect() }
                    }
                })
                .collect(),
        })
        .collect()
}

/// The references in citation order, numbered.
fn numbered(numbering: &Numbering, lookup: impl Fn(&str) -> Option<Reference>) -> Vec<NumberedReference> {
    numbering
        .order()
        .iter()
        .enumerate()
        .filter_map(|(i, id)| lookup(id).map(|reference| NumberedReference { n: i + 1, reference }))
        .collect()
}

/// An answer shell: everything but the content.
pub(crate) fn shell(
    question: &str,
    audience: Audience,
    kind: AnswerKind,
    stage: ReviewStage,
    confidence: f32,
) -> Answer {
    Answer {
        question: question.to_string(),
        audience,
        kind,
        status: Some(stage),
        id: None,
        title: String::new(),
        summary: String::new(),
        sections: Vec::new(),
        references: Vec::new(),
        sources: Vec::new(),
        safety: Safety::default(),
        confidence,
        notice: None,
        follow_ups: Vec::new(),
        alternatives: Vec::new(),
        last_updated: None,
        approved_by: None,
        approved_at: None,
        reading_grade: None,
        folded: Vec::new(),
        update_in_review: false,
        thread_id: None,
    }
}

/// The text a reader of `answer` sees unfolded, one block per line: the summary, then the heading and blocks
/// of every section not in `folded`.
pub fn visible_text(answer: &Answer) -> String {
    let mut out = answer.summary.clone();
    let visible = answer.sections.iter().enumerate().filter(|(i, _)| !answer.folded.contains(i));
    for (_, s) in visible {
        out.push('\n');
        out.push_str(&s.heading);
        for text in s.blocks.iter().flat_map(Block::texts) {
            out.push('\n');
            out.push_str(text);
        }
    }
    out
}

/// Words a composed answer for its audience with the glossary (summary, then the paragraphs and list items
/// of the sections not folded; headings and folded sections stay as written) and sets its reading grade: the
/// Flesch–Kincaid grade of [`visible_text`], to one decimal.
pub fn personalise(mut answer: Answer, glossary: &Glossary) -> Answer {
    let mut reader = glossary.reader(answer.audience);
    answer.summary = reader.apply(&answer.summary);
    for (i, section) in answer.sections.iter_mut().enumerate() {
        if answer.folded.contains(&i) {
            continue;
        }
        for block in &mut section.blocks {
            match block {
                Block::Paragraph { text } => *text = reader.apply(text),
                Block::List { items, .. } => items.iter_mut().for_each(|i| *i = reader.apply(i)),
                Block::Heading { .. } => {}
            }
        }
    }
    answer.reading_grade = Some((flesch_kincaid_grade(&visible_text(&answer)) * 10.0).round() / 10.0);
    answer
}

/// Renders a stored article as an answer for `audience`: the audience's summary first, then the sections;
/// `[@id]` markers become `[n]`, and `references` lists exactly the cited works in that order. Sections tagged
/// for another audience are listed in `folded` (and kept in `sections`); the rest is worded with `glossary`
/// (see [`personalise`]).
pub fn compose_article(
    stored: &StoredArticle,
    question: &str,
    audience: Audience,
    confidence: f32,
    glossary: &Glossary,
) -> Answer {
    let article = &stored.article;
    let mut numbering = Numbering::new();
    let summary = numbering.rewrite(article.summary.for_audience(audience));
    let sections = number_sections(&mut numbering, &article.sections);
    let references = numbered(&numbering, |id| stored.references.iter().find(|r| r.id == id).cloned());
    let answer = Answer {
        id: Some(article.slug.to_string()),
        title: article.title.clone(),
        summary,
        sections,
        references,
        last_updated: Some(article.updated.to_string()),
        approved_by: stored.approved.as_ref().map(|(who, _)| who.clone()),
        approved_at: stored.approved.as_ref().map(|(_, at)| at.clone()),
        folded: article.folded_for(audience),
        ..shell(question, audience, AnswerKind::Article, stored.stage, confidence)
    };
    personalise(answer, glossary)
}

/// Renders an answer from atlas data, carrying the review stage of the least reviewed data file it used.
pub(crate) fn compose_atlas(
    atlas: &vesalius_atlas::AtlasAnswer,
    references: &HashMap<String, Reference>,
    stage: ReviewStage,
    approved_by: Option<String>,
    question: &str,
    audience: Audience,
    glossary: &Glossary,
) -> Answer {
    let mut numbering = Numbering::new();
    let summary = numbering.rewrite(&atlas.summary);
    let sections = number_sections(&mut numbering, &atlas.sections);
    let answer = Answer {
        id: atlas.sources.first().cloned(),
        title: atlas.title.clone(),
        summary,
        sections,
        references: numbered(&numbering, |id| references.get(id).cloned()),
        approved_by,
        ..shell(question, audience, AnswerKind::Atlas, stage, atlas.confidence)
    };
    personalise(answer, glossary)
}

/// The honest refusal: nothing trusted matched, so nothing is shown but the closest items.
pub(crate) fn no_answer(question: &str, audience: Audience, subject: Option<&str>) -> Answer {
    let professional = audience.is_professional();
    let (title, opening) = match subject {
        Some(s) => {
            (
                format!("No reviewed answer about {s}"),
                if professional {
                    format!("Vesalius has no trusted content about {s}. It will not answer from content about something else:")
                } else {
                    format!("We do not have a reviewed answer about {s}, and we will not answer with a page about something else.")
                },
            )
        }
        None => (
            "No trusted answer".to_string(),
            if professional {
                "Vesalius has no trusted content that answers this question. It will not guess:".to_string()
            } else {
                "We do not have a trusted answer to this question, and we will not guess.".to_string()
            },
        ),
    };
    let rest = if professional {
        "the closest items in the knowledge base are listed below; check them, or consult primary sources and current guidelines (for example NICE, or MedlinePlus at medlineplus.gov)."
    } else {
        "The closest topics we do cover are listed below. MedlinePlus (medlineplus.gov) and the NHS website (nhs.uk) have trusted health information, and for advice about your own health, please ask a doctor, nurse or pharmacist."
    };
    Answer {
        status: None,
        title,
        summary: format!("{opening} {rest}"),
        confidence: 0.0,
        ..shell(question, audience, AnswerKind::None, ReviewStage::Submitted, 0.0)
    }
}
