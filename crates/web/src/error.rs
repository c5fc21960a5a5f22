//! Errors as HTTP responses: JSON for the API (the answer contract's error shape), HTML for pages.
//! Client errors show their message; internal errors show a generic one with the request id and are logged (`tracing`, within the
//! request's span, so with its request id).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use vesalius_answer::AnswerError;

/// An error of a request, before it is rendered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AppError {
    /// The request is wrong; the message says how.
    #[error("{0}")]
    BadRequest(String),
    /// Not allowed (signed out, wrong role, bad form token).
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts; the client may try again after `retry_after` seconds.
    #[error("{message}")]
    TooMany {
        /// What was refused and when to try again.
        message: String,
        /// Seconds until a new attempt may succeed (the `Retry-After` header).
        retry_after: u64,
    },
    /// Nothing at this address.
    #[error("{0}")]
    NotFound(String),
    /// The request is over one of the limits of `crate::limits`; the message names it.
    #[error("{0}")]
    TooLarge(String),
    /// The work of the request did not finish within `crate::limits::WORK_BUDGET`.
    #[error("{0}")]
    Busy(String),
    /// A fault of ours.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::NotFound(_) => "not_found",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooMany { .. } => "too_many_requests",
            AppError::TooLarge(_) => "too_large",
            AppError::Busy(_) => "busy",
            AppError::Internal(_) => "internal",
        }
    }

    /// The `Retry-After` header of a refusal for too many attempts.
    fn retry_after(&self) -> Option<(axum::http::HeaderName, axum::http::HeaderValue)> {
        match self {
            AppError::TooMany { retry_after, .. } => {
                Some((axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(*retry_after)))
            }
            _ => None,
        }
    }

    /// The message a client may see.
    pub(crate) fn public_message(&self) -> String {
        match self {
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                match crate::telemetry::current_request_id() {
                    Some(id) => format!("Something went wrong on our side. Please try again. (Request id: {id})"),
                    None => "Something went wrong on our side. Please try again.".into(),
                }
            }
            other => other.to_string(),
        }
    }
}

impl From<AnswerError> for AppError {
    fn from(e: AnswerError) -> Self {
        match e {
            AnswerError::BadQuestion(m) => AppError::BadRequest(m),
            e @ AnswerError::QuestionTooLong { .. } => AppError::TooLarge(e.to_string()),
            AnswerError::UnknownThread(id) => AppError::NotFound(format!("no conversation with id `{id}`")),
            AnswerError::Store(e @ vesalius_store::StoreError::OwnEdit { .. }) => AppError::Forbidden(e.to_string()),
            AnswerError::Store(e @ vesalius_store::StoreError::Conflict(_)) => AppError::BadRequest(e.to_string()),
            AnswerError::Store(vesalius_store::StoreError::NotFound(what)) => {
                AppError::NotFound(format!("no article with slug `{what}`"))
            }
            AnswerError::Store(s) if s.is_user_error() => AppError::BadRequest(s.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<vesalius_atlas::FindingsError> for AppError {
    fn from(e: vesalius_atlas::FindingsError) -> Self {
        match e {
            vesalius_atlas::FindingsError::TooMany { .. } => AppError::TooLarge(e.to_string()),
            other => AppError::BadRequest(other.to_string()),
        }
    }
}

impl From<vesalius_isncsci::ExamError> for AppError {
    fn from(e: vesalius_isncsci::ExamError) -> Self {
        use vesalius_isncsci::ExamError::{TooManyExams, TooManyFields};
        match e {
            TooManyFields { .. } | TooManyExams { .. } => AppError::TooLarge(e.to_string()),
            other => AppError::BadRequest(other.to_string()),
        }
    }
}

impl From<vesalius_store::StoreError> for AppError {
    fn from(e: vesalius_store::StoreError) -> Self {
        AppError::from(AnswerError::from(e))
    }
}

/// An [`AppError`] answered as JSON: `{"error": {"code", "message"}}`.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "code": self.0.code(), "message": self.0.public_message() } });
        let mut res = (self.0.status(), Json(body)).into_response();
        if let Some((k, v)) = self.0.retry_after() {
            res.headers_mut().insert(k, v);
        }
        res
    }
}

/// An [`AppError`] answered as an HTML page.
#[derive(Debug)]
pub(crate) struct PageError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = match self.0 {
            AppError::BadRequest(_) => "Bad request",
            AppError::NotFound(_) => "Not found",
            AppError::Forbidden(_) => "Not allowed",
            AppError::TooMany { .. } => "Too many attempts",
            AppError::TooLarge(_) => "Too large",
            AppError::Busy(_) => "Busy",
            AppError::Internal(_) => "Server error",
        };
        let message = self.0.public_message();
        let page = crate::render::layout(
            title,
            maud::html! {
                h1 { (title) }
                p.error-message { (message) }
                p { a href="/" { "Back to the start page" } }
            },
        );
        let mut res = (self.0.status(), page).into_response();
        if let Some((k, v)) = self.0.retry_after() {
            res.headers_mut().insert(k, v);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_internal_error_shows_a_generic_message_with_the_request_id_and_not_the_detail() {
        let res = crate::telemetry::with_request_id("req-42", async {
            ApiError(AppError::Internal("disk on fire".into())).into_response()
        })
        .await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("Something went wrong on our side") && body.contains("(Request id: req-42)"), "{body}");
        assert!(!body.contains("disk on fire"), "{body}");
    }
}
