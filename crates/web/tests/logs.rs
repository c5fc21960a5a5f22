//! The server's logs at the default level: each request with its id, route and status, never the reader's
//! question. A test binary of its own: `tracing` caches per call site whether anyone listens, and tests on
//! other threads without a subscriber would race with the one installed here.

use std::sync::{Arc, Mutex};

#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use helpers::spawn_app;

/// A `tracing` writer into memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_at_the_default_level_name_each_request_but_never_the_question() {
    for format in [vesalius_web::LogFormat::Text, vesalius_web::LogFormat::Json] {
        let logs = Captured::default();
        let writer = logs.clone();
        let sub = vesalius_web::subscriber(format, Some("info"), move || writer.clone());
        // The test runtime has one thread, where the server's tasks run too: they log to this subscriber.
        let _default = tracing::subscriber::set_default(sub);
        let app = spawn_app().await;
        let id = [("X-Request-Id", "trace-me-1")];
        app.request("GET", "/ask?q=zygomatic+quokka+numbness", &id, None).await;
        let body = r#"{"question":"does my quokka zygomatic numbness matter?"}"#;
        app.request("POST", "/api/ask", &[("Content-Type", "application/json")], Some(body)).await;
        app.request("GET", "/threads/abcdef0123", &[], None).await;
        let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("trace-me-1") && text.contains("/api/ask"), "{format:?}: requests are logged: {text}");
        assert!(text.contains("200"), "{format:?}: with their status: {text}");
        for secret in ["quokka", "zygomatic", "numbness", "abcdef0123"] {
            assert!(!text.contains(secret), "{format:?}: `{secret}` was logged: {text}");
        }
    }
}
