//! Prometheus metrics (`GET /metrics`, docs/decision-observability.md): requests by method, route template and
//! status with a latency histogram, answers by kind, refusals, urgent answers, and what the serving index holds.
//!
//! Each [`AppState`] owns its registry (no global recorder), so servers in one process, such as the tests,
//! count apart. Labels are bounded: the route is axum's matched template (`/articles/{slug}`), never the raw
//! path, and a method outside the standard ones is counted as `OTHER`.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts, Registry};
use vesalius_core::{Answer, AnswerKind};

use crate::limits::bounded;
use crate::AppState;

/// The route label of a request that matched no route (the fallback's 404).
pub(crate) const UNMATCHED: &str = "unmatched";

/// Every answer kind of the answer contract, as its label.
const KINDS: [&str; 5] = ["article", "qa", "atlas", "none", "urgent"];

/// Latency buckets in seconds: answers take milliseconds; the work budget is 3 s and the request timeout 30 s.
const BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// The metrics of one server.
pub(crate) struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    answers: IntCounterVec,
    refusals: IntCounter,
    urgent: IntCounter,
    store_generation: IntGauge,
    index_documents: IntGauge,
    index_generation: IntGauge,
    index_loaded: IntGauge,
}

/// The time now, in Unix seconds.
fn now_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn register<C: prometheus::core::Collector + Clone + 'static>(r: &Registry, c: C) -> Result<C, String> {
    r.register(Box::new(c.clone())).map_err(|e| format!("registering a metric: {e}"))?;
    Ok(c)
}

impl Metrics {
    /// The metrics of a server whose engine indexes `documents` items, built from content generation
    /// `generation`.
    ///
    /// # Errors
    /// A metric that cannot be registered (a programming error: names are fixed).
    pub(crate) fn new(documents: usize, generation: i64) -> Result<Metrics, String> {
        let r = Registry::new();
        let e = |e: prometheus::Error| e.to_string();
        let requests = register(
            &r,
            IntCounterVec::new(
                Opts::new(
                    "vesalius_http_requests_total",
                    "HTTP requests answered, by method, route template and status",
                ),
                &["method", "route", "status"],
            )
            .map_err(e)?,
        )?;
        let latency = register(
            &r,
            HistogramVec::new(
                HistogramOpts::new(
                    "vesalius_http_request_duration_seconds",
                    "Time from a request's headers to its response head, by method and route template",
                )
                .buckets(BUCKETS.to_vec()),
                &["method", "route"],
            )
            .map_err(e)?,
        )?;
        let answers = register(
            &r,
            IntCounterVec::new(
                Opts::new("vesalius_answers_total", "Questions answered (GET /ask and POST /api/ask), by answer kind"),
                &["kind"],
            )
            .map_err(e)?,
        )?;
        for kind in KINDS {
            answers.with_label_values(&[kind]);
        }
        let refusals = register(
            &r,
            IntCounter::new("vesalius_refusals_total", "Questions for which nothing trusted matched (kind none)")
                .map_err(e)?,
        )?;
        let urgent = register(
            &r,
            IntCounter::new("vesalius_urgent_answers_total", "Answers that led with an urgent-care message")
                .map_err(e)?,
        )?;
        let gauge = |name: &str, help: &str, value: i64| -> Result<IntGauge, String> {
            let g = register(&r, IntGauge::new(name, help).map_err(e)?)?;
            g.set(value);
            Ok(g)
        };
        let index_documents = gauge(
            "vesalius_index_documents",
            "Items in the serving search index (articles and Q&A pairs)",
            documents as i64,
        )?;
        let index_generation = gauge(
            "vesalius_index_generation",
            "Content generation of the store the serving index was built from (it changes when content does)",
            generation,
        )?;
        let index_loaded = gauge(
            "vesalius_index_loaded_timestamp_seconds",
            "When the serving index was built or opened (Unix time)",
            now_seconds(),
        )?;
        let store_generation = gauge(
            "vesalius_store_generation",
            "Content generation of the store now; above vesalius_index_generation until the engine refreshes (within seconds)",
            generation,
        )?;
        Ok(Metrics {
            registry: r,
            requests,
            latency,
            answers,
            refusals,
            urgent,
            store_generation,
            index_documents,
            index_generation,
            index_loaded,
        })
    }

    /// Records that a new engine (index) is serving.
    pub(crate) fn index_refreshed(&self, documents: usize, generation: i64) {
        self.index_documents.set(documents as i64);
        self.index_generation.set(generation);
        self.index_loaded.set(now_seconds());
    }

    /// Counts one answered question.
    pub(crate) fn answered(&self, answer: &Answer) {
        let kind = match answer.kind {
            AnswerKind::Article => "article",
            AnswerKind::Qa => "qa",
            AnswerKind::Atlas => "atlas",
            AnswerKind::None => "none",
            AnswerKind::Urgent => "urgent",
        };
        self.answers.with_label_values(&[kind]).inc();
        if answer.kind == AnswerKind::None {
            self.refusals.inc();
        }
        if answer.safety.urgent {
            self.urgent.inc();
        }
    }

    /// The metrics in Prometheus' text format.
    fn render(&self) -> Result<String, String> {
        let mut out = Vec::new();
        prometheus::TextEncoder::new().encode(&self.registry.gather(), &mut out).map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    }
}

/// The method as a bounded label.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// The route template of a request: axum's matched path, or [`UNMATCHED`].
pub(crate) fn route_of<B>(req: &axum::http::Request<B>) -> String {
    req.extensions().get::<MatchedPath>().map_or_else(|| UNMATCHED.to_string(), |m| m.as_str().to_string())
}

/// Middleware: counts every request with its status and latency.
pub(crate) async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(req.method());
    let route = route_of(&req);
    let res = next.run(req).await;
    let m = &state.metrics;
    m.requests.with_label_values(&[method, &route, res.status().as_str()]).inc();
    m.latency.with_label_values(&[method, &route]).observe(started.elapsed().as_secs_f64());
    res
}

/// `GET /metrics`.
pub(crate) async fn get_metrics(State(state): State<AppState>) -> Response {
    let s = state.clone();
    // The store generation is read at scrape time; a store that does not answer leaves the last value.
    if let Ok(g) = bounded("reading the content generation", move || {
        s.engine().store().generation().map_err(crate::error::AppError::from)
    })
    .await
    {
        state.metrics.store_generation.set(g);
    }
    match state.metrics.render() {
        Ok(text) => {
            let mut res = text.into_response();
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering the metrics failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "the metrics could not be rendered").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_exported_from_zero_and_answers_count_their_kind() {
        let m = Metrics::new(12, 3).unwrap();
        let text = m.render().unwrap();
        for kind in KINDS {
            assert!(text.contains(&format!("vesalius_answers_total{{kind=\"{kind}\"}} 0")), "{kind}: {text}");
        }
        assert!(text.contains("vesalius_index_documents 12") && text.contains("vesalius_index_generation 3"));
        let mut a: Answer = serde_json::from_value(serde_json::json!({
            "question": "q", "audience": "patient", "kind": "none", "status": null, "title": "",
            "summary": "", "sections": [], "references": [], "sources": [],
            "safety": {"urgent": false, "message": null}, "confidence": 0.0, "follow_ups": [],
            "alternatives": [], "last_updated": null, "reading_grade": null
        }))
        .unwrap();
        m.answered(&a);
        a.kind = AnswerKind::Urgent;
        a.safety.urgent = true;
        m.answered(&a);
        let text = m.render().unwrap();
        assert!(text.contains("vesalius_answers_total{kind=\"none\"} 1"), "{text}");
        assert!(text.contains("vesalius_answers_total{kind=\"urgent\"} 1"), "{text}");
        assert!(text.contains("vesalius_refusals_total 1") && text.contains("vesalius_urgent_answers_total 1"));
    }

    #[test]
    fn unusual_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "OTHER");
    }
}
