//! Question-analysis accuracy against annotated LiveQA questions (the `eval analysis` command).
//!
//! Focus: correct when the focus found — the words of the question that named it, or its canonical MedQuAD
//! name — and an annotated FOCUS are equal after normalisation (lowercase, words only, possessive `'s` and a
//! trailing plural `s` dropped) or one contains the other. Type: correct when one of the types
//! found maps to an annotated TYPE; LiveQA's types are mapped to ours in [`liveqa_type`].

use serde::Serialize;
use vesalius_answer::{analyze_question, FocusLexicon};
use vesalius_entail::QType;
use vesalius_eval::LiveQaQuestion;

/// The result of the analysis evaluation.
#[derive(Debug, Serialize)]
pub(crate) struct AnalysisReport {
    pub questions: usize,
    pub focus_found: usize,
    pub focus_accuracy: f64,
    pub type_accuracy: f64,
}

pub(crate) fn norm(s: &str) -> String {
    let w: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    let joined = w.join(" ");
    joined.strip_suffix('s').map(str::to_string).unwrap_or(joined)
}

/// Our question type for a LiveQA annotation TYPE (case-insensitive); `None` for types we do not model.
pub(crate) fn liveqa_type(t: &str) -> Option<QType> {
    Some(match t.to_lowercase().as_str() {
        "information" | "organization" | "ingredient" | "person/organization" => QType::Information,
        "treatment" | "tapering" => QType::Treatment,
        "cause" => QType::Causes,
        "prognosis" => QType::Prognosis,
        "diagnosis" => QType::Diagnosis,
        "susceptibility" => QType::Susceptibility,
        "symptom" => QType::Symptoms,
        "inheritance" | "genetic changes" => QType::Genetics,
        "complication" | "association" | "effect" => QType::Complications,
        "side effects" | "side_effects" => QType::SideEffects,
        "prevention" => QType::Prevention,
        "dosage" | "usage" | "action" | "indication" => QType::Dosage,
        "interaction" => QType::Interactions,
        "contraindication" | "storage and disposal" => QType::Safety,
        "resources" | "support groups" => QType::SupportGroups,
        "diet" | "lifestyle" => QType::Lifestyle,
        "frequency" => QType::Frequency,
        _ => return None,
    })
}

pub(crate) fn evaluate(questions: &[LiveQaQuestion], lexicon: &FocusLexicon) -> AnalysisReport {
    let (mut found, mut focus_ok, mut type_ok) = (0, 0, 0);
    for q in questions {
        let a = analyze_question(&q.original(), lexicon);
        if let Some(f) = &a.focus {
            found += 1;
            // The focus counts when either the words that named it or its canonical MedQuAD name match.
            let named: Vec<String> =
                [Some(f.as_str()), a.focus_text.as_deref()].into_iter().flatten().map(norm).collect();
            let gold: Vec<String> = q.foci.iter().map(|x| norm(x)).filter(|x| !x.is_empty()).collect();
            if named.iter().any(|n| gold.iter().any(|g| g == n || g.contains(n.as_str()) || n.contains(g.as_str()))) {
                focus_ok += 1;
            }
        }
        let gold: Vec<QType> = q.types.iter().filter_map(|t| liveqa_type(t)).collect();
        if a.types.iter().any(|t| gold.contains(t)) || (a.types.is_empty() && gold.contains(&QType::Information)) {
            type_ok += 1;
        }
    }
    let n = questions.len().max(1) as f64;
    AnalysisReport {
        questions: questions.len(),
        focus_found: found,
        focus_accuracy: focus_ok as f64 / n,
        type_accuracy: type_ok as f64 / n,
    }
}
