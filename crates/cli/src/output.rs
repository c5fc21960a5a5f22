//! The terminal rendering of an answer.

use std::fmt::Write as _;

use vesalius_core::{group_citations, Answer, AnswerKind, Block, ReviewStage};

/// Content text for the terminal: no `**`, and each run of citation markers as one bracket, sorted, with
/// ranges ("[2][1]" reads "[1, 2]", "[3][4][5]" reads "[3–5]"). The JSON keeps the markers as they are.
fn plain(text: &str) -> String {
    group_citations(&text.replace("**", ""))
}

/// An answer as readable terminal text: urgent message, title and status, summary, sections, references.
pub(crate) fn answer_text(a: &Answer) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", a.question);
    if let Some(msg) = &a.safety.message {
        let _ = writeln!(out, "!! URGENT: {msg}\n");
    }
    if a.kind == AnswerKind::None {
        let _ = writeln!(out, "{}\n\n{}", a.title, a.summary);
    } else {
        let status = match a.status {
            Some(ReviewStage::Approved) => {
                format!("Approved{}", a.approved_by.as_deref().map(|w| format!(" by {w}")).unwrap_or_default())
            }
            Some(s) => format!("{} — educational purpose only, pending human review", s.as_str()),
            None => "not reviewed".into(),
        };
        let _ = writeln!(out, "{}\nStatus: {status}", a.title);
        if let Some(d) = &a.last_updated {
            let _ = writeln!(out, "Last updated: {d}");
        }
        if let Some(grade) = a.reading_grade {
            let _ = writeln!(out, "Reading level: grade {grade:.1} ({} wording)", a.audience);
        }
        if let Some(notice) = &a.notice {
            let _ = writeln!(out, "\nNote: {notice}");
        }
        // An urgent answer with no content of its own has the message as its summary: shown once, above.
        if a.safety.message.as_ref() != Some(&a.summary) {
            let _ = writeln!(out, "\n{}", plain(&a.summary));
        }
        for (i, s) in a.sections.iter().enumerate() {
            if a.folded.contains(&i) {
                let (who, other) = if a.audience.is_professional() {
                    ("written for patients and caregivers", "patient")
                } else {
                    ("more detail for health professionals", "clinician")
                };
                let _ = writeln!(out, "\n## {} [folded: {who}; `--audience {other}` shows it]", plain(&s.heading));
                continue;
            }
            let _ = writeln!(out, "\n## {}", plain(&s.heading));
            for b in &s.blocks {
                match b {
                    Block::Paragraph { text } => {
                        let _ = writeln!(out, "{}", plain(text));
                    }
                    Block::Heading { text } => {
                        let _ = writeln!(out, "\n### {}", plain(text));
                    }
                    Block::List { ordered, items } => {
                        for (i, item) in items.iter().enumerate() {
                            let bullet = if *ordered { format!("{}.", i + 1) } else { "•".into() };
                            let _ = writeln!(out, "  {bullet} {}", plain(item));
                        }
                    }
                }
            }
        }
        if !a.references.is_empty() {
            let _ = writeln!(out, "\nReferences");
            for r in &a.references {
                let x = &r.reference;
                let _ = write!(
                    out,
                    "  [{}] {}: {}. {}. {}, {}.",
                    r.n,
                    x.ref_type.label(),
                    x.title,
                    x.authors,
                    x.journal,
                    x.year
                );
                if let Some(link) = x.link() {
                    let _ = write!(out, " {link}");
                }
                out.push('\n');
            }
        }
    }
    if let Some(t) = &a.thread_id {
        let _ = writeln!(out, "\nConversation {t}: ask a follow-up with --thread {t}");
    }
    if !a.alternatives.is_empty() {
        let _ = writeln!(out, "\n{}", if a.kind == AnswerKind::None { "Closest topics:" } else { "Related:" });
        for alt in &a.alternatives {
            let _ = writeln!(out, "  - {} ({})", alt.question.as_deref().unwrap_or(&alt.title), alt.id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn plain_text_groups_citation_runs_sorted_with_ranges() {
        assert_eq!(plain("**L5** root [2][1]."), "L5 root [1, 2].");
        assert_eq!(plain("a [4][3][5] b [12] c [1][12]"), "a [3\u{2013}5] b [12] c [1, 12]");
    }
}
