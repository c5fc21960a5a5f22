//! The editorial workflow on the web: sign-in, the review queue, the review screen with its decisions,
//! editing articles, and readers' problem reports. Every form carries a CSRF token; only reviewers approve,
//! never a version they wrote (enforced by the store).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{html, Markup};
use vesalius_core::{Decision, ReviewStage, Role};
use vesalius_store::Note;

use crate::auth::{self, Signed};
use crate::diff::{diff, Line};
use crate::error::{AppError, PageError};
use crate::guard::{self, Client};
use crate::limits::{bounded, offload};
use crate::render::{answer_view, layout, View};
use crate::AppState;

pub(crate) type FormData = Form<HashMap<String, String>>;

/// The workflow's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(get_sign_in).post(post_sign_in))
        .route("/sign-out", post(post_sign_out))
        .route("/review", get(get_queue))
        .route("/review/{slug}", get(get_review).post(post_review))
        .merge(crate::edit::routes())
        .merge(crate::references::routes())
        .merge(crate::users::routes())
        .route("/articles/{slug}/report", get(get_report).post(post_report))
}

pub(crate) fn redirect(to: &str, cookie: Option<HeaderValue>) -> Response {
    let mut res =
        (StatusCode::SEE_OTHER, [(LOCATION, HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")))])
            .into_response();
    if let Some(c) = cookie {
        res.headers_mut().append(SET_COOKIE, c);
    }
    res
}

fn with_cookie(page: impl IntoResponse, cookie: Option<HeaderValue>) -> Response {
    let mut res = page.into_response();
    if let Some(c) = cookie {
        res.headers_mut().append(SET_COOKIE, c);
    }
    res
}

/// The signed-in staff member posting a form with its CSRF token, or a 403.
pub(crate) fn staff_form(
    state: &AppState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<Signed, AppError> {
    let s = staff(state, headers)?;
    auth::check_csrf(&s, form)?;
    Ok(s)
}

/// The signed-in staff member (editor, reviewer or admin), or a 403.
pub(crate) fn staff(state: &AppState, headers: &HeaderMap) -> Result<Signed, AppError> {
    match auth::current(state.engine().store(), headers)? {
        Some(s) if matches!(s.user.role.as_str(), "editor" | "reviewer" | "admin") => Ok(s),
        Some(_) => Err(AppError::Forbidden("the review queue is for editors and reviewers".into())),
        None => Err(AppError::Forbidden("sign in first: /sign-in".into())),
    }
}

fn role_of(s: &Signed) -> Role {
    if s.user.role == "reviewer" {
        Role::Reviewer
    } else {
        Role::Editor
    }
}

pub(crate) fn signed_bar(s: &Signed) -> Markup {
    html! {
        form.signed-in action="/sign-out" method="post" {
            "Signed in as " strong { (s.user.name) } " (" (s.user.role) ") "
            @if s.user.role == "admin" { a href="/admin/users" { "Accounts" } " " }
            a href="/references" { "References" } " "
            input type="hidden" name="csrf" value=(s.csrf);
            button type="submit" { "Sign out" }
        }
    }
}

async fn get_sign_in(headers: HeaderMap) -> Result<Response, PageError> {
    let (token, cookie) = auth::form_token(&headers)?;
    let page = layout(
        "Sign in",
        html! {
            h1 { "Sign in" }
            p { "For editors and reviewers. Readers need no account." }
            form.stacked action="/sign-in" method="post" {
                input type="hidden" name="form_token" value=(token);
                label for="name" { "Name" }
                input #name name="name" required autocomplete="username";
                label for="password" { "Password" }
                input #password type="password" name="password" required autocomplete="current-password";
                button type="submit" { "Sign in" }
            }
        },
    );
    Ok(with_cookie(page, cookie))
}

/// Minutes, rounded up, for a message.
fn minutes(secs: u64) -> u64 {
    secs.div_ceil(60).max(1)
}

/// Refuses a sign-in while its (name, address) or its address must wait after failed attempts.
fn sign_in_throttle(state: &AppState, name: &str, client: &Client) -> Result<(), AppError> {
    let engine = state.engine();
    let f = engine.store().sign_in_failures(name, &client.0, guard::FAILURE_WINDOW_MINUTES)?;
    let limits = &state.guard.limits;
    let pair = guard::sign_in_wait(f.pair, limits.sign_in_per_name);
    let address = guard::sign_in_wait(f.address, limits.sign_in_per_address);
    let message = match (pair, address) {
        (_, Some(w)) => {
            format!("too many failed sign-ins from your network; wait {} minute(s) and try again", minutes(w))
        }
        (Some(w), None) => format!(
            "too many failed sign-ins for this name from your network; wait {} minute(s) and try again",
            minutes(w)
        ),
        (None, None) => return Ok(()),
    };
    let retry_after = pair.unwrap_or(0).max(address.unwrap_or(0));
    Err(AppError::TooMany { message, retry_after })
}

async fn post_sign_in(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("signing in", move || {
        auth::check_form_token(&headers, f.get("form_token").map(String::as_str))?;
        let name = f.get("name").map(|s| s.trim()).unwrap_or_default();
        let password = f.get("password").map(String::as_str).unwrap_or_default();
        sign_in_throttle(&state, name, &client)?;
        let _slot = state.guard.sign_in_slot(&client)?;
        let engine = state.engine();
        let store = engine.store();
        let user = store.user_by_name(name)?;
        // An unknown name is verified against a dummy hash of the same parameters: the same work and time as a
        // real name with a wrong password, so failures do not tell which names exist.
        let hash = state.guard.hash_for(user.as_ref().map(|u| u.password_hash.as_str()));
        let verified = auth::verify_password(hash, password);
        match user {
            Some(user) if verified => {
                store.clear_sign_in_failures(name, &client.0)?;
                let cookie = auth::start_session(store, &headers, &user)?;
                Ok(redirect("/review", Some(cookie)))
            }
            _ => {
                store.record_sign_in_failure(name, &client.0)?;
                Err(AppError::Forbidden("the name or password is wrong".into()).into())
            }
        }
    })
    .await
}

async fn post_sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("signing out", move || {
        if let Some(s) = auth::current(state.engine().store(), &headers)? {
            auth::check_csrf(&s, &f)?;
        }
        let cookie = auth::end_session(state.engine().store(), &headers)?;
        Ok(redirect("/", Some(cookie)))
    })
    .await
}

async fn get_queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    bounded("the review queue", move || {
    let s = staff(&state, &headers)?;
    let engine = state.engine();
    let store = engine.store();
    let filter = |k: &str| q.get(k).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty());
    let (topic, stage, assignee, older) =
        (filter("topic"), filter("stage"), filter("assignee"), filter("older_than_days"));
    let older: Option<u32> = older.and_then(|d| d.parse().ok());
    let today = store.today()?;
    let items: Vec<_> = store
        .queue()?
        .into_iter()
        .filter(|i| topic.as_ref().is_none_or(|t| i.topics.iter().any(|x| x.to_lowercase().contains(t.as_str()))))
        .filter(|i| stage.as_ref().is_none_or(|st| i.stage.as_str().to_lowercase() == *st))
        .filter(|i| {
            assignee
                .as_ref()
                .is_none_or(|a| i.assignee.as_deref().is_some_and(|x| x.to_lowercase().contains(a.as_str())))
        })
        .filter(|i| older.is_none_or(|d| days_between(&i.since, &today) >= d))
        .collect();
    let tickets = store.tickets()?;
    let drafts = store.drafts()?;
    Ok(layout("Review queue", html! {
        (signed_bar(&s))
        h1 { "Review queue" }
        form.filters action="/review" method="get" {
            label { "Topic " input name="topic" value=(q.get("topic").map(String::as_str).unwrap_or("")); }
            label { "Stage " select name="stage" {
                option value="" { "any" }
                @for st in ReviewStage::ALL { option value=(st.as_str()) selected[stage.as_deref() == Some(&st.as_str().to_lowercase())] { (st.as_str()) } }
            } }
            label { "Assignee " input name="assignee" value=(q.get("assignee").map(String::as_str).unwrap_or("")); }
            label { "Older than (days) " input name="older_than_days" type="number" min="0" value=(q.get("older_than_days").map(String::as_str).unwrap_or("")); }
            button type="submit" { "Filter" }
        }
        @for st in ReviewStage::ALL {
            section.queue-stage data-stage=(st.as_str()) {
                h2 { (st.as_str()) }
                ul {
                    @for i in items.iter().filter(|i| i.stage == st) {
                        li {
                            a href={"/review/" (i.slug)} { (i.title) } " · v" (i.version) " · " (i.kind)
                            @if let Some(a) = &i.assignee { " · assigned to " (a) }
                            " · since " (i.since.get(..10).unwrap_or(&i.since))
                        }
                    }
                }
            }
        }
        @if drafts.iter().any(|d| d.promoted_to.is_none()) {
            section.drafts {
                h2 { "Drafts composed from trusted Q&A" }
                p.meta { "Answers Vesalius composed for readers' questions. Promote one to make it an article (Submitted) that can be edited and reviewed." }
                ul { @for d in drafts.iter().filter(|d| d.promoted_to.is_none()) {
                    li {
                        strong { (d.question) } " · asked " (d.asked) " time(s) since " (d.created_at.get(..10).unwrap_or(&d.created_at))
                        form.inline action={"/review/drafts/" (d.id)} method="post" {
                            input type="hidden" name="csrf" value=(s.csrf);
                            label { "as slug " input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="e.g. shingles-and-babies"; }
                            button type="submit" { "Promote to article" }
                        }
                    }
                } }
            }
        }
        @if !tickets.is_empty() {
            section.tickets {
                h2 { "Problem reports" }
                ul { @for t in &tickets { li { a href={"/review/" (t.slug)} { (t.slug) } ": " (t.message) " (" (t.created_at.get(..10).unwrap_or(&t.created_at)) ")" } } }
            }
        }
    }).into_response())
    })
    .await
}

fn days_between(from: &str, to: &str) -> u32 {
    let day = |s: &str| -> Option<i64> {
        let (y, m, d) =
            (s.get(0..4)?.parse::<i64>().ok()?, s.get(5..7)?.parse::<i64>().ok()?, s.get(8..10)?.parse::<i64>().ok()?);
        // Days since an epoch, good enough for differences (civil-from-days inverse).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        Some(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy)
    };
    match (day(from), day(to)) {
        (Some(a), Some(b)) if b > a => (b - a) as u32,
        _ => 0,
    }
}

async fn get_review(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    bounded("the review screen", move || {
    let s = staff(&state, &headers)?;
    let engine = state.engine();
    let store = engine.store();
    let history = store.history(&slug)?;
    let latest = store.article(&slug)?;
    let approved = store.last_approved(&slug)?;
    let reviewers: Vec<String> = store.users()?.into_iter().filter(|u| u.role == "reviewer").map(|u| u.name).collect();
    let stage = history.last().map(|e| e.to).unwrap_or(ReviewStage::Submitted);
    let body = html! {
        (signed_bar(&s))
        p { a href="/review" { "← Review queue" } }
        h1 { "Review: " (slug) }
        p.meta { "Stage: " strong.stage-now { (stage.as_str()) } }
        section.decisions {
            h2 { "Decision" }
            @if stage == ReviewStage::Submitted {
                (action_form(&slug, &s, "start-review", "Start review", false))
            }
            @if stage == ReviewStage::UnderReview {
                @if s.user.role == "reviewer" { (action_form(&slug, &s, "approve", "Approve this version", true)) }
                (action_form(&slug, &s, "request-changes", "Request changes", true))
            }
            form.stacked action={"/review/" (slug)} method="post" {
                input type="hidden" name="csrf" value=(s.csrf);
                input type="hidden" name="action" value="assign";
                label for="assignee" { "Assign to a reviewer" }
                select #assignee name="assignee" { @for r in &reviewers { option { (r) } } }
                button type="submit" { "Assign" }
            }
            @if let Some(a) = &latest {
                form.stacked action={"/review/" (slug)} method="post" {
                    input type="hidden" name="csrf" value=(s.csrf);
                    input type="hidden" name="action" value="comment";
                    label for="anchor" { "Comment on section" }
                    select #anchor name="anchor" { option value="" { "(whole article)" } @for sec in &a.article.sections { option { (sec.heading) } } }
                    textarea name="comment" rows="3" required {}
                    button type="submit" { "Add comment" }
                }
                p { a href={"/edit/" (slug)} { "Edit this article" } }
            }
        }
        @if let Some(a) = &latest {
            @if let Some(old) = &approved {
                section.diff {
                    h2 { "Changes since the last approved version (v" (old.version) " → v" (a.version) ")" }
                    @let (o, n) = (vesalius_content::to_markdown(&old.article), vesalius_content::to_markdown(&a.article));
                    pre.diff { @for l in diff(&o, &n) { @match l {
                        Line::Same(t) => span.same { "  " (t) "\n" },
                        Line::Added(t) => ins { "+ " (t) "\n" },
                        Line::Removed(t) => del { "- " (t) "\n" },
                    } } }
                }
            } @else {
                p.meta { "No version of this article has been approved yet, so there is nothing to compare with." }
            }
            section.review-article {
                h2 { "The version under review (v" (a.version) ")" }
                @let answer = crate::review_render::latest_answer(a);
                (answer_view(&a.article.question, &answer, &View { path: &format!("/articles/{slug}"), query: None }))
            }
        }
        section.log {
            h2 { "Audit log" }
            ol { @for e in &history {
                li { (e.at) " · v" (e.version) " · " strong { (e.decision) } " by " (e.actor) " (" (e.role) ")"
                    @if let Some(a) = &e.anchor { " on “" (a) "”" }
                    @if !e.comment.is_empty() { ": " (e.comment) } }
            } }
        }
    };
    Ok(layout(&format!("Review {slug}"), body).into_response())
    })
    .await
}

fn action_form(slug: &str, s: &Signed, action: &str, label: &str, comment: bool) -> Markup {
    html! {
        form.stacked.decision action={"/review/" (slug)} method="post" data-action=(action) {
            input type="hidden" name="csrf" value=(s.csrf);
            input type="hidden" name="action" value=(action);
            @if comment { textarea name="comment" rows="2" placeholder="Comment for the audit log" {} }
            button type="submit" { (label) }
        }
    }
}

async fn post_review(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): FormData,
) -> Result<Response, PageError> {
    offload("recording the decision", move || {
        let s = staff_form(&state, &headers, &f)?;
        let engine = state.engine();
        let store = engine.store();
        let comment = f.get("comment").map(String::as_str).unwrap_or_default();
        let role = role_of(&s);
        match f.get("action").map(String::as_str) {
            Some("start-review") => {
                store.review(&slug, Decision::StartReview, &s.user.name, role, comment).map(|_| ())?
            }
            Some("approve") => store.review(&slug, Decision::Approve, &s.user.name, role, comment).map(|_| ())?,
            Some("request-changes") => {
                store.review(&slug, Decision::RequestChanges, &s.user.name, role, comment).map(|_| ())?
            }
            Some("assign") => store.note(
                &slug,
                Note::Assign,
                &s.user.name,
                role,
                f.get("assignee").map(String::as_str).unwrap_or_default(),
                None,
            )?,
            Some("comment") => {
                store.note(&slug, Note::Comment, &s.user.name, role, comment, f.get("anchor").map(String::as_str))?
            }
            other => return Err(AppError::BadRequest(format!("unknown action {other:?}")).into()),
        }
        Ok(redirect(&format!("/review/{slug}"), None))
    })
    .await
}

async fn get_report(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    bounded("the report form", move || {
    if state.engine().store().article(&slug)?.is_none() {
        return Err(AppError::NotFound(format!("There is no article called “{slug}”.")).into());
    }
    let (browser, cookie) = auth::form_token(&headers)?;
    let token = state.guard.issue_form(&browser)?;
    let page = layout(
        "Report a problem",
        html! {
            h1 { "Report a problem" }
            p { "Tell the editors what is wrong or unclear in " a href={"/articles/" (slug)} { "this article" } ". Reports go to the review queue." }
            form.stacked action={"/articles/" (slug) "/report"} method="post" {
                input type="hidden" name="form_token" value=(token);
                label for="message" { "What is the problem?" }
                textarea #message name="message" rows="5" required maxlength="4000" {}
                label for="contact" { "Your e-mail (optional, if you want a reply)" }
                input #contact name="contact" maxlength="200";
                button type="submit" { "Send report" }
            }
        },
    );
    Ok(with_cookie(page, cookie))
    })
    .await
}

async fn post_report(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): FormData,
) -> Result<Response, PageError> {
    state.guard.reports.take(&client).map_err(|retry_after| AppError::TooMany {
        message: format!("too many problem reports from your network; try again in {} minute(s)", minutes(retry_after)),
        retry_after,
    })?;
    offload("recording the report", move || {
        let browser = auth::cookie(&headers, auth::FORM_COOKIE);
        state.guard.redeem_form(browser.as_deref(), f.get("form_token").map(String::as_str))?;
        let message = f.get("message").map(String::as_str).unwrap_or_default();
        let contact = f.get("contact").map(String::as_str).unwrap_or_default();
        state.engine().store().report_problem(&slug, message, contact)?;
        Ok(layout(
            "Thank you",
            html! {
                h1 { "Thank you" }
                p { "Your report is in the editors' queue." }
                p { a href={"/articles/" (slug)} { "Back to the article" } }
            },
        )
        .into_response())
    })
    .await
}
