//! `/atlas`: the body map with the roots and nerves; `/atlas/map.svg`: the map as an image (dermatome
//! chart), used on the dermatome articles.

use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use vesalius_atlas::{Atlas, Nerve};
use vesalius_core::{Answer, AnswerKind};

use super::bodymap::{self, MapSpec};
use super::supply::{self, nerve_territory, region_labels, root_territory};
use super::RefTitles;
use crate::error::{AppError, PageError};
use crate::render::layout;
use crate::AppState;

/// `?root=` or `?nerve=` on `/atlas`: the territory to highlight without scripts.
#[derive(Debug, Deserialize)]
pub(super) struct AtlasQuery {
    root: Option<String>,
    nerve: Option<String>,
}

/// `?roots=L4,L5` on `/atlas/map.svg`.
#[derive(Debug, Deserialize)]
pub(super) struct MapQuery {
    roots: Option<String>,
}

pub(super) fn no_atlas() -> AppError {
    AppError::NotFound("This instance has no atlas data, so the atlas tools are not available.".into())
}

/// The note on overlap and variability shown with every map (`chart`: the map is coloured by root).
pub(super) fn variability_note(chart: bool) -> Markup {
    html! {
        p.variability-note role="note" {
            strong { "Borders are approximate. " }
            "Neighbouring dermatomes overlap, and their borders vary from person to person; maps drawn by different "
            "methods disagree. The evidence-based map of Lee et al. (2008) shows only the most consistent territory "
            "of each root. "
            @if chart {
                "Here, skin most maps give to one root is solid, skin shared by roots is striped, and skin "
                "that only some maps or some people include is hatched. Use the map as a guide, not a boundary."
            } @else {
                "Mark the skin where sensation is changed, not a whole band: the localiser weighs overlap itself."
            }
        }
    }
}

/// A small colour swatch (an SVG, as inline styles are not allowed).
pub(super) fn swatch(fill: &str) -> Markup {
    html! { svg.swatch width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" { rect width="12" height="12" rx="2" fill=(fill) {} } }
}

fn legend() -> Markup {
    let bar = |fills: &[&str]| {
        html! { svg.swatch width="18" height="12" viewBox="0 0 18 12" aria-hidden="true" {
            @for (i, f) in fills.iter().enumerate() { rect x=(i * 18 / fills.len()) width=(18 / fills.len()) height="12" fill=(f) {} }
        } }
    };
    let hatch = |c: &str| {
        html! { svg.swatch width="18" height="12" viewBox="0 0 18 12" aria-hidden="true" {
            rect width="18" height="12" fill="#eef1f5" {} @for x in [0, 5, 10, 15] { rect x=(x) width="2" height="12" fill=(c) {} }
        } }
    };
    html! {
        ul.map-legend {
            li { (bar(&["#e8a33d"])) " one root (colours as in the list of roots)" }
            li { (bar(&["#e8a33d", "#5b8fd6"])) " shared by roots (striped)" }
            li { (hatch("#e8a33d")) " only some maps or some people" }
            li { (bar(&["#1f5fa8"])) " / " (hatch("#1f5fa8")) " the chosen root or nerve: usual / variable territory" }
            li { (bar(&["#dfe4ea"])) " not mapped here (e.g. the face, the back of the trunk)" }
        }
    }
}

fn root_info(atlas: &Atlas, root: &str, refs: &RefTitles) -> Markup {
    let Some(d) = atlas.dermatome(root) else { return html! {} };
    let (_, variable) = root_territory(atlas, root);
    let muscles: Vec<&str> =
        atlas.movements.iter().filter(|m| m.main.iter().any(|r| r == root)).map(|m| m.label.as_str()).collect();
    let reflexes: Vec<&str> =
        atlas.reflexes.iter().filter(|r| r.main.iter().any(|x| x == root)).map(|r| r.label.as_str()).collect();
    let mut cites = d.cite.clone();
    cites.extend(d.key_point_cite.iter().cloned());
    cites.extend(d.conflicts.iter().flat_map(|c| c.cite.iter().cloned()));
    html! {
        div.info id={"info-root-" (root)} data-kind="root" data-id=(root) {
            h3 { (root) " dermatome" }
            dl {
                dt { "Most maps" } dd { @if d.regions.is_empty() { "—" } @else { (region_labels(atlas, &d.regions)) } }
                @if !variable.is_empty() { dt { "Some maps or some people" } dd { (region_labels(atlas, &variable)) } }
                dt { "ISNCSCI key sensory point" } dd { (d.key_point) }
                @if !muscles.is_empty() { dt { "Movements (main root)" } dd { (muscles.join(", ")) } }
                @if !reflexes.is_empty() { dt { "Reflex" } dd { (reflexes.join(", ")) } }
            }
            @for c in &d.conflicts { p.conflict { "Other maps: " (c.claim) } }
            @if let Some(n) = &d.note { p.note { (n) } }
            (refs.sources(&cites))
        }
    }
}

fn nerve_info(atlas: &Atlas, nerve: &Nerve, refs: &RefTitles) -> Markup {
    let (strong, variable) = nerve_territory(atlas, &nerve.id);
    let (roots, from) = atlas.nerve_roots(nerve);
    let subtree = atlas.nerve_subtree(&nerve.id);
    let moves: Vec<&str> =
        atlas.movements.iter().filter(|m| subtree.contains(&m.nerve)).map(|m| m.label.as_str()).collect();
    let parent = nerve.branch_of.as_deref().and_then(|p| atlas.nerve(p));
    let mut cites = nerve.cite.clone();
    cites.extend(nerve.conflicts.iter().flat_map(|c| c.cite.iter().cloned()));
    html! {
        div.info id={"info-nerve-" (nerve.id)} data-kind="nerve" data-id=(nerve.id) data-empty=[strong.is_empty().then_some("true")] {
            h3 { (nerve.label) }
            dl {
                dt { "Roots" } dd { (atlas.format_roots(roots)) @if let Some(f) = from { " (as the " (f.label) ")" } }
                @if let Some(p) = parent { dt { "Branch of" } dd { (p.label) } }
                @if let Some(p) = &nerve.plexus { dt { "Plexus" } dd { (p) } }
                dt { "Skin (with its branches)" }
                dd { @if strong.is_empty() { "no cutaneous territory in the atlas (a motor nerve here)" } @else { (region_labels(atlas, &strong)) } }
                @if !variable.is_empty() { dt { "In some people" } dd { (region_labels(atlas, &variable)) } }
                @if !moves.is_empty() { dt { "Movements" } dd { (moves.join(", ")) } }
            }
            @for c in &nerve.conflicts { p.conflict { "Sources differ: " (c.claim) } }
            @if let Some(n) = &nerve.note { p.note { (n) } }
            (refs.sources(&cites))
        }
    }
}

fn nerve_tree(atlas: &Atlas, parent: Option<&str>, limb: &str, selected: Option<&str>) -> Markup {
    let children: Vec<&Nerve> = atlas
        .nerves
        .iter()
        .filter(|n| n.branch_of.as_deref() == parent && (parent.is_some() || n.limb == limb))
        .collect();
    html! {
        @if !children.is_empty() {
            ul.nerve-list {
                @for n in children {
                    @let on = selected == Some(n.id.as_str());
                    li {
                        a.chip.selected[on] href={"/atlas?nerve=" (n.id) "#bodymap"} data-nerve=(n.id) aria-pressed=(if on { "true" } else { "false" }) { (n.label) }
                        (nerve_tree(atlas, Some(&n.id), limb, selected))
                    }
                }
            }
        }
    }
}

fn region_table(atlas: &Atlas) -> Markup {
    let supplies = supply::supplies(atlas);
    html! {
        details.region-table {
            summary { "Every region and what supplies it (table)" }
            table {
                thead { tr { th scope="col" { "Region" } th scope="col" { "Dermatome (most maps)" } th scope="col" { "Some maps or people" } th scope="col" { "Nerve" } } }
                tbody {
                    @for r in &atlas.regions {
                        @let s = supplies.get(&r.id).cloned().unwrap_or_default();
                        tr data-region=(r.id) {
                            th scope="row" { (r.label) }
                            td { (s.roots.join(", ")) }
                            td { (s.variable_roots.join(", ")) }
                            td { (s.nerves.iter().map(|id| atlas.nerve(id).map_or(id.as_str(), |n| n.label.as_str())).collect::<Vec<_>>().join(", ")) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn stylesheet() -> Markup {
    html! { link rel="stylesheet" href="/static/tools/tools.css"; }
}

pub(super) async fn page(
    State(state): State<AppState>,
    Query(q): Query<AtlasQuery>,
) -> Result<Html<String>, PageError> {
    let engine = state.engine();
    let atlas = engine.atlas().ok_or_else(no_atlas)?;
    let refs = RefTitles::of(&state);
    let root = q.root.as_deref().filter(|r| atlas.dermatome(r).is_some());
    let nerve = q.nerve.as_deref().and_then(|n| atlas.nerve(n));
    let (strong, variable) = match (root, nerve) {
        (Some(r), _) => root_territory(atlas, r),
        (None, Some(n)) => nerve_territory(atlas, &n.id),
        _ => (Vec::new(), Vec::new()),
    };
    let mark = |id: &str, _: Option<&str>| {
        if strong.iter().any(|r| r == id) {
            "hl"
        } else if variable.iter().any(|r| r == id) {
            "hl-var"
        } else {
            ""
        }
    };
    let selection = root.is_some() || nerve.is_some();
    let roots = atlas.roots.clone();
    let label = "Body map, front and back: dermatomes and nerve territories";
    let spec =
        MapSpec { colour_roots: Some(&roots), interactive: true, standalone: false, selection, label, mark: &mark };
    let undrawn = bodymap::undrawn(atlas);
    let main = html! {
        (stylesheet())
        div.tool.atlas-tool {
            h1 { "Body map: dermatomes and nerves" }
            p.lead { "Choose a root or a nerve to highlight its territory; point at a region, or move to it with the Tab key, to see what supplies it." }
            (variability_note(true))
            div.atlas-layout {
                figure.map-figure {
                    a.skip href="#roots-heading" { "Skip the map's regions: go to the list of roots and nerves" }
                    (bodymap::render(atlas, &spec))
                    figcaption { (legend())
                        @if !undrawn.is_empty() { p.undrawn { "Not drawn on the map: " (undrawn.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(", ")) "." } }
                    }
                }
                div.atlas-side {
                    section #supply-panel.panel aria-live="polite" aria-labelledby="panel-heading" {
                        h2 #panel-heading { "What supplies it" }
                        div #panel-body {
                            @if let Some(r) = root { (root_info(atlas, r, &refs)) }
                            @else if let Some(n) = nerve { (nerve_info(atlas, n, &refs)) }
                            @else { p.hint { "Nothing selected yet: choose a root or a nerve, or point at a region of the map." } }
                        }
                        @if selection { p { a #clear-selection href="/atlas" { "Clear the highlight" } } }
                    }
                    section.roots aria-labelledby="roots-heading" {
                        h2 #roots-heading { "Dermatomes" }
                        ul.root-list {
                            @for (i, r) in atlas.roots.iter().enumerate() {
                                @let on = root == Some(r.as_str());
                                li { a.chip.selected[on] href={"/atlas?root=" (r) "#bodymap"} data-root=(r) aria-pressed=(if on { "true" } else { "false" }) {
                                    (swatch(&supply::root_colour(i))) " " (r) } }
                            }
                        }
                    }
                    section.nerves aria-labelledby="nerves-heading" {
                        h2 #nerves-heading { "Nerves" }
                        h3 { "Upper limb" } (nerve_tree(atlas, None, "upper", nerve.map(|n| n.id.as_str())))
                        h3 { "Lower limb" } (nerve_tree(atlas, None, "lower", nerve.map(|n| n.id.as_str())))
                    }
                }
            }
            (region_table(atlas))
            div.infos hidden {
                @for r in &atlas.roots { (root_info(atlas, r, &refs)) }
                @for n in &atlas.nerves { (nerve_info(atlas, n, &refs)) }
            }
            p.disclaimer-line { "For education and decision support; it does not replace an examination by a clinician. Look-ups in words: "
                a href="/ask?q=what+does+L5+supply%3F" { "ask a question" } "." }
        }
        script src="/static/tools/bodymap.js" defer {}
    };
    Ok(layout("Body map", main))
}

/// Roots mentioned in text, in spinal order (e.g. `L5` in "the L5 root"; `T1` not in `T12`; `S4`, `S5`
/// and `S4-5` all count as `S4-5`).
fn roots_in(text: &str) -> Vec<&'static str> {
    let bytes = text.as_bytes();
    let whole = |name: &str| {
        text.match_indices(name).any(|(i, _)| {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + name.len()).copied();
            !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric())
        })
    };
    supply::ROOTS
        .into_iter()
        .filter(|root| if *root == "S4-5" { whole("S4-5") || whole("S4") || whole("S5") } else { whole(root) })
        .collect()
}

/// The dermatome chart of a dermatome article's roots, as an image, with the overlap note.
pub(super) fn article_map(answer: &Answer) -> Markup {
    let is_dermatome_article =
        answer.kind == AnswerKind::Article && answer.id.as_deref().is_some_and(|id| id.starts_with("dermatomes"));
    if !is_dermatome_article {
        return html! {};
    }
    let mut text = answer.summary.clone();
    for s in &answer.sections {
        text.push(' ');
        text.push_str(&serde_json::to_string(&s.blocks).unwrap_or_default());
    }
    let roots = roots_in(&text);
    if roots.is_empty() {
        return html! {};
    }
    let list = roots.join(",");
    html! {
        (stylesheet())
        figure.article-map {
            img src={"/atlas/map.svg?roots=" (list)} width="480" height="540" alt={"Body map, front and back, with the dermatomes this article discusses coloured: " (roots.join(", "))};
            figcaption {
                ul.root-legend aria-label="Colour of each root" {
                    @for r in &roots {
                        @let i = supply::ROOTS.iter().position(|x| x == r).unwrap_or(0);
                        li { (swatch(&supply::root_colour(i))) " " (r) }
                    }
                }
                (variability_note(true))
                p { a href="/atlas" { "Open the interactive body map" } " to highlight one root or nerve at a time." }
            }
        }
    }
}

pub(super) async fn map_svg(State(state): State<AppState>, Query(q): Query<MapQuery>) -> Result<Response, PageError> {
    let engine = state.engine();
    let atlas = engine.atlas().ok_or_else(no_atlas)?;
    let roots: Vec<String> = match q.roots.as_deref() {
        Some(list) => {
            list.split(',').map(str::trim).filter(|r| atlas.dermatome(r).is_some()).map(str::to_string).collect()
        }
        None => atlas.roots.clone(),
    };
    let label = format!("Body map, front and back, dermatomes coloured: {}", roots.join(", "));
    let none = |_: &str, _: Option<&str>| "";
    let spec = MapSpec {
        colour_roots: Some(&roots),
        interactive: false,
        standalone: true,
        selection: false,
        label: &label,
        mark: &none,
    };
    let mut res = bodymap::render(atlas, &spec).into_string().into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_found_as_whole_words() {
        assert_eq!(roots_in("L5 and S1; not T12x, but T1 (S4/5)"), vec!["T1", "L5", "S1", "S4-5"]);
        assert_eq!(roots_in("T12 only"), vec!["T12"]);
    }
}
