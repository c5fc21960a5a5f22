//! What the search index holds for each kind of content.

use vesalius_core::Article;
use vesalius_index::IndexDoc;
use vesalius_store::StoredPair;

use crate::synonyms::expansions;

/// An article: its question and title are its focus; topics, keywords and headings its strong text.
pub(crate) fn article_doc(a: &Article) -> IndexDoc {
    let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    let strong = format!("{}\n{}\n{}\n{}", a.question, a.topics.join(", "), a.keywords.join(", "), headings.join("\n"));
    let body: String = a.texts().collect::<Vec<_>>().join("\n");
    let focus = format!("{}\n{}", a.question, a.title);
    IndexDoc {
        id: a.slug.to_string(),
        kind: "article".into(),
        title: a.title.clone(),
        focus: format!("{focus}\n{}", expansions(&focus)),
        strong: format!("{strong}\n{}", expansions(&strong)),
        body: format!("{body}\n{}", expansions(&body)),
    }
}

/// A trusted Q&A pair: the document's focus and its synonyms are its focus; the question its strong text;
/// the answer (when stored) its body.
pub(crate) fn pair_doc(p: &StoredPair) -> IndexDoc {
    IndexDoc {
        id: p.pair_id.clone(),
        kind: "qa".into(),
        title: p.focus.clone(),
        focus: p.synonyms.join("\n"),
        strong: p.question.clone(),
        body: p.answer.clone().unwrap_or_default(),
    }
}
