//! Web integration tests: a real server on a real port over a real SQLite file.

mod bounded;
mod helpers;
mod limits;
mod observability;
mod review;
mod tools;

use helpers::{corpus, spawn_app, spawn_with};
use vesalius_core::{Decision, Role};

#[tokio::test]
async fn article_page_has_title_banner_status_citations_and_references() {
    let app = spawn_app().await;
    let r = app.get("/articles/dermatomes-lower-limb").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert!(b.contains("<h1 class=\"question\">What are the dermatomes of the lower limb?</h1>"));
    assert!(b.contains("pending human review"));
    assert!(!b.contains("Reviewed by our Medical Advisory Board"), "not approved: no board line");
    assert!(b.contains("data-stage=\"Submitted\" aria-current=\"step\""), "Submitted is the current stage");
    assert!(b.contains("href=\"#ref-1\"") && b.contains("id=\"ref-1\""), "citations link to references");
    assert!(!b.contains("</sup><sup"), "adjacent citation superscripts would read as one number");
    assert!(b.contains("Reference 1\">1</a>, <a href=\"#ref-2\""), "several citations are one superscript: 1, 2");
    assert!(b.contains("class=\"ref-type\">Guideline<") || b.contains("class=\"ref-type\">Research<"));
    assert!(b.contains("href=\"/editorial-policy\"") && b.contains("Last updated"));
    assert!(b.contains("Which best describes you?") && b.contains("action=\"/ask\""));
    assert!(r.header("content-security-policy").unwrap().contains("default-src 'self'"));
}

#[tokio::test]
async fn audience_switches_the_summary_and_is_remembered_in_a_cookie() {
    let app = spawn_app().await;
    let pro = app.get("/articles/dermatomes-lower-limb").await;
    let lay = app.get("/articles/dermatomes-lower-limb?audience=patient").await;
    let cookie = lay.header("set-cookie").expect("cookie set").to_string();
    assert!(cookie.starts_with("audience=patient;"), "{cookie}");
    assert!(lay.body.contains("patch of skin"), "patient summary shown");
    assert!(!pro.body.contains("patch of skin"), "clinicians see the professional summary");
    let again = app.request("GET", "/articles/dermatomes-lower-limb", &[("Cookie", "audience=patient")], None).await;
    assert!(again.body.contains("patch of skin"), "cookie remembered");
    assert_eq!(app.get("/articles/dermatomes-lower-limb?audience=robot").await.status, 400);
}

#[tokio::test]
async fn approval_shows_the_board_line_with_the_reviewer_and_drops_the_banner() {
    let app = spawn_app().await;
    assert!(app.get("/advisory-board").await.body.contains("No reviewers are registered"));
    app.store.review("meralgia-paresthetica", Decision::StartReview, "Ed Itor", Role::Editor, "").unwrap();
    app.store.review("meralgia-paresthetica", Decision::Approve, "Dr Ana Reviewer", Role::Reviewer, "ok").unwrap();
    let b = app.get("/articles/meralgia-paresthetica").await.body;
    assert!(b.contains("Reviewed by our Medical Advisory Board") && b.contains("Dr Ana Reviewer"));
    assert!(!b.contains("pending human review"));
    assert!(b.contains("data-stage=\"Approved\" aria-current=\"step\""));
    assert!(app.get("/advisory-board").await.body.contains("Dr Ana Reviewer"));
}

#[tokio::test]
async fn questions_are_escaped_in_pages_and_answered_or_refused() {
    let app = spawn_app().await;
    let r = app.get("/ask?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+ankle+jerk+root").await;
    assert_eq!(r.status, 200);
    assert!(!r.body.contains("<script>alert(1)"), "question must be escaped");
    assert!(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let none = app.get("/ask?q=how+do+I+bake+sourdough+bread").await;
    assert!(none.body.contains("data-kind=\"none\"") && none.body.contains("Closest topics"));
    assert!(!none.body.contains("pending human review"), "no content shown, no status shown");
}

#[tokio::test]
async fn content_is_escaped_too() {
    let refs = "[[reference]]\nid = \"r\"\ntype = \"review\"\ntitle = \"T <b>bold</b>\"\nauthors = \"A\"\njournal = \"J\"\nyear = 2020\nurl = \"https://example.org/?a=1&b=2\"\n";
    let art = "+++\nslug = \"x\"\nquestion = \"Is 1 < 2 & <img src=x onerror=alert(1)>?\"\ntitle = \"X\"\ntopics = [\"t\"]\nupdated = \"2026-01-01\"\n\n[summary]\npatient = \"P [@r]\"\nprofessional = \"Pro <script>evil()</script> [@r]\"\n+++\n\n## S\n\nText with <iframe> inside [@r].\n";
    let app = spawn_with(corpus(refs, &[art])).await;
    let b = app.get("/articles/x").await.body;
    for bad in ["<img src=x", "<script>evil", "<iframe>", "<b>bold"] {
        assert!(!b.contains(bad), "{bad} was not escaped");
    }
    assert!(b.contains("1 &lt; 2 &amp; &lt;img") && b.contains("?a=1&amp;b=2"));
}

#[tokio::test]
async fn api_ask_returns_the_answer_contract() {
    let app = spawn_app().await;
    let r = app
        .post_json("/api/ask", r#"{"question":"What are the dermatomes of the lower limb?","audience":"student"}"#)
        .await;
    assert_eq!(r.status, 200);
    let j = r.json();
    for key in [
        "question",
        "audience",
        "kind",
        "status",
        "title",
        "summary",
        "sections",
        "references",
        "sources",
        "safety",
        "confidence",
        "follow_ups",
        "alternatives",
        "last_updated",
        "reading_grade",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        (j["kind"].as_str(), j["status"].as_str(), j["audience"].as_str()),
        (Some("article"), Some("Submitted"), Some("student"))
    );
    let r1 = &j["references"][0];
    assert_eq!(r1["n"], 1);
    for key in ["id", "type", "title", "authors", "journal", "year"] {
        assert!(!r1[key].is_null(), "reference lacks {key}");
    }
    assert_eq!(j["sections"][0]["blocks"][0]["type"], "paragraph");
}

#[tokio::test]
async fn api_errors_are_json_with_matching_status() {
    let app = spawn_app().await;
    let bad = app.post_json("/api/ask", "{not json").await;
    assert_eq!((bad.status, bad.json()["error"]["code"].as_str()), (400, Some("bad_request")));
    let empty = app.post_json("/api/ask", r#"{"question":"  "}"#).await;
    assert_eq!(empty.status, 400);
    assert!(empty.json()["error"]["message"].as_str().unwrap().contains("empty"));
    let aud = app.post_json("/api/ask", r#"{"question":"x","audience":"robot"}"#).await;
    assert!(aud.json()["error"]["message"].as_str().unwrap().contains("audience"));
    let missing = app.get("/api/articles/no-such-thing").await;
    assert_eq!((missing.status, missing.json()["error"]["code"].as_str()), (404, Some("not_found")));
    assert_eq!(app.get("/api/nothing-here").await.status, 404);
}

#[tokio::test]
async fn api_lists_articles_and_serves_one_per_audience() {
    let app = spawn_app().await;
    let list = app.get("/api/articles").await.json();
    assert!(list.as_array().unwrap().len() >= 10);
    assert!(list.as_array().unwrap().iter().all(|a| a["status"] == "Submitted"));
    let lay = app.get("/api/articles/deep-tendon-reflexes?audience=patient").await.json();
    let pro = app.get("/api/articles/deep-tendon-reflexes").await.json();
    assert_eq!(lay["audience"], "patient");
    assert_ne!(lay["summary"], pro["summary"]);
}

#[tokio::test]
async fn urgent_questions_show_the_urgent_message_first() {
    let app = spawn_app().await;
    let j = app
        .post_json(
            "/api/ask",
            r#"{"question":"My back is agony and my bottom and groin went numb today","audience":"patient"}"#,
        )
        .await
        .json();
    assert_eq!(j["kind"], "urgent");
    assert_eq!(j["safety"]["urgent"], true);
    let page = app.get("/ask?q=My+back+is+agony+and+my+groin+went+numb+today").await.body;
    let urgent_at = page.find("class=\"urgent\"").expect("urgent block");
    assert!(urgent_at < page.find("class=\"summary\"").unwrap(), "urgent message comes before the answer");
}

#[tokio::test]
async fn a_reader_can_delete_a_conversation_and_the_policy_says_what_is_kept() {
    let app = spawn_app().await;
    let r = app
        .request(
            "POST",
            "/api/ask",
            &[("Content-Type", "application/json")],
            Some(r#"{"question":"What is the L4 dermatome?"}"#),
        )
        .await;
    let id = r.json()["thread_id"].as_str().expect("a thread id").to_string();
    let page = app.get(&format!("/threads/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("kept for 30 days") && page.body.contains(&format!("/threads/{id}/delete")));
    let gone = app.request("POST", &format!("/threads/{id}/delete"), &[], Some("")).await;
    assert_eq!(gone.status, 200);
    assert!(gone.body.contains("Conversation deleted"));
    assert_eq!(app.get(&format!("/threads/{id}")).await.status, 404, "the conversation is gone");
    assert_eq!(app.request("POST", &format!("/threads/{id}/delete"), &[], Some("")).await.status, 404);
    assert!(app.store.thread(&id).unwrap().is_none());
    let policy = app.get("/editorial-policy").await.body;
    assert!(policy.contains("What we store, for how long and why") && policy.contains("30 days"));
}

fn shingles_and_gout() -> Vec<vesalius_core::QaDocument> {
    let doc = |doc_id: &str, focus: &str, pairs: &[(&str, &str, &str)]| vesalius_core::QaDocument {
        source: "NIHSeniorHealth".into(),
        doc_id: doc_id.into(),
        url: Some(format!("https://example.org/{doc_id}")),
        focus: focus.into(),
        cuis: vec![],
        semantic_types: vec![],
        semantic_group: Some("Disorders".into()),
        synonyms: vec![],
        pairs: pairs
            .iter()
            .enumerate()
            .map(|(i, (qtype, q, a))| vesalius_core::QaPair {
                position: i as u32 + 1,
                pid: (i + 1).to_string(),
                qid: format!("{doc_id}-{}", i + 1),
                qtype: (*qtype).into(),
                question: (*q).into(),
                answer: Some((*a).into()),
            })
            .collect(),
    };
    vec![
        doc("0000062", "Shingles", &[
            ("information", "What is (are) Shingles ?", "Shingles is a painful rash caused by the varicella-zoster virus, the virus that causes chickenpox."),
            ("causes", "Can shingles be spread to others ?", "Shingles itself is not passed from person to person. But someone who never had chickenpox, such as a baby, can catch chickenpox from the fluid in shingles blisters."),
        ]),
        doc("0000400", "Gout", &[("treatment", "What are the treatments for Gout ?", "Gout is treated with medicines that ease the pain and swelling of an attack.")]),
    ]
}

async fn spawn_limited(engine: vesalius_answer::EngineConfig, limits: vesalius_web::Limits) -> helpers::TestApp {
    let web = vesalius_web::WebConfig { limits, ..Default::default() };
    helpers::spawn_configured(vesalius_content::Corpus::builtin().unwrap(), engine, web, |s| {
        s.ingest_qa(&shingles_and_gout()).unwrap();
    })
    .await
}

#[tokio::test]
async fn asks_beyond_the_rate_limit_get_429_with_retry_after() {
    let limits = vesalius_web::Limits {
        asks: vesalius_web::Rate { burst: 3, every: std::time::Duration::from_secs(60) },
        ..Default::default()
    };
    let app = spawn_limited(Default::default(), limits).await;
    for _ in 0..2 {
        assert_eq!(app.get("/ask?q=ankle+jerk+root").await.status, 200);
    }
    assert_eq!(app.post_json("/api/ask", r#"{"question":"ankle jerk root"}"#).await.status, 200);
    let page = app.get("/ask?q=ankle+jerk+root").await;
    assert_eq!(page.status, 429);
    let wait: u64 = page.header("retry-after").expect("Retry-After on pages").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let api = app.post_json("/api/ask", r#"{"question":"ankle jerk root"}"#).await;
    assert_eq!(api.status, 429);
    assert!(api.header("retry-after").is_some());
    assert_eq!(api.json()["error"]["code"], "too_many_requests");
    assert_eq!(app.get("/ask").await.status, 200, "the empty ask page writes nothing and is not limited");
    let other = app.request_from([127, 0, 0, 2], "GET", "/ask?q=ankle+jerk+root", &[], None).await;
    assert_eq!(other.status, 200, "another client has its own budget");
}

#[tokio::test]
async fn the_draft_queue_stops_at_its_cap_and_each_client_has_a_draft_budget() {
    let engine = vesalius_answer::EngineConfig { max_pending_drafts: 2, ..Default::default() };
    let limits = vesalius_web::Limits {
        drafts: vesalius_web::Rate { burst: 1, every: std::time::Duration::from_secs(3600) },
        asks: vesalius_web::Rate { burst: 100, every: std::time::Duration::from_secs(1) },
        ..Default::default()
    };
    let app = spawn_limited(engine, limits).await;
    let ask = |from: [u8; 4], q: &'static str| {
        let app = &app;
        async move {
            let body = serde_json::json!({ "question": q, "audience": "patient" }).to_string();
            let r =
                app.request_from(from, "POST", "/api/ask", &[("Content-Type", "application/json")], Some(&body)).await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.json()["kind"], "qa", "{q}");
        }
    };
    for _ in 0..30 {
        ask([127, 0, 0, 1], "Can shingles be spread to a baby?").await;
    }
    assert_eq!(app.store.drafts().unwrap().len(), 1, "30 asks of one question: one draft");
    assert_eq!(app.store.drafts().unwrap()[0].asked, 30);
    ask([127, 0, 0, 1], "How is gout treated?").await;
    assert_eq!(app.store.drafts().unwrap().len(), 1, "the client's draft budget is spent: answered, no draft");
    ask([127, 0, 0, 2], "How is gout treated?").await;
    assert_eq!(app.store.drafts().unwrap().len(), 2, "another client may add one");
    ask([127, 0, 0, 3], "What is shingles?").await;
    assert_eq!(app.store.drafts().unwrap().len(), 2, "the queue is at its cap");
}
