//! Runs every localiser vignette in `tests/vignettes/*.json` and checks its expected top answer.
//!
//! The vignettes were written from the clinical literature named in each `source`, not from the code.

use std::path::Path;

use serde::Deserialize;
use vesalius_atlas::{Atlas, Findings};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vignette {
    title: String,
    source: String,
    expected_top: String,
    #[serde(default)]
    expected_urgent: bool,
    findings: Findings,
}

fn atlas() -> Atlas {
    let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_vignette_puts_the_expected_answer_first() {
    let atlas = atlas();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 25, "only {} vignettes", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: Vignette = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!v.source.trim().is_empty(), "{}: no source", path.display());
        atlas.check_findings(&v.findings).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let out = atlas.localize(&v.findings);
        let top = out.candidates.first();
        let ok = top.is_some_and(|c| c.id == v.expected_top && c.urgent == v.expected_urgent)
            && out.urgent == v.expected_urgent;
        let ranked: Vec<String> = out
            .candidates
            .iter()
            .take(4)
            .map(|c| format!("{} {:.2}{}", c.id, c.score, if c.urgent { " URGENT" } else { "" }))
            .collect();
        let next = out.next_test.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        println!(
            "{} {}: {} -> [{}] next: {next}",
            if ok { "PASS" } else { "FAIL" },
            v.title,
            v.expected_top,
            ranked.join(", ")
        );
        if !ok {
            failures.push(format!("{}: expected {}, got [{}]", path.display(), v.expected_top, ranked.join(", ")));
        }
    }
    println!("{} of {} vignettes put the expected answer first", paths.len() - failures.len(), paths.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
