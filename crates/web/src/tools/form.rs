//! Submitted form fields (`application/x-www-form-urlencoded`), kept as ordered pairs so that repeated
//! names (multiple selects) survive, and the same values can be written back into the re-rendered form.

/// The fields of a submitted form; empty for a fresh page.
#[derive(Debug, Clone, Default)]
pub(super) struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of a field, trimmed; `""` when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.trim())
    }

    /// Every non-empty value of a field, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// True when the field has this value (an option to mark selected).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|v| v == value)
    }
}
