//! Structured logs with `tracing` (docs/decision-observability.md).
//!
//! Every request runs in a `request` span with its method, route template, path (never the query string:
//! `/ask?q=` carries the reader's question) and request id; its response is logged at `info` with the status
//! and latency. Question text is never logged. [`subscriber`] builds the subscriber `vesalius serve` installs
//! (text or JSON lines on a writer, the level from `RUST_LOG`, default `info`).

use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;
use tracing::{Span, Subscriber};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// The header carrying a request's id, set when the client sends none and echoed in the response.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id a client may send; a longer or stranger one is replaced by a new one.
const MAX_REQUEST_ID: usize = 128;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object a line, with the span's fields.
    Json,
}

/// The subscriber for `format`, writing to `writer`, keeping what `filter` allows (`RUST_LOG` syntax; `None`
/// reads `RUST_LOG`, default `info`; invalid directives are ignored).
pub fn subscriber<W>(format: LogFormat, filter: Option<&str>, writer: W) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let builder = EnvFilter::builder().with_default_directive(tracing::Level::INFO.into());
    let filter = match filter {
        Some(f) => builder.parse_lossy(f),
        None => builder.from_env_lossy(),
    };
    let fmt = tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false);
    match format {
        LogFormat::Text => Box::new(fmt.finish()),
        LogFormat::Json => Box::new(fmt.json().flatten_event(true).with_span_list(false).finish()),
    }
}

/// Installs [`subscriber`] for `format` on standard error as the process' default, with the level from
/// `RUST_LOG`.
///
/// # Errors
/// A subscriber was already installed.
pub fn init_logging(format: LogFormat) -> Result<(), String> {
    tracing::subscriber::set_global_default(subscriber(format, None, std::io::stderr))
        .map_err(|e| format!("installing the logger: {e}"))
}

/// Whether a client's request id may be kept: short, and only letters, digits and `-._:`.
fn acceptable_id(v: &[u8]) -> bool {
    !v.is_empty()
        && v.len() <= MAX_REQUEST_ID
        && v.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
}

/// Middleware (before the request id is set): drops a client's request id that is not [`acceptable_id`], so
/// that a new one is made and logs stay clean.
pub(crate) async fn check_request_id(mut req: Request, next: Next) -> Response {
    let bad = req.headers().get_all(&REQUEST_ID).iter().count() > 1
        || req.headers().get(&REQUEST_ID).is_some_and(|v| !acceptable_id(v.as_bytes()));
    if bad {
        req.headers_mut().remove(&REQUEST_ID);
    }
    next.run(req).await
}

tokio::task_local! {
    /// The id of the request the current task serves.
    static CURRENT_REQUEST_ID: String;
}

/// Middleware (after the request id is set): makes the id available to [`current_request_id`] while the
/// request is served, for the message of an internal error.
pub(crate) async fn scope_request_id(req: Request, next: Next) -> Response {
    let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    CURRENT_REQUEST_ID.scope(id, next.run(req)).await
}

/// The id of the request being served, when there is one.
pub(crate) fn current_request_id() -> Option<String> {
    CURRENT_REQUEST_ID.try_with(String::clone).ok().filter(|id| !id.is_empty())
}

#[cfg(test)]
pub(crate) async fn with_request_id<F: std::future::Future>(id: &str, f: F) -> F::Output {
    CURRENT_REQUEST_ID.scope(id.to_string(), f).await
}

/// The span of a request: method, route template, path without the query, request id.
pub(crate) fn make_span<B>(req: &axum::http::Request<B>) -> Span {
    let route = crate::metrics::route_of(req);
    // Conversation ids are capabilities (whoever has one reads the questions): their paths are logged as the
    // route template only.
    let path = if route.starts_with("/threads/") { route.as_str() } else { req.uri().path() };
    let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
    tracing::info_span!("request", method = %req.method(), route = %route, path = %path, request_id = %id)
}

/// Logs a response: status and latency in milliseconds, within the request's span.
pub(crate) fn on_response<B>(res: &axum::http::Response<B>, latency: Duration, _span: &Span) {
    let status = res.status().as_u16();
    let latency_ms = latency.as_secs_f64() * 1000.0;
    if res.status().is_server_error() {
        tracing::warn!(status, latency_ms, "response");
    } else {
        tracing::info!(status, latency_ms, "response");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_request_ids_are_kept() {
        assert!(acceptable_id(b"0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(acceptable_id(b"lb:1234.5_6"));
        assert!(!acceptable_id(b""));
        assert!(!acceptable_id(b"has space"));
        assert!(!acceptable_id("x".repeat(MAX_REQUEST_ID + 1).as_bytes()));
    }

    #[test]
    fn a_span_never_holds_the_query_or_a_conversation_id() {
        let (writer, logs) = capture();
        let sub = subscriber(LogFormat::Json, Some("info"), writer);
        tracing::subscriber::with_default(sub, || {
            let req = axum::http::Request::get("/ask?q=secret+words").body(()).unwrap();
            let span = make_span(&req);
            span.in_scope(|| tracing::info!("inside"));
        });
        let text = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
        assert!(text.contains("\"path\":\"/ask\""), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    type Logs = std::sync::Arc<std::sync::Mutex<Vec<u8>>>;

    fn capture() -> (impl for<'a> MakeWriter<'a> + Send + Sync + 'static, Logs) {
        #[derive(Clone)]
        struct W(Logs);
        impl std::io::Write for W {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let logs = Logs::default();
        let kept = logs.clone();
        (move || W(kept.clone()), logs)
    }
}
