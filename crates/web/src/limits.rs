//! Bounded work per request (docs/decision-bounded-work.md).
//!
//! Every request is bounded in size and in time:
//!
//! - its body by [`MAX_BODY_BYTES`] (413, naming the limit, as JSON under `/api/` and as a page elsewhere);
//! - a question by [`vesalius_answer::MAX_QUESTION_CHARS`], localiser findings by
//!   [`vesalius_atlas::MAX_FINDINGS`], an ISNCSCI exam by [`vesalius_isncsci::MAX_EXAM_FIELDS`] and a document
//!   of exams by [`vesalius_isncsci::MAX_EXAMS`], the no-script forms of the tools by [`MAX_FORM_FIELDS`]
//!   (each a 413 whose message names the limit and what was sent);
//! - its blocking work (SQLite, search and answering, the localiser, ISNCSCI classification, argon2) runs on
//!   tokio's blocking pool through [`bounded`], so the async workers stay free for other requests, and a
//!   read that takes longer than [`WORK_BUDGET`] is answered with a 503 that says so. Work that changes
//!   stored data runs through [`offload`], off the workers but without a budget, so that a slow write is
//!   never reported as failed after it succeeded.

use std::time::Duration;

use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, AppError, PageError};

/// The largest request body accepted, in bytes (2 MiB, axum's default, made explicit). The largest
/// legitimate bodies are edited articles (tens of kilobytes) and the 2019 ISNCSCI validation set of 100
/// exams (about 400 KB).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The most fields a no-script form of the tools (`/localize`, `/isncsci`) may send. The localiser's form
/// has at most about 270 fields (every region, movement, reflex and cue) and the ISNCSCI worksheet 136.
pub const MAX_FORM_FIELDS: usize = 1000;

/// The time a request's blocking work may take before it is answered with a 503. Every bounded request
/// finishes in milliseconds on a small machine; the budget only catches a machine that is overloaded.
pub const WORK_BUDGET: Duration = Duration::from_secs(3);

/// Runs `work` (blocking: SQLite, search, CPU) on the blocking pool within [`WORK_BUDGET`]. `what` names the
/// work in the 503's message ("the localiser").
pub(crate) async fn bounded<T, E>(
    what: &'static str,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<AppError> + Send + 'static,
{
    within(WORK_BUDGET, what, work).await
}

/// [`bounded`] with the budget given.
pub(crate) async fn within<T, E>(
    budget: Duration,
    what: &'static str,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<AppError> + Send + 'static,
{
    let span = tracing::Span::current();
    match tokio::time::timeout(budget, tokio::task::spawn_blocking(move || span.in_scope(work))).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(AppError::Internal(format!("{what}: the worker stopped: {e}")).into()),
        Err(_) => Err(AppError::Busy(format!(
            "{what} took longer than the {} s allowed for one request; the server is busy, please try again",
            budget.as_secs_f64()
        ))
        .into()),
    }
}

/// Runs `work` that changes stored data on the blocking pool, without a time budget.
pub(crate) async fn offload<T, E>(
    what: &'static str,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<AppError> + Send + 'static,
{
    let span = tracing::Span::current();
    match tokio::task::spawn_blocking(move || span.in_scope(work)).await {
        Ok(result) => result,
        Err(e) => Err(AppError::Internal(format!("{what}: the worker stopped: {e}")).into()),
    }
}

/// Checks the number of fields of a submitted form against [`MAX_FORM_FIELDS`].
pub(crate) fn check_form_fields(n: usize) -> Result<(), AppError> {
    if n > MAX_FORM_FIELDS {
        return Err(AppError::TooLarge(format!(
            "the form has too many fields: at most {MAX_FORM_FIELDS} fields; got {n}"
        )));
    }
    Ok(())
}

/// The error of a body over [`MAX_BODY_BYTES`]; `sent` is its `Content-Length`, when given.
pub(crate) fn body_too_large(sent: Option<u64>) -> AppError {
    let got = sent.map_or_else(|| "more".to_string(), |n| format!("{n} bytes"));
    AppError::TooLarge(format!("the request body is too large: at most {MAX_BODY_BYTES} bytes (2 MiB); got {got}"))
}

/// The `Content-Length` of a request, when given.
pub(crate) fn content_length(headers: &axum::http::HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok())
}

/// Replaces axum's plain-text 413 (a body over [`MAX_BODY_BYTES`], refused by an extractor) with the
/// house error: JSON under `/api/`, a page elsewhere, naming the limit.
pub(crate) async fn explain_too_large(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let sent = content_length(req.headers());
    let res = next.run(req).await;
    let plain =
        res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/plain"));
    if res.status() != StatusCode::PAYLOAD_TOO_LARGE || !plain {
        return res;
    }
    let e = body_too_large(sent);
    if api {
        ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_over_the_budget_is_a_503_naming_it_and_other_work_goes_on() {
        let (release, wait) = std::sync::mpsc::channel::<()>();
        // Blocks until released, which happens only after the budget has run out.
        let slow = within(Duration::from_millis(20), "the test job", move || {
            let _ = wait.recv();
            Ok::<(), AppError>(())
        });
        let e = slow.await.expect_err("over budget");
        assert!(matches!(&e, AppError::Busy(m) if m.contains("the test job took longer than the 0.02 s")), "{e}");
        // The async workers were never blocked: other work runs while the slow job still holds its thread.
        let quick = bounded("a quick job", || Ok::<u32, AppError>(7)).await;
        assert_eq!(quick.ok(), Some(7));
        let _ = release.send(());
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_internal_error_not_a_crash() {
        let r = offload("the panicking job", || -> Result<(), AppError> { panic!("boom") }).await;
        assert!(matches!(r, Err(AppError::Internal(m)) if m.contains("the panicking job")));
    }

    #[test]
    fn form_fields_over_the_limit_name_it() {
        assert!(check_form_fields(MAX_FORM_FIELDS).is_ok());
        let e = check_form_fields(MAX_FORM_FIELDS + 5).expect_err("over");
        assert_eq!(
            e.to_string(),
            format!("the form has too many fields: at most 1000 fields; got {}", MAX_FORM_FIELDS + 5)
        );
    }
}
