use serde::Serialize;

use crate::Qrels;

/// What the system returned for one question.
#[derive(Debug, Clone)]
pub struct Run {
    /// Question number (as in the qrels).
    pub question: usize,
    /// Answer ids, best first (the first is "the first answer").
    pub ranked: Vec<String>,
    /// False when the system declined to answer (no trusted answer) or answered from other content.
    pub answered: bool,
}

/// The LiveQA measures over a set of questions. Grades 1–4 score 0–3; an unjudged answer scores 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LiveQaReport {
    /// Questions run.
    pub questions: usize,
    /// Questions answered with a ranked list.
    pub answered: usize,
    /// Mean score (0–3) of the first answer over all questions.
    pub avg_score: f64,
    /// Share of questions whose first answer has grade ≥ 2.
    pub succ_2: f64,
    /// … grade ≥ 3.
    pub succ_3: f64,
    /// … grade 4.
    pub succ_4: f64,
    /// Share of answered questions whose first answer has grade ≥ 2.
    pub prec_2: f64,
    /// … grade ≥ 3.
    pub prec_3: f64,
    /// … grade 4.
    pub prec_4: f64,
    /// Mean average precision of the top 10, relevant = grade ≥ 3.
    pub map10_g3: f64,
    /// Mean reciprocal rank of the first relevant answer in the top 10, relevant = grade ≥ 3.
    pub mrr10_g3: f64,
    /// MAP@10 with relevant = grade ≥ 2.
    pub map10_g2: f64,
    /// MRR@10 with relevant = grade ≥ 2.
    pub mrr10_g2: f64,
    /// Share of answered questions whose first answer was judged at all.
    pub judged_first: f64,
}

fn ap_rr(run: &Run, qrels: &Qrels, min: u8) -> (f64, f64) {
    let relevant = qrels.relevant(run.question, min);
    if relevant == 0 || !run.answered {
        return (0.0, 0.0);
    }
    let (mut hits, mut sum, mut rr) = (0usize, 0.0, 0.0);
    for (k, id) in run.ranked.iter().take(10).enumerate() {
        if qrels.grade(run.question, id).is_some_and(|g| g >= min) {
            hits += 1;
            sum += hits as f64 / (k + 1) as f64;
            if rr == 0.0 {
                rr = 1.0 / (k + 1) as f64;
            }
        }
    }
    (sum / relevant.min(10) as f64, rr)
}

/// Scores runs against judgments.
pub fn score_runs(runs: &[Run], qrels: &Qrels) -> LiveQaReport {
    let n = runs.len().max(1) as f64;
    let answered: Vec<&Run> = runs.iter().filter(|r| r.answered && !r.ranked.is_empty()).collect();
    let a = answered.len().max(1) as f64;
    let first =
        |r: &Run| if r.answered { r.ranked.first().and_then(|id| qrels.grade(r.question, id)).unwrap_or(1) } else { 1 };
    let share = |rs: &[&Run], k: u8, d: f64| rs.iter().filter(|r| first(r) >= k).count() as f64 / d;
    let all: Vec<&Run> = runs.iter().collect();
    let mean = |f: &dyn Fn(&Run) -> f64| runs.iter().map(f).sum::<f64>() / n;
    LiveQaReport {
        questions: runs.len(),
        answered: answered.len(),
        avg_score: mean(&|r| f64::from(first(r) - 1)),
        succ_2: share(&all, 2, n),
        succ_3: share(&all, 3, n),
        succ_4: share(&all, 4, n),
        prec_2: share(&answered, 2, a),
        prec_3: share(&answered, 3, a),
        prec_4: share(&answered, 4, a),
        map10_g3: mean(&|r| ap_rr(r, qrels, 3).0),
        mrr10_g3: mean(&|r| ap_rr(r, qrels, 3).1),
        map10_g2: mean(&|r| ap_rr(r, qrels, 2).0),
        mrr10_g2: mean(&|r| ap_rr(r, qrels, 2).1),
        judged_first: answered.iter().filter(|r| qrels.grade(r.question, &r.ranked[0]).is_some()).count() as f64 / a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_qrels;

    #[test]
    fn scores_first_answers_and_rankings() {
        let q = parse_qrels(
            std::path::Path::new("q"),
            "1 4-Excellent a\n1 3-Incomplete b\n2 2-Related c\n3 4-Excellent d\n",
        )
        .unwrap();
        let runs = [
            Run { question: 1, ranked: vec!["x".into(), "a".into(), "b".into()], answered: true },
            Run { question: 2, ranked: vec!["c".into()], answered: true },
            Run { question: 3, ranked: vec![], answered: false },
        ];
        let r = score_runs(&runs, &q);
        assert_eq!((r.questions, r.answered), (3, 2));
        assert!((r.avg_score - 1.0 / 3.0).abs() < 1e-9, "unjudged first answer scores 0, related 1");
        assert!((r.succ_2 - 1.0 / 3.0).abs() < 1e-9 && (r.prec_2 - 0.5).abs() < 1e-9);
        // Q1: relevant a (rank 2) and b (rank 3): AP = (1/2 + 2/3) / 2; RR = 1/2.
        assert!((r.map10_g3 - ((0.5 + 2.0 / 3.0) / 2.0) / 3.0).abs() < 1e-9);
        assert!((r.mrr10_g3 - 0.5 / 3.0).abs() < 1e-9);
        assert!((r.judged_first - 0.5).abs() < 1e-9);
    }
}
