//! The editorial workflow over real HTTP: sign-in, CSRF, the review decisions, four eyes, reports.

use crate::helpers::{spawn_app, TestApp};

fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                    b' ' => "+".into(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The value of a hidden input in a page.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker).unwrap_or_else(|| panic!("no {name} in page")) + marker.len();
    page[at..page[at..].find('"').unwrap() + at].to_string()
}

fn cookie_of(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

async fn post_form(app: &TestApp, path: &str, cookie: &str, fields: &[(&str, &str)]) -> crate::helpers::Response {
    let body = form_encode(fields);
    app.request("POST", path, &[("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)], Some(&body))
        .await
}

/// Signs in and returns the session cookie.
async fn sign_in(app: &TestApp, name: &str, password: &str) -> Result<String, u16> {
    let page = app.get("/sign-in").await;
    let form_cookie = cookie_of(page.header("set-cookie").unwrap());
    let token = hidden(&page.body, "form_token");
    let r = post_form(app, "/sign-in", &form_cookie, &[("form_token", &token), ("name", name), ("password", password)])
        .await;
    if r.status != 303 {
        return Err(r.status);
    }
    Ok(cookie_of(r.header("set-cookie").unwrap()))
}

fn add_user(app: &TestApp, name: &str, role: &str) {
    let hash = vesalius_web::hash_password("a long enough password").unwrap();
    app.store.add_user(name, role, "MD", "Neurology", &hash).unwrap();
}

async fn act(app: &TestApp, cookie: &str, slug: &str, fields: &[(&str, &str)]) -> crate::helpers::Response {
    let page = app.request("GET", &format!("/review/{slug}"), &[("Cookie", cookie)], None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = hidden(&page.body, "csrf");
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    post_form(app, &format!("/review/{slug}"), cookie, &all).await
}

#[tokio::test]
async fn editor_and_reviewer_take_an_article_to_approved() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    add_user(&app, "Dr Ana Ruiz", "reviewer");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let rev = sign_in(&app, "Dr Ana Ruiz", "a long enough password").await.unwrap();
    let queue = app.request("GET", "/review", &[("Cookie", &ed)], None).await;
    assert!(queue.body.contains("meralgia-paresthetica"));
    assert_eq!(act(&app, &ed, "meralgia-paresthetica", &[("action", "start-review")]).await.status, 303);
    assert_eq!(
        act(&app, &ed, "meralgia-paresthetica", &[("action", "assign"), ("assignee", "Dr Ana Ruiz")]).await.status,
        303
    );
    let approve = act(&app, &rev, "meralgia-paresthetica", &[("action", "approve"), ("comment", "checked")]).await;
    assert_eq!(approve.status, 303);
    let page = app.get("/articles/meralgia-paresthetica").await.body;
    assert!(page.contains("Reviewed by our Medical Advisory Board") && page.contains("Dr Ana Ruiz"));
    assert!(app.get("/advisory-board").await.body.contains("Neurology"));
}

#[tokio::test]
async fn forms_without_their_token_and_signed_out_visitors_are_refused() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let no_token = post_form(&app, "/review/meralgia-paresthetica", &ed, &[("action", "start-review")]).await;
    assert_eq!(no_token.status, 403);
    let wrong =
        post_form(&app, "/review/meralgia-paresthetica", &ed, &[("csrf", "forged"), ("action", "start-review")]).await;
    assert_eq!(wrong.status, 403);
    assert_eq!(app.get("/review").await.status, 403, "signed out");
    let sign_in_without_token =
        post_form(&app, "/sign-in", "", &[("name", "Ed Itor"), ("password", "a long enough password")]).await;
    assert_eq!(sign_in_without_token.status, 403);
}

#[tokio::test]
async fn reviewers_cannot_approve_their_own_edit_and_readers_keep_the_approved_version() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    add_user(&app, "Dr One", "reviewer");
    add_user(&app, "Dr Two", "reviewer");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let one = sign_in(&app, "Dr One", "a long enough password").await.unwrap();
    let two = sign_in(&app, "Dr Two", "a long enough password").await.unwrap();
    let slug = "meralgia-paresthetica";
    act(&app, &ed, slug, &[("action", "start-review")]).await;
    act(&app, &one, slug, &[("action", "approve")]).await;
    // Dr One edits the approved article in the browser.
    let edit = app.request("GET", &format!("/edit/{slug}"), &[("Cookie", &one)], None).await;
    let csrf = hidden(&edit.body, "csrf");
    let start =
        edit.body.find("<textarea name=\"text\" rows=\"30\">").unwrap() + "<textarea name=\"text\" rows=\"30\">".len();
    let text = edit.body[start..start + edit.body[start..].find("</textarea>").unwrap()]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let changed = text.replacen("## ", "## Updated: ", 1);
    let bad = post_form(
        &app,
        &format!("/edit/{slug}"),
        &one,
        &[("csrf", &csrf), ("action", "save"), ("text", &changed.replace("[@", "[@nobody-"))],
    )
    .await;
    assert!(bad.body.contains("names no reference"), "invalid edits are refused with the loader's message");
    let saved =
        post_form(&app, &format!("/edit/{slug}"), &one, &[("csrf", &csrf), ("action", "save"), ("text", &changed)])
            .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let reader = app.get(&format!("/articles/{slug}")).await.body;
    assert!(reader.contains("being reviewed") && !reader.contains("Updated: "), "readers keep the approved version");
    act(&app, &ed, slug, &[("action", "start-review")]).await;
    let review = app.request("GET", &format!("/review/{slug}"), &[("Cookie", &ed)], None).await.body;
    assert!(review.contains("<ins>+ ## Updated: "), "the review screen diffs against the last approved version");
    let own = act(&app, &one, slug, &[("action", "approve")]).await;
    assert_eq!(own.status, 403, "{}", own.body);
    assert!(own.body.contains("four-eyes"));
    assert_eq!(act(&app, &two, slug, &[("action", "approve")]).await.status, 303);
    let reader = app.get(&format!("/articles/{slug}")).await.body;
    assert!(reader.contains("Updated: ") && reader.contains("Dr Two"));
}

#[tokio::test]
async fn sign_in_is_rate_limited_and_problem_reports_reach_the_queue() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    for _ in 0..5 {
        assert_eq!(sign_in(&app, "Ed Itor", "wrong").await.unwrap_err(), 403);
    }
    assert_eq!(sign_in(&app, "Ed Itor", "a long enough password").await.unwrap_err(), 429);
    let page = app.get("/articles/dermatomes-lower-limb/report").await;
    let cookie = cookie_of(page.header("set-cookie").unwrap());
    let token = hidden(&page.body, "form_token");
    let r = post_form(
        &app,
        "/articles/dermatomes-lower-limb/report",
        &cookie,
        &[("form_token", &token), ("message", "S2 <b>typo</b>")],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(app.store.tickets().unwrap()[0].message, "S2 <b>typo</b>");
}

#[tokio::test]
async fn an_editor_promotes_a_draft_to_a_submitted_article() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let composed = app.get("/api/articles/meralgia-paresthetica").await.body;
    assert!(app.store.save_draft("burning thigh", "Why does my outer thigh burn?", &composed).unwrap());
    let queue = app.request("GET", "/review", &[("Cookie", &ed)], None).await.body;
    assert!(queue.contains("Why does my outer thigh burn?"));
    let csrf = hidden(&queue, "csrf");
    let id = app.store.drafts().unwrap()[0].id;
    let r = post_form(&app, &format!("/review/drafts/{id}"), &ed, &[("csrf", &csrf), ("slug", "burning-outer-thigh")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let a = app.store.article("burning-outer-thigh").unwrap().unwrap();
    assert_eq!(a.stage, vesalius_core::ReviewStage::Submitted);
    assert!(a.article.summary.professional.contains("[@") && !a.references.is_empty(), "citations survive promotion");
    assert_eq!(app.store.drafts().unwrap()[0].promoted_to.as_deref(), Some("burning-outer-thigh"));
}

#[tokio::test]
async fn editors_add_checked_references_that_edits_can_cite() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let page = app.request("GET", "/references", &[("Cookie", &ed)], None).await.body;
    assert!(page.contains("lee-2008-dermatomes"), "the list shows the built-in references");
    let csrf = hidden(&page, "csrf");
    let fields = |pmid: &'static str| {
        vec![
            ("id", "smith-2024-test"),
            ("type", "review"),
            ("title", "A test review"),
            ("authors", "Smith A"),
            ("journal", "Test Journal"),
            ("year", "2024"),
            ("pmid", pmid),
        ]
    };
    let mut bad = vec![("csrf", csrf.as_str())];
    bad.extend(fields("PMID:123"));
    let r = post_form(&app, "/references", &ed, &bad).await;
    assert!(r.body.contains("pmid: a PMID is digits only"), "{}", r.body);
    let mut good = vec![("csrf", csrf.as_str())];
    good.extend(fields("12345678"));
    assert!(post_form(&app, "/references", &ed, &good)
        .await
        .body
        .contains("https://pubmed.ncbi.nlm.nih.gov/12345678/"));
    assert_eq!(app.store.added_references().unwrap()[0].id, "smith-2024-test");
    let again = post_form(&app, "/references", &ed, &good).await;
    assert!(again.body.contains("already exists"));
}

#[tokio::test]
async fn admins_create_accounts_on_the_web_and_others_cannot() {
    let app = spawn_app().await;
    add_user(&app, "Ada Admin", "admin");
    add_user(&app, "Ed Itor", "editor");
    let admin = sign_in(&app, "Ada Admin", "a long enough password").await.unwrap();
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    assert_eq!(app.request("GET", "/admin/users", &[("Cookie", &ed)], None).await.status, 403);
    let page = app.request("GET", "/admin/users", &[("Cookie", &admin)], None).await.body;
    let csrf = hidden(&page, "csrf");
    let short = post_form(
        &app,
        "/admin/users",
        &admin,
        &[("csrf", &csrf), ("name", "Dr New"), ("role", "reviewer"), ("password", "short")],
    )
    .await;
    assert_eq!(short.status, 400);
    let fields = [
        ("csrf", csrf.as_str()),
        ("name", "Dr New"),
        ("role", "reviewer"),
        ("specialty", "Neurology"),
        ("password", "another long password"),
    ];
    let made = post_form(&app, "/admin/users", &admin, &fields).await;
    assert!(made.body.contains("Created Dr New (reviewer)"), "{}", made.body);
    assert!(sign_in(&app, "Dr New", "another long password").await.is_ok());
    assert_eq!(post_form(&app, "/admin/users", &admin, &fields).await.status, 400, "names are unique");
}
