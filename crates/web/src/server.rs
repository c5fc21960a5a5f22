use std::sync::Arc;

use axum::http::header::{HeaderName, HeaderValue};
use axum::middleware::map_response;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use vesalius_answer::Engine;

use crate::{api, pages, review, tools};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The answer engine (and through it, the store).
    pub engine: Arc<Engine>,
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

/// Serves `app(state)` on `listener` until Ctrl-C or SIGTERM.
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown()).await
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
