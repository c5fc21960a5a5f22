//! Composition: an article, worded for an audience, with citations numbered in order of first use.

use vesalius_core::{Answer, AnswerKind, Audience, Block, NumberedReference, Numbering, Safety, Section};
use vesalius_store::StoredArticle;

/// Renders a stored article as an answer for `audience`: the audience's summary first, then the sections;
/// `[@id]` markers become `[n]`, and `references` lists exactly the cited works in that order.
pub fn compose_article(stored: &StoredArticle, question: &str, audience: Audience, confidence: f32) -> Answer {
    let article = &stored.article;
    let mut numbering = Numbering::new();
    let summary = numbering.rewrite(article.summary.for_audience(audience));
    let sections = article
        .sections
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
        .collect();
    let references = numbering
        .order()
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            stored.references.iter().find(|r| &r.id == id).map(|r| NumberedReference { n: i + 1, reference: r.clone() })
        })
        .collect();
    Answer {
        question: question.to_string(),
        audience,
        kind: AnswerKind::Article,
        status: Some(stored.stage),
        id: Some(article.slug.to_string()),
        title: article.title.clone(),
        summary,
        sections,
        references,
        sources: Vec::new(),
        safety: Safety::default(),
        confidence,
        follow_ups: Vec::new(),
        alternatives: Vec::new(),
        last_updated: Some(article.updated.to_string()),
        approved_by: stored.approved.as_ref().map(|(who, _)| who.clone()),
        reading_grade: None,
    }
}
