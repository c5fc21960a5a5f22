//! Citation markers in content text: `[@id]` or `[@a; @b]` (commas also separate).

use std::collections::HashMap;

/// One marker found in a text: its byte range and the reference ids it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationMarker {
    /// Byte range of the whole marker, brackets included.
    pub span: std::ops::Range<usize>,
    /// Reference ids in the order written.
    pub ids: Vec<String>,
}

/// Finds every citation marker in `text`. Brackets that do not start with `[@` are left alone.
pub fn citation_markers(text: &str) -> Vec<CitationMarker> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = text[from..].find("[@") {
        let start = from + rel;
        let Some(close_rel) = text[start..].find(']') else { break };
        let end = start + close_rel + 1;
        let inner = &text[start + 1..end - 1];
        let ids: Vec<String> = inner
            .split([';', ','])
            .map(|p| p.trim().trim_start_matches('@').trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        out.push(CitationMarker { span: start..end, ids });
        from = end;
    }
    out
}

/// Numbers references in order of first use across the texts it is given, as on the seed page.
#[derive(Debug, Default, Clone)]
pub struct Numbering {
    order: Vec<String>,
    index: HashMap<String, usize>,
}

impl Numbering {
    /// An empty numbering.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of `id`, assigning the next one on first use.
    pub fn number(&mut self, id: &str) -> usize {
        if let Some(n) = self.index.get(id) {
            return *n;
        }
        self.order.push(id.to_string());
        let n = self.order.len();
        self.index.insert(id.to_string(), n);
        n
    }

    /// Rewrites every `[@a; @b]` marker in `text` as `[1][2]`, numbering on first use.
    pub fn rewrite(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in citation_markers(text) {
            out.push_str(&text[last..m.span.start]);
            for id in &m.ids {
                let n = self.number(id);
                out.push_str(&format!("[{n}]"));
            }
            last = m.span.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// Reference ids in citation order: the id of number n is at index n − 1.
    pub fn order(&self) -> &[String] {
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_single_and_grouped_markers() {
        let ms = citation_markers("A [@lee-2008] b [@x; @y, @z] c [not a marker]");
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].ids, ["lee-2008"]);
        assert_eq!(ms[1].ids, ["x", "y", "z"]);
    }

    #[test]
    fn numbers_in_order_of_first_use() {
        let mut n = Numbering::new();
        assert_eq!(n.rewrite("a [@b] c [@a; @b]"), "a [1] c [2][1]");
        assert_eq!(n.rewrite("again [@a]"), "again [2]");
        assert_eq!(n.order(), ["b", "a"]);
    }
}
