//! `vesalius eval train-ranker`: fits the Q&A ranker on annotated LiveQA training questions.
//!
//! Silver labels: a candidate pair is relevant to a training question when its focus (or one of its
//! document's synonyms) is an annotated focus — equal after normalisation, or one containing the other —
//! and its MedQuAD type is one the annotated type maps to ([`liveqa_type`], then
//! [`vesalius_answer::medquad_types`]). The judged development questions are never read here.

use std::path::Path;

use anyhow::{bail, Result};
use vesalius_answer::{medquad_types, Engine, Group, Ranker, LEXICAL_FEATURES, SEMANTIC_FEATURES};
use vesalius_eval::LiveQaQuestion;
use vesalius_store::StoredPair;

use crate::analysis_eval::{liveqa_type, norm};

/// Shortest normalised name that may match by containment ("flu" inside "flu shot" would be too loose
/// below this).
const MIN_CONTAINED: usize = 4;

fn same_subject(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (b.len() >= MIN_CONTAINED && a.contains(&b)) || (a.len() >= MIN_CONTAINED && b.contains(&a))
}

/// The pair answers what the question's annotations ask: its focus and its type.
pub(crate) fn relevant(q: &LiveQaQuestion, p: &StoredPair) -> bool {
    let names = std::iter::once(&p.focus).chain(&p.synonyms);
    let focus = names.into_iter().any(|n| q.foci.iter().any(|f| same_subject(n, f)));
    let kind = q.types.iter().filter_map(|t| liveqa_type(t)).any(|t| medquad_types(t).contains(&p.qtype.as_str()));
    focus && kind
}

/// Fits the ranker the engine uses (semantic when the model is installed) and writes it to `out`.
pub(crate) fn train(engine: &Engine, questions: &[LiveQaQuestion], out: &Path) -> Result<()> {
    let features = if engine.semantics().is_some() { SEMANTIC_FEATURES } else { LEXICAL_FEATURES };
    let mut groups = Vec::with_capacity(questions.len());
    let (mut candidates, mut positives, mut with_positive) = (0, 0, 0);
    for q in questions {
        let mut g = Group { key: q.original(), ..Group::default() };
        for part in engine.qa_candidates(&q.original())? {
            for (pair, row) in part {
                g.labels.push(relevant(q, &pair));
                g.rows.push(row);
            }
        }
        candidates += g.rows.len();
        let p = g.labels.iter().filter(|l| **l).count();
        positives += p;
        with_positive += usize::from(p > 0);
        groups.push(g);
    }
    if positives == 0 {
        bail!(
            "no candidate of the {} questions is relevant by their annotations: is MedQuAD ingested?",
            questions.len()
        );
    }
    let ranker = Ranker::fit(features, &groups);
    let top1 = ranker.cv_top1();
    println!(
        "ranker ({}): {} questions ({with_positive} with a relevant candidate), {candidates} candidates, {positives} relevant",
        if features == SEMANTIC_FEATURES { "semantic" } else { "lexical" },
        questions.len()
    );
    println!(
        "  5-fold CV (grouped by question): best candidate relevant for {:.1}% of the questions with one; L2 {}",
        100.0 * top1,
        ranker.l2()
    );
    println!("  threshold {:.3}, notice below {:.3}", ranker.threshold(), ranker.confident());
    for (name, w) in ranker.weights() {
        println!("  {name:<16} {w:+.3}");
    }
    std::fs::write(out, ranker.to_json() + "\n").map_err(|e| anyhow::anyhow!("writing {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
