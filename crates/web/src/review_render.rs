//! Small helpers of the review screens.

use vesalius_core::{Answer, Audience, Reference};
use vesalius_store::StoredArticle;

/// The version under review as a clinician would see it.
pub(crate) fn latest_answer(a: &StoredArticle) -> Answer {
    vesalius_answer::compose_article(
        a,
        &a.article.question,
        Audience::Clinician,
        1.0,
        vesalius_answer::Glossary::builtin(),
    )
}

/// References as a `references.toml` text, so an edited article is checked by the normal loader.
pub(crate) fn references_toml(refs: &[Reference]) -> String {
    #[derive(serde::Serialize)]
    struct File<'a> {
        reference: Vec<&'a Reference>,
    }
    toml::to_string(&File { reference: refs.iter().collect() }).unwrap_or_default()
}

/// Rewrites the `[n]` citation numbers of a composed answer's text back into `[@id]` markers.
fn unnumber(text: &str, refs: &[vesalius_core::NumberedReference]) -> String {
    let mut out = text.to_string();
    for r in refs.iter().rev() {
        out = out.replace(&format!("[{}]", r.n), &format!("[@{}]", r.reference.id));
    }
    out
}

/// A new article from a composed answer kept as a draft: its text, with the sources it cites.
pub(crate) fn article_from_answer(
    answer: &Answer,
    slug: &str,
    today: &str,
) -> Result<(vesalius_core::Article, Vec<Reference>), String> {
    use vesalius_core::{Article, Block, Section, Summary};
    let slug = slug.parse().map_err(|e: vesalius_core::ParseError| e.to_string())?;
    let updated = today.parse().map_err(|e: vesalius_core::ParseError| e.to_string())?;
    let refs = &answer.references;
    let summary = unnumber(&answer.summary, refs);
    let sections = answer
        .sections
        .iter()
        .map(|s| Section {
            heading: s.heading.clone(),
            blocks: s
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph { text } => Block::Paragraph { text: unnumber(text, refs) },
                    Block::Heading { text } => Block::Heading { text: unnumber(text, refs) },
                    Block::List { ordered, items } => {
                        Block::List { ordered: *ordered, items: items.iter().map(|i| unnumber(i, refs)).collect() }
                    }
                })
                .collect(),
        })
        .collect();
    let article = Article {
        slug,
        question: answer.question.clone(),
        title: if answer.title.is_empty() { answer.question.clone() } else { answer.title.clone() },
        topics: vec!["trusted Q&A".into()],
        keywords: Vec::new(),
        updated,
        reviewed: None,
        summary: Summary { patient: summary.clone(), professional: summary },
        sections,
        clinician_only: Vec::new(),
        patient_only: Vec::new(),
    };
    Ok((article, refs.iter().map(|r| r.reference.clone()).collect()))
}
