//! Line numbers for errors found in TOML text.

pub(crate) use vesalius_content::lines::{field_in_message, line_at, line_of_key};

/// 1-based line where the quoted string `"value"` first appears after the key `field` at or after `from`;
/// falls back to the key's line, then to the line of `from`.
pub(crate) fn line_of_value(text: &str, field: &str, value: &str, from: usize) -> usize {
    let from = from.min(text.len());
    let key_line = line_of_key(text, field, from);
    let key_offset = key_line.map_or(from, |l| offset_of_line(text, l)).max(from);
    let quoted = format!("\"{value}\"");
    match text.get(key_offset..).and_then(|rest| rest.find(&quoted)) {
        Some(rel) => line_at(text, key_offset + rel),
        None => key_line.unwrap_or_else(|| line_at(text, from)),
    }
}

/// Byte offset of the start of 1-based line `line`.
fn offset_of_line(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_after_their_key() {
        let text = "a = 1\n[[x]]\nid = \"p\"\nregions = [\n  \"q\",\n  \"p\"]\n";
        assert_eq!(line_of_value(text, "regions", "p", 0), 6);
        assert_eq!(line_of_value(text, "id", "p", 0), 3);
        assert_eq!(line_of_value(text, "cite", "zz", 6), 2);
    }
}
