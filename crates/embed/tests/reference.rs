//! The embedder against Python sentence-transformers on the same model files: every sentence of
//! tests/data/reference.json (questions, long answers cut at 256 word pieces, odd and non-English text)
//! within cosine 0.999 of the reference, with the same number of word pieces.
//!
//! Needs the installed model: `VESALIUS_MODELS=DIR cargo test -p vesalius-embed -- --ignored`
//! (`.ci/run` installs it with `vesalius models install` first).

use vesalius_embed::{cosine, model_dir, Embedder};

#[derive(serde::Deserialize)]
struct Reference {
    max_seq_length: usize,
    sentences: Vec<String>,
    tokens: Vec<usize>,
    embeddings: Vec<Vec<f32>>,
}

fn embedder() -> Embedder {
    let models = std::env::var_os("VESALIUS_MODELS").expect("set VESALIUS_MODELS to the models folder");
    Embedder::load(&model_dir(std::path::Path::new(&models))).expect("the installed model loads")
}

#[test]
#[ignore = "needs the installed model (VESALIUS_MODELS); run by .ci/run"]
fn embeddings_match_sentence_transformers() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reference.json")).unwrap();
    let r: Reference = serde_json::from_str(&text).unwrap();
    let e = embedder();
    assert_eq!(e.dim(), 384);
    assert_eq!(e.max_tokens(), r.max_seq_length);
    let texts: Vec<&str> = r.sentences.iter().map(String::as_str).collect();
    let got = e.embed(&texts).unwrap();
    let mut worst = (1.0f32, 0);
    for (i, (g, want)) in got.iter().zip(&r.embeddings).enumerate() {
        let pieces = e.token_ids(&r.sentences[i]).unwrap().len();
        assert_eq!(pieces, r.tokens[i].min(r.max_seq_length), "word pieces of {:?}", r.sentences[i]);
        let c = cosine(g, want);
        if c < worst.0 {
            worst = (c, i);
        }
        let norm: f32 = g.iter().map(|v| v * v).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "unit length: {norm}");
    }
    println!("worst cosine {:.6} for {:?}", worst.0, &r.sentences[worst.1].chars().take(60).collect::<String>());
    assert!(worst.0 >= 0.999, "cosine {} for sentence {} {:?}", worst.0, worst.1, r.sentences[worst.1]);
    // One at a time gives what a batch gives.
    for (t, g) in texts.iter().zip(&got).step_by(7) {
        assert!(cosine(&e.embed_one(t).unwrap(), g) > 0.99999, "{t:?}");
    }
}

#[test]
#[ignore = "needs the installed model (VESALIUS_MODELS); run by .ci/run"]
fn related_questions_are_closer_than_unrelated_ones() {
    let e = embedder();
    let v = e
        .embed(&["What are the symptoms of shingles?", "What signs does herpes zoster cause?", "How is gout treated?"])
        .unwrap();
    assert!(cosine(&v[0], &v[1]) > cosine(&v[0], &v[2]) + 0.2, "{} vs {}", cosine(&v[0], &v[1]), cosine(&v[0], &v[2]));
}
