//! Trains the answer-relevance model and writes `model/relevance-model.json`.
//!
//! ```text
//! cargo run -p vesalius-entail --release --example train_relevance -- /work/shared/data/mediqa [OUT]
//! ```
//!
//! Trains on `MEDIQA2019-Task3-QA-TrainingSet2-Alexa.xml` only (choices by cross-validation on it) and reports
//! the validation figures when `MEDIQA2019-Task3-QA-ValidationSet.xml` is present; the validation set is for
//! reporting, never for a choice.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vesalius_entail::{parse_mediqa, rank_and_score, RelevanceModel};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: train_relevance <mediqa-data-dir> [out.json]");
        return ExitCode::from(2);
    };
    let out = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("model").join("relevance-model.json"));
    match run(&dir, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let train = parse_mediqa(&std::fs::read_to_string(dir.join("MEDIQA2019-Task3-QA-TrainingSet2-Alexa.xml"))?)?;
    let model = RelevanceModel::train(&train);
    std::fs::write(out, model.to_json() + "\n")?;
    println!("trained on {} questions -> {}", train.len(), out.display());
    println!(
        "l2 {}  threshold {:.4}  cv accuracy {:.4}  order {:?}",
        model.l2(),
        model.threshold(),
        model.cv_accuracy(),
        model.order()
    );
    for (name, w) in model.weights() {
        println!("  {name:22} {w:+.3}");
    }
    let (_, m) = rank_and_score(&model, &train);
    println!(
        "train (in-sample): accuracy {:.3} precision {:.3} mrr {:.3} spearman {:.3}",
        m.accuracy, m.precision, m.mrr, m.spearman
    );
    let val = dir.join("MEDIQA2019-Task3-QA-ValidationSet.xml");
    if val.exists() {
        let qs = parse_mediqa(&std::fs::read_to_string(val)?)?;
        let (_, m) = rank_and_score(&model, &qs);
        println!(
            "validation (report only): {} questions, {} answers: accuracy {:.3} precision {:.3} mrr {:.3} spearman {:.3}",
            m.questions, m.answers, m.accuracy, m.precision, m.mrr, m.spearman
        );
    }
    Ok(())
}
