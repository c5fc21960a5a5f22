//! A BERT encoder forward pass (inference only) over safetensors weights, in f32 on row-major `Vec<f32>`
//! buffers. The dense layers use the `gemm` crate (AVX-512 or AVX2/FMA kernels picked at run time);
//! attention, layer norm and GELU (a rational erf) are plain loops written to vectorise. Sentences of a
//! batch are stacked token by token without padding: the dense layers run on all tokens at once and
//! attention runs sentence by sentence, so no attention mask is needed. Measured speed:
//! docs/decision-embeddings-runtime.md.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
    /// Weight transposed to [in, out] row-major, so that `x · w` is PyTorch's `x @ W.T`.
    w: Vec<f32>,
    b: Vec<f32>,
    inp: usize,
    out: usize,
}

impl Linear {
    /// `x · W + b`, plus `residual` when given, for `x` of [rows, in] row-major.
    fn forward(&self, x: &[f32], residual: Option<&[f32]>) -> Vec<f32> {
        let rows = x.len() / self.inp;
        let mut y = Vec::with_capacity(rows * self.out);
        match residual {
            Some(r) => {
                for row in r.chunks_exact(self.out).take(rows) {
                    y.extend(row.iter().zip(&self.b).map(|(r, b)| r + b));
                }
            }
            None => (0..rows).for_each(|_| y.extend_from_slice(&self.b)),
        }
        y.resize(rows * self.out, 0.0);
        matmul_add(rows, self.out, self.inp, x, &self.w, &mut y);
        y
    }
}

/// `dst += lhs · rhs` for row-major `lhs` [m, k], `rhs` [k, n] and `dst` [m, n], by the `gemm` crate
/// (AVX-512 or AVX2/FMA kernels chosen at run time), on the calling thread.
#[allow(unsafe_code)]
fn matmul_add(m: usize, n: usize, k: usize, lhs: &[f32], rhs: &[f32], dst: &mut [f32]) {
    if m == 0 || n == 0 || k == 0 {
        return;
    }
    // Checked products: the three slices hold exactly the elements gemm reads or writes.
    let len = |r: usize, c: usize| r.checked_mul(c).expect("matrix size overflows usize");
    assert!(lhs.len() == len(m, k) && rhs.len() == len(k, n) && dst.len() == len(m, n), "matrix shapes");
    // SAFETY: with column stride 1 and row strides k, n and n (each ≤ a slice length ≤ isize::MAX, so the
    // casts are exact), gemm touches lhs[i·k + p], rhs[p·n + j] and dst[i·n + j] for i < m, p < k, j < n:
    // all in bounds by the assert. dst is a unique borrow, so it overlaps neither input, and
    // Parallelism::None keeps every access on this thread while the borrows live.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst.as_mut_ptr(),
            1,
            n as isize,
            true,
            lhs.as_ptr(),
            1,
            k as isize,
            rhs.as_ptr(),
            1,
            n as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

struct LayerNorm {
    g: Vec<f32>,
    b: Vec<f32>,
    eps: f32,
}

impl LayerNorm {
    /// Normalises each row of `x` (rows of `g.len()` values) in place.
    fn forward_inplace(&self, x: &mut [f32]) {
        let n = self.g.len();
        for row in x.chunks_exact_mut(n) {
            let mean = sum(row) / n as f32;
            let mut var = [0f32; LANES];
            let mut chunks = row.chunks_exact(LANES);
            for c in &mut chunks {
                for (a, v) in var.iter_mut().zip(c) {
                    *a += (v - mean) * (v - mean);
                }
            }
            let var = (var.iter().sum::<f32>()
                + chunks.remainder().iter().map(|v| (v - mean) * (v - mean)).sum::<f32>())
                / n as f32;
            let inv = 1.0 / (var + self.eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.g).zip(&self.b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

/// Accumulator width of the hand-vectorised sums (a multiple of every SIMD width in use).
const LANES: usize = 16;

/// Sum of `x` in `LANES` partial sums, so that it vectorises.
fn sum(x: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v;
        }
    }
    acc.iter().sum::<f32>() + chunks.remainder().iter().sum::<f32>()
}

/// Dot product of `a` and `b` in `LANES` partial sums.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let rest: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for ((a, x), y) in acc.iter_mut().zip(x).zip(y) {
            *a += x * y;
        }
    }
    acc.iter().sum::<f32>() + rest
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
    /// Word and position embeddings, [vocab, hidden] and [positions, hidden] row-major.
    word: Vec<f32>,
    pos: Vec<f32>,
    token_type0: Vec<f32>,
    hidden: usize,
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

    /// A PyTorch Linear `prefix.weight` [out, in] and `prefix.bias` [out].
    fn linear(&self, prefix: &str, inp: usize, out: usize) -> Result<Linear, EmbedError> {
        let w = self.get(&format!("{prefix}.weight"), &[out, inp])?;
        let mut t = vec![0f32; inp * out];
        for (o, row) in w.chunks_exact(inp).enumerate() {
            for (i, v) in row.iter().enumerate() {
                t[i * out + o] = *v;
            }
        }
        Ok(Linear { w: t, b: self.get(&format!("{prefix}.bias"), &[out])?, inp, out })
    }

    fn layer_norm(&self, prefix: &str, len: usize, eps: f32) -> Result<LayerNorm, EmbedError> {
        Ok(LayerNorm {
            g: self.get(&format!("{prefix}.weight"), &[len])?,
            b: self.get(&format!("{prefix}.bias"), &[len])?,
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
        let types = w.get("embeddings.token_type_embeddings.weight", &[c.type_vocab_size, h])?;
        let mut layers = Vec::with_capacity(c.num_hidden_layers);
        for i in 0..c.num_hidden_layers {
            let p = format!("encoder.layer.{i}");
            let q = w.linear(&format!("{p}.attention.self.query"), h, h)?;
            let k = w.linear(&format!("{p}.attention.self.key"), h, h)?;
            let v = w.linear(&format!("{p}.attention.self.value"), h, h)?;
            // [h, 3h]: each input row is the query, key and value rows side by side.
            let mut qkv_w = Vec::with_capacity(3 * h * h);
            for r in 0..h {
                for m in [&q, &k, &v] {
                    qkv_w.extend_from_slice(&m.w[r * h..(r + 1) * h]);
                }
            }
            let qkv = Linear { w: qkv_w, b: [q.b, k.b, v.b].concat(), inp: h, out: 3 * h };
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
            word: w.get("embeddings.word_embeddings.weight", &[c.vocab_size, h])?,
            pos: w.get("embeddings.position_embeddings.weight", &[c.max_position_embeddings, h])?,
            token_type0: types[..h].to_vec(),
            hidden: h,
            ln: w.layer_norm("embeddings.LayerNorm", h, eps)?,
            layers,
            heads: c.num_attention_heads,
        })
    }

    pub(crate) fn hidden(&self) -> usize {
        self.hidden
    }

    /// Mean-pooled, L2-normalised embeddings of several token sequences (stacked without padding).
    fn embed_chunk(&self, seqs: &[&[u32]]) -> Vec<Vec<f32>> {
        let h = self.hidden;
        let total: usize = seqs.iter().map(|s| s.len()).sum();
        let mut x = Vec::with_capacity(total * h);
        let mut offsets = Vec::with_capacity(seqs.len());
        let (words, positions) = (self.word.len() / h, self.pos.len() / h);
        for seq in seqs {
            offsets.push((x.len() / h, seq.len()));
            for (p, &id) in seq.iter().enumerate() {
                // Ids come from the model's own tokenizer (checked at load); positions are capped by
                // max_seq_length ≤ max_position_embeddings. Clamp anyway rather than panic.
                let id = (id as usize).min(words - 1);
                let p = p.min(positions - 1);
                let (w, pe) = (&self.word[id * h..(id + 1) * h], &self.pos[p * h..(p + 1) * h]);
                x.extend(w.iter().zip(pe).zip(&self.token_type0).map(|((w, p), t)| w + p + t));
            }
        }
        self.ln.forward_inplace(&mut x);

        let d = h / self.heads;
        let scale = 1.0 / (d as f32).sqrt();
        let mut ctx = vec![0f32; total * h];
        let mut scores = Vec::new();
        for layer in &self.layers {
            let qkv = layer.qkv.forward(&x, None);
            for &(o, len) in &offsets {
                scores.resize(len, 0.0);
                for i in o..o + len {
                    let q_row = &qkv[i * 3 * h..i * 3 * h + h];
                    let c_row = &mut ctx[i * h..(i + 1) * h];
                    for head in 0..self.heads {
                        let q = &q_row[head * d..(head + 1) * d];
                        let (kc, vc) = (h + head * d, 2 * h + head * d);
                        let mut max = f32::NEG_INFINITY;
                        for (j, s) in (o..o + len).zip(scores.iter_mut()) {
                            *s = scale * dot(q, &qkv[j * 3 * h + kc..j * 3 * h + kc + d]);
                            max = max.max(*s);
                        }
                        let mut total = 0.0;
                        for s in scores.iter_mut() {
                            *s = (*s - max).exp();
                            total += *s;
                        }
                        let c = &mut c_row[head * d..(head + 1) * d];
                        c.fill(0.0);
                        for (j, s) in (o..o + len).zip(&scores) {
                            let p = s / total;
                            for (c, v) in c.iter_mut().zip(&qkv[j * 3 * h + vc..j * 3 * h + vc + d]) {
                                *c += p * v;
                            }
                        }
                    }
                }
            }
            let mut a = layer.attn_out.forward(&ctx, Some(&x));
            layer.ln1.forward_inplace(&mut a);
            let mut i = layer.inter.forward(&a, None);
            gelu_inplace(&mut i);
            let mut y = layer.out.forward(&i, Some(&a));
            layer.ln2.forward_inplace(&mut y);
            x = y;
        }

        offsets
            .iter()
            .map(|&(o, len)| {
                let mut mean = vec![0f32; h];
                for r in x[o * h..(o + len) * h].chunks_exact(h) {
                    for (m, v) in mean.iter_mut().zip(r) {
                        *m += v;
                    }
                }
                let n = len.max(1) as f32;
                mean.iter_mut().for_each(|m| *m /= n);
                let norm = dot(&mean, &mean).sqrt().max(1e-12);
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
