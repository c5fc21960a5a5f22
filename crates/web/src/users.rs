//! Account management for admins: the list of accounts and a form to create one. The first admin is made
//! from the terminal (`vesalius user add`).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use maud::html;

use crate::auth::{self, Signed};
use crate::error::{AppError, PageError};
use crate::limits::{bounded, offload};
use crate::render::layout;
use crate::review::{signed_bar, FormData};
use crate::AppState;

const ROLES: [&str; 4] = ["reader", "editor", "reviewer", "admin"];
/// The shortest password accepted.
pub(crate) const MIN_PASSWORD: usize = 10;

/// The routes of account management.
pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/admin/users", get(get_users).post(post_user))
}

fn admin(state: &AppState, headers: &HeaderMap) -> Result<Signed, AppError> {
    match auth::current(state.engine().store(), headers)? {
        Some(s) if s.user.role == "admin" => Ok(s),
        Some(_) => Err(AppError::Forbidden("only admins manage accounts".into())),
        None => Err(AppError::Forbidden("sign in first: /sign-in".into())),
    }
}

fn page(state: &AppState, s: &Signed, message: Option<&str>) -> Result<Response, PageError> {
    let engine = state.engine();
    let users = engine.store().users()?;
    Ok(layout("Accounts", html! {
        (signed_bar(s))
        h1 { "Accounts" }
        @if let Some(m) = message { p.notice role="status" { (m) } }
        table.users {
            thead { tr { th { "Name" } th { "Role" } th { "Credentials" } th { "Specialty" } th { "Since" } } }
            tbody { @for u in &users { tr { td { (u.name) } td { (u.role) } td { (u.credentials) } td { (u.specialty) } td { (u.created_at.get(..10).unwrap_or(&u.created_at)) } } } }
        }
        h2 { "Create an account" }
        p.meta { "Reviewers form the medical advisory board: their name, credentials and specialty are shown on /advisory-board and on the articles they approve." }
        form.stacked action="/admin/users" method="post" {
            input type="hidden" name="csrf" value=(s.csrf);
            label for="u-name" { "Name" } input #u-name name="name" required;
            label for="u-role" { "Role" } select #u-role name="role" { @for r in ROLES { option { (r) } } }
            label for="u-cred" { "Credentials" } input #u-cred name="credentials";
            label for="u-spec" { "Specialty" } input #u-spec name="specialty";
            label for="u-pass" { "Password (at least " (MIN_PASSWORD) " characters)" } input #u-pass type="password" name="password" required minlength=(MIN_PASSWORD) autocomplete="new-password";
            button type="submit" { "Create account" }
        }
    }).into_response())
}

async fn get_users(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, PageError> {
    bounded("the account list", move || {
        let s = admin(&state, &headers)?;
        page(&state, &s, None)
    })
    .await
}

async fn post_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("creating the account", move || {
        let s = admin(&state, &headers)?;
        auth::check_csrf(&s, &f)?;
        let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        let password = f.get("password").cloned().unwrap_or_default();
        if password.chars().count() < MIN_PASSWORD {
            return Err(
                AppError::BadRequest(format!("the password must have at least {MIN_PASSWORD} characters")).into()
            );
        }
        let hash = auth::hash_password(&password).map_err(AppError::Internal)?;
        let user = state.engine().store().add_user(
            &get("name"),
            &get("role"),
            &get("credentials"),
            &get("specialty"),
            &hash,
        )?;
        page(&state, &s, Some(&format!("Created {} ({}).", user.name, user.role)))
    })
    .await
}
