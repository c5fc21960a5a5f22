//! Editing on the web: articles as Markdown with citation markers (preview, save as a new version), and
//! promoting a composed answer kept as a draft into a new article.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{html, Markup};
use vesalius_core::ReviewStage;

use crate::auth::Signed;
use crate::error::{AppError, PageError};
use crate::limits::{bounded, offload};
use crate::render::{answer_view, layout, View};
use crate::review::{redirect, signed_bar, staff, staff_form, FormData};
use crate::AppState;

/// The editing routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/edit/{slug}", get(get_edit).post(post_edit)).route("/review/drafts/{id}", post(post_promote))
}

async fn get_edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    bounded("the editor", move || {
        let s = staff(&state, &headers)?;
        let a =
            state.engine().store().article(&slug)?.ok_or_else(|| AppError::NotFound(format!("no article `{slug}`")))?;
        Ok(layout("Edit", edit_form(&s, &slug, &vesalius_content::to_markdown(&a.article), None, &[])).into_response())
    })
    .await
}

fn edit_form(s: &Signed, slug: &str, text: &str, preview: Option<Markup>, errors: &[String]) -> Markup {
    html! {
        (signed_bar(s))
        h1 { "Edit " (slug) }
        p.meta { "Markdown with citation markers such as [@lee-2008-dermatomes]; the format is in docs/content-format.md. Saving creates a new version that starts as Submitted; readers keep seeing the last approved version until it is approved." }
        @if !errors.is_empty() { ul.errors { @for e in errors { li { (e) } } } }
        form.stacked.edit action={"/edit/" (slug)} method="post" {
            input type="hidden" name="csrf" value=(s.csrf);
            textarea name="text" rows="30" { (text) }
            div.buttons {
                button type="submit" name="action" value="preview" { "Preview" }
                button type="submit" name="action" value="save" { "Save as new version" }
            }
        }
        @if let Some(p) = preview { section.preview { h2 { "Preview" } (p) } }
    }
}

async fn post_edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("saving the article", move || {
        let s = staff_form(&state, &headers, &f)?;
        let text = f.get("text").map(String::as_str).unwrap_or_default().replace("\r\n", "\n");
        let path = std::path::PathBuf::from(format!("articles/{slug}.md"));
        let known = crate::references::all_references(&state)?;
        let parsed = vesalius_content::Corpus::from_files([
            (std::path::PathBuf::from("references.toml"), crate::review_render::references_toml(&known)),
            (path, text.clone()),
        ]);
        let corpus = match parsed {
            Ok(c) => c,
            Err(e) => {
                let errors: Vec<String> = e.0.iter().map(|x| x.to_string()).collect();
                return Ok(layout("Edit", edit_form(&s, &slug, &text, None, &errors)).into_response());
            }
        };
        let Some(article) = corpus.articles.first() else {
            return Err(AppError::BadRequest("no article in the text".into()).into());
        };
        if article.slug.as_str() != slug {
            let msg = format!("the slug must stay `{slug}`");
            return Ok(layout("Edit", edit_form(&s, &slug, &text, None, &[msg])).into_response());
        }
        if f.get("action").map(String::as_str) == Some("save") {
            state.engine().store().save_version(article, &corpus.cited_by(article), &s.user.name)?;
            return Ok(redirect(&format!("/review/{slug}"), None));
        }
        let stored = vesalius_store::StoredArticle {
            version: 0,
            article: article.clone(),
            references: corpus.cited_by(article),
            stage: ReviewStage::Submitted,
            approved: None,
        };
        let answer = vesalius_answer::compose_article(
            &stored,
            &article.question,
            vesalius_core::Audience::Clinician,
            1.0,
            vesalius_answer::Glossary::builtin(),
        );
        let preview =
            answer_view(&article.question, &answer, &View { path: &format!("/articles/{slug}"), query: None });
        Ok(layout("Edit", edit_form(&s, &slug, &text, Some(preview), &[])).into_response())
    })
    .await
}

async fn post_promote(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("promoting the draft", move || {
        let s = staff_form(&state, &headers, &f)?;
        let engine = state.engine();
        let store = engine.store();
        let draft = store
            .drafts()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| AppError::NotFound(format!("no draft {id}")))?;
        let answer: vesalius_core::Answer =
            serde_json::from_str(&draft.answer).map_err(|e| AppError::Internal(e.to_string()))?;
        let slug = f.get("slug").map(|s| s.trim()).unwrap_or_default();
        let (article, refs) =
            crate::review_render::article_from_answer(&answer, slug, &store.today()?).map_err(AppError::BadRequest)?;
        store.promote_draft(id, &article, &refs, &s.user.name)?;
        Ok(redirect(&format!("/review/{slug}"), None))
    })
    .await
}
