use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::header::{HeaderName, HeaderValue};
use axum::middleware::map_response;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use vesalius_answer::Engine;

use crate::guard::{Guard, Limits};
use crate::{api, pages, review, tools};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The answer engine (and through it, the store).
    pub engine: Arc<Engine>,
    pub(crate) guard: Arc<Guard>,
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
    /// No randomness available for the form-token key or the dummy password hash.
    pub fn new(engine: Arc<Engine>, config: WebConfig) -> Result<AppState, String> {
        Ok(AppState { engine, guard: Arc::new(Guard::new(config.trust_proxy, config.limits)?) })
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
        .route("/articles/{slug}", get(pages::get_article))
        .route("/editorial-policy", get(pages::editorial_policy))
        .route("/advisory-board", get(pages::advisory_board))
        .route("/static/style.css", get(pages::style))
        .route("/api/ask", post(api::post_ask))
        .route("/api/articles", get(api::get_articles))
        .route("/api/articles/{slug}", get(api::get_article))
        .route("/api/localize", post(api::post_localize))
        .route("/api/isncsci", post(api::post_isncsci))
        .merge(tools::routes())
        .merge(review::routes())
        .route("/api/{*rest}", get(api::not_found).post(api::not_found))
        .fallback(pages::not_found)
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

/// Serves `app(state)` on `listener` until Ctrl-C or SIGTERM. Each request knows the socket address of its
/// client (the limits count by it).
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await
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
