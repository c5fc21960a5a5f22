//! Store tests on a real SQLite file.

use std::path::PathBuf;

use vesalius_content::Corpus;
use vesalius_core::{Decision, ReviewStage, Role};
use vesalius_store::{DraftSaved, Store, StoreError};

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
fn a_review_decision_that_changes_the_stage_moves_the_content_generation() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    let g0 = s.generation().unwrap();
    s.review("a", Decision::StartReview, "Ed Itor", Role::Editor, "").unwrap();
    let g1 = s.generation().unwrap();
    assert!(g1 > g0, "serving engines must see that what is published may have changed");
    s.note("a", vesalius_store::Note::Comment, "Ed Itor", Role::Editor, "looks fine", None).unwrap();
    assert_eq!(s.generation().unwrap(), g1, "a comment changes nothing searchable");
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

fn qa_doc(answer: &str) -> vesalius_core::QaDocument {
    let pair = |position: u32, answer: Option<&str>| vesalius_core::QaPair {
        position,
        pid: position.to_string(),
        qid: format!("1-{position}"),
        qtype: "information".into(),
        question: format!("Question {position}?"),
        answer: answer.map(str::to_string),
    };
    vesalius_core::QaDocument {
        source: "GARD".into(),
        doc_id: "0000001".into(),
        url: Some("https://example.org".into()),
        focus: "Shingles".into(),
        cuis: vec![],
        semantic_types: vec![],
        semantic_group: Some("Disorders".into()),
        synonyms: vec!["Herpes zoster".into()],
        pairs: vec![pair(1, Some(answer)), pair(2, None)],
    }
}

#[test]
fn qa_ingest_is_idempotent_and_versions_the_index_generation() {
    let (_d, s) = store();
    let g0 = s.generation().unwrap();
    let first = s.ingest_qa(&[qa_doc("An answer.")]).unwrap();
    assert_eq!((first.documents, first.pairs, first.with_answers, first.changed), (1, 2, 1, 2));
    let g1 = s.generation().unwrap();
    assert!(g1 > g0);
    assert_eq!(s.ingest_qa(&[qa_doc("An answer.")]).unwrap().changed, 0);
    assert_eq!(s.generation().unwrap(), g1, "nothing changed, index stays valid");
    assert_eq!(s.ingest_qa(&[qa_doc("A better answer.")]).unwrap().changed, 1);
    let p = s.qa_pair("GARD_0000001_Sec1").unwrap().unwrap();
    assert_eq!((p.answer.as_deref(), p.synonyms.len()), (Some("A better answer."), 1));
    assert_eq!(s.qa_pair("GARD_0000001_Sec2").unwrap().unwrap().answer, None, "question-only record kept");
    assert_eq!(s.qa_count().unwrap(), 2);
}

#[test]
fn the_same_question_makes_one_draft() {
    let (_d, s) = store();
    assert_eq!(s.save_draft("shingles baby", "Can shingles spread to my baby?", "{}", 500).unwrap(), DraftSaved::New);
    assert_eq!(s.save_draft("shingles baby", "can shingles spread to my baby", "{}", 500).unwrap(), DraftSaved::Repeat);
    let drafts = s.drafts().unwrap();
    assert_eq!((drafts.len(), drafts[0].asked), (1, 2));
}

#[test]
fn the_draft_queue_stops_at_its_cap_but_repeats_still_count() {
    let (_d, s) = store();
    assert_eq!(s.save_draft("a", "A?", "{}", 2).unwrap(), DraftSaved::New);
    assert_eq!(s.save_draft("b", "B?", "{}", 2).unwrap(), DraftSaved::New);
    assert_eq!(s.save_draft("c", "C?", "{}", 2).unwrap(), DraftSaved::QueueFull);
    assert_eq!(s.save_draft("a", "a", "{}", 2).unwrap(), DraftSaved::Repeat, "a repeat is no new draft");
    assert!(s.count_draft_repeat("b").unwrap() && !s.count_draft_repeat("c").unwrap());
    assert_eq!((s.drafts().unwrap().len(), s.pending_drafts().unwrap()), (2, 2));
}

#[test]
fn sign_in_failures_count_by_name_and_address_and_by_address() {
    let (_d, s) = store();
    for _ in 0..3 {
        s.record_sign_in_failure("Dr Ana", "10.0.0.1").unwrap();
    }
    s.record_sign_in_failure(" dr ana ", "10.0.0.2").unwrap();
    s.record_sign_in_failure("someone else", "10.0.0.1").unwrap();
    let a = s.sign_in_failures("Dr Ana", "10.0.0.1", 60).unwrap();
    assert_eq!((a.pair.count, a.address.count), (3, 4));
    assert!(a.pair.seconds_since_last < 5);
    let b = s.sign_in_failures("dr ana", "10.0.0.2", 60).unwrap();
    assert_eq!((b.pair.count, b.address.count), (1, 1), "names are compared trimmed and lowercased");
    s.clear_sign_in_failures("Dr Ana", "10.0.0.1").unwrap();
    let a = s.sign_in_failures("Dr Ana", "10.0.0.1", 60).unwrap();
    assert_eq!((a.pair.count, a.address.count), (0, 1));
    assert_eq!(a.pair.seconds_since_last, i64::MAX);
}

#[test]
fn data_files_are_versioned_and_reviewed_like_articles_but_not_listed_as_articles() {
    let (_d, s) = store();
    assert!(s.sync_document("atlas", "atlas-reflexes", "a = 1", "builtin").unwrap());
    assert!(!s.sync_document("atlas", "atlas-reflexes", "a = 1", "builtin").unwrap());
    assert_eq!(s.stage("atlas-reflexes").unwrap().unwrap().0, ReviewStage::Submitted);
    s.review("atlas-reflexes", Decision::StartReview, "Ed", Role::Editor, "").unwrap();
    s.review("atlas-reflexes", Decision::Approve, "Rev", Role::Reviewer, "").unwrap();
    assert_eq!(s.stage("atlas-reflexes").unwrap().unwrap().0, ReviewStage::Approved);
    assert!(s.sync_document("atlas", "atlas-reflexes", "a = 2", "builtin").unwrap());
    assert_eq!(s.stage("atlas-reflexes").unwrap().unwrap().0, ReviewStage::Submitted, "a change needs review again");
    assert!(s.articles().unwrap().is_empty());
    assert!(s.stage("nothing").unwrap().is_none());
}

#[test]
fn readers_keep_the_approved_version_while_an_edit_is_in_review_and_authors_cannot_approve_their_edit() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    s.review("a", Decision::StartReview, "Ed", Role::Editor, "").unwrap();
    s.review("a", Decision::Approve, "Rev", Role::Reviewer, "").unwrap();
    let mut edited = s.article("a").unwrap().unwrap();
    edited.article.title = "Edited title".into();
    assert_eq!(s.save_version(&edited.article, &edited.references, "Rev").unwrap(), 2);
    let (shown, newer) = s.published("a").unwrap().unwrap();
    assert_eq!((shown.version, shown.stage, newer), (1, ReviewStage::Approved, true));
    s.review("a", Decision::StartReview, "Ed", Role::Editor, "").unwrap();
    let own = s.review("a", Decision::Approve, "Rev", Role::Reviewer, "").unwrap_err();
    assert!(matches!(own, StoreError::OwnEdit { .. }), "{own}");
    s.review("a", Decision::Approve, "Other Reviewer", Role::Reviewer, "").unwrap();
    let (shown, newer) = s.published("a").unwrap().unwrap();
    assert_eq!((shown.version, shown.article.title.as_str(), newer), (2, "Edited title", false));
}

#[test]
fn assignments_and_anchored_comments_are_logged_without_changing_the_stage() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    s.note("a", vesalius_store::Note::Assign, "Ed", Role::Editor, "Dr Rev", None).unwrap();
    s.note("a", vesalius_store::Note::Comment, "Dr Rev", Role::Reviewer, "cite the guideline", Some("S")).unwrap();
    let q = s.queue().unwrap();
    assert_eq!((q[0].assignee.as_deref(), q[0].stage), (Some("Dr Rev"), ReviewStage::Submitted));
    let h = s.history("a").unwrap();
    assert_eq!(h.last().unwrap().anchor.as_deref(), Some("S"));
    assert!(s.note("a", vesalius_store::Note::Comment, "Dr Rev", Role::Reviewer, "  ", None).is_err());
}

#[test]
fn accounts_sessions_threads_and_tickets() {
    let (_d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    let u = s.add_user("Dr Ana", "reviewer", "MD", "Neurology", "$argon2id$fake").unwrap();
    assert!(matches!(s.add_user("Dr Ana", "editor", "", "", "x"), Err(StoreError::Conflict(_))));
    assert!(s.add_user("X", "wizard", "", "", "x").is_err());
    s.create_session("tokenhash", u.id, "csrf1", 12).unwrap();
    let (who, csrf) = s.session("tokenhash").unwrap().unwrap();
    assert_eq!((who.name.as_str(), csrf.as_str()), ("Dr Ana", "csrf1"));
    s.end_session("tokenhash").unwrap();
    assert!(s.session("tokenhash").unwrap().is_none());
    assert_eq!(s.reviewers().unwrap()[0].specialty, "Neurology");
    assert_eq!(s.add_turn("t1", "q1", "q1", "{}").unwrap(), 1);
    assert_eq!(s.add_turn("t1", "and S1?", "dermatomes S1", "{}").unwrap(), 2);
    assert_eq!(s.thread("t1").unwrap().unwrap()[1].understood, "dermatomes S1");
    assert!(s.thread("nope").unwrap().is_none());
    s.report_problem("a", "L4 is wrong", "").unwrap();
    assert!(s.report_problem("zzz", "x", "").is_err());
    assert_eq!(s.tickets().unwrap().len(), 1);
}

#[test]
fn old_conversations_are_purged_and_a_reader_can_delete_one() {
    let (d, s) = store();
    s.add_turn("old", "my L5 is numb", "my L5 is numb", "{}").unwrap();
    s.add_turn("new", "and S1?", "S1", "{}").unwrap();
    // Age one conversation by 40 days, as if asked then.
    let path = d.path().join("sub/v.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE turns SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days') WHERE thread_id = 'old'", [])
        .unwrap();
    raw.execute(
        "UPDATE threads SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days') WHERE id = 'old'",
        [],
    )
    .unwrap();
    assert_eq!(s.purge_threads(60).unwrap(), 0, "nothing is older than 60 days");
    assert_eq!(s.purge_threads(30).unwrap(), 1);
    assert!(s.thread("old").unwrap().is_none(), "the old conversation is gone");
    assert_eq!(s.thread("new").unwrap().unwrap().len(), 1, "the recent one stays");
    assert!(s.delete_thread("new").unwrap());
    assert!(s.thread("new").unwrap().is_none());
    assert!(!s.delete_thread("new").unwrap(), "deleting twice finds nothing");
}

#[test]
fn a_backup_restores_the_store_with_its_audit_log() {
    let (d, s) = store();
    s.sync_corpus(&corpus("one"), "builtin").unwrap();
    s.review("a", Decision::StartReview, "Ed", Role::Editor, "start").unwrap();
    let history = s.history("a").unwrap();
    let backup = d.path().join("backup.db");
    s.backup_to(&backup).unwrap();
    assert!(s.backup_to(&backup).is_err(), "an existing file is not overwritten");
    // Changes after the backup are undone by the restore.
    s.review("a", Decision::Approve, "Dr Rev", Role::Reviewer, "ok").unwrap();
    s.add_turn("t", "q", "q", "{}").unwrap();
    let restored = s.restore_from(&backup).unwrap();
    assert_eq!(s.history("a").unwrap(), history, "the audit log is as it was at the backup");
    assert_eq!(restored.threads, 0);
    assert_eq!(s.stage("a").unwrap().unwrap().0, ReviewStage::UnderReview);
    s.integrity_check().unwrap();
    // Not a database, or not a Vesalius one: refused, and the store is untouched.
    let junk = d.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just text").unwrap();
    assert!(s.restore_from(&junk).is_err());
    let empty = d.path().join("empty.db");
    rusqlite::Connection::open(&empty).unwrap().execute_batch("CREATE TABLE x (y)").unwrap();
    assert!(s.restore_from(&empty).unwrap_err().to_string().contains("not a Vesalius database"));
    assert!(s.restore_from(&d.path().join("missing.db")).is_err());
    assert_eq!(s.history("a").unwrap(), history);
}
