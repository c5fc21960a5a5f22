//! `GET /api/openapi.json`: the OpenAPI 3 description of the JSON API, hand-written in `openapi.json` and
//! embedded. A test keeps it and the router in step (docs/decision-observability.md).

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

/// The description, as served.
pub(crate) const OPENAPI_JSON: &str = include_str!("openapi.json");

/// `GET /api/openapi.json`.
pub(crate) async fn get_openapi() -> Response {
    let mut res = OPENAPI_JSON.into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The (method, path) pairs the router's source declares for paths under `/api/` (but the catch-all) and
    /// the operational endpoints, read from every `.route("…", get(…).post(…))` line.
    fn served() -> BTreeSet<(String, String)> {
        let sources = [include_str!("server.rs"), include_str!("tools.rs"), include_str!("review.rs")];
        let mut out = BTreeSet::new();
        for line in sources.iter().flat_map(|s| s.lines()) {
            let Some(rest) = line.trim().strip_prefix(".route(\"") else { continue };
            let Some((path, handlers)) = rest.split_once('"') else { continue };
            let described =
                (path.starts_with("/api/") && !path.contains("{*")) || path == "/healthz" || path == "/metrics";
            if !described {
                continue;
            }
            for method in ["get", "post", "put", "delete", "patch"] {
                if handlers.contains(&format!(" {method}(")) || handlers.contains(&format!(".{method}(")) {
                    out.insert((method.to_string(), path.to_string()));
                }
            }
        }
        out
    }

    fn described(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, ops) in doc["paths"].as_object().expect("paths") {
            for method in ops.as_object().expect("operations").keys() {
                out.insert((method.clone(), path.clone()));
            }
        }
        out
    }

    #[test]
    fn the_description_is_openapi_3_json_and_describes_every_api_route_and_no_other() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).expect("valid JSON");
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "an OpenAPI 3 document");
        let served = served();
        assert!(served.contains(&("post".into(), "/api/ask".into())), "the router's routes were read: {served:?}");
        assert_eq!(described(&doc), served, "described (left) and served (right) differ");
    }

    #[test]
    fn every_reference_in_the_description_resolves() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(refs.len() > 10, "{refs:?}");
        for r in refs {
            let pointer = r.strip_prefix('#').unwrap_or_else(|| panic!("a local reference: {r}"));
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }

    #[test]
    fn the_answer_schema_requires_every_field_of_the_contract() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        let required: Vec<&str> = doc["components"]["schemas"]["Answer"]["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let contract = include_str!("../../../docs/answer-contract.md");
        let example = contract.split("```json").nth(1).and_then(|s| s.split("```").next()).unwrap();
        for line in example.lines() {
            // Top-level keys of the example are indented by two spaces.
            if let Some(key) = line.strip_prefix("  \"").and_then(|l| l.split('"').next()) {
                assert!(required.contains(&key), "the contract's `{key}` is not required in the schema");
            }
        }
    }

    fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v.as_str()) {
                        ("$ref", Some(r)) => out.push(r.to_string()),
                        _ => collect_refs(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }
}
