//! HTML pages: start page, article, ask, editorial policy, advisory board.

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use vesalius_core::{Audience, ReviewStage};

use crate::error::{AppError, PageError};
use crate::guard::Client;
use crate::limits::{bounded, offload};
use crate::render::{answer_view, layout, View};
use crate::AppState;

const COOKIE_NAME: &str = "audience";

/// `?audience=` on pages and the API.
#[derive(Debug, Deserialize)]
pub(crate) struct AudienceQuery {
    pub(crate) audience: Option<String>,
}

/// `?q=&audience=` on the ask page.
#[derive(Debug, Deserialize)]
pub(crate) struct AskQuery {
    q: Option<String>,
    audience: Option<String>,
    thread: Option<String>,
}

/// The reader's audience: `?audience=` wins and is remembered in a cookie; otherwise the cookie; otherwise
/// the default.
fn audience(param: Option<&str>, headers: &HeaderMap) -> Result<(Audience, Option<HeaderValue>), AppError> {
    if let Some(p) = param.filter(|p| !p.is_empty()) {
        let a: Audience = p.parse().map_err(|e: vesalius_core::ParseError| AppError::BadRequest(e.to_string()))?;
        let cookie = format!("{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", a.as_str());
        return Ok((a, HeaderValue::from_str(&cookie).ok()));
    }
    let from_cookie = crate::auth::cookie(headers, COOKIE_NAME).and_then(|v| v.parse::<Audience>().ok());
    Ok((from_cookie.unwrap_or_default(), None))
}

fn with_cookie(page: Html<String>, cookie: Option<HeaderValue>) -> Response {
    let mut res = page.into_response();
    if let Some(c) = cookie {
        res.headers_mut().insert(SET_COOKIE, c);
    }
    res
}

fn stage_class(s: ReviewStage) -> &'static str {
    match s {
        ReviewStage::Submitted => "submitted",
        ReviewStage::UnderReview => "under-review",
        ReviewStage::Approved => "approved",
    }
}

fn ask_form(audience: Audience, value: &str) -> maud::Markup {
    html! {
        form.ask-form.big action="/ask" method="get" role="search" {
            input type="hidden" name="audience" value=(audience.as_str());
            label for="q" { "Ask a question about the nerves, skin and muscles of the limbs" }
            input #q type="search" name="q" value=(value) required maxlength="4000" placeholder="e.g. What are the dermatomes of the lower limb?";
            button type="submit" { "Ask" }
        }
    }
}

pub(crate) async fn home(
    State(state): State<AppState>,
    Query(q): Query<AudienceQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (aud, cookie) = audience(q.audience.as_deref(), &headers)?;
    let articles =
        bounded("listing the articles", move || state.engine().store().articles().map_err(AppError::from)).await?;
    let page = layout(
        "Evidence-grounded answers",
        html! {
            h1 { "Evidence-grounded answers, with their sources" }
            p.lead { "Every answer cites its references and says whether a person has reviewed it." }
            (ask_form(aud, ""))
            section.article-list {
                h2 { "Articles" }
                ul {
                    @for a in &articles {
                        li {
                            a href={"/articles/" (a.slug)} { (a.question) }
                            " "
                            span class={"badge " (stage_class(a.status))} { (a.status.as_str()) }
                        }
                    }
                }
            }
        },
    );
    Ok(with_cookie(page, cookie))
}

pub(crate) async fn get_article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<AudienceQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (aud, cookie) = audience(q.audience.as_deref(), &headers)?;
    bounded("reading the article", move || {
        let answer = state
            .engine()
            .article(&slug, aud)?
            .ok_or_else(|| AppError::NotFound(format!("There is no article called “{slug}”.")))?;
        let path = format!("/articles/{slug}");
        let body = answer_view(&answer.question, &answer, &View { path: &path, query: None });
        Ok(with_cookie(layout(&answer.question, body), cookie))
    })
    .await
}

pub(crate) async fn get_ask(
    State(state): State<AppState>,
    client: Client,
    Query(q): Query<AskQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (aud, cookie) = audience(q.audience.as_deref(), &headers)?;
    let question = q.q.unwrap_or_default();
    if question.trim().is_empty() {
        let page = layout("Ask", html! { h1 { "Ask a question" } (ask_form(aud, "")) });
        return Ok(with_cookie(page, cookie));
    }
    bounded("answering", move || {
        let answer = crate::guard::ask(&state, &client, &question, aud, q.thread.as_deref())?;
        let body = html! {
            (ask_form(aud, &question))
            (answer_view(&question, &answer, &View { path: "/ask", query: Some(&question) }))
        };
        Ok(with_cookie(layout(&question, body), cookie))
    })
    .await
}

pub(crate) async fn editorial_policy(State(state): State<AppState>) -> Html<String> {
    let engine = state.engine();
    let days = engine.retention_days();
    layout(
        "Editorial policy",
        html! {
            h1 { "Editorial policy" }
            p { "Vesalius answers from knowledge it stores and cites. No answer is written by an AI model. This page describes the process the software itself enforces." }
            h2 { "Review stages" }
            ol {
                li { strong { "Submitted." } " Every new article, every changed version of an article or atlas data file, and every answer composed from trusted question–answer collections starts here. No person has checked it yet, so pages show the banner “pending human review”." }
                li { strong { "Under Review." } " An editor or reviewer has taken it into review, and may assign it to a reviewer." }
                li { strong { "Approved." } " A reviewer of the medical advisory board approved this exact version. Only then does the page say it was reviewed, and it names the reviewer." }
            }
            p { "A reviewer may instead request changes, which sends the article back to Submitted. Nothing goes from Submitted to Approved without being under review; only reviewers approve; and nobody may approve a version they wrote themselves (four eyes). Every step — start of review, assignment, comment (which may point at a section), approval, request for changes — is recorded with who took it, in which role, when, and their comment, in a log that cannot be edited or deleted." }
            h2 { "Who may do what" }
            ul {
                li { strong { "Readers" } " need no account. They can report a problem on any article; reports go to the editors’ queue." }
                li { strong { "Editors" } " edit articles (a new version, Submitted again), start reviews, assign reviewers and comment." }
                li { strong { "Reviewers" } " — the medical advisory board of this instance — review, comment, request changes and approve." }
                li { strong { "Admins" } " create accounts." }
            }
            h2 { "Changes and corrections" }
            p { "Editing an article creates a new version; old versions are kept. While a new version is in review, readers keep seeing the last approved version, with a note that an update is being reviewed, so an approval never carries over to text the reviewer has not seen. Corrections follow the same path." }
            h2 { "Sources" }
            p { "Claims are cited to clinical practice guidelines and standards first, then systematic and narrative reviews, then primary research and reference textbooks. Each reference is typed (guideline, research, review, textbook, dataset, web page) and carries its PubMed identifier or DOI where one exists and has been checked. Where sources or conventions disagree — classic and evidence-based dermatome maps, the ISNCSCI key muscles and clinical myotome charts — the article says so rather than choosing silently. Answers drawn from NIH question–answer collections cite and link the source page." }
            h2 { "Safety" }
            p { "A question that describes emergency warning signs (such as those of cauda equina syndrome or spinal cord compression) is answered with an urgent-care message first. When nothing trusted matches a question, Vesalius says so and does not guess." }
            h2 { "What we store, for how long and why" }
            p { "Questions are health information, so Vesalius keeps as little as it can. Each question you ask is stored with its answer in a conversation, so that follow-up questions can be read in context and the conversation can be shared by its address; a conversation is deleted " (days) " days after its last question, and you can delete it at once from its page. Questions answered from a question–answer collection are also kept, without any link to who asked, as drafts for editors to review and turn into articles. Problem reports keep the message and any contact details you give, until an editor has dealt with them. Vesalius does not write question text to its logs, sets no tracking cookies (only your audience choice and, for editors and reviewers, a sign-in session), and sends nothing to other services." }
            h2 { "Updates" }
            p { "Each page shows the date its content last changed. Articles are reviewed again when a cited guideline changes or a reader reports a problem." }
        },
    )
}

pub(crate) async fn advisory_board(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let reviewers =
        bounded("listing the reviewers", move || state.engine().store().reviewers().map_err(AppError::from)).await?;
    Ok(layout(
        "Medical advisory board",
        html! {
            h1 { "Medical advisory board" }
            p { "The board is the set of reviewers registered in this instance of Vesalius: the people who have acted as reviewers in its review workflow. Only they can approve an article." }
            @if reviewers.is_empty() {
                p.empty { "No reviewers are registered in this instance yet, so no article here carries the board’s approval." }
            } @else {
                ul.board { @for r in &reviewers {
                li {
                    strong { (r.name) }
                    @if !r.credentials.is_empty() { ", " (r.credentials) }
                    @if !r.specialty.is_empty() { " · " (r.specialty) }
                    " · reviewer since " (r.since.get(..10).unwrap_or(&r.since))
                }
            } }
            }
        },
    ))
}

pub(crate) async fn style() -> Response {
    let mut res = include_str!("../assets/style.css").into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    res
}

pub(crate) async fn not_found() -> PageError {
    PageError(AppError::NotFound("There is no page at this address.".into()))
}

pub(crate) async fn get_thread(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (aud, _) = audience(None, &headers)?;
    let (engine, key) = (state.engine(), id.clone());
    let turns = bounded("reading the conversation", move || {
        engine.store().thread(&key)?.ok_or_else(|| AppError::NotFound("There is no conversation with this id.".into()))
    })
    .await?;
    let body = html! {
        h1 { "Conversation" }
        p.meta { "A shareable record of this conversation: each question with the answer it got at the time." }
        @for t in &turns {
            @if let Ok(answer) = serde_json::from_str::<vesalius_core::Answer>(&t.answer) {
                section.turn {
                    (answer_view(&t.question, &answer, &View { path: "/ask", query: Some(&t.question) }))
                }
            }
        }
        @if turns.is_empty() { p { "No questions yet." } }
        @let _ = aud;
        section.privacy {
            p.meta { "Conversations are kept for " (state.engine().retention_days()) " days after the last question, then deleted. Anyone with this page's address can read it." }
            form method="post" action={"/threads/" (id) "/delete"} {
                button type="submit" { "Delete this conversation now" }
            }
        }
    };
    Ok(layout("Conversation", body).into_response())
}

/// `POST /threads/{id}/delete`: deletes the conversation. The unguessable id in the path is the only
/// credential, as it is for reading the page, so no other site can forge the request without knowing it.
pub(crate) async fn delete_thread(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let deleted =
        offload("deleting the conversation", move || Ok::<_, AppError>(state.engine().store().delete_thread(&id)?));
    if !deleted.await? {
        return Err(AppError::NotFound("There is no conversation with this id.".into()).into());
    }
    let body = html! {
        h1 { "Conversation deleted" }
        p { "The questions and answers of this conversation have been deleted from this server." }
        p { a href="/" { "Ask a new question" } }
    };
    Ok(layout("Conversation deleted", body).into_response())
}
