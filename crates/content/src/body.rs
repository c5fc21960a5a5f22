//! The restricted Markdown of article bodies: `## ` sections, `### ` sub-headings, paragraphs,
//! `- ` bullet and `1. ` numbered lists (one level). Text is kept as written; renderers escape it.

use vesalius_core::{Block, Section};

/// A body problem: 1-based line within the body, and what is wrong.
pub(crate) type BodyError = (usize, String);

fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| line[digits..].strip_prefix(". ")).flatten()
}

/// Parses a body into sections.
pub(crate) fn parse_body(body: &str) -> Result<Vec<Section>, BodyError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;

    fn current(sections: &mut Vec<Section>) -> &mut Section {
        if sections.is_empty() {
            sections.push(Section { heading: "Overview".into(), blocks: Vec::new() });
        }
        sections.last_mut().expect("just ensured non-empty")
    }
    fn flush(sections: &mut Vec<Section>, para: &mut Vec<&str>, list: &mut Option<(bool, Vec<String>)>) {
        if !para.is_empty() {
            let text = para.join(" ");
            current(sections).blocks.push(Block::Paragraph { text });
            para.clear();
        }
        if let Some((ordered, items)) = list.take() {
            current(sections).blocks.push(Block::List { ordered, items });
        }
    }

    for (i, raw) in body.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let indented = line.len() != trimmed.len();
        if trimmed.is_empty() {
            flush(&mut sections, &mut para, &mut list);
            continue;
        }
        if trimmed.starts_with('|') {
            return Err((n, "tables are not supported; use a list".into()));
        }
        if trimmed.starts_with('<') && trimmed.contains('>') {
            return Err((n, "raw HTML is not allowed in content".into()));
        }
        if let Some(h) = trimmed.strip_prefix("## ") {
            flush(&mut sections, &mut para, &mut list);
            sections.push(Section { heading: h.trim().to_string(), blocks: Vec::new() });
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            flush(&mut sections, &mut para, &mut list);
            current(&mut sections).blocks.push(Block::Heading { text: h.trim().to_string() });
        } else if trimmed.starts_with('#') {
            return Err((n, "use `## ` for a section and `### ` for a sub-heading".into()));
        } else if let Some((ordered, item)) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .map(|t| (false, t))
            .or_else(|| numbered_item(trimmed).map(|t| (true, t)))
        {
            if indented {
                return Err((n, "nested lists are not supported; use one level".into()));
            }
            if !para.is_empty() || list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush(&mut sections, &mut para, &mut list);
            }
            list.get_or_insert_with(|| (ordered, Vec::new())).1.push(item.trim().to_string());
        } else if let Some((_, items)) = list.as_mut().filter(|_| indented) {
            let last = items.last_mut().expect("a list always has an item");
            last.push(' ');
            last.push_str(trimmed);
        } else {
            if list.is_some() {
                flush(&mut sections, &mut para, &mut list);
            }
            para.push(trimmed);
        }
    }
    flush(&mut sections, &mut para, &mut list);
    if sections.iter().all(|s| s.blocks.is_empty()) {
        return Err((1, "the body is empty".into()));
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_sections_paragraphs_and_lists() {
        let s = parse_body("## A\n\nOne\ntwo.\n\n- x\n  more\n- y\n\n### Sub\n\n1. first\n2. second\n\n## B\n\nEnd.\n")
            .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading, "A");
        assert_eq!(s[0].blocks[0], Block::Paragraph { text: "One two.".into() });
        assert_eq!(s[0].blocks[1], Block::List { ordered: false, items: vec!["x more".into(), "y".into()] });
        assert_eq!(s[0].blocks[2], Block::Heading { text: "Sub".into() });
        assert!(matches!(&s[0].blocks[3], Block::List { ordered: true, items } if items.len() == 2));
    }

    #[test]
    fn rejects_tables_html_and_nesting_with_line_numbers() {
        assert_eq!(parse_body("## A\n\n| a | b |\n").unwrap_err().0, 3);
        assert_eq!(parse_body("## A\n<script>x</script>\n").unwrap_err().0, 2);
        assert_eq!(parse_body("## A\n- a\n  - b\n").unwrap_err().0, 3);
    }
}
