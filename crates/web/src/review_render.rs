//! Small helpers of the review screens.

use vesalius_core::{Answer, Audience, Reference};
use vesalius_store::StoredArticle;

/// The version under review as a clinician would see it.
pub(crate) fn latest_answer(a: &StoredArticle) -> Answer {
    vesalius_answer::compose_article(a, &a.article.question, Audience::Clinician, 1.0, vesalius_answer::Glossary::builtin())
}

/// References as a `references.toml` text, so an edited article is checked by the normal loader.
pub(crate) fn references_toml(refs: &[Reference]) -> String {
    #[derive(serde::Serialize)]
    struct File<'a> {
        reference: Vec<&'a Reference>,
    }
    toml::to_string(&File { reference: refs.iter().collect() }).unwrap_or_default()
}
