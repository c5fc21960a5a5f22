//! Operating the server: health check, request ids, metrics, compression and the OpenAPI description (the
//! logs are tested in `tests/logs.rs`).

use std::io::Read;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{spawn_app, TestApp};

/// A request whose response body is kept as bytes (a gzip body is not text); `Connection: close`.
async fn raw(app: &TestApp, head: &str) -> (String, Vec<u8>) {
    let mut s = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    s.write_all(head.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8(out[..split].to_vec()).unwrap();
    (head, out[split + 4..].to_vec())
}

/// The value of the sample `name{labels}` (labels as Prometheus prints them, in order), 0 when absent.
fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |v| v.trim().parse().unwrap())
}

#[tokio::test]
async fn healthz_is_200_json_while_the_store_answers() {
    let app = spawn_app().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    let j = r.json();
    assert_eq!(j["status"], "ok");
    assert!(j["generation"].as_i64().unwrap() >= 1 && j["indexed"].as_u64().unwrap() >= 10, "{j}");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_plain_given_one_is_echoed() {
    let app = spawn_app().await;
    let a = app.get("/").await;
    let b = app.get("/api/articles").await;
    let (ida, idb) = (a.header("x-request-id").expect("an id"), b.header("x-request-id").expect("an id"));
    assert_eq!(ida.len(), 36, "a UUID: {ida}");
    assert_ne!(ida, idb, "each request gets its own");
    let given = app.request("GET", "/healthz", &[("X-Request-Id", "lb-4711.abc")], None).await;
    assert_eq!(given.header("x-request-id"), Some("lb-4711.abc"));
    let odd = app.request("GET", "/healthz", &[("X-Request-Id", "a b <script>")], None).await;
    let replaced = odd.header("x-request-id").unwrap();
    assert!(replaced.len() == 36 && !replaced.contains(' '), "an unsafe id is replaced: {replaced}");
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_answers_by_kind() {
    let app = spawn_app().await;
    let before = app.get("/metrics").await.body;
    let article = "vesalius_answers_total{kind=\"article\"}";
    let asks = "vesalius_http_requests_total{method=\"POST\",route=\"/api/ask\",status=\"200\"}";
    let r = app.post_json("/api/ask", r#"{"question":"What are the dermatomes of the lower limb?"}"#).await;
    assert_eq!((r.status, r.json()["kind"].as_str()), (200, Some("article")));
    app.get("/api/articles/deep-tendon-reflexes").await;
    app.get("/ask?q=how+do+I+bake+sourdough+bread").await;
    let m = app.get("/metrics").await;
    assert_eq!(m.status, 200);
    assert!(m.header("content-type").unwrap().starts_with("text/plain; version=0.0.4"));
    let after = m.body;
    assert_eq!(sample(&after, asks), 1.0, "{after}");
    assert_eq!(sample(&after, article) - sample(&before, article), 1.0, "{after}");
    assert_eq!(sample(&after, "vesalius_refusals_total"), 1.0, "the sourdough question: {after}");
    assert!(sample(&after, "vesalius_answers_total{kind=\"none\"}") >= 1.0);
    let templated = "vesalius_http_requests_total{method=\"GET\",route=\"/api/articles/{slug}\",status=\"200\"}";
    assert_eq!(sample(&after, templated), 1.0, "the route template, not the path: {after}");
    assert!(!after.contains("deep-tendon-reflexes"), "no raw paths as labels");
    assert!(after.contains("vesalius_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/ask\",le="));
    app.get("/no-such-page/12345").await;
    let m = app.get("/metrics").await.body;
    let unmatched = "vesalius_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}";
    assert_eq!(sample(&m, unmatched), 1.0, "{m}");
    assert!(!m.contains("12345"), "no raw paths as labels");
    assert!(sample(&after, "vesalius_index_documents") >= 10.0);
    assert!(sample(&after, "vesalius_index_generation") >= 1.0);
}

#[tokio::test]
async fn urgent_answers_are_counted() {
    let app = spawn_app().await;
    let r =
        app.post_json("/api/ask", r#"{"question":"My back is agony and my bottom and groin went numb today"}"#).await;
    assert!(r.json()["safety"]["urgent"].as_bool().unwrap(), "{}", r.body);
    let m = app.get("/metrics").await.body;
    assert_eq!(sample(&m, "vesalius_urgent_answers_total"), 1.0, "{m}");
}

#[tokio::test]
async fn responses_are_gzipped_for_clients_that_accept_it() {
    let app = spawn_app().await;
    let head = format!(
        "GET /api/articles HTTP/1.1\r\nHost: {}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
        app.addr
    );
    let (head, body) = raw(&app, &head).await;
    assert!(head.to_ascii_lowercase().contains("content-encoding: gzip"), "{head}");
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(&body) } else { body };
    let mut text = String::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).expect("a gzip body");
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(list.as_array().unwrap().len() >= 10);
    let plain = app.get("/api/articles").await;
    assert!(plain.header("content-encoding").is_none(), "no compression unless asked for");
}

#[tokio::test]
async fn the_openapi_description_is_served_and_every_operation_in_it_exists() {
    let app = spawn_app().await;
    let r = app.get("/api/openapi.json").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    let doc = r.json();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let concrete = path.replace("{slug}", "deep-tendon-reflexes");
        for method in ops.as_object().unwrap().keys() {
            let m = method.to_ascii_uppercase();
            let body = (m == "POST").then_some("{}");
            let res = app.request(&m, &concrete, &[("Content-Type", "application/json")], body).await;
            let unknown = res.status == 404 && res.body.contains("no such API endpoint");
            assert!(!unknown && res.status != 405, "{m} {path}: {} {}", res.status, res.body);
        }
    }
}

fn dechunk(mut s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = s.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&s[..i]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&s[i + 2..i + 2 + n]);
        s = &s[i + 4 + n..];
    }
    out
}

#[tokio::test]
async fn a_review_decision_made_elsewhere_refreshes_the_engine_and_its_metrics() {
    let app = spawn_app().await;
    let generation = app.state.engine().generation();
    let state = app.state.clone();
    assert!(!tokio::task::spawn_blocking(move || state.refresh()).await.unwrap().unwrap(), "nothing changed yet");
    // Another process (here the store directly, as the command line would) starts a review.
    app.store
        .review(
            "deep-tendon-reflexes",
            vesalius_core::Decision::StartReview,
            "Ed Itor",
            vesalius_core::Role::Editor,
            "",
        )
        .unwrap();
    let state = app.state.clone();
    assert!(tokio::task::spawn_blocking(move || state.refresh()).await.unwrap().unwrap(), "the generation moved");
    assert!(app.state.engine().generation() > generation);
    let m = app.get("/metrics").await.body;
    assert_eq!(sample(&m, "vesalius_index_generation"), app.state.engine().generation() as f64, "{m}");
    assert_eq!(sample(&m, "vesalius_store_generation"), sample(&m, "vesalius_index_generation"), "{m}");
    let r = app.post_json("/api/ask", r#"{"question":"Which root does the ankle reflex test?"}"#).await;
    assert_eq!(r.status, 200, "the new engine answers");
}
