//! The JSON API: answers in the shape of the answer contract, errors as `{"error": {code, message}}`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use vesalius_core::{Answer, Audience};
use vesalius_store::ArticleListing;

use crate::error::{ApiError, AppError};
use crate::guard::Client;
use crate::limits::{self, bounded};
use crate::pages::AudienceQuery;
use crate::AppState;

/// Body of `POST /api/ask`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AskRequest {
    question: String,
    #[serde(default)]
    audience: Option<String>,
    /// Continue this conversation (a follow-up question).
    #[serde(default)]
    thread_id: Option<String>,
}

fn parse_audience(a: Option<&str>) -> Result<Audience, AppError> {
    a.map_or(Ok(Audience::default()), |s| {
        s.parse().map_err(|e: vesalius_core::ParseError| AppError::BadRequest(e.to_string()))
    })
}

pub(crate) async fn post_ask(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    body: Result<Json<AskRequest>, JsonRejection>,
) -> Result<Json<Answer>, ApiError> {
    let Json(req) = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => limits::body_too_large(limits::content_length(&headers)),
        _ => AppError::BadRequest(format!("invalid request body: {}", e.body_text())),
    })?;
    let audience = parse_audience(req.audience.as_deref())?;
    bounded("answering", move || {
        Ok(Json(crate::guard::ask(&state, &client, &req.question, audience, req.thread_id.as_deref())?))
    })
    .await
}

pub(crate) async fn get_articles(State(state): State<AppState>) -> Result<Json<Vec<ArticleListing>>, ApiError> {
    bounded("listing the articles", move || Ok(Json(state.engine().store().articles()?))).await
}

pub(crate) async fn get_article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<AudienceQuery>,
) -> Result<Json<Answer>, ApiError> {
    let audience = parse_audience(q.audience.as_deref())?;
    bounded("reading the article", move || {
        state
            .engine()
            .article(&slug, audience)?
            .map(Json)
            .ok_or_else(|| ApiError(AppError::NotFound(format!("no article with slug `{slug}`"))))
    })
    .await
}

pub(crate) async fn not_found() -> ApiError {
    ApiError(AppError::NotFound("no such API endpoint".into()))
}

/// `POST /api/localize`: findings JSON (at most [`vesalius_atlas::MAX_FINDINGS`]) to ranked explanations.
pub(crate) async fn post_localize(
    State(state): State<AppState>,
    body: String,
) -> Result<Json<serde_json::Value>, ApiError> {
    bounded("the localiser", move || {
        let engine = state.engine();
        let atlas = engine.atlas().ok_or_else(|| AppError::NotFound("this instance has no atlas data".into()))?;
        let findings = vesalius_atlas::Findings::from_json(&body)?;
        atlas.check_findings(&findings)?;
        let result = atlas.localize(&findings);
        Ok(Json(serde_json::to_value(result).map_err(|e| AppError::Internal(e.to_string()))?))
    })
    .await
}

/// `POST /api/isncsci`: an exam (or an array of at most [`vesalius_isncsci::MAX_EXAMS`]) to its
/// classification.
pub(crate) async fn post_isncsci(body: String) -> Result<Json<serde_json::Value>, ApiError> {
    bounded("the ISNCSCI classification", move || Ok(Json(vesalius_isncsci::classify_json(&body)?))).await
}
