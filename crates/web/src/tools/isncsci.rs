//! `/isncsci`: the ISNCSCI worksheet, laid out like the standard form (right and left columns; motor key
//! muscles, light touch and pin prick by level; VAC and DAP; lowest non-key muscle). With scripts it
//! classifies as you type through `/api/isncsci`; without, the form posts here.
//!
//! The request is the nested exam form of `demo-exam.json`. Blank cells are sent as `NT` (not testable), so
//! a half-filled sheet gives a provisional result listing every possible value; the page says so.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use serde_json::{json, Map, Value};
use vesalius_isncsci::Level;

use super::atlas_page::stylesheet;
use super::form::Fields;
use crate::error::PageError;
use crate::limits::{bounded, check_form_fields};
use crate::render::layout;

const SIDES: [(&str, &str); 2] = [("right", "Right"), ("left", "Left")];

/// The key muscle groups of the worksheet.
fn key_muscle(level: Level) -> &'static str {
    match level.name() {
        "C5" => "elbow flexors",
        "C6" => "wrist extensors",
        "C7" => "elbow extensors",
        "C8" => "finger flexors",
        "T1" => "finger abductors",
        "L2" => "hip flexors",
        "L3" => "knee extensors",
        "L4" => "ankle dorsiflexors",
        "L5" => "long toe extensors",
        "S1" => "ankle plantar flexors",
        _ => "",
    }
}

/// The non-key muscle functions of the worksheet, by level (optional; they help tell AIS B from C).
fn non_key(level: Level) -> &'static str {
    match level.name() {
        "C5" => "shoulder flexion, extension, abduction, adduction, rotation; elbow supination",
        "C6" => "elbow pronation; wrist flexion",
        "C7" => {
            "finger flexion at the proximal joint, finger extension; thumb flexion, extension, abduction in its plane"
        }
        "C8" => "finger flexion at the MCP joint; thumb opposition, adduction, abduction perpendicular to the palm",
        "T1" => "index finger abduction",
        "L2" => "hip adduction",
        "L3" => "hip external rotation",
        "L4" => "hip extension, abduction, internal rotation; knee flexion; ankle inversion, eversion; toe extension",
        "L5" => "hallux and toe flexion (DIP, PIP) and abduction",
        "S1" => "hallux adduction",
        _ => "",
    }
}

fn display(level: Level) -> &'static str {
    if level == Level::S4_5 {
        "S4-5"
    } else {
        level.name()
    }
}

const MOTOR_PATTERN: &str = r"[0-5]|[0-4]\*{1,2}|[Nn][Tt]\*{0,2}";
const SENSORY_PATTERN: &str = r"[0-2]|[01]\*{1,2}|[Nn][Tt]\*{0,2}";

/// The nested exam JSON from the form, with blanks as `NT`, and the number of blanks.
pub(super) fn exam_json(f: &Fields) -> (Value, usize) {
    let mut blanks = 0;
    let mut value = |name: String| {
        let v = f.get(&name);
        if v.is_empty() {
            blanks += 1;
            "NT".to_string()
        } else {
            v.to_string()
        }
    };
    let mut doc = Map::new();
    for (side, _) in SIDES {
        let mut lt = Map::new();
        let mut pp = Map::new();
        let mut motor = Map::new();
        for level in Level::dermatomes() {
            lt.insert(level.name().into(), Value::String(value(format!("{side}.lightTouch.{}", level.name()))));
            pp.insert(level.name().into(), Value::String(value(format!("{side}.pinPrick.{}", level.name()))));
        }
        for level in Level::MYOTOMES {
            motor.insert(level.name().into(), Value::String(value(format!("{side}.motor.{}", level.name()))));
        }
        let mut s = json!({"lightTouch": lt, "pinPrick": pp, "motor": motor});
        let nk = f.get(&format!("{side}.lowestNonKeyMuscleWithMotorFunction"));
        if !nk.is_empty() {
            s["lowestNonKeyMuscleWithMotorFunction"] = Value::String(nk.to_string());
        }
        doc.insert(side.into(), s);
    }
    doc.insert("voluntaryAnalContraction".into(), Value::String(value("voluntaryAnalContraction".into())));
    doc.insert("deepAnalPressure".into(), Value::String(value("deepAnalPressure".into())));
    (Value::Object(doc), blanks)
}

fn cell(f: &Fields, side: &str, column: &str, level: Level) -> Markup {
    let name = format!("{side}.{column}.{}", level.name());
    let (pattern, what) = if column == "motor" {
        (MOTOR_PATTERN, "motor")
    } else {
        (SENSORY_PATTERN, if column == "lightTouch" { "light touch" } else { "pin prick" })
    };
    html! {
        td.score-cell {
            input.score type="text" name=(name) value=(f.get(&name)) size="3" maxlength="4" autocomplete="off" spellcheck="false"
                pattern=(pattern) data-scale=(if column == "motor" { "motor" } else { "sensory" })
                aria-label={(if side == "right" { "Right" } else { "Left" }) " " (display(level)) " " (what)};
        }
    }
}

fn worksheet(f: &Fields, c: Option<&Value>) -> Markup {
    let total_cell = |key: &str, max: u32| {
        let v = c.and_then(|c| c.get(key)).and_then(Value::as_str).unwrap_or("");
        html! { td.total data-total=(key) { span.value { (v) } " " span.max { "(" (max) ")" } } }
    };
    html! {
        table.worksheet {
            caption { "Motor: 0–5 or NT. Sensation: 0 absent, 1 altered, 2 normal, NT. Add * when a non-SCI condition impairs the value (not taken as normal) or ** when it is to be taken as normal for classification." }
            thead {
                tr { th colspan="3" scope="colgroup" { "Right" } th rowspan="2" scope="col" { "Level (key muscle)" } th colspan="3" scope="colgroup" { "Left" } }
                tr { th scope="col" { "Motor" } th scope="col" { "Light touch" } th scope="col" { "Pin prick" }
                     th scope="col" { "Light touch" } th scope="col" { "Pin prick" } th scope="col" { "Motor" } }
            }
            tbody {
                @for level in Level::dermatomes() {
                    @let key = level.has_key_muscle();
                    tr.key-muscle[key] data-level=(level.name()) {
                        @if key { (cell(f, "right", "motor", level)) } @else { td.no-muscle {} }
                        (cell(f, "right", "lightTouch", level))
                        (cell(f, "right", "pinPrick", level))
                        th scope="row" { (display(level)) @if key { span.muscle { " " (key_muscle(level)) } } }
                        (cell(f, "left", "lightTouch", level))
                        (cell(f, "left", "pinPrick", level))
                        @if key { (cell(f, "left", "motor", level)) } @else { td.no-muscle {} }
                    }
                }
            }
            tfoot {
                tr { (total_cell("rightMotorTotal", 50)) (total_cell("rightTouchTotal", 56)) (total_cell("rightPrickTotal", 56))
                     th scope="row" { "Totals (maximum)" }
                     (total_cell("leftTouchTotal", 56)) (total_cell("leftPrickTotal", 56)) (total_cell("leftMotorTotal", 50)) }
            }
        }
    }
}

fn observation(f: &Fields, name: &str, label: &str) -> Markup {
    let v = f.get(name);
    html! {
        div.obs {
            label for=(name) { (label) }
            select #(name) name=(name) {
                option value="" selected[v.is_empty()] { "–" }
                @for o in ["Yes", "No", "NT"] { option value=(o) selected[v.eq_ignore_ascii_case(o)] { (o) } }
            }
        }
    }
}

fn extras(f: &Fields) -> Markup {
    html! {
        div.worksheet-extras {
            (observation(f, "voluntaryAnalContraction", "Voluntary anal contraction (VAC)"))
            (observation(f, "deepAnalPressure", "Deep anal pressure (DAP)"))
            @for (side, title) in SIDES {
                @let name = format!("{side}.lowestNonKeyMuscleWithMotorFunction");
                div.obs {
                    label for=(name) { (title) ": lowest non-key muscle with motor function" }
                    select #(name) name=(name) {
                        option value="" selected[f.get(&name).is_empty()] { "none recorded" }
                        @for level in Level::dermatomes() {
                            option value=(level.name()) selected[f.get(&name) == level.name()] {
                                (display(level)) @if !non_key(level).is_empty() { " – " (non_key(level)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The classification as HTML, or its empty frame with a message; the script fills the same frame (the
/// elements with `data-key`) from the API's JSON.
fn result(c: Option<&Value>, blanks: usize, message: &str) -> Markup {
    let v = |k: &str| c.and_then(|c| c.get(k)).and_then(Value::as_str).unwrap_or("").to_string();
    let pair = |label: &str, right: &str, left: &str| {
        html! { tr { th scope="row" { (label) } td data-key=(right) { (v(right)) } td data-key=(left) { (v(left)) } } }
    };
    let complete = match v("injuryComplete").as_str() {
        "C" => "complete (C)".to_string(),
        "I" => "incomplete (I)".to_string(),
        other => other.to_string(),
    };
    html! {
        p #isncsci-message.hint hidden[message.is_empty()] role="status" { (message) }
        div #isncsci-outcome hidden[c.is_none()] {
            p #isncsci-provisional.provisional role="note" hidden[blanks == 0] {
                "Provisional: " span #blank-count { (blanks) } " blank value(s) counted as NT (not testable), so results may list several possible values."
            }
            div.isncsci-summary {
                p.ais { "AIS " strong data-key="asiaImpairmentScale" { (v("asiaImpairmentScale")) } }
                p { "Neurological level of injury: " strong data-key="neurologicalLevelOfInjury" { (v("neurologicalLevelOfInjury")) } }
                p { "Injury: " strong data-key="injuryComplete" { (complete) } }
            }
            table.isncsci-levels {
                thead { tr { th {} th scope="col" { "Right" } th scope="col" { "Left" } } }
                tbody {
                    (pair("Sensory level", "rightSensory", "leftSensory"))
                    (pair("Motor level", "rightMotor", "leftMotor"))
                    (pair("Sensory ZPP", "rightSensoryZpp", "leftSensoryZpp"))
                    (pair("Motor ZPP", "rightMotorZpp", "leftMotorZpp"))
                    (pair("Upper extremity motor (25)", "rightUpperMotorTotal", "leftUpperMotorTotal"))
                    (pair("Lower extremity motor (25)", "rightLowerMotorTotal", "leftLowerMotorTotal"))
                    (pair("Light touch (56)", "rightTouchTotal", "leftTouchTotal"))
                    (pair("Pin prick (56)", "rightPrickTotal", "leftPrickTotal"))
                }
            }
            p.totals-line { "UEMS " strong data-key="upperMotorTotal" { (v("upperMotorTotal")) } " / 50 · LEMS " strong data-key="lowerMotorTotal" { (v("lowerMotorTotal")) }
                " / 50 · LT " strong data-key="touchTotal" { (v("touchTotal")) } " / 112 · PP " strong data-key="prickTotal" { (v("prickTotal")) } " / 112" }
            p.legend-line { "ND: not determinable (an NT value). INT: intact. NA: not applicable. A list (C5,C6) gives every possible value; a trailing * marks a value influenced by a starred score." }
        }
    }
}

fn view(f: &Fields, c: Option<&Value>, outcome: Markup) -> Html<String> {
    let main = html! {
        (stylesheet())
        div.tool.isncsci-tool {
            h1 { "ISNCSCI worksheet" }
            p.lead { "The International Standards for Neurological Classification of Spinal Cord Injury (2019 revision). Enter the examination; the classification updates as you type." }
            form #isncsci-form method="post" action="/isncsci" {
                div.worksheet-tools hidden {
                    button type="button" #fill-normal { "Fill blanks with normal values" }
                    button type="button" #clear-sheet { "Clear" }
                }
                div.worksheet-wrap { (worksheet(f, c)) }
                (extras(f))
                div.actions { button type="submit" { "Classify" } }
            }
            section #isncsci-result.results aria-live="polite" aria-label="Classification" { (outcome) }
            p.disclaimer-line { "Classification follows the rules of the 2019 Standards (Rupp et al. 2021). Check unusual results against the worked examples of the Standards." }
        }
        script src="/static/tools/isncsci.js" defer {}
    };
    layout("ISNCSCI worksheet", main)
}

pub(super) async fn page() -> Html<String> {
    view(
        &Fields::default(),
        None,
        result(None, 0, "No values yet: the classification appears as you fill in the sheet."),
    )
}

/// The form post without scripts.
pub(super) async fn submit(Form(pairs): Form<Vec<(String, String)>>) -> Result<Response, PageError> {
    check_form_fields(pairs.len())?;
    bounded("the ISNCSCI classification", move || {
        let f = Fields(pairs);
        let (exam, blanks) = exam_json(&f);
        if blanks == 2 * (28 * 2 + 10) + 2 {
            let page = view(&f, None, result(None, blanks, "Enter the examination first."));
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
        Ok(match vesalius_isncsci::classify_json(&exam.to_string()) {
            Ok(c) => view(&f, Some(&c), result(Some(&c), blanks, "")).into_response(),
            Err(e) => (StatusCode::BAD_REQUEST, view(&f, None, result(None, blanks, &e.to_string()))).into_response(),
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_sheet_is_all_nt_and_codes_pass_through() {
        let f =
            Fields(vec![("right.motor.C5".into(), " 4* ".into()), ("voluntaryAnalContraction".into(), "No".into())]);
        let (exam, blanks) = exam_json(&f);
        assert_eq!(exam["right"]["motor"]["C5"], "4*");
        assert_eq!(exam["left"]["lightTouch"]["S4_5"], "NT");
        assert_eq!(exam["voluntaryAnalContraction"], "No");
        assert_eq!(blanks, 2 * 66 + 2 - 2);
        assert!(vesalius_isncsci::classify_json(&exam.to_string()).is_ok());
    }
}
