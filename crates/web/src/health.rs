//! `GET /healthz`: whether the server can answer, for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::AppError;
use crate::limits::bounded;
use crate::AppState;

/// 200 `{"status": "ok", "generation", "indexed"}` when the store answers a trivial query within the work
/// budget; 503 `{"status": "unavailable", "error"}` otherwise.
pub(crate) async fn get_healthz(State(state): State<AppState>) -> Response {
    let s = state.clone();
    let probe = bounded("the health check", move || s.engine().store().generation().map_err(AppError::from)).await;
    health_response(probe, state.engine().indexed())
}

fn health_response(probe: Result<i64, AppError>, indexed: usize) -> Response {
    match probe {
        Ok(generation) => {
            Json(serde_json::json!({ "status": "ok", "generation": generation, "indexed": indexed })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "health check failed: the store did not answer");
            let body = serde_json::json!({ "status": "unavailable", "error": "the store did not answer" });
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_that_does_not_answer_is_a_503() {
        let down = health_response(Err(AppError::Busy("slow".into())), 3);
        assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(health_response(Ok(1), 3).status(), StatusCode::OK);
    }
}
