//! RQE pair files: `<pair pid type value="true|false"><chq>…</chq><faq>…</faq></pair>`.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::EntailError;

/// One labelled question pair: does the consumer question entail the FAQ?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The pair's `pid` attribute (empty when absent).
    pub id: String,
    /// The pair's `type` attribute, e.g. `originalQ-shortQ` (empty when absent).
    pub kind: String,
    /// The consumer health question (premise), whitespace collapsed.
    pub chq: String,
    /// The frequently asked question (hypothesis), whitespace collapsed.
    pub faq: String,
    /// The gold label: `true` when every answer to the FAQ at least partly answers the CHQ.
    pub entails: bool,
}

impl Pair {
    /// A pair with empty `id` and `kind`.
    pub fn new(chq: &str, faq: &str, entails: bool) -> Pair {
        Pair { id: String::new(), kind: String::new(), chq: collapse_ws(chq), faq: collapse_ws(faq), entails }
    }
}

/// Reads every pair of an RQE XML file (such as `RQE_Train_8588_AMIA2016.xml`).
///
/// Errors name the file, and for malformed content the line. A `<chq>` or `<faq>` element
/// that is present but empty is kept as an empty string (the training file has one such pair);
/// [`RqeModel::train`](crate::RqeModel::train) skips those.
pub fn read_pairs(path: &Path) -> Result<Vec<Pair>, EntailError> {
    let xml = std::fs::read_to_string(path).map_err(|source| EntailError::Io { path: path.to_path_buf(), source })?;
    parse_pairs(&xml, path)
}

/// Parses the pairs of an RQE XML document; `path` is only used to name the source in errors.
pub fn parse_pairs(xml: &str, path: &Path) -> Result<Vec<Pair>, EntailError> {
    let fail =
        |pos: u64, message: String| EntailError::Format { path: path.to_path_buf(), line: line_of(xml, pos), message };
    let mut reader = Reader::from_str(xml);
    let mut pairs = Vec::new();
    let mut current: Option<(Pair, u64, bool, bool)> = None;
    let mut field: Option<Field> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| fail(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"pair" => {
                    if current.is_some() {
                        return Err(fail(pos, "nested <pair>".into()));
                    }
                    current = Some((start_pair(&e).map_err(|m| fail(pos, m))?, pos, false, false));
                }
                b"chq" | b"faq" => {
                    let Some((_, _, seen_chq, seen_faq)) = current.as_mut() else {
                        return Err(fail(pos, "question element outside <pair>".into()));
                    };
                    let f = if e.name().as_ref() == b"chq" { Field::Chq } else { Field::Faq };
                    let seen = if f == Field::Chq { seen_chq } else { seen_faq };
                    if *seen {
                        return Err(fail(pos, format!("duplicate <{}>", f.name())));
                    }
                    *seen = true;
                    field = Some(f);
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"pair" => return Err(fail(pos, "empty <pair/>".into())),
                b"chq" | b"faq" => {
                    let Some((_, _, seen_chq, seen_faq)) = current.as_mut() else {
                        return Err(fail(pos, "question element outside <pair>".into()));
                    };
                    if e.name().as_ref() == b"chq" {
                        *seen_chq = true;
                    } else {
                        *seen_faq = true;
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let (Some(f), Some((pair, ..))) = (field, current.as_mut()) {
                    let text = t.unescape().map_err(|e| fail(pos, format!("bad text: {e}")))?;
                    f.slot(pair).push_str(&text);
                }
            }
            Event::CData(t) => {
                if let (Some(f), Some((pair, ..))) = (field, current.as_mut()) {
                    f.slot(pair).push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"chq" | b"faq" => field = None,
                b"pair" => {
                    if let Some((mut pair, start, seen_chq, seen_faq)) = current.take() {
                        for (name, seen) in [("chq", seen_chq), ("faq", seen_faq)] {
                            if !seen {
                                return Err(fail(start, format!("pair without <{name}>")));
                            }
                        }
                        pair.chq = collapse_ws(&pair.chq);
                        pair.faq = collapse_ws(&pair.faq);
                        pairs.push(pair);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((_, start, ..)) = current {
        return Err(fail(start, "unclosed <pair>".into()));
    }
    Ok(pairs)
}

/// Which question element is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Chq,
    Faq,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Chq => "chq",
            Field::Faq => "faq",
        }
    }

    fn slot(self, pair: &mut Pair) -> &mut String {
        match self {
            Field::Chq => &mut pair.chq,
            Field::Faq => &mut pair.faq,
        }
    }
}

/// A pair with its attributes read and empty questions.
fn start_pair(e: &BytesStart<'_>) -> Result<Pair, String> {
    let mut pair = Pair::new("", "", false);
    let mut value = None;
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
        let text = attr.unescape_value().map_err(|e| format!("bad attribute value: {e}"))?;
        match attr.key.as_ref() {
            b"pid" => pair.id = text.into_owned(),
            b"type" => pair.kind = text.into_owned(),
            b"value" => value = Some(text.into_owned()),
            _ => {}
        }
    }
    pair.entails = match value.as_deref().map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        Some(v) => return Err(format!("pair value {v:?} is neither \"true\" nor \"false\"")),
        None => return Err("pair without a value attribute".into()),
    };
    Ok(pair)
}

/// Trims and replaces every run of whitespace with one space.
fn collapse_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, pos: u64) -> usize {
    let end = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(xml: &str) -> Result<Vec<Pair>, EntailError> {
        parse_pairs(xml, Path::new("t.xml"))
    }

    #[test]
    fn parses_pairs() {
        let xml = r#"<?xml version="1.0"?>
<RQE>
<pair pid="1" type="x" value="true">
<chq>
   How should I treat  polymenorrhea &amp; pain?
</chq>
<faq>How to treat polymenorrhea?</faq>
</pair>
<pair pid="2" value="FALSE"><chq>a</chq><faq><![CDATA[b <c>]]></faq></pair>
</RQE>"#;
        let pairs = parse(xml).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].id, "1");
        assert_eq!(pairs[0].kind, "x");
        assert_eq!(pairs[0].chq, "How should I treat polymenorrhea & pain?");
        assert!(pairs[0].entails);
        assert_eq!(pairs[1].faq, "b <c>");
        assert!(!pairs[1].entails);
    }

    #[test]
    fn errors_name_file_and_line() {
        let xml = "<r>\n<pair pid=\"1\" value=\"maybe\"><chq>a</chq><faq>b</faq></pair>\n</r>";
        let msg = parse(xml).unwrap_err().to_string();
        assert!(msg.starts_with("t.xml:2:"), "{msg}");
        assert!(msg.contains("maybe"), "{msg}");

        let xml = "<r>\n\n<pair value=\"true\"><chq>a</chq></pair></r>";
        let msg = parse(xml).unwrap_err().to_string();
        assert!(msg.starts_with("t.xml:3:") && msg.contains("faq"), "{msg}");

        let xml = "<r>\n<pair value=\"true\"><chq>a</faq></pair></r>";
        let msg = parse(xml).unwrap_err().to_string();
        assert!(msg.starts_with("t.xml:2:") && msg.contains("malformed"), "{msg}");

        let xml = "<r><pair value=\"true\"><chq>a</chq><faq>b</faq>";
        assert!(parse(xml).is_err());

        let xml =
            "<r><pair value=\"true\"><chq>a</chq><faq> </faq></pair><pair value=\"true\"><chq/><faq>b</faq></pair></r>";
        let pairs = parse(xml).unwrap();
        assert_eq!((pairs[0].faq.as_str(), pairs[1].chq.as_str()), ("", ""));
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_pairs(Path::new("/nonexistent/rqe.xml")).unwrap_err();
        assert!(matches!(err, EntailError::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/rqe.xml"));
    }
}
