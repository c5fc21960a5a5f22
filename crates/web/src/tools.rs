//! Interactive tools over the atlas: the body map (`/atlas`), the lesion localiser (`/localize`) and the
//! ISNCSCI worksheet (`/isncsci`).

use axum::Router;

use crate::AppState;

/// The tools' routes, merged into the app.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
}
