//! The reference list on the web: every known reference, and a form for editors to add one, checked by the
//! same rules as `content/references.toml` (required fields, type, PMID digits, DOI form, unique id).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use maud::html;
use vesalius_core::{RefType, Reference};

use crate::auth;
use crate::error::{AppError, PageError};
use crate::limits::{bounded, offload};
use crate::render::layout;
use crate::review::{signed_bar, staff_form, FormData};
use crate::AppState;

/// The routes of the reference list.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/references", get(get_references).post(post_reference))
}

/// Every reference an edit may cite: the built-in ones and those added on the web.
pub(crate) fn all_references(state: &AppState) -> Result<Vec<Reference>, AppError> {
    let mut refs = state.engine().known_references();
    refs.extend(state.engine().store().added_references()?);
    Ok(refs)
}

const TYPES: [RefType; 6] =
    [RefType::Guideline, RefType::Review, RefType::Research, RefType::Textbook, RefType::Dataset, RefType::Web];
const FIELDS: [&str; 9] = ["id", "type", "title", "authors", "journal", "year", "pmid", "doi", "url"];

fn page(
    state: &AppState,
    headers: &HeaderMap,
    errors: &[String],
    values: &[(&str, String)],
) -> Result<Response, PageError> {
    let signed = auth::current(state.engine().store(), headers)?;
    let refs = all_references(state)?;
    let value = |k: &str| values.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone()).unwrap_or_default();
    Ok(layout("References", html! {
        @if let Some(s) = &signed { (signed_bar(s)) }
        h1 { "References" }
        @if let Some(s) = signed.as_ref().filter(|s| s.user.role != "reader") {
            section.add-reference {
                h2 { "Add a reference" }
                p.meta { "Give a PMID (digits only) or a DOI (10.xxxx/…) that you have checked, or at least a URL. The id is what articles cite, e.g. [@smith-2024-sciatica]." }
                @if !errors.is_empty() { ul.errors { @for e in errors { li { (e) } } } }
                form.stacked action="/references" method="post" {
                    input type="hidden" name="csrf" value=(s.csrf);
                    @for f in FIELDS {
                        label for={"ref-" (f)} { (f) }
                        @if f == "type" {
                            select #ref-type name="type" { @for t in TYPES { option value=(t.as_str()) selected[value("type") == t.as_str()] { (t.label()) } } }
                        } @else {
                            input id={"ref-" (f)} name=(f) value=(value(f));
                        }
                    }
                    button type="submit" { "Add reference" }
                }
            }
        }
        ol.reference-list {
            @for r in &refs {
                li id={"ref-" (r.id)} {
                    span.ref-type { (r.ref_type.label()) }
                    span.ref-title { @if let Some(l) = r.link() { a href=(l) rel="noopener" { (r.title) } } @else { (r.title) } }
                    span.ref-meta { (r.authors) ". " em { (r.journal) } ", " (r.year) ". " code { "[@" (r.id) "]" } }
                }
            }
        }
    }).into_response())
}

async fn get_references(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, PageError> {
    bounded("the reference list", move || page(&state, &headers, &[], &[])).await
}

fn toml_string(v: &str) -> String {
    let escaped: String =
        v.chars().filter(|c| !c.is_control()).collect::<String>().replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

async fn post_reference(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("adding the reference", move || {
        let s = staff_form(&state, &headers, &f)?;
        let values: Vec<(&str, String)> =
            FIELDS.iter().map(|k| (*k, f.get(*k).map(|v| v.trim().to_string()).unwrap_or_default())).collect();
        // Build the same TOML the content file would hold, so the loader's checks apply unchanged.
        let mut toml = String::from("[[reference]]\n");
        for (k, v) in &values {
            if v.is_empty() && !matches!(*k, "id" | "type" | "title" | "authors" | "journal" | "year") {
                continue;
            }
            if *k == "year" {
                let year = if v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty() { v.clone() } else { "0".into() };
                toml.push_str(&format!("year = {year}\n"));
            } else {
                toml.push_str(&format!("{k} = {}\n", toml_string(v)));
            }
        }
        let parsed = vesalius_content::parse_references(std::path::Path::new("form"), &toml);
        let mut errors: Vec<String> = match &parsed {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.iter().map(|x| format!("{}: {}", x.field.as_deref().unwrap_or("reference"), x.message)).collect()
            }
        };
        if let Ok(refs) = &parsed {
            if let Some(r) = refs.first() {
                if all_references(&state)?.iter().any(|k| k.id == r.id) {
                    errors.push(format!("id: a reference with id `{}` already exists", r.id));
                }
            }
        }
        match parsed {
            Ok(refs) if errors.is_empty() => {
                if let Some(r) = refs.first() {
                    state.engine().store().add_reference(r, &s.user.name)?;
                }
                page(&state, &headers, &[], &[])
            }
            _ => page(&state, &headers, &errors, &values),
        }
    })
    .await
}
