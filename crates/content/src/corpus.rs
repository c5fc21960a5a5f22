use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use vesalius_core::{citation_markers, Article, Reference};

use crate::lines::{line_at, line_of_key};
use crate::{parse_article, parse_references, ContentError, LoadErrors};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The name of the reference list inside a content folder.
const REFERENCES: &str = "references.toml";

/// A loaded, cross-checked set of articles and the references they cite.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Articles, sorted by slug.
    pub articles: Vec<Article>,
    /// All references, in file order.
    pub references: Vec<Reference>,
}

/// Every file embedded from the repository's `content/` folder at build time: (path relative to `content/`,
/// text). Other crates read their own data from here (e.g. `atlas/*.toml`).
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().copied()
}

impl Corpus {
    /// The knowledge base compiled into this binary from the repository's `content/` folder.
    ///
    /// # Errors
    /// The load errors of the embedded files (a test keeps them valid).
    pub fn builtin() -> Result<Corpus, LoadErrors> {
        Self::from_files(embedded::FILES.iter().map(|(p, t)| (PathBuf::from("content").join(p), t.to_string())))
    }

    /// Loads a content folder: `references.toml` and `articles/*.md`.
    ///
    /// # Errors
    /// Unreadable files and every content error, each with its file and line.
    pub fn load_dir(dir: &Path) -> Result<Corpus, LoadErrors> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let mut read = |path: PathBuf| match std::fs::read_to_string(&path) {
            Ok(text) => files.push((path, text)),
            Err(e) => errors.push(ContentError::new(&path, None, None, format!("cannot read: {e}"))),
        };
        read(dir.join(REFERENCES));
        let articles = dir.join("articles");
        match std::fs::read_dir(&articles) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .collect();
                paths.sort();
                paths.into_iter().for_each(&mut read);
            }
            Err(e) => errors.push(ContentError::new(&articles, None, None, format!("cannot read folder: {e}"))),
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        Self::from_files(files)
    }

    /// Parses and cross-checks content given as (path, text) pairs. A path whose file name is
    /// `references.toml` is the reference list; `.md` files under an `articles` folder are articles; other
    /// files are ignored.
    ///
    /// # Errors
    /// Every problem found: parse errors, duplicate slugs, citation markers naming no reference, articles
    /// or summaries without any citation.
    pub fn from_files(files: impl IntoIterator<Item = (PathBuf, String)>) -> Result<Corpus, LoadErrors> {
        let mut errors = Vec::new();
        let mut references = Vec::new();
        let mut article_files = Vec::new();
        // When the reference list does not parse, citations cannot be checked: one root cause, not hundreds.
        let mut references_broken: Option<PathBuf> = None;
        for (path, text) in files {
            if path.file_name().is_some_and(|n| n == REFERENCES) {
                match parse_references(&path, &text) {
                    Ok(r) => references = r,
                    Err(e) => {
                        errors.extend(e);
                        references_broken = Some(path.clone());
                    }
                }
            } else if path.extension().is_some_and(|e| e == "md")
                && path.parent().is_some_and(|p| p.ends_with("articles"))
            {
                article_files.push((path, text));
            }
        }
        let known: HashSet<&str> = references.iter().map(|r| r.id.as_str()).collect();
        let mut slugs: HashMap<String, PathBuf> = HashMap::new();
        let mut articles = Vec::new();
        // Unknown citation ids: the first place each is cited, and how many more times.
        let mut unknown: Vec<(String, ContentError, usize)> = Vec::new();
        let mut unchecked = 0usize;
        for (path, text) in &article_files {
            for m in citation_markers(text) {
                let line = Some(line_at(text, m.span.start));
                if m.ids.is_empty() {
                    errors.push(ContentError::new(path, line, Some("citation"), "empty citation marker"));
                }
                for id in m.ids.iter().filter(|id| !known.contains(id.as_str())) {
                    if references_broken.is_some() {
                        unchecked += 1;
                    } else if let Some(seen) = unknown.iter_mut().find(|(u, _, _)| u == id) {
                        seen.2 += 1;
                    } else {
                        let e = ContentError::new(
                            path,
                            line,
                            Some("citation"),
                            format!("`[@{id}]` names no reference in {REFERENCES}"),
                        );
                        unknown.push((id.clone(), e, 0));
                    }
                }
            }
            let article = match parse_article(path, text) {
                Ok(a) => a,
                Err(e) => {
                    errors.extend(e);
                    continue;
                }
            };
            if let Some(first) = slugs.get(article.slug.as_str()) {
                let line = line_of_key(text, "slug", 0);
                errors.push(ContentError::new(
                    path,
                    line,
                    Some("slug"),
                    format!("duplicate slug `{}` (also in {})", article.slug, first.display()),
                ));
                continue;
            }
            for (field, summary) in
                [("patient", &article.summary.patient), ("professional", &article.summary.professional)]
            {
                if citation_markers(summary).is_empty() {
                    errors.push(ContentError::new(
                        path,
                        line_of_key(text, field, 0),
                        Some(field),
                        "a summary must cite at least one reference",
                    ));
                }
            }
            slugs.insert(article.slug.to_string(), path.clone());
            articles.push(article);
        }
        for (_, mut e, more) in unknown {
            if more > 0 {
                e.message.push_str(&format!(" (and {more} more citation(s) of it)"));
            }
            errors.push(e);
        }
        if let (Some(path), true) = (&references_broken, unchecked > 0) {
            errors.push(ContentError::new(
                path,
                None,
                None,
                format!("{unchecked} citation(s) in articles were not checked because {REFERENCES} did not parse"),
            ));
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        articles.sort_by(|a, b| a.slug.cmp(&b.slug));
        Ok(Corpus { articles, references })
    }

    /// The reference with this id.
    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.id == id)
    }

    /// The references an article cites, in order of first use (summary, then body).
    pub fn cited_by(&self, article: &Article) -> Vec<Reference> {
        let mut seen = HashSet::new();
        article
            .texts()
            .flat_map(citation_markers)
            .flat_map(|m| m.ids)
            .filter(|id| seen.insert(id.clone()))
            .filter_map(|id| self.reference(&id).cloned())
            .collect()
    }
}
