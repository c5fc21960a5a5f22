//! Writing an article back to its file format, so editors can edit it as text.

use std::fmt::Write as _;

use serde::Serialize;
use vesalius_core::{Article, Block};

#[derive(Serialize)]
struct FrontOut<'a> {
    slug: &'a str,
    question: &'a str,
    title: &'a str,
    topics: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    updated: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    summary: SummaryOut<'a>,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    patient: &'a str,
    professional: &'a str,
}

/// The article as a content file (front matter and Markdown body); [`crate::parse_article`] reads it back to
/// an equal article.
pub fn to_markdown(a: &Article) -> String {
    let front = FrontOut {
        slug: a.slug.as_str(),
        question: &a.question,
        title: &a.title,
        topics: &a.topics,
        keywords: &a.keywords,
        updated: a.updated.to_string(),
        reviewed: a.reviewed.map(|d| d.to_string()),
        summary: SummaryOut { patient: &a.summary.patient, professional: &a.summary.professional },
    };
    let mut out = String::from("+++\n");
    out.push_str(&toml::to_string(&front).unwrap_or_default());
    out.push_str("+++\n");
    for (i, s) in a.sections.iter().enumerate() {
        let tag = if a.clinician_only.contains(&i) {
            " {clinician}"
        } else if a.patient_only.contains(&i) {
            " {patient}"
        } else {
            ""
        };
        let _ = write!(out, "\n## {}{tag}\n", s.heading);
        for b in &s.blocks {
            out.push('\n');
            match b {
                Block::Paragraph { text } => {
                    let _ = writeln!(out, "{text}");
                }
                Block::Heading { text } => {
                    let _ = writeln!(out, "### {text}");
                }
                Block::List { ordered, items } => {
                    for (n, item) in items.iter().enumerate() {
                        let bullet = if *ordered { format!("{}.", n + 1) } else { "-".into() };
                        let _ = writeln!(out, "{bullet} {item}");
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_article_round_trips_through_its_text() {
        let corpus = crate::Corpus::builtin().unwrap();
        for a in &corpus.articles {
            let text = to_markdown(a);
            let back = crate::parse_article(std::path::Path::new("x.md"), &text)
                .unwrap_or_else(|e| panic!("{}: {e:?}", a.slug));
            assert_eq!(&back, a, "{}", a.slug);
        }
    }
}
