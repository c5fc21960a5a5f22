//! The localiser's results as HTML (the page without scripts; `localize.js` draws the same from JSON).

use maud::{html, Markup};
use vesalius_atlas::{Candidate, Localization};

use super::RefTitles;

fn percent(score: f32) -> String {
    let p = score * 100.0;
    if p < 1.0 {
        "<1%".to_string()
    } else {
        format!("{p:.0}%")
    }
}

fn side_text(c: &Candidate) -> String {
    c.side.map_or_else(String::new, |s| format!(" ({s})"))
}

fn candidate(c: &Candidate, rank: usize, refs: &RefTitles) -> Markup {
    html! {
        li.candidate.urgent-candidate[c.urgent] data-id=(c.id) data-kind=(serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()) {
            div.candidate-head {
                span.rank { (rank) "." }
                strong.candidate-label { (c.label) (side_text(c)) }
                @if c.urgent { span.badge.urgent-badge { "urgent" } }
                span.score title="Probability among the explanations considered" { (percent(c.score)) }
            }
            @if !c.explains.is_empty() {
                div.explains { span.list-label { "Explains: " } ul { @for e in &c.explains { li { (e) } } } }
            }
            @if !c.contradicts.is_empty() {
                div.contradicts { span.list-label { "Against it: " } ul { @for e in &c.contradicts { li { (e) } } } }
            }
            @if let Some(n) = &c.note { p.note { (n) } }
            (refs.sources(&c.citations))
        }
    }
}

/// The ranked explanations: the red flag first, then the next test, then the list.
pub(super) fn results(loc: &Localization, refs: &RefTitles) -> Markup {
    let first_urgent = loc.candidates.iter().find(|c| c.urgent);
    html! {
        @if let Some(u) = first_urgent {
            div.urgent role="alert" {
                strong { "Urgent: " } "these findings fit " (u.label) (side_text(u))
                ". This is a red flag: arrange emergency assessment now (in most places, the emergency department or your local emergency number)."
            }
        }
        @if loc.candidates.is_empty() {
            p.empty { "No explanation in the atlas accounts for these findings. Check the names, or add findings." }
        } @else {
            @if let Some(t) = &loc.tie {
                div.tie role="status" {
                    h3 { "Too close to call" }
                    p { (t.text) }
                }
            }
            @if let Some(t) = &loc.next_test {
                div.next-test {
                    h3 { "Most useful next test" }
                    p { (t.text) }
                    @if !t.expected.is_empty() {
                        p.expected { "Chance the test is abnormal: "
                            @for (i, e) in t.expected.iter().enumerate() {
                                @if i > 0 { "; " }
                                @let label = loc.candidates.iter().find(|c| c.id == e.candidate).map_or(e.candidate.as_str(), |c| c.label.as_str());
                                (label) " " (percent(e.abnormal))
                            }
                        }
                    }
                }
            }
            h3 { "Ranked explanations" }
            ol.candidates { @for (i, c) in loc.candidates.iter().enumerate() { (candidate(c, i + 1, refs)) } }
        }
        @if !loc.warnings.is_empty() {
            div.warnings { p { "Notes on the findings:" } ul { @for w in &loc.warnings { li { (w) } } } }
        }
        p.disclaimer-line { "Decision support for clinicians, not a diagnosis: it knows only the structures in the atlas and treats findings as independent." }
    }
}
