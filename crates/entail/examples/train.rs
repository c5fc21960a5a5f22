//! Trains the RQE model and writes `model/rqe-model.json`.
//!
//! ```text
//! cargo run -p vesalius-entail --release --example train -- /work/shared/data/rqe [OUT]
//! ```
//!
//! Reads `RQE_Train_8588_AMIA2016.xml` from the directory, trains, writes the model (default
//! `crates/entail/model/rqe-model.json`), and reports cross-validation, test and baseline
//! figures when `RQE_Test_302_pairs_AMIA2016.xml` is present.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vesalius_entail::{baseline_accuracy, evaluate, read_pairs, RqeModel};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: train <rqe-data-dir> [out.json]");
        return ExitCode::from(2);
    };
    let out = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("model").join("rqe-model.json"));
    match run(&dir, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let train = read_pairs(&dir.join("RQE_Train_8588_AMIA2016.xml"))?;
    let model = RqeModel::train(&train);
    std::fs::write(out, model.to_json() + "\n")?;
    println!("trained on {} pairs -> {}", train.len(), out.display());
    println!("l2 {}  threshold {:.4}  cv accuracy {:.4}", model.l2(), model.threshold(), model.cv_accuracy());
    for (name, w) in model.weights() {
        println!("  {name:<22} {w:+.4}");
    }
    let test_path = dir.join("RQE_Test_302_pairs_AMIA2016.xml");
    if test_path.exists() {
        let test = read_pairs(&test_path)?;
        let m = evaluate(&model, &test);
        println!(
            "test ({} pairs): accuracy {:.4}  precision {:.4}  recall {:.4}  f1 {:.4}",
            test.len(),
            m.accuracy,
            m.precision,
            m.recall,
            m.f1
        );
        println!("word-overlap baseline test accuracy {:.4}", baseline_accuracy(&train, &test));
    }
    Ok(())
}
