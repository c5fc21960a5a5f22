use std::path::Path;

use serde::Deserialize;
use vesalius_core::{Article, Date, Slug, Summary};

use crate::body::parse_body;
use crate::lines::{field_in_message, line_at, line_of_key};
use crate::ContentError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    question: String,
    title: String,
    topics: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    updated: String,
    reviewed: Option<String>,
    summary: RawSummary,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    patient: String,
    professional: String,
}

/// Parses one article file: `+++` TOML front matter, then the Markdown body.
///
/// # Errors
/// Every problem found, each naming `path`, the line and the field.
pub fn parse_article(path: &Path, text: &str) -> Result<Article, Vec<ContentError>> {
    let err = |line, field: Option<&str>, msg: String| vec![ContentError::new(path, line, field, msg)];
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) else {
        return Err(err(Some(1), None, "an article must start with a `+++` front-matter line".into()));
    };
    let Some(end) = rest.find("\n+++") else {
        return Err(err(Some(1), None, "front matter is not closed by a `+++` line".into()));
    };
    let front = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, b)| b);
    // Line numbers: the opening +++ is line 1, so front-matter line k is file line k + 1.
    let front_line = |l: usize| l + 1;
    let body_first_line = line_at(text, text.len() - body.len());

    let fm: FrontMatter = toml::from_str(front).map_err(|e| {
        let line = e.span().map(|s| front_line(line_at(front, s.start)));
        let field = field_in_message(e.message());
        err(line, field.as_deref(), e.message().trim().to_string())
    })?;

    let mut errors = Vec::new();
    let key_line = |key: &str| line_of_key(front, key, 0).map(front_line);
    let slug = fm
        .slug
        .parse::<Slug>()
        .map_err(|e| errors.push(ContentError::new(path, key_line("slug"), Some("slug"), e.to_string())));
    let updated = fm
        .updated
        .parse::<Date>()
        .map_err(|e| errors.push(ContentError::new(path, key_line("updated"), Some("updated"), e.to_string())));
    let reviewed = fm
        .reviewed
        .as_deref()
        .map(str::parse::<Date>)
        .transpose()
        .map_err(|e| errors.push(ContentError::new(path, key_line("reviewed"), Some("reviewed"), e.to_string())));
    for (field, value) in [
        ("question", &fm.question),
        ("title", &fm.title),
        ("patient", &fm.summary.patient),
        ("professional", &fm.summary.professional),
    ] {
        if value.trim().is_empty() {
            errors.push(ContentError::new(path, key_line(field), Some(field), "must not be empty"));
        }
    }
    if fm.topics.is_empty() {
        errors.push(ContentError::new(path, key_line("topics"), Some("topics"), "list at least one topic"));
    }
    let body = parse_body(body).map_err(|(line, msg)| {
        errors.push(ContentError::new(path, Some(body_first_line + line - 1), Some("body"), msg));
    });
    match (slug, updated, reviewed, body) {
        (Ok(slug), Ok(updated), Ok(reviewed), Ok(body)) if errors.is_empty() => Ok(Article {
            slug,
            question: fm.question.trim().to_string(),
            title: fm.title.trim().to_string(),
            topics: fm.topics,
            keywords: fm.keywords,
            updated,
            reviewed,
            summary: Summary {
                patient: fm.summary.patient.trim().to_string(),
                professional: fm.summary.professional.trim().to_string(),
            },
            sections: body.sections,
            clinician_only: body.clinician_only,
            patient_only: body.patient_only,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nslug = \"a-b\"\nquestion = \"Q?\"\ntitle = \"T\"\ntopics = [\"x\"]\nupdated = \"2026-01-02\"\n\n[summary]\npatient = \"P [@r]\"\nprofessional = \"Pro\"\n+++\n\n## One\n\nText [@r].\n\n- a\n- b\n";

    fn errors_of(text: &str) -> Vec<ContentError> {
        parse_article(Path::new("articles/x.md"), text).unwrap_err()
    }

    #[test]
    fn parses_a_valid_article() {
        let a = parse_article(Path::new("x.md"), GOOD).unwrap();
        assert_eq!(a.slug.as_str(), "a-b");
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.summary.patient, "P [@r]");
    }

    #[test]
    fn records_audience_tagged_sections_and_names_a_bad_tag_line() {
        let text = GOOD.replace("## One", "## Plain {patient}\n\nP [@r].\n\n## One {clinician}");
        let a = parse_article(Path::new("x.md"), &text).unwrap();
        assert_eq!((a.patient_only.clone(), a.clinician_only.clone()), (vec![0], vec![1]));
        assert_eq!(a.sections[1].heading, "One");
        assert_eq!(a.folded_for(vesalius_core::Audience::Patient), [1]);
        assert_eq!(a.folded_for(vesalius_core::Audience::Student), [0]);
        let e = errors_of(&GOOD.replace("## One", "## One {doctors}"));
        assert_eq!((e[0].line, e[0].field.as_deref()), (Some(13), Some("body")), "{}", e[0]);
    }

    #[test]
    fn rejects_a_bad_date_naming_line_and_field() {
        let e = errors_of(&GOOD.replace("2026-01-02", "2026-02-30"));
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].field.as_deref()), (Some(6), Some("updated")));
        assert!(e[0].to_string().starts_with("articles/x.md:6: field `updated`"), "{}", e[0]);
    }

    #[test]
    fn rejects_a_missing_field_naming_it() {
        let e = errors_of(&GOOD.replace("title = \"T\"\n", ""));
        assert_eq!(e[0].field.as_deref(), Some("title"), "{}", e[0]);
        assert!(e[0].line.is_some());
    }

    #[test]
    fn rejects_an_unknown_field_naming_it() {
        let e = errors_of(&GOOD.replace("title = \"T\"", "title = \"T\"\ntitel = \"typo\""));
        assert_eq!(e[0].field.as_deref(), Some("titel"), "{}", e[0]);
        assert_eq!(e[0].line, Some(5));
    }

    #[test]
    fn rejects_a_bad_slug_and_an_empty_question_together() {
        let e = errors_of(&GOOD.replace("\"a-b\"", "\"A B\"").replace("\"Q?\"", "\"  \""));
        let fields: Vec<_> = e.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["slug", "question"]);
    }

    #[test]
    fn rejects_a_file_without_front_matter() {
        let e = errors_of("## Just a heading\n");
        assert_eq!(e[0].line, Some(1));
    }
}
