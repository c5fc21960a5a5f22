//! Store tests on a real SQLite file.

use std::path::PathBuf;

use vesalius_content::Corpus;
use vesalius_core::{Decision, ReviewStage, Role};
use vesalius_store::{Store, StoreError};

const REFS: &str = "[[reference]]\nid = \"r\"\ntype = \"review\"\ntitle = \"T\"\nauthors = \"A\"\njournal = \"J\"\nyear = 2020\nurl = \"https://example.org\"\n";

fn corpus(body: &str) -> Corpus {
    let art = format!("+++\nslug = \"a\"\nquestion = \"Q?\"\ntitle = \"Title\"\ntopics = [\"t\"]\nupdated = \"2026-01-01\"\n\n[summary]\npatient = \"P [@r]\"\nprofessional = \"Pro [@r]\"\n+++\n\n## S\n\n{body} [@r]\n");
    Corpus::from_files([
        (PathBuf::from("c/references.toml"), REFS.to_string()),
        (PathBuf::from("c/articles/a.md"), art),
    ])
    .unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("sub/v.db")).unwrap();
    (dir, store)
}

#[test]
fn sync_adds_then_leaves_unchanged_then_versions_a_change() {
    let (_d, s) = store();
    assert_eq!(s.sync_corpus(&corpus("one"), "builtin").unwrap().added, ["a"]);
    let again = s.sync_corpus(&corpus("one"), "builtin").unwrap();
    assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 1));
    assert_eq!(s.sync_corpus(&corpus("two"), "builtin").unwrap().updated, ["a"]);
    let versions = s.versions("a").unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    let latest = s.article("a").unwrap().unwrap();
    assert_eq!((latest.version, latest.stage), (2, ReviewStage::Submitted));
    assert!(
        matches!(&latest.article.sections[0].blocks[0], vesalius_core::Block::Paragraph { text } if text.starts_with("two"))
    );
}

#[test]
fn review_walks_submitted_to_approved_and_records_who() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    s.review("a", Decision::StartReview, "Ed Itor", Role::Editor, "").unwrap();
    let e = s.review("a", Decision::Approve, "Dr Rev", Role::Reviewer, "checked against ISNCSCI").unwrap();
    assert_eq!((e.from, e.to), (Some(ReviewStage::UnderReview), ReviewStage::Approved));
    let a = s.article("a").unwrap().unwrap();
    assert_eq!(a.stage, ReviewStage::Approved);
    assert_eq!(a.approved.unwrap().0, "Dr Rev");
    assert_eq!(s.history("a").unwrap().len(), 3);
    assert_eq!(s.reviewers().unwrap()[0].name, "Dr Rev");
}

#[test]
fn refuses_approval_without_review_and_leaves_the_log_alone() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    let err = s.review("a", Decision::Approve, "Dr Rev", Role::Reviewer, "").unwrap_err();
    assert!(matches!(err, StoreError::Transition { .. }), "{err}");
    assert!(err.to_string().contains("under review first"), "{err}");
    assert_eq!(s.history("a").unwrap().len(), 1);
    assert!(s.reviewers().unwrap().is_empty());
}

#[test]
fn a_changed_approved_article_starts_again_as_submitted() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    s.review("a", Decision::StartReview, "Ed", Role::Editor, "").unwrap();
    s.review("a", Decision::Approve, "Rev", Role::Reviewer, "").unwrap();
    s.sync_corpus(&corpus("changed"), "builtin").unwrap();
    assert_eq!(s.article("a").unwrap().unwrap().stage, ReviewStage::Submitted);
    assert_eq!(s.versions("a").unwrap()[0].stage, ReviewStage::Approved);
}

#[test]
fn the_review_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let s = Store::open(&path).unwrap();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn.execute("UPDATE review_events SET actor = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM review_events", []).is_err());
}

#[test]
fn reopening_keeps_data_and_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    Store::open(&path).unwrap().sync_corpus(&corpus("one"), "builtin").unwrap();
    assert_eq!(Store::open(&path).unwrap().articles().unwrap().len(), 1);
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
}
