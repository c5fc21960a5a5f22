//! Loader tests: a valid corpus loads; each kind of bad input is an error naming file, line and field.

use std::path::PathBuf;

use vesalius_content::{ContentError, Corpus};

const REFS: &str = "[[reference]]\nid = \"lee-2008\"\ntype = \"research\"\ntitle = \"An evidence-based approach to human dermatomes\"\nauthors = \"Lee MWL, McPhee RW, Stringer MD\"\njournal = \"Clinical Anatomy\"\nyear = 2008\nurl = \"https://example.org/lee\"\n";

fn article(slug: &str, date: &str, cite: &str) -> String {
    format!(
        "+++\nslug = \"{slug}\"\nquestion = \"What is {slug}?\"\ntitle = \"{slug}\"\ntopics = [\"t\"]\nupdated = \"{date}\"\n\n[summary]\npatient = \"Plain [@lee-2008].\"\nprofessional = \"Pro [@lee-2008].\"\n+++\n\n## Part\n\nA claim [@{cite}].\n"
    )
}

fn load(files: &[(&str, String)]) -> Result<Corpus, Vec<ContentError>> {
    Corpus::from_files(files.iter().map(|(p, t)| (PathBuf::from(p), t.clone()))).map_err(|e| e.0)
}

#[test]
fn loads_a_valid_corpus_and_numbers_citations() {
    let c = load(&[("c/references.toml", REFS.into()), ("c/articles/a.md", article("a", "2026-01-01", "lee-2008"))])
        .unwrap();
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.cited_by(&c.articles[0])[0].id, "lee-2008");
}

#[test]
fn rejects_a_marker_that_names_no_reference() {
    let e = load(&[("c/references.toml", REFS.into()), ("c/articles/a.md", article("a", "2026-01-01", "nobody-1999"))])
        .unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_string(),
        "c/articles/a.md:15: field `citation`: `[@nobody-1999]` names no reference in references.toml"
    );
}

#[test]
fn rejects_a_duplicate_slug_naming_both_files() {
    let e = load(&[
        ("c/references.toml", REFS.into()),
        ("c/articles/a.md", article("same", "2026-01-01", "lee-2008")),
        ("c/articles/b.md", article("same", "2026-01-01", "lee-2008")),
    ])
    .unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].path, PathBuf::from("c/articles/b.md"));
    assert_eq!((e[0].line, e[0].field.as_deref()), (Some(2), Some("slug")));
    assert!(e[0].message.contains("c/articles/a.md"), "{}", e[0]);
}

#[test]
fn rejects_a_bad_date() {
    let e = load(&[("c/references.toml", REFS.into()), ("c/articles/a.md", article("a", "2026-13-01", "lee-2008"))])
        .unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "c/articles/a.md:6: field `updated`: invalid date \"2026-13-01\": expected a real date written YYYY-MM-DD"
    );
}

#[test]
fn rejects_a_missing_field_in_an_article_and_in_a_reference() {
    let refs = REFS.replace("year = 2008\n", "");
    let art = article("a", "2026-01-01", "lee-2008").replace("topics = [\"t\"]\n", "");
    let e = load(&[("c/references.toml", refs), ("c/articles/a.md", art)]).unwrap_err();
    let found: Vec<_> = e.iter().map(|e| (e.path.to_string_lossy().into_owned(), e.field.clone())).collect();
    assert!(found.contains(&("c/references.toml".into(), Some("year".into()))), "{found:?}");
    assert!(found.contains(&("c/articles/a.md".into(), Some("topics".into()))), "{found:?}");
}

#[test]
fn load_dir_reads_a_folder_and_reports_a_missing_reference_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.md"), article("a", "2026-01-01", "lee-2008")).unwrap();
    let e = Corpus::load_dir(dir.path()).unwrap_err();
    assert!(e.to_string().contains("references.toml: cannot read"), "{e}");
    std::fs::write(dir.path().join("references.toml"), REFS).unwrap();
    assert_eq!(Corpus::load_dir(dir.path()).unwrap().articles.len(), 1);
}

#[test]
fn a_broken_reference_list_is_one_root_cause_not_a_cascade() {
    let broken = REFS.replace("title = \"", "title = ");
    let files: Vec<(String, String)> =
        (0..20).map(|i| (format!("c/articles/a{i}.md"), article(&format!("a{i}"), "2026-01-01", "lee-2008"))).collect();
    let mut all = vec![("c/references.toml", broken)];
    all.extend(files.iter().map(|(p, t)| (p.as_str(), t.clone())));
    let e = load(&all).unwrap_err();
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].path.ends_with("references.toml") && e[0].line.is_some(), "the root cause first: {}", e[0]);
    assert!(e[1].message.contains("60 citation(s) in articles were not checked"), "{}", e[1]);
}

#[test]
fn an_unknown_reference_cited_many_times_is_reported_once() {
    let mut text = article("a", "2026-01-01", "nobody-1999");
    text.push_str("\nAgain [@nobody-1999]. And again [@nobody-1999].\n");
    let e = load(&[("c/references.toml", REFS.into()), ("c/articles/a.md", text)]).unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].to_string().ends_with("(and 2 more citation(s) of it)"), "{}", e[0]);
}
