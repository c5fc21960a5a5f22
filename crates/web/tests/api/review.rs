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
    let r = sign_in_from(app, [127, 0, 0, 1], &[], name, password).await;
    if r.status != 303 {
        return Err(r.status);
    }
    Ok(cookie_of(r.header("set-cookie").unwrap()))
}

/// Loads the sign-in form and posts it from loopback address `from`, with extra `headers`.
async fn sign_in_from(
    app: &TestApp,
    from: [u8; 4],
    headers: &[(&str, &str)],
    name: &str,
    password: &str,
) -> crate::helpers::Response {
    let page = app.get("/sign-in").await;
    let form_cookie = cookie_of(page.header("set-cookie").unwrap());
    let token = hidden(&page.body, "form_token");
    let body = form_encode(&[("form_token", &token), ("name", name), ("password", password)]);
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", form_cookie.as_str())];
    all.extend_from_slice(headers);
    app.request_from(from, "POST", "/sign-in", &all, Some(&body)).await
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

const A: [u8; 4] = [127, 0, 0, 1];
const B: [u8; 4] = [127, 0, 0, 2];
const RIGHT: &str = "a long enough password";

#[tokio::test]
async fn ten_failures_for_a_name_from_one_address_do_not_lock_it_for_another() {
    let app = spawn_app().await;
    add_user(&app, "Dr Ana Ruiz", "reviewer");
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(sign_in_from(&app, A, &[], "Dr Ana Ruiz", "wrong").await.status);
    }
    assert_eq!(statuses, [403, 403, 403, 403, 403, 429, 429, 429, 429, 429], "five tries, then a wait");
    let throttled = sign_in_from(&app, A, &[], "Dr Ana Ruiz", RIGHT).await;
    assert_eq!(throttled.status, 429, "address A waits, even with the right password");
    let wait: u64 = throttled.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&wait), "the first wait is a minute: {wait}");
    assert!(throttled.body.contains("too many failed sign-ins for this name from your network"));
    let other = sign_in_from(&app, B, &[], "Dr Ana Ruiz", RIGHT).await;
    assert_eq!(other.status, 303, "the reviewer signs in from another address: {}", other.body);
}

#[tokio::test]
async fn an_address_spraying_names_is_throttled_and_unknown_names_are_verified_like_real_ones() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    let before = app.state.dummy_verifications();
    let unknown = sign_in_from(&app, A, &[], "Nobody Here", "wrong").await;
    assert_eq!(app.state.dummy_verifications(), before + 1, "an unknown name is checked against the dummy hash");
    let real = sign_in_from(&app, A, &[], "Ed Itor", "wrong").await;
    assert_eq!(app.state.dummy_verifications(), before + 1, "a real name is checked against its own hash");
    assert_eq!((unknown.status, real.status), (403, 403));
    let message = |b: &str| b[b.find("error-message").unwrap()..].split('<').next().unwrap().to_string();
    assert_eq!(message(&unknown.body), message(&real.body), "the same refusal for both");
    for i in 2..20 {
        assert_eq!(sign_in_from(&app, A, &[], &format!("sprayed name {i}"), "guess").await.status, 403);
    }
    assert_eq!(app.state.dummy_verifications(), before + 19);
    let refused = sign_in_from(&app, A, &[], "Ed Itor", RIGHT).await;
    assert_eq!(refused.status, 429, "20 failures from one address: it waits, whatever the name");
    assert!(refused.body.contains("from your network") && refused.header("retry-after").is_some());
    assert_eq!(app.state.dummy_verifications(), before + 19, "a throttled attempt verifies nothing");
    assert_eq!(sign_in_from(&app, B, &[], "Ed Itor", RIGHT).await.status, 303, "other addresses are not affected");
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    let trusted = vesalius_web::WebConfig { trust_proxy: true, ..Default::default() };
    let proxied = crate::helpers::spawn_configured(
        vesalius_content::Corpus::builtin().unwrap(),
        Default::default(),
        trusted,
        |_| {},
    )
    .await;
    add_user(&proxied, "Ed Itor", "editor");
    let direct = spawn_app().await;
    add_user(&direct, "Ed Itor", "editor");
    for app in [&proxied, &direct] {
        for _ in 0..5 {
            let r = sign_in_from(app, A, &[("X-Forwarded-For", "203.0.113.9, 198.51.100.1")], "Ed Itor", "x").await;
            assert_eq!(r.status, 403);
        }
    }
    // Behind the proxy, the last X-Forwarded-For entry is the client: another one signs in.
    let other = [("X-Forwarded-For", "203.0.113.9, 198.51.100.2")];
    assert_eq!(sign_in_from(&proxied, A, &other, "Ed Itor", RIGHT).await.status, 303);
    // Without --trust-proxy the header is ignored: the socket address is throttled.
    assert_eq!(sign_in_from(&direct, A, &other, "Ed Itor", RIGHT).await.status, 429);
}

/// Loads the report form of `slug` and returns (form cookie, token).
async fn report_form(app: &TestApp, slug: &str) -> (String, String) {
    let page = app.get(&format!("/articles/{slug}/report")).await;
    (cookie_of(page.header("set-cookie").unwrap()), hidden(&page.body, "form_token"))
}

#[tokio::test]
async fn a_report_form_token_works_once_and_reports_reach_the_queue() {
    let app = spawn_app().await;
    let path = "/articles/dermatomes-lower-limb/report";
    let (cookie, token) = report_form(&app, "dermatomes-lower-limb").await;
    let fields = [("form_token", token.as_str()), ("message", "S2 <b>typo</b>")];
    let r = post_form(&app, path, &cookie, &fields).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.store.tickets().unwrap()[0].message, "S2 <b>typo</b>");
    let again = post_form(&app, path, &cookie, &fields).await;
    assert_eq!(again.status, 403);
    assert!(again.body.contains("already sent"), "{}", again.body);
    let (_, other_token) = report_form(&app, "dermatomes-lower-limb").await;
    let foreign = post_form(
        &app,
        path,
        "vesalius_form=0123456789abcdef0123456789abcdef",
        &[("form_token", &other_token), ("message", "x")],
    )
    .await;
    assert_eq!(foreign.status, 403, "a token works only with the cookie it was issued for");
    assert_eq!(app.store.tickets().unwrap().len(), 1);
}

#[tokio::test]
async fn problem_reports_are_rate_limited_per_client() {
    let app = spawn_app().await;
    let path = "/articles/dermatomes-lower-limb/report";
    for i in 0..5 {
        let (cookie, token) = report_form(&app, "dermatomes-lower-limb").await;
        let r = post_form(&app, path, &cookie, &[("form_token", &token), ("message", &format!("report {i}"))]).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let (cookie, token) = report_form(&app, "dermatomes-lower-limb").await;
    let r = post_form(&app, path, &cookie, &[("form_token", &token), ("message", "one too many")]).await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    assert_eq!(app.store.tickets().unwrap().len(), 5);
}

#[tokio::test]
async fn an_editor_promotes_a_draft_to_a_submitted_article() {
    let app = spawn_app().await;
    add_user(&app, "Ed Itor", "editor");
    let ed = sign_in(&app, "Ed Itor", "a long enough password").await.unwrap();
    let composed = app.get("/api/articles/meralgia-paresthetica").await.body;
    let saved = app.store.save_draft("burning thigh", "Why does my outer thigh burn?", &composed, 500).unwrap();
    assert_eq!(saved, vesalius_store::DraftSaved::New);
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
