//! Property-based fuzzing (proptest, stable Rust) of every parser of outside input: content front matter and
//! Markdown, the reference list, atlas TOML, MedQuAD XML, findings JSON, exam JSON, questions and form bodies.
//! Inputs are valid files with random edits (so the parsers get past their first line) and arbitrary text. The
//! property: no panic, and an error says what and where. A crash found here becomes a named regression test
//! below the properties.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use tower::ServiceExt;
use vesalius_answer::{Engine, EngineConfig};
use vesalius_atlas::{Atlas, Findings};
use vesalius_content::{builtin_files, parse_medquad, parse_references, Corpus};
use vesalius_core::Audience;
use vesalius_store::Store;

/// Cases per property: bounded so `cargo test` stays quick; raise with PROPTEST_CASES for a longer hunt.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// One edit: at a relative position, delete a few characters, insert a character, or duplicate a slice.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, char),
    Duplicate(f64, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let special =
        prop::sample::select(vec!['"', '[', ']', '{', '}', '=', '+', '\n', '<', '>', '&', '#', '@', '\0', 'é']);
    prop_oneof![
        (0.0..1.0f64, 1..20usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (0.0..1.0f64, prop_oneof![special, any::<char>()]).prop_map(|(p, c)| Edit::Insert(p, c)),
        (0.0..1.0f64, 1..200usize).prop_map(|(p, n)| Edit::Duplicate(p, n)),
    ]
}

/// `base` with the edits applied (on character boundaries).
fn mutate(base: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for e in edits {
        let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match *e {
            Edit::Delete(p, n) => {
                let i = at(p, chars.len());
                let end = (i + n).min(chars.len());
                chars.drain(i..end);
            }
            Edit::Insert(p, c) => {
                let i = at(p, chars.len());
                chars.insert(i, c);
            }
            Edit::Duplicate(p, n) => {
                let i = at(p, chars.len());
                let end = (i + n).min(chars.len());
                let slice: Vec<char> = chars[i..end].to_vec();
                chars.splice(i..i, slice);
            }
        }
    }
    chars.into_iter().collect()
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..6)
}

fn builtin(path: &str) -> &'static str {
    builtin_files().find(|(p, _)| *p == path).map(|(_, t)| t).unwrap_or_else(|| panic!("no built-in {path}"))
}

const MEDQUAD: &str = include_str!("../../answer/tests/data/medquad/6_NINDS_QA/0000239.xml");
const FINDINGS: &str = r#"{"right": {"sensory": [{"region": "dorsum-foot", "kind": "numb"}],
    "motor": [{"movement": "ankle-dorsiflexion", "grade": 2}, {"movement": "hip-abduction", "grade": 4}],
    "reflexes": [{"reflex": "ankle-jerk", "state": "normal"}]},
  "left": {"sensory": [{"region": "lateral-thigh", "kind": "tingling"}]}}"#;

fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| Atlas::builtin(&Corpus::builtin().unwrap().references).unwrap())
}

/// The engine and the router on the built-in content, built once (in a temporary folder kept for the run).
fn engine() -> &'static Arc<Engine> {
    static ENGINE: OnceLock<(tempfile::TempDir, Arc<Engine>)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&dir.path().join("fuzz.db")).unwrap();
            let corpus = Corpus::builtin().unwrap();
            store.sync_corpus(&corpus, "test").unwrap();
            let engine = Engine::build(Arc::new(store), EngineConfig::default()).unwrap();
            let atlas = Arc::new(Atlas::builtin(&corpus.references).unwrap());
            (dir, Arc::new(engine.with_atlas(atlas, &corpus.references)))
        })
        .1
}

/// Every error must name a file and say something.
fn named(errors: &[vesalius_content::ContentError]) -> bool {
    !errors.is_empty() && errors.iter().all(|e| !e.path.as_os_str().is_empty() && !e.message.trim().is_empty())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn articles_with_random_edits_load_or_fail_cleanly(e in edits()) {
        let article = mutate(builtin("articles/meralgia-paresthetica.md"), &e);
        let files = [
            (PathBuf::from("c/references.toml"), builtin("references.toml").to_string()),
            (PathBuf::from("c/articles/meralgia-paresthetica.md"), article),
        ];
        if let Err(errors) = Corpus::from_files(files) {
            prop_assert!(named(&errors.0), "{errors}");
        }
    }

    #[test]
    fn reference_lists_with_random_edits_parse_or_fail_cleanly(e in edits()) {
        if let Err(errors) = parse_references(Path::new("references.toml"), &mutate(builtin("references.toml"), &e)) {
            prop_assert!(named(&errors));
        }
    }

    #[test]
    fn atlas_files_with_random_edits_load_or_fail_cleanly(e in edits(), which in 0..3usize) {
        let names = ["atlas/dermatomes.toml", "atlas/nerves-lower-limb.toml", "atlas/patterns.toml"];
        let files = builtin_files()
            .filter(|(p, _)| p.starts_with("atlas/"))
            .map(|(p, t)| (PathBuf::from(p), if p == names[which] { mutate(t, &e) } else { t.to_string() }));
        if let Err(errors) = Atlas::from_files(files, &Corpus::builtin().unwrap().references) {
            prop_assert!(named(&errors.0), "{errors}");
        }
    }

    #[test]
    fn medquad_documents_with_random_edits_parse_or_fail_cleanly(e in edits()) {
        if let Err(error) = parse_medquad(Path::new("6_NINDS_QA/0000239.xml"), &mutate(MEDQUAD, &e)) {
            prop_assert!(named(&[error]));
        }
    }

    #[test]
    fn findings_with_random_edits_parse_and_localise_or_fail_cleanly(e in edits()) {
        match Findings::from_json(&mutate(FINDINGS, &e)) {
            Ok(f) => {
                let _ = atlas().localize(&f);
            }
            Err(error) => prop_assert!(!error.to_string().trim().is_empty()),
        }
    }

    #[test]
    fn exams_of_random_fields_and_values_classify_or_fail_cleanly(
        fields in prop::collection::vec((0..40usize, 0..14usize), 0..60),
        flat in any::<bool>(),
    ) {
        const KEYS: [&str; 8] = ["RightTouch", "LeftTouch", "RightPrick", "LeftPrick", "RightMotor", "LeftMotor", "Sensory", "x"];
        const VALUES: [&str; 14] = ["0", "1", "2", "3", "4", "5", "6", "NT", "0*", "4**", "5*", "-1", "Yes", ""];
        let levels = ["c2", "c5", "c6", "c7", "c8", "t1", "t4", "t12", "l2", "l3", "l4", "l5", "s1", "s4_5"];
        let mut obj = serde_json::Map::new();
        for (k, v) in fields {
            let key = format!("{}{}", levels[k % levels.len()], KEYS[k % KEYS.len()]);
            obj.insert(key, serde_json::Value::String(VALUES[v].to_string()));
        }
        let doc = if flat { serde_json::Value::Object(obj) } else { serde_json::json!({ "right": obj }) };
        if let Err(error) = vesalius_isncsci::classify_json(&doc.to_string()) {
            prop_assert!(!error.to_string().trim().is_empty());
        }
    }

    #[test]
    fn any_question_is_answered_or_refused_cleanly(q in "\\PC{0,300}", patient in any::<bool>()) {
        let audience = if patient { Audience::Patient } else { Audience::Clinician };
        let _ = vesalius_answer::triage(&q);
        match engine().answer(&q, audience) {
            Ok(a) => prop_assert!(!a.title.is_empty()),
            Err(error) => prop_assert!(q.trim().is_empty(), "{error} for {q:?}"),
        }
    }

    #[test]
    fn form_and_json_bodies_never_cause_a_server_error(
        body in "[a-z=&%+0-9{}\\[\\]\":,\\\\ ]{0,400}",
        target in 0..5usize,
    ) {
        let (path, kind) = [
            ("/sign-in", "application/x-www-form-urlencoded"),
            ("/articles/meralgia-paresthetica/report", "application/x-www-form-urlencoded"),
            ("/api/ask", "application/json"),
            ("/api/localize", "application/json"),
            ("/api/isncsci", "application/json"),
        ][target];
        let state = vesalius_web::AppState::new(engine().clone(), vesalius_web::WebConfig::default()).unwrap();
        let app = vesalius_web::app(state);
        let peer = axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000)));
        let request = axum::http::Request::post(path)
            .extension(peer)
            .header("content-type", kind)
            .body(axum::body::Body::from(body.clone()))
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let status = runtime.block_on(app.oneshot(request)).unwrap().status();
        prop_assert!(!status.is_server_error(), "{path} answered {status} to {body:?}");
    }
}
