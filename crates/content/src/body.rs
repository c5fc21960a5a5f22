//! The restricted Markdown of article bodies: `## ` sections (optionally tagged `{clinician}` or `{patient}`
//! for one audience), `### ` sub-headings, paragraphs, `- ` bullet and `1. ` numbered lists (one level). Text
//! is kept as written; renderers escape it.

use vesalius_core::{Block, Section};

/// A body problem: 1-based line within the body, and what is wrong.
pub(crate) type BodyError = (usize, String);

fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| line[digits..].strip_prefix(". ")).flatten()
}

/// A parsed body: its sections, and the indexes of those tagged for one audience.
#[derive(Debug, Default)]
pub(crate) struct Body {
    /// The sections, headings without their tags.
    pub sections: Vec<Section>,
    /// Sections tagged `{clinician}`.
    pub clinician_only: Vec<usize>,
    /// Sections tagged `{patient}`.
    pub patient_only: Vec<usize>,
}

/// Who a section heading is for: the heading without its tag, and the tag (`clinician` or `patient`).
fn heading_tag(heading: &str) -> Result<(&str, Option<&str>), String> {
    let h = heading.trim();
    let Some(open) = h.strip_suffix('}').and_then(|x| x.rfind('{')) else { return Ok((h, None)) };
    let tag = &h[open + 1..h.len() - 1];
    let text = h[..open].trim_end();
    match tag.trim() {
        _ if text.is_empty() => Err("a tagged section needs a heading before its tag".into()),
        t @ ("clinician" | "patient") => Ok((text, Some(t))),
        t => Err(format!("unknown audience tag `{{{t}}}`; use `{{clinician}}` or `{{patient}}`")),
    }
}

/// Parses a body into sections.
pub(crate) fn parse_body(body: &str) -> Result<Body, BodyError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut clinician_only = Vec::new();
    let mut patient_only = Vec::new();
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
            let (heading, tag) = heading_tag(h).map_err(|e| (n, e))?;
            match tag {
                Some("clinician") => clinician_only.push(sections.len()),
                Some(_) => patient_only.push(sections.len()),
                None => {}
            }
            sections.push(Section { heading: heading.to_string(), blocks: Vec::new() });
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            if heading_tag(h).is_ok_and(|(_, t)| t.is_some()) {
                return Err((n, "audience tags go on `## ` section headings, not sub-headings".into()));
            }
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
    Ok(Body { sections, clinician_only, patient_only })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_sections_paragraphs_and_lists() {
        let s = parse_body("## A\n\nOne\ntwo.\n\n- x\n  more\n- y\n\n### Sub\n\n1. first\n2. second\n\n## B\n\nEnd.\n")
            .unwrap()
            .sections;
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

    #[test]
    fn section_headings_may_carry_an_audience_tag() {
        let b = parse_body("## Plain {patient}\n\nA.\n\n## Shared\n\nB.\n\n## Surgical planning {clinician}\n\nC.\n")
            .unwrap();
        let headings: Vec<&str> = b.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["Plain", "Shared", "Surgical planning"]);
        assert_eq!((b.patient_only, b.clinician_only), (vec![0], vec![2]));
        assert!(parse_body("## Set {1, 2} of things\n\nA.\n").unwrap().patient_only.is_empty());
    }

    #[test]
    fn rejects_unknown_or_misplaced_tags() {
        let e = parse_body("## A\n\nx\n\n## B {doctor}\n\ny\n").unwrap_err();
        assert_eq!(e.0, 5);
        assert!(e.1.contains("{doctor}"), "{}", e.1);
        assert_eq!(parse_body("## A\n\n### Sub {patient}\n\nx\n").unwrap_err().0, 3);
        assert_eq!(parse_body("## {clinician}\n\nx\n").unwrap_err().0, 1);
    }
}
