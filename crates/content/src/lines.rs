//! Line numbers for errors found in TOML text (shared with other content readers, e.g. the atlas).

/// 1-based line of byte offset `at` in `text`.
pub fn line_at(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// 1-based line (counted within `text`) where `key = …` is first assigned at or after byte `from`.
pub fn line_of_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if offset >= from && trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            return Some(line_at(text, offset));
        }
        offset += line.len();
    }
    None
}

/// The field named in a serde "missing field `x`" or "unknown field `x`" message.
pub fn field_in_message(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_string())
}
