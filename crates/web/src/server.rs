use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request};
use axum::http::header::{HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, map_response, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use vesalius_answer::Engine;

use crate::guard::{Guard, Limits};
use crate::metrics::Metrics;
use crate::telemetry::{self, REQUEST_ID};
use crate::{api, health, limits, metrics, openapi, pages, review, tools};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The serving answer engine (and through it, the store), replaced when the content changes.
    engine: Arc<RwLock<Arc<Engine>>>,
    pub(crate) guard: Arc<Guard>,
    pub(crate) metrics: Arc<Metrics>,
}

/// Settings of the web layer.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Take the client address from the last entry of `X-Forwarded-For` instead of the socket. Only for a
    /// server that is reached solely through a reverse proxy that sets that header; otherwise any client
    /// could pick its own address and escape the limits.
    pub trust_proxy: bool,
    /// Per-client limits on anonymous writes and sign-in attempts.
    pub limits: Limits,
}

impl AppState {
    /// The state for `engine` with `config`.
    ///
    /// # Errors
    /// No randomness available for the form-token key or the dummy password hash, or a store that does not
    /// say its content generation (for the metrics).
    pub fn new(engine: Arc<Engine>, config: WebConfig) -> Result<AppState, String> {
        let generation =
            engine.store().generation().map_err(|e| format!("reading the store's content generation: {e}"))?;
        let metrics = Arc::new(Metrics::new(engine.indexed(), generation)?);
        Ok(AppState {
            engine: Arc::new(RwLock::new(engine)),
            guard: Arc::new(Guard::new(config.trust_proxy, config.limits)?),
            metrics,
        })
    }

    /// The serving answer engine. A request keeps the one it got, even if a newer one is swapped in meanwhile.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Rebuilds the engine when the store's content generation is not the serving engine's (an ingest, an
    /// edit, a review decision, done through this server, another one or the command line) and swaps it in.
    /// Blocking: call it off the async workers. Returns whether it rebuilt.
    ///
    /// # Errors
    /// The store or the rebuild failed; the serving engine stays.
    pub fn refresh(&self) -> Result<bool, vesalius_answer::AnswerError> {
        let current = self.engine();
        if current.store().generation()? == current.generation() {
            return Ok(false);
        }
        let next = Arc::new(current.rebuilt()?);
        self.metrics.index_refreshed(next.indexed(), next.generation());
        *self.engine.write().unwrap_or_else(PoisonError::into_inner) = next;
        Ok(true)
    }

    /// Keeps the engine in step with the store: every `every`, [`AppState::refresh`] on the blocking pool.
    /// A failed refresh is logged and tried again at the next tick.
    pub fn spawn_refresh(&self, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let s = state.clone();
                match tokio::task::spawn_blocking(move || s.refresh()).await {
                    Ok(Ok(true)) => {
                        let e = state.engine();
                        tracing::info!(
                            generation = e.generation(),
                            indexed = e.indexed(),
                            "content changed; engine rebuilt"
                        );
                    }
                    Ok(Ok(false)) => {}
                    Ok(Err(err)) => {
                        tracing::error!(error = %err, "refreshing the engine failed; still serving the previous one")
                    }
                    Err(err) => tracing::error!(error = %err, "the engine refresh task failed"),
                }
            }
        })
    }

    /// How many sign-ins for unknown names were verified against the dummy password hash (so that they cost
    /// what a real name costs).
    pub fn dummy_verifications(&self) -> u64 {
        self.guard.dummy_checks()
    }
}

/// The whole router: pages, API and static files.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/ask", get(pages::get_ask))
        .route("/threads/{id}", get(pages::get_thread))
        .route("/threads/{id}/delete", post(pages::delete_thread))
        .route("/articles/{slug}", get(pages::get_article))
        .route("/editorial-policy", get(pages::editorial_policy))
        .route("/advisory-board", get(pages::advisory_board))
        .route("/static/style.css", get(pages::style))
        .route("/api/ask", post(api::post_ask))
        .route("/api/articles", get(api::get_articles))
        .route("/api/articles/{slug}", get(api::get_article))
        .route("/api/localize", post(api::post_localize))
        .route("/api/isncsci", post(api::post_isncsci))
        .route("/api/openapi.json", get(openapi::get_openapi))
        .route("/healthz", get(health::get_healthz))
        .route("/metrics", get(metrics::get_metrics))
        .merge(tools::routes())
        .merge(review::routes())
        .route("/api/{*rest}", get(api::not_found).post(api::not_found))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(limits::MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(limits::MAX_BODY_BYTES))
        .layer(middleware::from_fn(limits::explain_too_large))
        .layer(map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    let set = [
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        ),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
    ];
    for (k, v) in set {
        h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
    }
    res
}

/// Timeouts and caps of [`serve_until`]; the defaults are those of `vesalius serve`.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long a client may take to send a request's headers, counted from the connection's start or the end
    /// of its previous response, so it is also the idle keep-alive timeout.
    pub header_read_timeout: Duration,
    /// How long one request may take from its headers to its response before it gets a 408.
    pub request_timeout: Duration,
    /// Connections served at once; further ones wait in the listen queue.
    pub max_connections: usize,
    /// How long shutdown waits for in-flight requests to end.
    pub shutdown_grace: Duration,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            shutdown_grace: Duration::from_secs(20),
        }
    }
}

/// Longest request target accepted (bytes); a longer one gets 414.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Largest request head hyper buffers (request line and headers, bytes); a larger one gets 431 from hyper.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest total size of a request's headers (names and values, bytes); larger gets 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Refuses an over-long request target (414) or oversized headers (431) before any handler runs.
async fn head_limits(req: Request, next: Next) -> Response {
    if req.uri().to_string().len() > MAX_URI_BYTES {
        let msg = format!("the request URI is longer than {MAX_URI_BYTES} bytes");
        return (StatusCode::URI_TOO_LONG, msg).into_response();
    }
    let header_bytes: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if header_bytes > MAX_HEADER_BYTES {
        let msg = format!("the request headers are larger than {MAX_HEADER_BYTES} bytes");
        return (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, msg).into_response();
    }
    next.run(req).await
}

/// Serves `app(state)` on `listener` until Ctrl-C or SIGTERM, with the default [`ServeConfig`].
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    serve_until(listener, state, ServeConfig::default(), shutdown()).await
}

/// Serves `app(state)` on `listener` until `stop` completes: a header-read (and idle) timeout, a per-request
/// timeout, URI and header size limits and a connection cap; request ids (`x-request-id`, kept when the
/// client sends a plain one, echoed in the response), a `tracing` span and log line per request, request
/// metrics and gzip compression of responses. When `stop` completes it stops accepting and lets
/// in-flight requests end (up to `config.shutdown_grace`). Each request carries the peer address as
/// [`ConnectInfo`].
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    config: ServeConfig,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    // Layers wrap those added before them: a request meets the last one first.
    let app = app(state.clone())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(middleware::from_fn(head_limits))
        .layer(middleware::from_fn_with_state(state, metrics::track))
        .layer(CompressionLayer::new().gzip(true).no_br().no_deflate().no_zstd())
        .layer(middleware::from_fn(telemetry::scope_request_id))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(telemetry::make_span)
                .on_request(())
                .on_response(telemetry::on_response),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(middleware::from_fn(telemetry::check_request_id));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_read_timeout).max_buf_size(MAX_HEAD_BYTES);
    let permits = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(_) => {
                    // Out of file descriptors or a connection reset before accept: try again shortly.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(config.shutdown_grace, graceful.shutdown()).await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
