//! The built-in knowledge base is valid and meets the foundation's bar.

use vesalius_content::Corpus;

#[test]
fn builtin_content_loads_with_ten_or_more_articles_each_citing_three_references() {
    let corpus = Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(corpus.articles.len() >= 10, "only {} articles", corpus.articles.len());
    for a in &corpus.articles {
        let refs = corpus.cited_by(a);
        assert!(refs.len() >= 3, "{} cites only {} references", a.slug, refs.len());
        assert!(a.sections.len() >= 2, "{} has fewer than two sections", a.slug);
    }
}

#[test]
fn every_builtin_reference_has_a_checkable_identifier() {
    let corpus = Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    for r in &corpus.references {
        assert!(r.link().is_some(), "{} has no PMID, DOI or URL", r.id);
    }
}
