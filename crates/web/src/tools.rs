//! Interactive tools over the atlas: the body map (`/atlas`), the lesion localiser (`/localize`) and the
//! ISNCSCI worksheet (`/isncsci`).
//!
//! Everything is rendered on the server and works without JavaScript (links and ordinary form posts); the
//! scripts in `assets/` (served from `/static/tools/`) add highlighting, picking on the map and results as
//! you type. The pages obey the site's Content-Security-Policy: no inline scripts or styles, so colours on
//! the map are SVG presentation attributes and the rest is in `tools.css`.

mod assets;
mod atlas_page;
mod bodymap;
mod form;
mod geometry;
mod isncsci;
mod localize;
mod localize_view;
mod supply;

use std::collections::HashMap;

use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use vesalius_core::{Answer, Reference};

use crate::AppState;

/// The references the tools cite, by id: what a reader sees instead of a raw id.
pub(super) struct RefTitles(HashMap<String, Reference>);

impl RefTitles {
    /// The built-in references and those added on the web.
    pub(super) fn of(state: &AppState) -> RefTitles {
        let refs = crate::references::all_references(state).unwrap_or_else(|_| state.engine().known_references());
        RefTitles::from_refs(refs)
    }

    pub(super) fn from_refs(refs: impl IntoIterator<Item = Reference>) -> RefTitles {
        RefTitles(refs.into_iter().map(|r| (r.id.clone(), r)).collect())
    }

    /// "Title (year)" of a reference, or the id itself when it is not known.
    pub(super) fn title(&self, id: &str) -> String {
        self.0.get(id).map_or_else(|| id.to_string(), |r| format!("{} ({})", r.title, r.year))
    }

    /// Every known reference id, sorted.
    pub(super) fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.0.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Every id with its title, for the scripts that draw the same results from JSON.
    pub(super) fn json(&self, ids: impl IntoIterator<Item = String>) -> String {
        let map: serde_json::Map<String, serde_json::Value> =
            ids.into_iter().map(|id| (id.clone(), serde_json::Value::String(self.title(&id)))).collect();
        serde_json::Value::Object(map).to_string()
    }

    /// "Sources: " and each cited work by title (linking to it in the reference list), in order, without
    /// repeats; nothing when there are none.
    pub(super) fn sources(&self, ids: &[String]) -> Markup {
        let mut seen: Vec<&String> = Vec::new();
        for id in ids {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        html! {
            @if !seen.is_empty() {
                p.sources { "Sources: "
                    @for (i, id) in seen.iter().enumerate() {
                        @if i > 0 { "; " }
                        a href={"/references#ref-" (id)} title={"[@" (id) "]"} { (self.title(id)) }
                    }
                }
            }
        }
    }
}

/// The tools' routes, merged into the app.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/atlas", get(atlas_page::page))
        .route("/atlas/map.svg", get(atlas_page::map_svg))
        .route("/localize", get(localize::page).post(localize::submit))
        .route("/isncsci", get(isncsci::page).post(isncsci::submit))
        .route("/static/tools/{file}", get(assets::serve))
}

/// The body map for a dermatome article (its roots highlighted), or nothing for other answers.
pub(crate) fn article_map(answer: &Answer) -> Markup {
    atlas_page::article_map(answer)
}
