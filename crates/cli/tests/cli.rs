//! The real `vesalius` binary in a temporary directory.

use std::path::Path;
use std::process::{Command, Output};

fn vesalius(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vesalius"))
        .args(args)
        .env("VESALIUS_DB", db)
        .env_remove("VESALIUS_CONTENT")
        .env_remove("VESALIUS_EMERGENCY_NUMBER")
        .output()
        .expect("run vesalius")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["ask", "--help"],
        &["articles", "--help"],
        &["review", "--help"],
        &["review", "approve", "--help"],
    ] {
        let o = vesalius(&db, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage"), "{args:?}");
    }
}

#[test]
fn ask_json_returns_the_cited_dermatome_article() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/v.db");
    let o = vesalius(&db, &["ask", "What are the dermatomes of the lower limb?", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists(), "the store is a real file at --db/VESALIUS_DB");
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((j["kind"].as_str(), j["status"].as_str()), (Some("article"), Some("Submitted")));
    assert!(j["references"].as_array().unwrap().len() >= 3);
    let body = j["sections"].to_string();
    assert!(
        body.contains("L4")
            && body.contains("medial malleolus")
            && body.contains("L5")
            && body.contains("dorsum of the foot")
    );
    assert!(body.contains("S1") && body.contains("heel"));
}

#[test]
fn text_output_groups_citations_as_the_seed_does_and_json_keeps_the_markers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let q = "What are the dermatomes of the lower limb?";
    let j: serde_json::Value = serde_json::from_str(&stdout(&vesalius(&db, &["ask", q, "--json"]))).unwrap();
    let summary = j["summary"].as_str().unwrap();
    assert!(summary.contains("[1][2]"), "the JSON keeps one marker per reference: {summary}");
    let out = stdout(&vesalius(&db, &["ask", q]));
    assert!(out.contains("[1, 2]"), "{out}");
    let adjacent = out.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1..] == *b"][");
    assert!(!adjacent, "no adjacent markers that read as one number: {out}");
}

#[test]
fn ask_prints_readable_text_and_an_honest_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let o = vesalius(&db, &["ask", "How do you tell L4, L5 and S1 radiculopathy apart?", "--audience", "patient"]);
    let out = stdout(&o);
    assert!(
        out.contains("L4, L5 and S1") && out.contains("pending human review") && out.contains("References"),
        "{out}"
    );
    let none = stdout(&vesalius(&db, &["ask", "What is the capital of France?"]));
    assert!(none.contains("No trusted answer"), "{none}");
}

#[test]
fn review_moves_an_article_through_the_stages_and_refuses_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let slug = "deep-tendon-reflexes";
    let refused = vesalius(&db, &["review", "approve", slug, "--actor", "Dr R", "--role", "reviewer"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("cannot approve an article that is Submitted"), "{}", stderr(&refused));
    let start = vesalius(&db, &["review", "start", slug, "--actor", "Ed", "--role", "editor"]);
    assert!(start.status.success(), "{}", stderr(&start));
    let by_editor = vesalius(&db, &["review", "approve", slug, "--actor", "Ed", "--role", "editor"]);
    assert!(stderr(&by_editor).contains("only a reviewer"), "{}", stderr(&by_editor));
    let ok = vesalius(
        &db,
        &["review", "approve", slug, "--actor", "Dr R", "--role", "reviewer", "--comment", "roots checked"],
    );
    assert!(stdout(&ok).contains("Under Review → Approved"), "{}", stdout(&ok));
    let list = stdout(&vesalius(&db, &["articles"]));
    assert!(list.lines().any(|l| l.starts_with(slug) && l.contains("Approved")), "{list}");
    let history = stdout(&vesalius(&db, &["review", "history", slug]));
    assert!(history.contains("roots checked") && history.contains("by Dr R (reviewer)"), "{history}");
    let j: serde_json::Value = serde_json::from_str(&stdout(&vesalius(
        &db,
        &["ask", "Which nerve roots do the deep tendon reflexes test?", "--json"],
    )))
    .unwrap();
    assert_eq!((j["status"].as_str(), j["approved_by"].as_str()), (Some("Approved"), Some("Dr R")));
}

#[test]
fn unknown_articles_and_bad_content_folders_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let o = vesalius(&db, &["review", "start", "no-such-article", "--actor", "Ed", "--role", "editor"]);
    assert!(stderr(&o).contains("no article with slug `no-such-article`"), "{}", stderr(&o));
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    std::fs::write(content.join("references.toml"), "[[reference]]\nid = \"r\"\n").unwrap();
    let bad = vesalius(&db, &["--content", content.to_str().unwrap(), "articles"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("references.toml:1: field `type`: missing field"), "{}", stderr(&bad));
}

#[test]
fn atlas_questions_are_answered_from_the_atlas_data_with_citations() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let o = vesalius(&db, &["ask", "which root is tested by the ankle reflex?", "--json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!((j["kind"].as_str(), j["status"].as_str()), (Some("atlas"), Some("Submitted")));
    assert!(j["summary"].as_str().unwrap().contains("S1") && j["summary"].as_str().unwrap().contains("[1]"));
    assert!(!j["references"].as_array().unwrap().is_empty());
    let alternatives: Vec<&str> =
        j["alternatives"].as_array().unwrap().iter().filter_map(|a| a["id"].as_str()).collect();
    assert!(alternatives.contains(&"deep-tendon-reflexes"), "{alternatives:?}");
    // Approving the data file the answer comes from makes the answer Approved.
    for (step, actor, role) in [("start", "Ed", "editor"), ("approve", "Dr R", "reviewer")] {
        for slug in ["atlas-reflexes", "atlas-nerves-lower-limb"] {
            assert!(vesalius(&db, &["review", step, slug, "--actor", actor, "--role", role]).status.success());
        }
    }
    let j: serde_json::Value =
        serde_json::from_str(&stdout(&vesalius(&db, &["ask", "which root is tested by the ankle reflex?", "--json"])))
            .unwrap();
    assert_eq!(j["status"].as_str(), Some("Approved"));
}

#[test]
fn localize_ranks_explanations_of_findings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let findings = dir.path().join("f.json");
    std::fs::write(
        &findings,
        r#"{"left": {"sensory": [{"region": "dorsum-foot", "kind": "numb"}],
                     "motor": [{"movement": "ankle-dorsiflexion", "grade": 3}, {"movement": "ankle-inversion", "grade": 3},
                               {"movement": "ankle-plantarflexion", "grade": 5}]},
            "cues": {"back_pain": true}}"#,
    )
    .unwrap();
    let o = vesalius(&db, &["localize", findings.to_str().unwrap(), "--json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(j["candidates"][0]["id"].as_str(), Some("L5"), "{j}");
    std::fs::write(&findings, r#"{"left": {"sensory": [{"region": "moon", "kind": "numb"}]}}"#).unwrap();
    let bad = vesalius(&db, &["localize", findings.to_str().unwrap()]);
    assert!(!bad.status.success() && stderr(&bad).contains("moon"), "{}", stderr(&bad));
}

#[test]
fn localize_refuses_an_empty_record_and_one_over_the_findings_limit_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let findings = dir.path().join("empty.json");
    std::fs::write(&findings, "{}").unwrap();
    let o = vesalius(&db, &["localize", findings.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(err.contains("no findings") && err.contains("empty.json"), "{err}");

    let one = r#"{"movement": "ankle-dorsiflexion", "grade": 3}"#;
    let over = vesalius_atlas::MAX_FINDINGS + 1;
    let big = dir.path().join("big.json");
    std::fs::write(&big, format!(r#"{{"left": {{"motor": [{}]}}}}"#, vec![one; over].join(","))).unwrap();
    let o = vesalius(&db, &["localize", big.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains(&format!("at most {} findings; got {over}", vesalius_atlas::MAX_FINDINGS)), "{err}");
    assert!(err.contains("big.json"), "{err}");

    // Many copies of one finding, within the limit, are one finding.
    let dup = dir.path().join("dup.json");
    std::fs::write(&dup, format!(r#"{{"left": {{"motor": [{}]}}}}"#, vec![one; over - 1].join(","))).unwrap();
    let many = vesalius(&db, &["localize", dup.to_str().unwrap(), "--json"]);
    let single = dir.path().join("single.json");
    std::fs::write(&single, format!(r#"{{"left": {{"motor": [{one}]}}}}"#)).unwrap();
    let once = vesalius(&db, &["localize", single.to_str().unwrap(), "--json"]);
    assert!(many.status.success() && once.status.success(), "{}", stderr(&many));
    let (mut many, mut once): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(&stdout(&many)).unwrap(), serde_json::from_str(&stdout(&once)).unwrap());
    let note = many["warnings"].as_array().map(|w| w.len()).unwrap_or(0);
    assert_eq!(note, 1, "the copies are one warning: {}", many["warnings"]);
    assert!(many["warnings"][0].as_str().unwrap().contains("counted once"), "{}", many["warnings"]);
    many["warnings"] = serde_json::json!([]);
    once["warnings"] = serde_json::json!([]);
    assert_eq!(many, once, "the copies localise like the one finding");
}

#[test]
fn bench_times_the_localiser_without_medquad() {
    let dir = tempfile::tempdir().unwrap();
    let o = vesalius(&dir.path().join("v.db"), &["bench"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains(&format!("localiser: {} findings in", vesalius_atlas::MAX_FINDINGS)), "{out}");
    assert!(out.contains("1 = linear"), "{out}");
}

#[test]
fn localize_shows_a_near_tie_and_refuses_a_numb_and_normal_region() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let findings = dir.path().join("f.json");
    std::fs::write(
        &findings,
        r#"{"left": {"sensory": [{"region": "dorsum of the foot"}], "motor": [{"movement": "ankle dorsiflexion", "grade": "4-"}]}}"#,
    )
    .unwrap();
    let o = vesalius(&db, &["localize", findings.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let tie = out.find("TIE: Too close to call").unwrap_or_else(|| panic!("{out}"));
    assert!(tie < out.find("1. ").unwrap() && out[tie..].contains("hip abduction"), "{out}");
    std::fs::write(
        &findings,
        r#"{"left": {"sensory": [{"region": "dorsum-foot"}, {"region": "top of the foot", "kind": "normal"}]}}"#,
    )
    .unwrap();
    let bad = vesalius(&db, &["localize", findings.to_str().unwrap()]);
    assert!(!bad.status.success() && stderr(&bad).contains("both as numb and as normal"), "{}", stderr(&bad));
}

#[test]
fn a_follow_up_is_read_in_the_context_of_the_last_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let first: serde_json::Value =
        serde_json::from_str(&stdout(&vesalius(&db, &["ask", "What are the dermatomes of the lower limb?", "--json"])))
            .unwrap();
    let thread = first["thread_id"].as_str().expect("a thread id").to_string();
    let second: serde_json::Value = serde_json::from_str(&stdout(&vesalius(
        &db,
        &["ask", "and which reflex tests S1?", "--thread", &thread, "--json"],
    )))
    .unwrap();
    assert_eq!(second["thread_id"].as_str(), Some(thread.as_str()));
    let text = second.to_string().to_lowercase();
    assert!(text.contains("ankle") && text.contains("s1"), "{second}");
    // The third turn reads the second as understood: the same look-up for the new root.
    let third: serde_json::Value =
        serde_json::from_str(&stdout(&vesalius(&db, &["ask", "and L5?", "--thread", &thread, "--json"]))).unwrap();
    let title = third["title"].as_str().unwrap();
    assert!(title.contains("L5") && !title.contains("S1"), "{third}");
    assert!(third["summary"].as_str().unwrap().contains("medial hamstring"), "{third}");
    let unknown = vesalius(&db, &["ask", "and S1?", "--thread", "nope"]);
    assert!(stderr(&unknown).contains("no conversation with id `nope`"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_content_folder_brings_its_own_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"), &content);
    std::fs::write(
        content.join("glossary.toml"),
        "[[term]]\nterm = \"dorsal root\"\nplain = \"sensory nerve root\"\ndefinition = \"the nerve root that carries feeling\"\n",
    )
    .unwrap();
    let db = dir.path().join("v.db");
    let o = vesalius(
        &db,
        &[
            "--content",
            content.to_str().unwrap(),
            "ask",
            "What are the dermatomes of the lower limb?",
            "--audience",
            "patient",
        ],
    );
    assert!(stdout(&o).contains("sensory nerve root (dorsal root)"), "{}{}", stdout(&o), stderr(&o));
    std::fs::write(content.join("glossary.toml"), "[[term]]\nterm = \"x\"\n").unwrap();
    let bad =
        vesalius(&db, &["--content", content.to_str().unwrap(), "ask", "What are the dermatomes of the lower limb?"]);
    assert!(stderr(&bad).contains("glossary.toml"), "{}", stderr(&bad));
}

#[test]
fn a_medquad_ingest_that_skipped_files_fails_unless_partial_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let mq = dir.path().join("medquad/6_NINDS_QA");
    std::fs::create_dir_all(&mq).unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("../answer/tests/data/medquad/6_NINDS_QA/0000239.xml");
    let text = std::fs::read_to_string(good).unwrap();
    std::fs::write(mq.join("0000239.xml"), &text).unwrap();
    std::fs::write(mq.join("0000240.xml"), &text[..text.len() / 2]).unwrap();
    let root = dir.path().join("medquad");
    let o = vesalius(&db, &["ingest", "medquad", root.to_str().unwrap()]);
    assert!(!o.status.success(), "a truncated file must fail the run: {}", stdout(&o));
    assert!(stderr(&o).contains("--allow-partial") && stdout(&o).contains("0000240.xml"), "{}", stderr(&o));
    let o = vesalius(&db, &["ingest", "medquad", root.to_str().unwrap(), "--allow-partial"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 file(s) skipped"), "{}", stdout(&o));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vesalius"))
        .args(["articles"])
        .env("VESALIUS_DB", dir.path().join("v.db"))
        .env_remove("VESALIUS_CONTENT")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program writes anything, as `| head -0` would.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(o.status.success(), "{:?}: {}", o.status, stderr(&o));
}

#[test]
fn backup_and_restore_round_trip_with_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let slug = "deep-tendon-reflexes";
    assert!(vesalius(&db, &["review", "start", slug, "--actor", "Ed", "--role", "editor"]).status.success());
    let before = stdout(&vesalius(&db, &["review", "history", slug]));
    let backup = dir.path().join("backup.db");
    let o = vesalius(&db, &["backup", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!vesalius(&db, &["backup", backup.to_str().unwrap()]).status.success(), "no overwrite");
    let o = vesalius(&db, &["review", "approve", slug, "--actor", "Dr R", "--role", "reviewer"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(stdout(&vesalius(&db, &["review", "history", slug])), before);
    let o = vesalius(&db, &["restore", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&vesalius(&db, &["review", "history", slug])), before, "the log is as it was backed up");
    let check = vesalius(&db, &["check"]);
    assert!(check.status.success() && stdout(&check).starts_with("ok:"), "{}", stderr(&check));
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let o = vesalius(&db, &["restore", junk.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(stdout(&vesalius(&db, &["review", "history", slug])), before, "a refused restore changes nothing");
}

#[test]
fn settings_file_under_environment_under_flags() {
    let dir = tempfile::tempdir().unwrap();
    let (from_file, from_env, from_flag) =
        (dir.path().join("file.db"), dir.path().join("env.db"), dir.path().join("flag.db"));
    let config = dir.path().join("vesalius.toml");
    std::fs::write(&config, format!("db = {:?}\nretention_days = 12\n", from_file.to_str().unwrap())).unwrap();
    let config = config.to_str().unwrap();
    let run = |env_db: Option<&Path>, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vesalius"));
        c.args(args).env("VESALIUS_CONFIG", config).env_remove("VESALIUS_CONTENT");
        match env_db {
            Some(db) => c.env("VESALIUS_DB", db),
            None => c.env_remove("VESALIUS_DB"),
        };
        let o = c.output().expect("run vesalius");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    };
    run(None, &["check"]);
    assert!(from_file.exists(), "the file's db, with no flag or environment variable");
    run(Some(&from_env), &["check"]);
    assert!(from_env.exists(), "the environment wins over the file");
    run(Some(&from_env), &["--db", from_flag.to_str().unwrap(), "check"]);
    assert!(from_flag.exists(), "the flag wins over the environment");
}

#[test]
fn an_unknown_key_in_the_settings_file_is_an_error_naming_it_the_file_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("vesalius.toml");
    std::fs::write(&config, "port = 8080\nretention_dayz = 3\n").unwrap();
    let o = vesalius(&dir.path().join("v.db"), &["--config", config.to_str().unwrap(), "check"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("retention_dayz") && e.contains("line 2") && e.contains(config.to_str().unwrap()), "{e}");
    assert!(!dir.path().join("v.db").exists(), "nothing ran");
}

#[test]
fn serve_logs_json_lines_with_the_request_but_not_the_question() {
    use std::io::{BufRead, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vesalius"))
        .args(["--log-format", "json", "serve", "--port", "0"])
        .env("VESALIUS_DB", dir.path().join("v.db"))
        .env_remove("VESALIUS_CONTENT")
        .env_remove("VESALIUS_CONFIG")
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let addr = first.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("{first}"));
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET /ask?q=quokka+tingling HTTP/1.1\r\nHost: x\r\nX-Request-Id: cli-77\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    child.kill().unwrap();
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    let _ = child.wait();
    let line = logs.lines().find(|l| l.contains("cli-77")).unwrap_or_else(|| panic!("no line for the request: {logs}"));
    let j: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    assert_eq!((j["status"].as_u64(), j["span"]["route"].as_str()), (Some(200), Some("/ask")), "{line}");
    assert!(!logs.contains("quokka") && !logs.contains("tingling"), "the question was logged: {logs}");
}

#[test]
fn a_database_url_is_refused_unless_it_is_a_sqlite_path() {
    let dir = tempfile::tempdir().unwrap();
    for (url, says) in [("postgres://u@localhost:5432/v", "PostgreSQL"), ("mysql://h/v", "unknown database URL scheme")]
    {
        let o = Command::new(env!("CARGO_BIN_EXE_vesalius"))
            .current_dir(dir.path())
            .args(["--db", url, "check"])
            .env_remove("VESALIUS_DB")
            .output()
            .expect("run vesalius");
        assert!(!o.status.success(), "{url} accepted");
        assert!(stderr(&o).contains(says), "{url}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no folder named after the URL");
    let path = dir.path().join("v.db");
    let o = vesalius(&path, &["--db", &format!("sqlite:{}", path.display()), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(path.exists(), "sqlite:PATH opens the file at PATH");
}

/// A `vesalius serve` on `db`, and its address.
fn serve(db: &Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vesalius"))
        .args(["serve", "--port", "0"])
        .env("VESALIUS_DB", db)
        .env_remove("VESALIUS_CONTENT")
        .env_remove("VESALIUS_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let addr = first.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("{first}"));
    (child, addr.to_string())
}

/// The answer kind `POST /api/ask` gives for `question` at `addr`.
fn kind_of_answer(addr: &str, question: &str) -> String {
    use std::io::{Read, Write};
    let body = serde_json::json!({ "question": question }).to_string();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let json = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {response}"));
    v["kind"].as_str().unwrap_or_default().to_string()
}

#[test]
fn two_servers_on_one_store_see_an_ingest_made_by_the_command_line_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let (mut first, a) = serve(&db);
    let (mut second, b) = serve(&db);
    let question = "What are the treatments for Transmissible Spongiform Encephalopathies?";
    assert_eq!(kind_of_answer(&a, question), "none", "nothing about it before the ingest");
    assert_eq!(kind_of_answer(&b, question), "none");
    let root = dir.path().join("medquad");
    std::fs::create_dir_all(root.join("6_NINDS_QA")).unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../answer/tests/data/medquad/6_NINDS_QA/0000239.xml");
    std::fs::copy(file, root.join("6_NINDS_QA/0000239.xml")).unwrap();
    let o = vesalius(&db, &["ingest", "medquad", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let seen = |addr: &str| {
        (0..60).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(500));
            kind_of_answer(addr, question) == "qa"
        })
    };
    assert!(seen(&a), "the first server never answered from the ingested pairs");
    assert!(seen(&b), "the second server never answered from the ingested pairs");
    // One instance killed hard; the other keeps answering.
    first.kill().unwrap();
    let _ = first.wait();
    assert_eq!(kind_of_answer(&b, question), "qa");
    second.kill().unwrap();
    let _ = second.wait();
}
