//! Classifies the exam(s) in a JSON file (one exam or an array; nested or flat form) and prints, for each,
//! the text report and the JSON result.
//!
//! `cargo run -p vesalius-isncsci --example classify -- exam.json`

use std::process::ExitCode;

use serde_json::Value;
use vesalius_isncsci::{classify, parse_exam};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: classify <exam.json>");
        return ExitCode::FAILURE;
    };
    let doc = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
    let exams = match doc {
        Ok(Value::Array(items)) => items,
        Ok(one) => vec![one],
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (i, value) in exams.iter().enumerate() {
        match parse_exam(value) {
            Ok(exam) => {
                let result = classify(&exam);
                let json = serde_json::to_string_pretty(&result).unwrap_or_default();
                println!("{result}\n{json}\n");
            }
            Err(e) => {
                eprintln!("{path}: exam {i}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
