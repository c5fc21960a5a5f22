//! Model selection helpers: deterministic cross-validation folds and decision thresholds.

/// The fold (0..k) of a pair, from a stable FNV-1a hash of its consumer question, so that all
/// pairs sharing a question fall in the same fold and no question leaks across folds.
pub fn fold_of(chq: &str, k: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in chq.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // k is small, so the remainder fits in usize.
    usize::try_from(h % k.max(1) as u64).unwrap_or(0)
}

/// The threshold on `scores` that maximises accuracy (`score >= threshold` ⇒ positive).
///
/// Among thresholds reaching the best accuracy, the widest run of them is taken and the
/// threshold is put in the middle of the score gap it spans, which keeps it away from either
/// class. Returns `(threshold, accuracy)`; an empty input gives `(0.5, 0.0)`.
pub fn best_threshold(scores: &[f64], labels: &[bool]) -> (f64, f64) {
    let n = scores.len().min(labels.len());
    if n == 0 {
        return (0.5, 0.0);
    }
    let mut items: Vec<(f64, bool)> = scores[..n].iter().copied().zip(labels[..n].iter().copied()).collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Cut c puts items[..c] negative and items[c..] positive; only cuts between distinct scores
    // (plus both ends) are real thresholds.
    let positives = items.iter().filter(|i| i.1).count();
    let mut correct = positives; // cut 0: everything positive
    let mut cuts: Vec<(usize, usize)> = vec![(0, correct)];
    for c in 1..=n {
        correct = if items[c - 1].1 { correct - 1 } else { correct + 1 };
        if c == n || items[c].0 > items[c - 1].0 {
            cuts.push((c, correct));
        }
    }
    let best = cuts.iter().map(|c| c.1).max().unwrap_or(0);
    let value = |c: usize| -> f64 {
        if c == 0 {
            items[0].0 - 1.0
        } else if c == n {
            items[n - 1].0 + 1.0
        } else {
            items[c].0
        }
    };
    // Widest run of consecutive best cuts, measured in score.
    let mut best_run: Option<(f64, f64, f64)> = None; // (width, lo, hi)
    let mut i = 0;
    while i < cuts.len() {
        if cuts[i].1 != best {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < cuts.len() && cuts[i + 1].1 == best {
            i += 1;
        }
        // The run admits any threshold in (score just below its first cut, score at its last cut].
        let lo = if cuts[start].0 == 0 { value(0) } else { items[cuts[start].0 - 1].0 };
        let hi = value(cuts[i].0);
        let width = hi - lo;
        if best_run.is_none_or(|(w, _, _)| width > w) {
            best_run = Some((width, lo, hi));
        }
        i += 1;
    }
    let threshold = best_run.map_or(0.5, |(_, lo, hi)| (lo + hi) / 2.0);
    (threshold, best as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stable_and_spread() {
        assert_eq!(fold_of("abc", 5), fold_of("abc", 5));
        let mut counts = [0; 5];
        for i in 0..1000 {
            counts[fold_of(&format!("question {i}"), 5)] += 1;
        }
        assert!(counts.iter().all(|&c| c > 150), "{counts:?}");
    }

    #[test]
    fn threshold_sits_in_the_gap() {
        let (t, acc) = best_threshold(&[0.1, 0.2, 0.6, 0.9], &[false, false, true, true]);
        assert_eq!(acc, 1.0);
        assert!((t - 0.4).abs() < 1e-12, "{t}");
        let (t, acc) = best_threshold(&[0.1, 0.3, 0.5, 0.7], &[false, true, false, true]);
        assert_eq!(acc, 0.75);
        assert!(t > 0.1 && t <= 0.7, "{t}");
        assert_eq!(best_threshold(&[], &[]), (0.5, 0.0));
        let (t, acc) = best_threshold(&[0.5, 0.5], &[true, true]);
        assert_eq!(acc, 1.0);
        assert!(t <= 0.5);
    }
}
