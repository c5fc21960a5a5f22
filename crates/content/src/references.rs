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

/// Document-sharing and mirror sites: they re-host copies of other people's work, often without permission and
/// in versions nobody can check. A reference links to the official place (the journal, publisher or issuing
/// body, PubMed or the DOI), never to one of these.
pub const DENIED_HOSTS: &[&str] = &[
    "studylib.net",
    "studylib.es",
    "scribd.com",
    "docslib.org",
    "abcdocz.com",
    "skyscape.com",
    "doczz.net",
    "dokumen.pub",
    "dokumen.tips",
    "documents.pub",
    "vdocuments.net",
    "vdocuments.mx",
    "pdfcoffee.com",
    "idoc.pub",
    "epdf.pub",
    "ebin.pub",
    "silo.tips",
    "pdfslide.net",
    "fdocuments.in",
    "coursehero.com",
    "slideshare.net",
    "issuu.com",
    "yumpu.com",
    "docplayer.net",
    "kupdf.net",
    "pdfroom.com",
];

/// The host of an http(s) URL, lowercased and without `www.`, user info or port.
fn host_of(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("").split(':').next().unwrap_or("");
    (!host.is_empty()).then(|| host.to_string())
}

/// A reference URL must be an http(s) address whose host is not a document-sharing site ([`DENIED_HOSTS`],
/// subdomains included).
fn check_url(url: &str) -> Result<(), String> {
    let Some(host) = host_of(url) else {
        return Err(format!("`{url}` is not an http:// or https:// address"));
    };
    let denied = DENIED_HOSTS.iter().find(|d| host == **d || host.ends_with(&format!(".{d}")));
    match denied {
        Some(d) => Err(format!(
            "`{d}` is a document-sharing site, not the official place: link the publisher's or issuing body's page, \
             or give the PMID or DOI"
        )),
        None => Ok(()),
    }
}

/// Parses the reference list (`[[reference]]` tables).
///
/// # Errors
/// Every problem found — a missing or empty field, an unknown type, a bad PMID or DOI, a URL that is not http(s)
/// or is on a document-sharing site ([`DENIED_HOSTS`]), a duplicate id — each
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
        if let Some(u) = &raw.url {
            if let Err(msg) = check_url(u) {
                fail("url", at("url"), &msg);
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

    #[test]
    fn refuses_a_url_on_a_document_sharing_site_naming_line_and_field() {
        for url in [
            "https://studylib.net/doc/1/x",
            "https://www.scribd.com/document/1/x",
            "http://SCRIBD.com/document/1",
            "https://docslib.org/doc/1/x",
            "https://abcdocz.com/doc/1/x",
            "https://download.skyscape.com/download/x.htm",
            "https://user@de.scribd.com:443/x",
        ] {
            let text = ONE.replace("pmid = \"123\"\n", &format!("pmid = \"123\"\nurl = \"{url}\"\n"));
            let e = errors_of(&text);
            assert_eq!(e.len(), 1, "{url}");
            assert_eq!((e[0].line, e[0].field.as_deref()), (Some(9), Some("url")), "{url}");
            assert!(e[0].message.contains("document-sharing site"), "{}", e[0].message);
            assert!(e[0].to_string().contains("references.toml"), "{}", e[0]);
        }
    }

    #[test]
    fn accepts_official_urls_and_refuses_non_web_ones() {
        for url in
            ["https://www.nice.org.uk/guidance/ng59", "https://pubmed.ncbi.nlm.nih.gov/1/", "https://notscribd.com/x"]
        {
            let text = ONE.replace("pmid = \"123\"\n", &format!("url = \"{url}\"\n"));
            assert!(parse_references(Path::new("r.toml"), &text).is_ok(), "{url}");
        }
        let e = errors_of(&ONE.replace("pmid = \"123\"\n", "url = \"ftp://example.org/x\"\n"));
        assert_eq!(e[0].field.as_deref(), Some("url"));
    }

    #[test]
    fn a_web_page_is_a_reference_type() {
        let r = parse_references(Path::new("r.toml"), &ONE.replace("guideline", "web")).unwrap();
        assert_eq!((r[0].ref_type, r[0].ref_type.label()), (RefType::Web, "Web page"));
    }
}
