//! The atlas tools: body map, localiser and ISNCSCI worksheet pages, their no-script form posts, and their
//! scripts and stylesheet.

use std::sync::Arc;

use vesalius_answer::{Engine, EngineConfig};
use vesalius_atlas::Atlas;
use vesalius_content::Corpus;
use vesalius_web::AppState;

use crate::helpers::{spawn_app, Response, TestApp};

/// The app with the built-in atlas (as `vesalius serve` runs it). `spawn_app` builds its engine without
/// one, so a second server over the same store is started and the test app pointed at it.
pub(crate) async fn spawn_atlas_app() -> TestApp {
    let mut app = spawn_app().await;
    let corpus = Corpus::builtin().unwrap();
    let atlas = Arc::new(Atlas::builtin(&corpus.references).unwrap());
    let engine =
        Engine::build(app.store.clone(), EngineConfig::default()).unwrap().with_atlas(atlas, &corpus.references);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    app.addr = listener.local_addr().unwrap();
    app.state = AppState::new(Arc::new(engine), vesalius_web::WebConfig::default()).unwrap();
    tokio::spawn(vesalius_web::serve(listener, app.state.clone()));
    app
}

async fn post_form(app: &TestApp, path: &str, body: &str) -> Response {
    app.request("POST", path, &[("Content-Type", "application/x-www-form-urlencoded")], Some(body)).await
}

/// The opening tags of the map's region shapes for a region id (and side, when given).
fn shapes<'a>(html: &'a str, region: &str, side: Option<&str>) -> Vec<&'a str> {
    html.match_indices("<polygon class=\"region")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .filter(|tag| tag.contains(&format!("data-region=\"{region}\"")))
        .filter(|tag| side.is_none_or(|s| tag.contains(&format!("data-side=\"{s}\""))))
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    &tag[start..start + tag[start..].find('"').unwrap()]
}

/// No inline scripts or style attributes: the Content-Security-Policy would block them.
fn assert_csp_clean(html: &str) {
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains(" src=\"/static/tools/"), "inline script: {tag}");
    }
    assert!(!html.contains(" style=\"") && !html.contains("<style"), "inline style");
}

#[tokio::test]
async fn atlas_page_draws_both_views_with_regions_tagged_by_roots_and_nerves() {
    let app = spawn_atlas_app().await;
    let r = app.get("/atlas").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert!(
        b.contains("<svg class=\"bodymap\" id=\"bodymap\"")
            && b.contains(">Front</text>")
            && b.contains(">Back</text>")
    );
    let left = shapes(b, "dorsum-foot", Some("left"));
    let right = shapes(b, "dorsum-foot", Some("right"));
    assert_eq!((left.len(), right.len()), (1, 1), "dorsum of the foot drawn once per side");
    assert_ne!(attr(left[0], "points"), attr(right[0], "points"), "sides are mirrored, not stacked");
    assert_eq!(attr(left[0], "data-roots"), "L5");
    assert!(attr(left[0], "data-variable-roots").is_empty());
    let nerves = attr(left[0], "data-nerves");
    assert!(
        nerves.starts_with("superficial-fibular") && nerves.contains("common-fibular") && nerves.contains("sciatic"),
        "{nerves}"
    );
    assert_eq!(attr(left[0], "tabindex"), "0", "regions are keyboard-focusable");
    assert!(attr(left[0], "aria-label").contains("top of the foot (left): dermatome L5"));
    let medial_foot = shapes(b, "medial-foot", Some("left"));
    assert_eq!(medial_foot.len(), 2, "the inner edge of the foot shows in both views");
    assert!(attr(medial_foot[0], "data-variable-roots").contains("L4"), "variable territory is tagged apart");
    assert_eq!(shapes(b, "saddle", None).len(), 1, "the saddle is one midline shape");
    let sole = shapes(b, "sole", Some("right"))[0];
    assert!(
        attr(sole, "data-nerves").contains("medial-plantar") && attr(sole, "data-nerves").contains("lateral-plantar")
    );
    assert!(b.contains("Lee et al. (2008)") && b.contains("overlap"), "overlap and variability note");
    assert!(b.contains("filter=\"url(#bm-soft)\"") && b.contains("<pattern id=\"bm-s-"), "soft, striped overlap");
    assert!(b.contains("href=\"/atlas?root=L5#bodymap\" data-root=\"L5\""), "roots are links without scripts");
    assert!(b.contains("href=\"/atlas?nerve=sural#bodymap\" data-nerve=\"sural\""));
    assert!(b.contains("id=\"info-root-S4-5\"") && b.contains("id=\"info-nerve-median\""));
    assert!(
        b.contains("<table>") && b.contains("Every region and what supplies it"),
        "a table for readers without the map"
    );
    assert!(b.contains("<link rel=\"stylesheet\" href=\"/static/tools/tools.css\">"));
    assert_csp_clean(b);
}

#[tokio::test]
async fn a_root_or_nerve_in_the_address_is_highlighted_by_the_server() {
    let app = spawn_atlas_app().await;
    let b = app.get("/atlas?root=L5").await.body;
    assert!(b.contains("<svg class=\"bodymap has-selection\""));
    assert!(attr(shapes(&b, "dorsum-foot", Some("left"))[0], "class").ends_with(" hl"));
    assert!(
        attr(shapes(&b, "medial-foot", Some("right"))[0], "class").ends_with(" hl-var"),
        "variable territory hatched"
    );
    assert_eq!(attr(shapes(&b, "heel", Some("left"))[0], "class"), "region");
    assert!(b.contains("aria-pressed=\"true\"") && b.contains("third metatarsophalangeal"), "the panel shows L5");
    let sural = app.get("/atlas?nerve=sural").await.body;
    assert!(attr(shapes(&sural, "lateral-foot", Some("left"))[0], "class").ends_with(" hl"));
    let tibial = app.get("/atlas?nerve=tibial").await.body;
    assert!(
        attr(shapes(&tibial, "sole", Some("left"))[0], "class").ends_with(" hl"),
        "a nerve's territory includes its branches'"
    );
    let evil = app.get("/atlas?root=%3Cscript%3Ealert(1)%3C/script%3E&nerve=%22%3E%3Cimg").await;
    assert_eq!(evil.status, 200);
    assert!(
        !evil.body.contains("alert(1)") && !evil.body.contains("\"><img"),
        "unknown names are ignored, never echoed"
    );
}

#[tokio::test]
async fn tools_need_the_atlas_and_the_nav_links_to_them() {
    let plain = spawn_app().await;
    assert_eq!(plain.get("/atlas").await.status, 404);
    assert_eq!(plain.get("/localize").await.status, 404);
    assert_eq!(plain.get("/isncsci").await.status, 200, "the worksheet needs no atlas");
    let home = plain.get("/").await.body;
    for link in ["href=\"/atlas\"", "href=\"/localize\"", "href=\"/isncsci\""] {
        assert!(home.contains(link), "nav lacks {link}");
    }
}

#[tokio::test]
async fn scripts_and_stylesheet_are_served_with_their_types() {
    let app = spawn_atlas_app().await;
    for (file, ty, needle) in [
        ("tools.css", "text/css", ".bodymap"),
        ("bodymap.js", "text/javascript", "has-selection"),
        ("localize.js", "text/javascript", "/api/localize"),
        ("isncsci.js", "text/javascript", "/api/isncsci"),
    ] {
        let r = app.get(&format!("/static/tools/{file}")).await;
        assert_eq!(r.status, 200, "{file}");
        assert!(r.header("content-type").unwrap().starts_with(ty), "{file}: {:?}", r.header("content-type"));
        assert!(r.body.contains(needle), "{file}");
    }
    assert_eq!(app.get("/static/tools/secret.txt").await.status, 404);
    assert_eq!(app.get("/static/tools/..%2FCargo.toml").await.status, 404);
    let csp = app.get("/atlas").await;
    assert!(csp.header("content-security-policy").unwrap().contains("script-src 'self'"));
}

#[tokio::test]
async fn dermatome_articles_show_the_chart_of_their_roots() {
    let app = spawn_atlas_app().await;
    let b = app.get("/articles/dermatomes-lower-limb").await.body;
    let at = b.find("<img src=\"/atlas/map.svg?roots=").expect("a map on the dermatome article");
    let src = &b[at + 10..at + 10 + b[at + 10..].find('"').unwrap()];
    assert!(src.contains("L4,L5,S1"), "{src}");
    assert!(b.contains("Open the interactive body map") && b.contains("Lee et al. (2008)"));
    assert!(
        !app.get("/articles/deep-tendon-reflexes").await.body.contains("/atlas/map.svg"),
        "only dermatome articles"
    );
    let svg = app.get(&src.replace("&amp;", "&")).await;
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.body.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.body.contains("data-region=\"dorsum-foot\"") && !svg.body.contains("tabindex"));
    let l5 = shapes(&svg.body, "dorsum-foot", None)[0];
    let arm = shapes(&svg.body, "lateral-arm", None)[0];
    assert_ne!(attr(l5, "fill"), attr(arm, "fill"), "roots of the article are coloured, others not");
}

#[tokio::test]
async fn localize_form_renders_and_its_post_ranks_explanations() {
    let app = spawn_atlas_app().await;
    let page = app.get("/localize").await;
    assert_eq!(page.status, 200);
    let b = &page.body;
    for field in [
        "name=\"left.sensory\"",
        "name=\"right.sensory_normal\"",
        "name=\"left.motor.ankle-dorsiflexion\"",
        "name=\"right.reflex.ankle-jerk\"",
        "name=\"cue.back_pain\"",
        "name=\"cue.upper_motor_neuron\"",
        "<option value=\"dorsum-foot\">",
    ] {
        assert!(b.contains(field), "form lacks {field}");
    }
    assert!(
        b.contains("form id=\"localize-form\" method=\"post\" action=\"/localize\"")
            && !shapes(b, "dorsum-foot", Some("left")).is_empty()
    );
    assert_csp_clean(b);

    let body = "left.sensory=dorsum-foot&left.sensory=lateral-leg&left.sensory_kind=numb&left.motor.ankle-dorsiflexion=2\
                &left.motor.ankle-inversion=5&left.motor.hip-abduction=5&left.reflex.ankle-jerk=normal&cue.back_pain=no";
    let r = post_form(&app, "/localize", body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = &r.body[r.body.find("<ol class=\"candidates\">").expect("ranked list")..];
    assert_eq!(
        attr(&list[..list.find('>').unwrap() + 200], "data-id"),
        "common-fibular",
        "foot drop with normal inversion"
    );
    assert!(list.contains("data-id=\"L5\""), "L5 is ranked too");
    assert!(
        r.body.contains("Most useful next test") && r.body.contains("Explains: ") && r.body.contains("Against it: ")
    );
    assert!(!r.body.contains("role=\"alert\""), "not urgent");
    assert!(r.body.contains("<option value=\"dorsum-foot\" selected>"), "the form keeps what was entered");
    assert!(attr(shapes(&r.body, "dorsum-foot", Some("left"))[0], "class").ends_with(" picked"));

    let urgent = post_form(&app, "/localize", "left.sensory=saddle&cue.bladder=yes&cue.back_pain=yes").await.body;
    let alert = urgent.find("class=\"urgent\" role=\"alert\"").expect("urgent flag");
    assert!(alert < urgent.find("<ol class=\"candidates\">").unwrap(), "the red flag comes first");
    assert!(urgent.contains("candidate urgent-candidate\" data-id=\"cauda-equina\""));
}

/// A numb instep with mild foot drop is a near-tie of L5 and the common fibular nerve: the page and the API
/// show the tie and the test that separates them, before the ranked list.
#[tokio::test]
async fn a_near_tie_is_shown_on_the_page_and_in_the_api() {
    let app = spawn_atlas_app().await;
    let page = post_form(&app, "/localize", "left.sensory=dorsum-foot&left.motor.ankle-dorsiflexion=4").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let tie = page.body.find("class=\"tie\" role=\"status\"").expect("a tie box");
    assert!(tie < page.body.find("<ol class=\"candidates\">").unwrap(), "the tie comes before the list");
    assert!(page.body[tie..].contains("Too close to call") && page.body[tie..].contains("hip abduction"));
    let api = app
        .post_json(
            "/api/localize",
            r#"{"left":{"sensory":[{"region":"dorsum of the foot"}],"motor":[{"movement":"ankle dorsiflexion","grade":4}]}}"#,
        )
        .await;
    assert_eq!(api.status, 200);
    assert!(api.body.contains("\"tie\"") && api.body.contains("Too close to call"), "{}", api.body);
    let script = app.get("/static/tools/localize.js").await.body;
    assert!(script.contains("loc.tie") && script.contains("Too close to call"));
}

/// The text of every `<p class="sources">` in a page.
fn sources_paragraphs(html: &str) -> Vec<&str> {
    html.match_indices("<p class=\"sources\">").map(|(i, _)| &html[i..i + html[i..].find("</p>").unwrap()]).collect()
}

#[tokio::test]
async fn tool_pages_name_their_sources_by_title_not_by_id() {
    let app = spawn_atlas_app().await;
    let atlas = app.get("/atlas?root=L5").await.body;
    let localized = post_form(&app, "/localize", "left.sensory=dorsum-foot&left.motor.ankle-dorsiflexion=2").await.body;
    for (page, body) in [("atlas", &atlas), ("localize", &localized)] {
        let sources = sources_paragraphs(body);
        assert!(!sources.is_empty(), "{page}: no sources shown");
        for p in &sources {
            assert!(!p.contains("<code>"), "{page}: raw ids: {p}");
            assert!(!p.contains(">lee-2008-dermatomes<") && !p.contains(">obrien-2010-aids<"), "{page}: {p}");
        }
        assert!(
            body.contains(">Aids to the Examination of the Peripheral Nervous System, 5th edition (2010)</a>"),
            "{page}: the title of a cited work"
        );
        assert!(body.contains("href=\"/references#ref-obrien-2010-aids\""), "{page}: links to the reference list");
    }
    // The localiser's script draws the same from the API's ids, with the titles the page gives it.
    let page = app.get("/localize").await.body;
    assert!(page.contains("data-references=\"{") && page.contains("Aids to the Examination"), "titles for the script");
    let script = app.get("/static/tools/localize.js").await.body;
    assert!(!script.contains("reference ids") && script.contains("data-references"));
}

#[tokio::test]
async fn localize_form_errors_are_shown_and_escaped() {
    let app = spawn_atlas_app().await;
    let empty = post_form(&app, "/localize", "left.sensory_kind=numb").await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("Enter at least one finding"));
    let evil = post_form(&app, "/localize", "left.sensory=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(evil.status, 400);
    assert!(!evil.body.contains("<script>alert(1)") && evil.body.contains("&lt;script&gt;alert(1)"), "{}", evil.body);
    let api = app.post_json("/api/localize", r#"{"left":{"sensory":[{"region":"dorsum of the foot"}]}}"#).await;
    assert_eq!(api.status, 200, "the scripts' endpoint takes the same findings");
}

fn exam_form(motor: impl Fn(&str) -> &'static str, sensory: impl Fn(&str) -> &'static str, anal: &str) -> String {
    let derm = [
        "C2", "C3", "C4", "C5", "C6", "C7", "C8", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11",
        "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4_5",
    ];
    let myo = ["C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"];
    let mut pairs = Vec::new();
    for side in ["right", "left"] {
        for l in derm {
            pairs.push(format!("{side}.lightTouch.{l}={}", sensory(l)));
            pairs.push(format!("{side}.pinPrick.{l}={}", sensory(l)));
        }
        for l in myo {
            pairs.push(format!("{side}.motor.{l}={}", motor(l)));
        }
    }
    pairs.push(format!("voluntaryAnalContraction={anal}&deepAnalPressure={anal}"));
    pairs.join("&")
}

#[tokio::test]
async fn isncsci_worksheet_renders_and_classifies_without_scripts() {
    let app = spawn_atlas_app().await;
    let page = app.get("/isncsci").await;
    assert_eq!(page.status, 200);
    let b = &page.body;
    assert_eq!(b.matches("<tr class=\"key-muscle\"").count(), 10, "ten key-muscle rows");
    assert_eq!(b.matches("<input class=\"score\"").count(), 2 * (28 * 2 + 10));
    for f in [
        "name=\"right.motor.C5\"",
        "name=\"left.pinPrick.S4_5\"",
        "name=\"voluntaryAnalContraction\"",
        "name=\"deepAnalPressure\"",
        "name=\"left.lowestNonKeyMuscleWithMotorFunction\"",
        ">S4-5</th>",
        "elbow flexors",
    ] {
        assert!(b.contains(f), "worksheet lacks {f}");
    }
    assert_csp_clean(b);

    let normal = post_form(&app, "/isncsci", &exam_form(|_| "5", |_| "2", "Yes")).await;
    assert_eq!(normal.status, 200);
    assert!(
        normal.body.contains("data-key=\"asiaImpairmentScale\">E<")
            && normal.body.contains("data-key=\"neurologicalLevelOfInjury\">INT<")
    );
    assert!(normal.body.contains("data-total=\"rightMotorTotal\"><span class=\"value\">50<"), "totals in the sheet");

    let lumbar = |l: &str| matches!(l, "L2" | "L3" | "L4" | "L5" | "S1" | "S2" | "S3" | "S4_5");
    let complete = exam_form(
        move |l| if lumbar(l) { "0" } else { "5" },
        move |l| if lumbar(l) || l == "L1" { "0" } else { "2" },
        "No",
    );
    let b = post_form(&app, "/isncsci", &complete).await.body;
    assert!(b.contains("data-key=\"asiaImpairmentScale\">A<"), "complete paraplegia is AIS A");
    assert!(
        b.contains("data-key=\"injuryComplete\">complete (C)<")
            && b.contains("data-key=\"neurologicalLevelOfInjury\">T12<")
    );
    assert!(b.contains("value=\"0\"") && b.contains("<option value=\"No\" selected>"), "the sheet keeps its values");

    let partial = post_form(&app, "/isncsci", "right.motor.C5=4*&voluntaryAnalContraction=Yes").await;
    assert_eq!(partial.status, 200);
    assert!(partial.body.contains("Provisional: ") && partial.body.contains("<span id=\"blank-count\">132</span>"));

    let bad = post_form(&app, "/isncsci", "right.motor.C5=%3Cb%3E9").await;
    assert_eq!(bad.status, 400);
    assert!(!bad.body.contains("<b>9") && bad.body.contains("&lt;b&gt;9"));
    assert_eq!(post_form(&app, "/isncsci", "").await.status, 400);
}
