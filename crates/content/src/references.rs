use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use vesalius_core::{RefType, Reference};

use crate::lines::{field_in_message, line_at, line_of_key};
use crate::ContentError;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    reference: Vec<Spanned<RawReference>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    id: Option<String>,
    #[serde(rename = "type")]
    ref_type: Option<String>,
    title: Option<String>,
    authors: Option<String>,
    journal: Option<String>,
    year: Option<i64>,
    pmid: Option<String>,
    doi: Option<String>,
    url: Option<String>,
}

/// Parses the reference list (`[[reference]]` tables).
///
/// # Errors
/// Every problem found — a missing or empty field, an unknown type, a bad PMID or DOI, a duplicate id — each
/// naming `path`, the line and the field.
pub fn parse_references(path: &Path, text: &str) -> Result<Vec<Reference>, Vec<ContentError>> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_at(text, s.start));
        vec![ContentError::new(path, line, field_in_message(e.message()).as_deref(), e.message().trim())]
    })?;
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for spanned in file.reference {
        let start = spanned.span().start;
        let table_line = line_at(text, start);
        let raw = spanned.into_inner();
        let at = |field: &str| line_of_key(text, field, start).unwrap_or(table_line);
        let mut fail =
            |field: &str, line: usize, msg: &str| errors.push(ContentError::new(path, Some(line), Some(field), msg));
        let mut need = |field: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => Some(v.to_string()),
            Some(_) => {
                fail(field, at(field), "must not be empty");
                None
            }
            None => {
                fail(field, table_line, "missing field");
                None
            }
        };
        let (id, kind, title, authors, journal) = (
            need("id", &raw.id),
            need("type", &raw.ref_type),
            need("title", &raw.title),
            need("authors", &raw.authors),
            need("journal", &raw.journal),
        );
        let ref_type =
            kind.and_then(|k| k.parse::<RefType>().map_err(|e| fail("type", at("type"), &e.to_string())).ok());
        let year = match raw.year {
            Some(y) if (1800..=2100).contains(&y) => Some(y as u16),
            Some(_) => {
                fail("year", at("year"), "must be a year between 1800 and 2100");
                None
            }
            None => {
                fail("year", table_line, "missing field");
                None
            }
        };
        if let Some(p) = &raw.pmid {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                fail("pmid", at("pmid"), "a PMID is digits only");
            }
        }
        if let Some(d) = &raw.doi {
            if !d.starts_with("10.") || !d.contains('/') {
                fail("doi", at("doi"), "a DOI starts with `10.` and contains `/` (no https://doi.org/ prefix)");
            }
        }
        if raw.pmid.is_none() && raw.doi.is_none() && raw.url.is_none() {
            fail("pmid", table_line, "give at least one of pmid, doi or url");
        }
        if let Some(id) = &id {
            if !seen.insert(id.clone()) {
                fail("id", at("id"), &format!("duplicate reference id `{id}`"));
            }
        }
        if let (Some(id), Some(ref_type), Some(title), Some(authors), Some(journal), Some(year)) =
            (id, ref_type, title, authors, journal, year)
        {
            out.push(Reference {
                id,
                ref_type,
                title,
                authors,
                journal,
                year,
                pmid: raw.pmid,
                doi: raw.doi,
                url: raw.url,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[[reference]]\nid = \"a\"\ntype = \"guideline\"\ntitle = \"T\"\nauthors = \"X\"\njournal = \"J\"\nyear = 2020\npmid = \"123\"\n";

    fn errors_of(text: &str) -> Vec<ContentError> {
        parse_references(Path::new("references.toml"), text).unwrap_err()
    }

    #[test]
    fn parses_a_reference() {
        let r = parse_references(Path::new("r.toml"), ONE).unwrap();
        assert_eq!(r[0].ref_type, RefType::Guideline);
        assert_eq!(r[0].link().unwrap(), "https://pubmed.ncbi.nlm.nih.gov/123/");
    }

    #[test]
    fn reports_a_missing_field_at_its_table() {
        let text = format!("{ONE}\n{}", ONE.replace("id = \"a\"", "id = \"b\"").replace("journal = \"J\"\n", ""));
        let e = errors_of(&text);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].field.as_deref()), (Some(10), Some("journal")));
    }

    #[test]
    fn reports_duplicate_ids_bad_types_and_bad_identifiers() {
        let text = format!("{ONE}\n{}", ONE.replace("guideline", "blog").replace("\"123\"", "\"PMID:1\""));
        let fields: Vec<_> = errors_of(&text).iter().map(|e| (e.line.unwrap(), e.field.clone().unwrap())).collect();
        assert_eq!(fields, [(12, "type".to_string()), (17, "pmid".into()), (11, "id".into())]);
    }
}
