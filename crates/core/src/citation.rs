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

/// One rendered citation marker `[n]` at the start of `s` (1 to 3 digits): its number and length in bytes.
fn leading_number(s: &str) -> Option<(usize, usize)> {
    let rest = s.strip_prefix('[')?;
    let end = rest.find(']')?;
    let digits = &rest[..end];
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, end + 2))
}

/// A run of rendered citation markers at the start of `s`: `[2][1]`, or markers separated only by spaces
/// (`[3] [4]`). Returns the numbers, sorted and without repeats, and the bytes the run takes (trailing spaces
/// after the last marker are not part of it). `None` when `s` does not start with a marker.
///
/// Answers carry their citations as `[n]` per reference (see [`Numbering::rewrite`]); renderers use this to
/// show a group of them as one citation, "[1, 2]", instead of adjacent markers that read as "[12]".
pub fn leading_citation_run(s: &str) -> Option<(Vec<usize>, usize)> {
    let (first, mut len) = leading_number(s)?;
    let mut numbers = vec![first];
    loop {
        let rest = &s[len..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        match leading_number(&rest[gap..]) {
            Some((n, l)) => {
                numbers.push(n);
                len += gap + l;
            }
            None => break,
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    Some((numbers, len))
}

/// Sorted, distinct citation numbers as ranges: three or more consecutive numbers make one range
/// (`[1, 3, 4, 5]` gives `(1, 1), (3, 5)`); two consecutive numbers stay two entries.
pub fn citation_ranges(numbers: &[usize]) -> Vec<(usize, usize)> {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for n in sorted {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => out.push((n, n)),
        }
    }
    // A "range" of two is written as two numbers.
    out.into_iter().flat_map(|(a, b)| if b == a + 1 { vec![(a, a), (b, b)] } else { vec![(a, b)] }).collect()
}

/// Citation numbers as read: sorted, comma-separated, ranges with an en dash ("1, 2", "3–5", "1, 4–6").
pub fn format_citation_numbers(numbers: &[usize]) -> String {
    citation_ranges(numbers)
        .iter()
        .map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}\u{2013}{b}") })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rewrites every run of rendered markers in `text` (`[2][1]`, `[3] [4] [5]`) as one bracket, "[1, 2]" or
/// "[3–5]", for plain-text display. Other brackets are left alone.
pub fn group_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some((numbers, len)) = leading_citation_run(rest) {
            out.push('[');
            out.push_str(&format_citation_numbers(&numbers));
            out.push(']');
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
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

    #[test]
    fn groups_adjacent_markers_sorted_with_ranges() {
        assert_eq!(group_citations("a [2][1] b"), "a [1, 2] b");
        assert_eq!(group_citations("x [12]"), "x [12]");
        assert_eq!(group_citations("x [1][2][12]"), "x [1, 2, 12]");
        assert_eq!(group_citations("x [5][3][4]."), "x [3\u{2013}5].");
        assert_eq!(group_citations("x [3] [4] [6] [5] [1] y"), "x [1, 3\u{2013}6] y");
        assert_eq!(group_citations("x [2][2]"), "x [2]");
        assert_eq!(group_citations("[x] [1234] [] [1]"), "[x] [1234] [] [1]");
        assert_eq!(group_citations("see [1] and [2]"), "see [1] and [2]");
    }

    #[test]
    fn a_run_ends_before_trailing_spaces() {
        assert_eq!(leading_citation_run("[2][1]  next"), Some((vec![1, 2], 6)));
        assert_eq!(leading_citation_run("[1] [3] x"), Some((vec![1, 3], 7)));
        assert_eq!(leading_citation_run("no"), None);
        assert_eq!(citation_ranges(&[4, 1, 2, 3, 7, 8]), [(1, 4), (7, 7), (8, 8)]);
        assert_eq!(format_citation_numbers(&[7, 8]), "7, 8");
    }
}
