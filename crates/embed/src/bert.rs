//! A BERT encoder forward pass (inference only) over safetensors weights, in f32 with ndarray's matrix
//! products. Sentences of a batch are stacked token by token without padding: the dense layers run on all
//! tokens at once and attention runs sentence by sentence, so no attention mask is needed.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ndarray::linalg::general_mat_mul;
use std::ops::Range;

use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, Slice};
use safetensors::{Dtype, SafeTensors};

use crate::EmbedError;

/// The fields of config.json this forward pass uses.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Config {
    pub(crate) hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    pub(crate) max_position_embeddings: usize,
    pub(crate) vocab_size: usize,
    #[serde(default = "one")]
    type_vocab_size: usize,
    layer_norm_eps: f64,
    hidden_act: String,
    #[serde(default)]
    position_embedding_type: Option<String>,
}

fn one() -> usize {
    1
}

impl Config {
    pub(crate) fn check(&self, path: &Path) -> Result<(), EmbedError> {
        let bad = |what: String| Err(EmbedError::Unsupported { path: path.to_owned(), what });
        if self.hidden_act != "gelu" {
            return bad(format!("hidden_act {:?} (only \"gelu\")", self.hidden_act));
        }
        if let Some(p) = &self.position_embedding_type {
            if p != "absolute" {
                return bad(format!("position_embedding_type {p:?} (only \"absolute\")"));
            }
        }
        if self.num_attention_heads == 0 || !self.hidden_size.is_multiple_of(self.num_attention_heads) {
            return bad(format!(
                "hidden_size {} not a multiple of num_attention_heads {}",
                self.hidden_size, self.num_attention_heads
            ));
        }
        if self.hidden_size == 0 || self.intermediate_size == 0 || self.type_vocab_size == 0 {
            return bad("a zero hidden_size, intermediate_size or type_vocab_size".into());
        }
        Ok(())
    }
}

struct Linear {
    /// Weight transposed to [in, out], so that `x.dot(w)` is PyTorch's `x @ W.T`.
    w: Array2<f32>,
    b: Array1<f32>,
}

impl Linear {
    fn forward(&self, x: &ArrayView2<f32>) -> Array2<f32> {
        let mut y = x.dot(&self.w);
        y += &self.b;
        y
    }
}

struct LayerNorm {
    g: Array1<f32>,
    b: Array1<f32>,
    eps: f32,
}

impl LayerNorm {
    fn forward_inplace(&self, x: &mut Array2<f32>) {
        let n = x.ncols() as f32;
        for mut row in x.rows_mut() {
            let mean = row.sum() / n;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
            let inv = 1.0 / (var + self.eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.g).zip(&self.b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

struct Layer {
    /// Query, key and value projections side by side: [hidden, 3 × hidden].
    qkv: Linear,
    attn_out: Linear,
    ln1: LayerNorm,
    inter: Linear,
    out: Linear,
    ln2: LayerNorm,
}

pub(crate) struct Bert {
    word: Array2<f32>,
    pos: Array2<f32>,
    token_type0: Array1<f32>,
    ln: LayerNorm,
    layers: Vec<Layer>,
    heads: usize,
}

/// Reads the weights from the safetensors file, checking each name, dtype and shape.
struct Weights<'a> {
    st: SafeTensors<'a>,
    path: &'a Path,
}

impl Weights<'_> {
    fn get(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, EmbedError> {
        let err = |reason: String| EmbedError::Tensor { path: self.path.to_owned(), name: name.to_owned(), reason };
        // Some exports prefix the names with "bert.".
        let view = self
            .st
            .tensor(name)
            .or_else(|_| self.st.tensor(&format!("bert.{name}")))
            .map_err(|_| err("missing".into()))?;
        if view.dtype() != Dtype::F32 {
            return Err(err(format!("dtype {:?}, expected F32", view.dtype())));
        }
        if view.shape() != shape {
            return Err(err(format!("shape {:?}, expected {:?}", view.shape(), shape)));
        }
        Ok(view.data().chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    fn matrix(&self, name: &str, rows: usize, cols: usize) -> Result<Array2<f32>, EmbedError> {
        let data = self.get(name, &[rows, cols])?;
        Array2::from_shape_vec((rows, cols), data).map_err(|e| EmbedError::Tensor {
            path: self.path.to_owned(),
            name: name.to_owned(),
            reason: e.to_string(),
        })
    }

    fn vector(&self, name: &str, len: usize) -> Result<Array1<f32>, EmbedError> {
        Ok(Array1::from(self.get(name, &[len])?))
    }

    /// A PyTorch Linear `prefix.weight` [out, in] and `prefix.bias` [out].
    fn linear(&self, prefix: &str, inp: usize, out: usize) -> Result<Linear, EmbedError> {
        let w = self.matrix(&format!("{prefix}.weight"), out, inp)?;
        Ok(Linear { w: w.t().as_standard_layout().into_owned(), b: self.vector(&format!("{prefix}.bias"), out)? })
    }

    fn layer_norm(&self, prefix: &str, len: usize, eps: f32) -> Result<LayerNorm, EmbedError> {
        Ok(LayerNorm {
            g: self.vector(&format!("{prefix}.weight"), len)?,
            b: self.vector(&format!("{prefix}.bias"), len)?,
            eps,
        })
    }
}

impl Bert {
    pub(crate) fn load(path: &Path, c: &Config) -> Result<Self, EmbedError> {
        let bytes = std::fs::read(path).map_err(|e| EmbedError::io(path, e))?;
        let st = SafeTensors::deserialize(&bytes).map_err(|e| EmbedError::Tensor {
            path: path.to_owned(),
            name: "(header)".into(),
            reason: e.to_string(),
        })?;
        let w = Weights { st, path };
        let h = c.hidden_size;
        let eps = c.layer_norm_eps as f32;
        let types = w.matrix("embeddings.token_type_embeddings.weight", c.type_vocab_size, h)?;
        let mut layers = Vec::with_capacity(c.num_hidden_layers);
        for i in 0..c.num_hidden_layers {
            let p = format!("encoder.layer.{i}");
            let q = w.linear(&format!("{p}.attention.self.query"), h, h)?;
            let k = w.linear(&format!("{p}.attention.self.key"), h, h)?;
            let v = w.linear(&format!("{p}.attention.self.value"), h, h)?;
            let qkv = Linear {
                w: ndarray::concatenate(Axis(1), &[q.w.view(), k.w.view(), v.w.view()]).map_err(|e| {
                    EmbedError::Tensor {
                        path: path.to_owned(),
                        name: format!("{p}.attention.self"),
                        reason: e.to_string(),
                    }
                })?,
                b: ndarray::concatenate(Axis(0), &[q.b.view(), k.b.view(), v.b.view()]).map_err(|e| {
                    EmbedError::Tensor {
                        path: path.to_owned(),
                        name: format!("{p}.attention.self"),
                        reason: e.to_string(),
                    }
                })?,
            };
            layers.push(Layer {
                qkv,
                attn_out: w.linear(&format!("{p}.attention.output.dense"), h, h)?,
                ln1: w.layer_norm(&format!("{p}.attention.output.LayerNorm"), h, eps)?,
                inter: w.linear(&format!("{p}.intermediate.dense"), h, c.intermediate_size)?,
                out: w.linear(&format!("{p}.output.dense"), c.intermediate_size, h)?,
                ln2: w.layer_norm(&format!("{p}.output.LayerNorm"), h, eps)?,
            });
        }
        Ok(Bert {
            word: w.matrix("embeddings.word_embeddings.weight", c.vocab_size, h)?,
            pos: w.matrix("embeddings.position_embeddings.weight", c.max_position_embeddings, h)?,
            token_type0: types.row(0).to_owned(),
            ln: w.layer_norm("embeddings.LayerNorm", h, eps)?,
            layers,
            heads: c.num_attention_heads,
        })
    }

    pub(crate) fn hidden(&self) -> usize {
        self.word.ncols()
    }

    /// Mean-pooled, L2-normalised embeddings of several token sequences (stacked without padding).
    fn embed_chunk(&self, seqs: &[&[u32]]) -> Vec<Vec<f32>> {
        let h = self.hidden();
        let total: usize = seqs.iter().map(|s| s.len()).sum();
        let mut x = Array2::<f32>::zeros((total, h));
        let mut offsets = Vec::with_capacity(seqs.len());
        let mut row = 0;
        for seq in seqs {
            offsets.push((row, seq.len()));
            for (p, &id) in seq.iter().enumerate() {
                // Ids come from the model's own tokenizer (checked at load); positions are capped by
                // max_seq_length ≤ max_position_embeddings. Clamp anyway rather than panic.
                let id = (id as usize).min(self.word.nrows() - 1);
                let p = p.min(self.pos.nrows() - 1);
                let mut r = x.row_mut(row);
                r += &self.word.row(id);
                r += &self.pos.row(p);
                r += &self.token_type0;
                row += 1;
            }
        }
        self.ln.forward_inplace(&mut x);

        let d = h / self.heads;
        let scale = 1.0 / (d as f32).sqrt();
        let mut ctx = Array2::<f32>::zeros((total, h));
        for layer in &self.layers {
            let qkv = layer.qkv.forward(&x.view());
            for &(o, len) in &offsets {
                if len == 0 {
                    continue;
                }
                let mut scores = Array2::<f32>::zeros((len, len));
                for head in 0..self.heads {
                    let q = block(&qkv, o..o + len, head * d..(head + 1) * d);
                    let k = block(&qkv, o..o + len, h + head * d..h + (head + 1) * d);
                    let v = block(&qkv, o..o + len, 2 * h + head * d..2 * h + (head + 1) * d);
                    general_mat_mul(scale, &q, &k.t(), 0.0, &mut scores);
                    for mut r in scores.rows_mut() {
                        let max = r.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                        let mut sum = 0.0;
                        r.mapv_inplace(|v| {
                            let e = (v - max).exp();
                            sum += e;
                            e
                        });
                        r /= sum;
                    }
                    let mut c = block_mut(&mut ctx, o..o + len, head * d..(head + 1) * d);
                    general_mat_mul(1.0, &scores, &v, 0.0, &mut c);
                }
            }
            let mut a = layer.attn_out.forward(&ctx.view());
            a += &x;
            layer.ln1.forward_inplace(&mut a);
            let mut i = layer.inter.forward(&a.view());
            if let Some(s) = i.as_slice_mut() {
                gelu_inplace(s);
            } else {
                i.mapv_inplace(|v| v * 0.5 * (1.0 + erf(v * std::f32::consts::FRAC_1_SQRT_2)));
            }
            let mut y = layer.out.forward(&i.view());
            y += &a;
            layer.ln2.forward_inplace(&mut y);
            x = y;
        }

        offsets
            .iter()
            .map(|&(o, len)| {
                let mut mean = vec![0f32; h];
                for r in x.slice_axis(Axis(0), Slice::from(o..o + len)).rows() {
                    for (m, v) in mean.iter_mut().zip(r) {
                        *m += v;
                    }
                }
                let n = len.max(1) as f32;
                mean.iter_mut().for_each(|m| *m /= n);
                let norm = mean.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
                mean.iter_mut().for_each(|m| *m /= norm);
                mean
            })
            .collect()
    }

    /// Embeds token sequences on `threads` threads: longest first, packed into chunks of similar length.
    pub(crate) fn embed_batched(&self, seqs: &[Vec<u32>], threads: usize) -> Vec<Vec<f32>> {
        let mut order: Vec<usize> = (0..seqs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(seqs[i].len()));
        let total: usize = seqs.iter().map(Vec::len).sum();
        let threads = threads.max(1);
        // Big enough for efficient matrix products, small enough that every thread gets work.
        let budget = (total / threads).clamp(64, CHUNK_TOKENS);
        let mut chunks: Vec<Vec<usize>> = Vec::new();
        let mut used = 0;
        for i in order {
            if chunks.is_empty() || used + seqs[i].len() > budget {
                chunks.push(Vec::new());
                used = 0;
            }
            used += seqs[i].len();
            if let Some(c) = chunks.last_mut() {
                c.push(i);
            }
        }
        let run = |chunk: &[usize]| -> Vec<(usize, Vec<f32>)> {
            let refs: Vec<&[u32]> = chunk.iter().map(|&i| seqs[i].as_slice()).collect();
            chunk.iter().copied().zip(self.embed_chunk(&refs)).collect()
        };
        let mut out = vec![Vec::new(); seqs.len()];
        if threads == 1 || chunks.len() == 1 {
            for c in &chunks {
                for (i, e) in run(c) {
                    out[i] = e;
                }
            }
            return out;
        }
        let next = AtomicUsize::new(0);
        let done = Mutex::new(&mut out);
        std::thread::scope(|scope| {
            for _ in 0..threads.min(chunks.len()) {
                scope.spawn(|| loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(c) = chunks.get(n) else { break };
                    let res = run(c);
                    let mut out = done.lock().unwrap_or_else(|p| p.into_inner());
                    for (i, e) in res {
                        out[i] = e;
                    }
                });
            }
        });
        out
    }
}

/// Rows `r` and columns `c` of `a`.
fn block(a: &Array2<f32>, r: Range<usize>, c: Range<usize>) -> ArrayView2<'_, f32> {
    a.slice_axis(Axis(0), Slice::from(r)).slice_axis_move(Axis(1), Slice::from(c))
}

/// Rows `r` and columns `c` of `a`, writable.
fn block_mut(a: &mut Array2<f32>, r: Range<usize>, c: Range<usize>) -> ArrayViewMut2<'_, f32> {
    a.slice_axis_mut(Axis(0), Slice::from(r)).slice_axis_move(Axis(1), Slice::from(c))
}

/// Tokens per chunk at most.
const CHUNK_TOKENS: usize = 2048;

/// GELU as BERT defines it, with the error function (not the tanh approximation), over a whole buffer.
fn gelu_inplace(x: &mut [f32]) {
    for v in x {
        *v *= 0.5 * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// The error function in f32: Eigen's rational approximation on [-4, 4] (erf is ±1 in f32 beyond), within
/// 5e-7 of the exact value, and branch-free so that loops over slices vectorise.
#[inline(always)]
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_4e-10_f32;
    p = p * x2 + 2.770_681_5e-8;
    p = p * x2 - 2.101_024e-6;
    p = p * x2 - 5.692_506_2e-5;
    p = p * x2 - 7.349_906_4e-4;
    p = p * x2 - 2.954_6e-3;
    p = p * x2 - 1.609_603_3e-2;
    let mut q = -1.456_607_15e-5_f32;
    q = q * x2 - 2.133_740_5e-4;
    q = q * x2 - 1.682_827e-3;
    q = q * x2 - 7.373_329_3e-3;
    q = q * x2 - 1.426_473_9e-2;
    (x * p / q).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn erf_matches_libm() {
        let mut worst = 0f32;
        for i in -60_000..=60_000 {
            let x = i as f32 * 1e-4;
            worst = worst.max((super::erf(x) - libm::erff(x)).abs());
        }
        assert!(worst < 5e-7, "{worst}");
        assert!((super::erf(f32::INFINITY) - 1.0).abs() < 1e-6);
        assert!((super::erf(f32::NEG_INFINITY) + 1.0).abs() < 1e-6);
    }
}
