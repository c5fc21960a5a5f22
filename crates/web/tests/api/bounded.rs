//! Bounded work per request: every limit answered with a 413 that names it, duplicates counted once, the
//! largest allowed localiser input answered, and other pages served while the localiser works.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;
use vesalius_answer::{Engine, EngineConfig};
use vesalius_atlas::{Atlas, MAX_FINDINGS};
use vesalius_content::Corpus;
use vesalius_store::Store;
use vesalius_web::{AppState, WebConfig, MAX_BODY_BYTES, MAX_FORM_FIELDS};

use crate::tools::spawn_atlas_app;

const ONE: &str = r#"{"movement": "ankle-dorsiflexion", "grade": 3}"#;

fn motor_findings(n: usize) -> String {
    format!(r#"{{"left": {{"motor": [{}]}}, "cues": {{"back_pain": true}}}}"#, vec![ONE; n].join(","))
}

/// `n` distinct findings from the built-in atlas's vocabulary, on both sides.
fn distinct_findings(n: usize) -> (String, usize) {
    let corpus = Corpus::builtin().unwrap();
    let atlas = Atlas::builtin(&corpus.references).unwrap();
    let mut doc = json!({"left": {"sensory": [], "motor": [], "reflexes": []},
                         "right": {"sensory": [], "motor": [], "reflexes": []}});
    let mut count = 0;
    'fill: for side in ["left", "right"] {
        // Not "normal" as well as "numb" for one region: that is a contradiction the localiser refuses.
        for kind in ["numb", "tingling", "pain"] {
            for r in &atlas.regions {
                doc[side]["sensory"].as_array_mut().unwrap().push(json!({"region": r.id, "kind": kind}));
                count += 1;
                if count == n {
                    break 'fill;
                }
            }
        }
        for grade in 0..=5u8 {
            for m in &atlas.movements {
                doc[side]["motor"].as_array_mut().unwrap().push(json!({"movement": m.id, "grade": grade}));
                count += 1;
                if count == n {
                    break 'fill;
                }
            }
        }
    }
    (doc.to_string(), count)
}

fn message(v: &Value) -> &str {
    v["error"]["message"].as_str().unwrap_or_else(|| panic!("no error message in {v}"))
}

#[tokio::test]
async fn too_many_findings_is_a_413_naming_the_limit() {
    let app = spawn_atlas_app().await;
    let r = app.post_json("/api/localize", &motor_findings(5000)).await;
    assert_eq!(r.status, 413, "{}", r.body);
    let j = r.json();
    assert_eq!(j["error"]["code"].as_str(), Some("too_large"));
    // 5000 motor findings and one cue.
    assert!(message(&j).contains(&format!("at most {MAX_FINDINGS} findings; got 5001")), "{j}");

    // The no-script form says the same on its page.
    let form: Vec<String> = (0..MAX_FINDINGS + 1).map(|i| format!("left.sensory=region-{i}")).collect();
    let page = app
        .request("POST", "/localize", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&form.join("&")))
        .await;
    assert_eq!(page.status, 413, "{}", page.body);
    assert!(page.body.contains(&format!("at most {MAX_FINDINGS} findings; got {}", MAX_FINDINGS + 1)));
}

#[tokio::test]
async fn duplicated_findings_are_counted_once() {
    let app = spawn_atlas_app().await;
    let once = app.post_json("/api/localize", &motor_findings(1)).await;
    let many = app.post_json("/api/localize", &motor_findings(MAX_FINDINGS - 1)).await;
    assert_eq!((once.status, many.status), (200, 200), "{}", many.body);
    let (mut once, mut many) = (once.json(), many.json());
    assert!(!once["candidates"].as_array().unwrap().is_empty());
    let notes = many["warnings"].as_array().unwrap();
    assert!(notes.len() == 1 && notes[0].as_str().unwrap().contains("counted once"), "{notes:?}");
    many["warnings"] = json!([]);
    once["warnings"] = json!([]);
    assert_eq!(many, once, "{} copies of one finding localise like the finding", MAX_FINDINGS - 2);
    let explains = many["candidates"][0]["explains"].as_array().unwrap();
    let weak = explains.iter().filter(|e| e.as_str().is_some_and(|s| s.contains("grade 3/5"))).count();
    assert_eq!(weak, 1, "the weak movement is listed once: {explains:?}");
}

#[tokio::test]
async fn the_largest_allowed_localiser_input_is_answered_while_other_pages_are_served() {
    let app = spawn_atlas_app().await;
    let (body, n) = distinct_findings(MAX_FINDINGS - 1);
    assert_eq!(n, MAX_FINDINGS - 1);
    let body = Arc::new(body);
    let app = Arc::new(app);
    let jobs: Vec<_> = (0..4)
        .map(|_| {
            let (app, body) = (app.clone(), body.clone());
            tokio::spawn(async move { app.post_json("/api/localize", &body).await })
        })
        .collect();
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    for job in jobs {
        let r = job.await.unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(!r.json()["candidates"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn an_over_long_question_is_a_413_naming_the_limit() {
    let app = spawn_atlas_app().await;
    let q = "nerve ".repeat(1000);
    let r = app.post_json("/api/ask", &json!({ "question": q }).to_string()).await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(message(&r.json()).contains("at most 4000 characters; got 5999"), "{}", r.body);
    let page = app.get(&format!("/ask?q={}", "nerve+".repeat(1000))).await;
    assert_eq!(page.status, 413);
    assert!(page.body.contains("at most 4000 characters"), "{}", page.body);
}

#[tokio::test]
async fn a_padded_isncsci_exam_and_an_overfull_worksheet_are_413s_naming_the_limit() {
    let app = spawn_atlas_app().await;
    let padding: serde_json::Map<String, Value> = (0..500).map(|i| (format!("k{i}"), json!("x"))).collect();
    let r = app.post_json("/api/isncsci", &json!({ "right": {}, "left": {}, "notes": padding }).to_string()).await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(message(&r.json()).contains(&format!("at most {} fields", vesalius_isncsci::MAX_EXAM_FIELDS)));
    let form: Vec<String> = (0..MAX_FORM_FIELDS + 1).map(|i| format!("x{i}=1")).collect();
    let page = app
        .request("POST", "/isncsci", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&form.join("&")))
        .await;
    assert_eq!(page.status, 413);
    assert!(page.body.contains(&format!("at most {MAX_FORM_FIELDS} fields; got {}", MAX_FORM_FIELDS + 1)));
}

/// The router itself (no socket, so the oversized body is not cut off mid-write).
async fn router() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&dir.path().join("t.db")).unwrap());
    let corpus = Corpus::builtin().unwrap();
    store.sync_corpus(&corpus, "test").unwrap();
    let atlas = Arc::new(Atlas::builtin(&corpus.references).unwrap());
    let engine = Engine::build(store, EngineConfig::default()).unwrap().with_atlas(atlas, &corpus.references);
    (vesalius_web::app(AppState::new(Arc::new(engine), WebConfig::default()).unwrap()), dir)
}

async fn call(app: axum::Router, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, String, String) {
    let req = Request::post(path).header("content-type", content_type).body(Body::from(body)).unwrap();
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, ct, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_naming_it_as_json_or_as_a_page() {
    let (app, _dir) = router().await;
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    let (status, ct, body) = call(app.clone(), "/api/localize", "application/json", big.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(ct.starts_with("application/json"), "{ct}");
    let j: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(j["error"]["code"].as_str(), Some("too_large"));
    assert!(message(&j).contains(&format!("at most {MAX_BODY_BYTES} bytes")), "{j}");

    let (status, ct, body) = call(app.clone(), "/api/ask", "application/json", big.clone()).await;
    assert_eq!((status, ct.starts_with("application/json")), (StatusCode::PAYLOAD_TOO_LARGE, true), "{body}");

    let (status, ct, body) = call(app.clone(), "/localize", "application/x-www-form-urlencoded", big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(body.contains(&format!("at most {MAX_BODY_BYTES} bytes")), "{body}");

    // Just under the limit is read (and then judged on its content).
    let (status, _, _) = call(app, "/api/localize", "application/json", vec![b' '; MAX_BODY_BYTES - 10]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
