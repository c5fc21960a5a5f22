//! The Vesalius web layer: HTML pages and the JSON API over the answer engine, with axum.
//!
//! [`app`] builds the router (tests call it directly); [`serve`] runs it on a listener until Ctrl-C, with
//! request ids, `tracing` logs, Prometheus metrics (`/metrics`), a health check (`/healthz`) and the OpenAPI
//! description of the JSON API (`/api/openapi.json`); [`subscriber`] is the logger `vesalius serve` installs.
//! Everything rendered into HTML is escaped by maud or by [`render::inline`]; the pages load no external
//! resources (a Content-Security-Policy of `'self'` says so to the browser).

mod api;
mod auth;
mod diff;
mod edit;
mod error;
mod guard;
mod health;
mod limits;
mod metrics;
mod openapi;
mod pages;
mod references;
mod render;
mod review;
mod review_render;
mod server;
mod telemetry;
mod tools;
mod users;

pub use auth::hash_password;
pub use guard::{Backoff, Limits, Rate};
pub use limits::{MAX_BODY_BYTES, MAX_FORM_FIELDS, WORK_BUDGET};
pub use server::{app, serve, serve_until, AppState, ServeConfig, WebConfig, MAX_HEADER_BYTES, MAX_URI_BYTES};
pub use telemetry::{init_logging, subscriber, LogFormat};
