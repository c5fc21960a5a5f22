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

use axum::routing::get;
use axum::Router;
use maud::Markup;
use vesalius_core::Answer;

use crate::AppState;

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
