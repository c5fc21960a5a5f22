//! `/localize`: the findings form (sensation by clicking the map or choosing regions, strength per
//! movement, reflexes, distribution cues). With scripts it posts to `/api/localize` and draws the results;
//! without, the form posts here and the results are rendered on the server.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use serde_json::{json, Map, Value};
use vesalius_atlas::{Atlas, Cue, Findings};

use super::atlas_page::{no_atlas, stylesheet, swatch, variability_note};
use super::bodymap::{self, MapSpec};
use super::form::Fields;
use super::localize_view::results;
use super::RefTitles;
use crate::error::{AppError, PageError};
use crate::limits::{bounded, check_form_fields};
use crate::render::layout;
use crate::AppState;

const SIDES: [&str; 2] = ["right", "left"];
const LIMBS: [(&str, &str); 6] = [
    ("head", "Head"),
    ("neck", "Neck"),
    ("trunk", "Trunk"),
    ("upper", "Upper limb"),
    ("lower", "Lower limb"),
    ("perineum", "Perineum"),
];
const SENSORY_KINDS: [(&str, &str); 4] =
    [("numb", "numb"), ("reduced", "reduced"), ("tingling", "tingling (pins and needles)"), ("pain", "pain")];
const REFLEX_STATES: [(&str, &str); 5] =
    [("", "not tested"), ("normal", "normal"), ("reduced", "reduced"), ("absent", "absent"), ("brisk", "brisk")];

/// The findings JSON (docs/localizer.md) from the submitted form; `None` when nothing was entered.
pub(super) fn findings_json(atlas: &Atlas, f: &Fields) -> Option<Value> {
    let mut doc = Map::new();
    let mut any = false;
    for side in SIDES {
        let kind = f.get(&format!("{side}.sensory_kind"));
        let kind = if SENSORY_KINDS.iter().any(|(k, _)| *k == kind) { kind } else { "numb" };
        let mut sensory: Vec<Value> =
            f.all(&format!("{side}.sensory")).map(|r| json!({"region": r, "kind": kind})).collect();
        sensory.extend(f.all(&format!("{side}.sensory_normal")).map(|r| json!({"region": r, "kind": "normal"})));
        let motor: Vec<Value> = atlas
            .movements
            .iter()
            .filter_map(|m| {
                let v = f.get(&format!("{side}.motor.{}", m.id));
                v.parse::<u8>().ok().map(|g| json!({"movement": m.id, "grade": g}))
            })
            .collect();
        let reflexes: Vec<Value> = atlas
            .reflexes
            .iter()
            .filter_map(|r| {
                let v = f.get(&format!("{side}.reflex.{}", r.id));
                (!v.is_empty()).then(|| json!({"reflex": r.id, "state": v}))
            })
            .collect();
        any |= !(sensory.is_empty() && motor.is_empty() && reflexes.is_empty());
        doc.insert(side.to_string(), json!({"sensory": sensory, "motor": motor, "reflexes": reflexes}));
    }
    let mut cues = Map::new();
    for cue in Cue::ALL {
        match f.get(&format!("cue.{}", cue.as_str())) {
            "yes" => {
                cues.insert(cue.as_str().to_string(), Value::Bool(true));
            }
            "no" => {
                cues.insert(cue.as_str().to_string(), Value::Bool(false));
            }
            _ => {}
        }
    }
    any |= cues.values().any(|v| v == &Value::Bool(true));
    doc.insert("cues".to_string(), Value::Object(cues));
    any.then_some(Value::Object(doc))
}

fn region_select(atlas: &Atlas, f: &Fields, name: &str, id: &str) -> Markup {
    html! {
        select #(id) name=(name) multiple size="9" {
            @for (limb, label) in LIMBS {
                optgroup label=(label) {
                    @for r in atlas.regions.iter().filter(|r| r.limb == limb) {
                        option value=(r.id) selected[f.has(name, &r.id)] { (r.label) }
                    }
                }
            }
        }
    }
}

fn sensory_fieldset(atlas: &Atlas, f: &Fields) -> Markup {
    let picked = |id: &str, side: Option<&str>| {
        let side = side.unwrap_or("left");
        if f.has(&format!("{side}.sensory"), id) {
            "picked"
        } else if f.has(&format!("{side}.sensory_normal"), id) {
            "picked-normal"
        } else {
            ""
        }
    };
    let spec = MapSpec {
        colour_roots: None,
        interactive: true,
        standalone: false,
        selection: false,
        label: "Body map: click a region to mark altered sensation on that side",
        mark: &picked,
    };
    html! {
        fieldset.sensory {
            legend { "Sensation" }
            p.hint { "Click regions on the map (or choose them in the lists; Ctrl or ⌘ to choose several). The midline saddle and perianal skin count for either side." }
            div.localize-sensory {
                figure.map-figure.picker { (bodymap::render(atlas, &spec)) }
                div.side-columns {
                    @for side in SIDES {
                        div.side-column data-side=(side) {
                            h3 { "Patient's " (side) }
                            label for={(side) "-sensory"} { "Altered sensation" }
                            (region_select(atlas, f, &format!("{side}.sensory"), &format!("{side}-sensory")))
                            label for={(side) "-sensory-kind"} { "It feels" }
                            select #{(side) "-sensory-kind"} name={(side) ".sensory_kind"} {
                                @for (v, l) in SENSORY_KINDS { option value=(v) selected[f.get(&format!("{side}.sensory_kind")) == v] { (l) } }
                            }
                            label for={(side) "-sensory-normal"} { "Tested and normal" }
                            (region_select(atlas, f, &format!("{side}.sensory_normal"), &format!("{side}-sensory-normal")))
                        }
                    }
                }
            }
            ul.map-legend {
                li { (swatch("#c0392b")) " altered sensation" }
                li { (swatch("#4c9a6a")) " tested and normal" }
            }
            (variability_note(false))
        }
    }
}

fn grade_select(f: &Fields, name: &str, label: &str) -> Markup {
    let v = f.get(name);
    html! {
        select name=(name) aria-label=(label) {
            option value="" selected[v.is_empty()] { "–" }
            @for g in (0..=5u8).rev() {
                @let s = g.to_string();
                option value=(s) selected[v == s] { (s) @if g == 5 { " normal" } }
            }
        }
    }
}

fn motor_fieldset(atlas: &Atlas, f: &Fields) -> Markup {
    let limb_of = |nerve: &str| atlas.nerve_chain(nerve).last().map_or("", |n| n.limb.as_str()).to_string();
    html! {
        fieldset.motor {
            legend { "Strength (MRC grade; 5 = tested and normal, – = not tested)" }
            @for (limb, title) in [("upper", "Upper limb"), ("lower", "Lower limb")] {
                table.grid {
                    caption { (title) }
                    thead { tr { th scope="col" { "Movement" } th scope="col" { "Right" } th scope="col" { "Left" } } }
                    tbody {
                        @for m in atlas.movements.iter().filter(|m| limb_of(&m.nerve) == limb) {
                            tr {
                                th scope="row" { (m.label) }
                                @for side in SIDES {
                                    td { (grade_select(f, &format!("{side}.motor.{}", m.id), &format!("{} ({side})", m.label))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn reflex_fieldset(atlas: &Atlas, f: &Fields) -> Markup {
    html! {
        fieldset.reflexes {
            legend { "Reflexes" }
            table.grid {
                thead { tr { th scope="col" { "Reflex" } th scope="col" { "Right" } th scope="col" { "Left" } } }
                tbody {
                    @for r in &atlas.reflexes {
                        tr {
                            th scope="row" { (r.label) }
                            @for side in SIDES {
                                @let name = format!("{side}.reflex.{}", r.id);
                                td { select name=(name) aria-label={(r.label) " (" (side) ")"} {
                                    @for (v, l) in REFLEX_STATES { option value=(v) selected[f.get(&name) == v] { (l) } }
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn cues_fieldset(f: &Fields) -> Markup {
    html! {
        fieldset.cues {
            legend { "Distribution and red-flag cues" }
            div.cue-grid {
                @for cue in Cue::ALL {
                    @let name = format!("cue.{}", cue.as_str());
                    @let id = format!("cue-{}", cue.as_str());
                    div.cue {
                        label for=(id) { (cue.describe()) }
                        select #(id) name=(name) data-cue=(cue.as_str()) {
                            option value="" selected[f.get(&name).is_empty()] { "not known" }
                            option value="yes" selected[f.get(&name) == "yes"] { "present" }
                            option value="no" selected[f.get(&name) == "no"] { "looked for, absent" }
                        }
                    }
                }
            }
        }
    }
}

fn view(atlas: &Atlas, f: &Fields, result: Markup, refs: &RefTitles) -> Html<String> {
    let main = html! {
        (stylesheet())
        div.tool.localize-tool {
            h1 { "Where is the lesion? The localiser" }
            p.lead { "Enter examination findings per side. The localiser ranks roots, nerves, plexus, polyneuropathy and the red-flag patterns (cauda equina, spinal cord) by how well they explain them, with the findings each explains and contradicts, and the one test that best tells the top two apart." }
            form #localize-form method="post" action="/localize" {
                (sensory_fieldset(atlas, f))
                (motor_fieldset(atlas, f))
                (reflex_fieldset(atlas, f))
                (cues_fieldset(f))
                div.actions {
                    button type="submit" { "Localise" }
                    a.reset href="/localize" { "Start again" }
                }
            }
            section #localize-result.results aria-live="polite" aria-label="Results" data-references=(refs.json(refs.ids())) { (result) }
        }
        script src="/static/tools/bodymap.js" defer {}
        script src="/static/tools/localize.js" defer {}
    };
    layout("Lesion localiser", main)
}

pub(super) async fn page(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let engine = state.engine();
    let atlas = engine.atlas().ok_or_else(no_atlas)?;
    Ok(view(atlas, &Fields::default(), html! {}, &RefTitles::of(&state)))
}

/// The form post without scripts: the same findings as the API gets, results rendered here.
pub(super) async fn submit(
    State(state): State<AppState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    check_form_fields(pairs.len())?;
    bounded("the localiser", move || {
        let engine = state.engine();
        let atlas = engine.atlas().ok_or_else(no_atlas)?;
        let f = Fields(pairs);
        let refs = RefTitles::of(&state);
        let error = |msg: String| html! { p.error-message role="alert" { (msg) } };
        let Some(doc) = findings_json(atlas, &f) else {
            let body = view(
                atlas,
                &f,
                error("Enter at least one finding: a region, a grade, a reflex or a cue.".into()),
                &refs,
            );
            return Ok((StatusCode::BAD_REQUEST, body).into_response());
        };
        let checked = Findings::from_json(&doc.to_string())
            .and_then(|findings| atlas.check_findings(&findings).map(|()| findings));
        match checked {
            Ok(findings) => Ok(view(atlas, &f, results(&atlas.localize(&findings), &refs), &refs).into_response()),
            Err(e) => {
                let e = AppError::from(e);
                let status = if matches!(e, AppError::TooLarge(_)) {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    StatusCode::BAD_REQUEST
                };
                Ok((status, view(atlas, &f, error(e.to_string()), &refs)).into_response())
            }
        }
    })
    .await
}
