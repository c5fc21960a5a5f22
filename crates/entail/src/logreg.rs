//! L2-regularised logistic regression on standardised features.
//!
//! Fitted by Newton's method (iteratively reweighted least squares) with step halving: for a
//! few dozen features it converges in a handful of full-batch steps to the unique optimum, with
//! no learning rate to tune and no randomness, so the same data always gives the same weights.

use serde::{Deserialize, Serialize};

/// A fitted logistic model: `p = σ(bias + Σ wᵢ (xᵢ − meanᵢ) / scaleᵢ)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    /// Per-feature mean used for standardisation.
    pub mean: Vec<f64>,
    /// Per-feature standard deviation used for standardisation (1 for constant features).
    pub scale: Vec<f64>,
    /// Weight of each standardised feature.
    pub weights: Vec<f64>,
    /// Intercept.
    pub bias: f64,
}

impl Logistic {
    /// Fits the model to rows `x` with labels `y`, minimising mean log-loss plus
    /// `l2 / 2 · ‖w‖²` (the intercept is not penalised). Empty input gives a zero model.
    pub fn fit(x: &[Vec<f64>], y: &[bool], l2: f64) -> Logistic {
        // `fit_path` returns one model per strength, so this is never the default.
        Logistic::fit_path(x, y, &[l2]).pop().unwrap_or_default()
    }

    /// Fits one model per L2 strength in `l2s`, in order, each Newton run starting from the
    /// previous solution (so go from strong to weak regularisation). Deterministic.
    pub fn fit_path(x: &[Vec<f64>], y: &[bool], l2s: &[f64]) -> Vec<Logistic> {
        let d = x.first().map_or(0, Vec::len);
        let n = x.len().min(y.len());
        let (mean, scale) = standardisation(&x[..n], d);
        let z: Vec<Vec<f64>> = x[..n]
            .iter()
            .map(|row| {
                let mut r = Vec::with_capacity(d + 1);
                r.push(1.0);
                r.extend(row.iter().zip(mean.iter().zip(&scale)).map(|(v, (m, s))| (v - m) / s));
                r
            })
            .collect();
        let y: Vec<f64> = y[..n].iter().map(|&b| if b { 1.0 } else { 0.0 }).collect();
        let mut theta = vec![0.0; d + 1];
        let mut out = Vec::with_capacity(l2s.len());
        for &l2 in l2s {
            if n > 0 {
                newton(&z, &y, l2, &mut theta);
            }
            out.push(Logistic {
                mean: mean.clone(),
                scale: scale.clone(),
                weights: theta[1..].to_vec(),
                bias: theta[0],
            });
        }
        out
    }

    /// The probability of the positive class for one feature row.
    pub fn prob(&self, x: &[f64]) -> f64 {
        let mut s = self.bias;
        for (i, v) in x.iter().enumerate().take(self.weights.len()) {
            s += self.weights[i] * (v - self.mean[i]) / self.scale[i];
        }
        sigmoid(s)
    }
}

fn sigmoid(s: f64) -> f64 {
    1.0 / (1.0 + (-s).exp())
}

/// Column means and standard deviations (1 where a column is constant).
fn standardisation(x: &[Vec<f64>], d: usize) -> (Vec<f64>, Vec<f64>) {
    let n = x.len().max(1) as f64;
    let mut mean = vec![0.0; d];
    for row in x {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    mean.iter_mut().for_each(|m| *m /= n);
    let mut var = vec![0.0; d];
    for row in x {
        for ((s, v), m) in var.iter_mut().zip(row).zip(&mean) {
            *s += (v - m) * (v - m);
        }
    }
    let scale = var.iter().map(|s| (s / n).sqrt()).map(|s| if s > 1e-12 { s } else { 1.0 }).collect();
    (mean, scale)
}

/// Regularised mean log-loss of `theta` (index 0 is the unpenalised intercept).
fn loss(z: &[Vec<f64>], y: &[f64], l2: f64, theta: &[f64]) -> f64 {
    let mut total = 0.0;
    for (row, &t) in z.iter().zip(y) {
        let s: f64 = row.iter().zip(theta).map(|(a, b)| a * b).sum();
        // log(1 + e^s) − t·s, computed stably.
        let softplus = if s > 0.0 { s + (-s).exp().ln_1p() } else { s.exp().ln_1p() };
        total += softplus - t * s;
    }
    total / z.len() as f64 + 0.5 * l2 * theta[1..].iter().map(|w| w * w).sum::<f64>()
}

fn newton(z: &[Vec<f64>], y: &[f64], l2: f64, theta: &mut [f64]) {
    let k = theta.len();
    let n = z.len() as f64;
    let mut current = loss(z, y, l2, theta);
    for _ in 0..100 {
        let mut grad = vec![0.0; k];
        let mut hess = vec![0.0; k * k];
        for (row, &t) in z.iter().zip(y) {
            let p = sigmoid(row.iter().zip(theta.iter()).map(|(a, b)| a * b).sum());
            let r = p - t;
            let w = (p * (1.0 - p)).max(1e-12);
            for i in 0..k {
                grad[i] += r * row[i];
                let wi = w * row[i];
                for j in 0..=i {
                    hess[i * k + j] += wi * row[j];
                }
            }
        }
        for i in 0..k {
            grad[i] /= n;
            for j in 0..=i {
                hess[i * k + j] /= n;
                hess[j * k + i] = hess[i * k + j];
            }
            let penalty = if i == 0 { 1e-8 } else { l2 };
            hess[i * k + i] += penalty;
            if i > 0 {
                grad[i] += l2 * theta[i];
            }
        }
        let Some(step) = cholesky_solve(&hess, &grad, k) else { return };
        let mut t = 1.0;
        let mut improved = false;
        while t > 1e-6 {
            let candidate: Vec<f64> = theta.iter().zip(&step).map(|(a, s)| a - t * s).collect();
            let l = loss(z, y, l2, &candidate);
            if l <= current {
                theta.copy_from_slice(&candidate);
                improved = current - l > 1e-13;
                current = l;
                break;
            }
            t *= 0.5;
        }
        if !improved {
            return;
        }
    }
}

/// Solves `A x = b` for symmetric positive-definite `A` (k×k, row-major).
fn cholesky_solve(a: &[f64], b: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            let s: f64 = (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum();
            if i == j {
                let v = a[i * k + i] - s;
                if v <= 0.0 || !v.is_finite() {
                    return None;
                }
                l[i * k + i] = v.sqrt();
            } else {
                l[i * k + j] = (a[i * k + j] - s) / l[j * k + j];
            }
        }
    }
    let mut y = vec![0.0; k];
    for i in 0..k {
        let s: f64 = (0..i).map(|m| l[i * k + m] * y[m]).sum();
        y[i] = (b[i] - s) / l[i * k + i];
    }
    let mut x = vec![0.0; k];
    for i in (0..k).rev() {
        let s: f64 = (i + 1..k).map(|m| l[m * k + i] * x[m]).sum();
        x[i] = (y[i] - s) / l[i * k + i];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_simple_problem() {
        let x: Vec<Vec<f64>> = (0..40).map(|i| vec![f64::from(i), 3.0]).collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20).collect();
        let m = Logistic::fit(&x, &y, 0.01);
        assert!(m.prob(&[35.0, 3.0]) > 0.9);
        assert!(m.prob(&[5.0, 3.0]) < 0.1);
        assert!((m.prob(&[19.5, 3.0]) - 0.5).abs() < 0.05);
        assert_eq!(m.scale[1], 1.0, "constant column keeps scale 1");
        assert_eq!(m, Logistic::fit(&x, &y, 0.01), "deterministic");
    }

    #[test]
    fn empty_input_gives_half() {
        let m = Logistic::fit(&[], &[], 1.0);
        assert_eq!(m.prob(&[]), 0.5);
    }
}
