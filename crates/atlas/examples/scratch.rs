use vesalius_atlas::{Atlas, Findings};
fn main() {
    let corpus = vesalius_content::Corpus::builtin().unwrap();
    let atlas = Atlas::builtin(&corpus.references).unwrap();
    let dir = std::env::args().nth(1).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let f: Findings = serde_json::from_value(v["findings"].clone()).unwrap();
        let exp = v["expected_top"].as_str().unwrap_or("?");
        let out = atlas.localize(&f);
        let top: Vec<String> = out.candidates.iter().take(4).map(|c| format!("{} {:.2}{}", c.id, c.score, if c.urgent {"!"} else {""})).collect();
        let ok = out.candidates.first().is_some_and(|c| c.id == exp);
        println!("{} {:40} exp {:25} [{}]\n      next: {}", if ok {"ok  "} else {"MISS"}, p.file_stem().unwrap().to_string_lossy(), exp, top.join(", "), out.next_test.map(|t| t.text).unwrap_or_default());
    }
}
