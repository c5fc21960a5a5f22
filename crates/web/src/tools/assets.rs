//! The tools' scripts and stylesheet, compiled in and served from `/static/tools/{file}` (the
//! Content-Security-Policy allows only same-origin scripts and styles).

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, PageError};

const FILES: [(&str, &str, &str); 4] = [
    ("tools.css", "text/css; charset=utf-8", include_str!("../../assets/tools.css")),
    ("bodymap.js", "text/javascript; charset=utf-8", include_str!("../../assets/bodymap.js")),
    ("localize.js", "text/javascript; charset=utf-8", include_str!("../../assets/localize.js")),
    ("isncsci.js", "text/javascript; charset=utf-8", include_str!("../../assets/isncsci.js")),
];

pub(super) async fn serve(Path(file): Path<String>) -> Result<Response, PageError> {
    let (_, content_type, body) = FILES
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or_else(|| AppError::NotFound("There is no such file.".into()))?;
    let mut res = (*body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    Ok(res)
}
