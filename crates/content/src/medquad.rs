//! Reading MedQuAD: one XML file per source document, in one folder per source.

use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use vesalius_core::{QaDocument, QaPair};

use crate::lines::line_at;
use crate::ContentError;

/// What reading a MedQuAD folder found.
#[derive(Debug, Default)]
pub struct MedquadRead {
    /// Documents read, in path order.
    pub documents: Vec<QaDocument>,
    /// Files that could not be read, each with its path and line; they are skipped.
    pub errors: Vec<ContentError>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.trim().to_string())
}

/// The element name MedQuAD's main schema uses for `name`: a few files spell the schema differently
/// (`DiseaseFile fid=…` in CDC; `doc docid=… corpus=…`, `doctitle-focus`, `pair`, lowercase names in NINDS).
fn canonical(name: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "document" | "diseasefile" | "doc" => "Document",
        "focus" | "doctitle-focus" => "Focus",
        "qapair" | "pair" => "QAPair",
        "question" => "Question",
        "answer" => "Answer",
        "cui" => "CUI",
        "semantictype" => "SemanticType",
        "semanticgroup" => "SemanticGroup",
        "synonym" => "Synonym",
        _ => return name.to_string(),
    }
    .to_string()
}

/// An answer's text with its line structure kept: each line's whitespace collapsed, blank lines dropped, lines
/// joined by a newline (MedQuAD puts paragraphs, sub-headings and list items on lines of their own).
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Phrases of a sentence that only points elsewhere ("more information is available at …", "check out the
/// information here", an address or phone line).
const POINTERS: &[&str] = &[
    "more information",
    "more detailed information",
    "check out",
    "click here",
    "information here",
    "key words",
    "learn more",
    "visit ",
    "www.",
    "http",
    "1-800",
    "e-mail:",
];

/// True when every sentence of an answer only points elsewhere and its question did not ask where to look
/// ("What is Gout?" answered "NIAMS has more information about gout. Check out the information here."): such an
/// answer is a pointer to its page, kept as a question-only record, not shown as content.
fn only_points_elsewhere(answer: &str, question: &str) -> bool {
    let q = question.to_lowercase();
    if ["information", "learn more", "resources", "where can", "contact"].iter().any(|w| q.contains(w)) {
        return false;
    }
    // Sentence ends are a stop followed by a space or a line break (a URL's dots are not).
    answer
        .replace(". ", ".\n")
        .replace("? ", "?\n")
        .replace("! ", "!\n")
        .lines()
        .map(str::trim)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .all(|s| {
            let s = s.to_lowercase();
            POINTERS.iter().any(|p| s.contains(p))
        })
}

/// Parses one MedQuAD document.
///
/// # Errors
/// Malformed XML or a missing required part (document id, source, focus, question), with its line.
pub fn parse_medquad(path: &Path, text: &str) -> Result<QaDocument, ContentError> {
    let mut reader = Reader::from_str(text);
    let err =
        |at: usize, field: Option<&str>, msg: String| ContentError::new(path, Some(line_at(text, at)), field, msg);
    let mut doc = QaDocument {
        source: String::new(),
        doc_id: String::new(),
        url: None,
        focus: String::new(),
        cuis: Vec::new(),
        semantic_types: Vec::new(),
        semantic_group: None,
        synonyms: Vec::new(),
        pairs: Vec::new(),
    };
    let mut stack: Vec<String> = Vec::new();
    let mut text_buf = String::new();
    let mut pair: Option<QaPair> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| err(at, None, format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = canonical(&String::from_utf8_lossy(e.name().as_ref()));
                match name.as_str() {
                    "Document" => {
                        doc.doc_id = attr(&e, b"id")
                            .or_else(|| attr(&e, b"fid"))
                            .or_else(|| attr(&e, b"docid"))
                            .unwrap_or_default();
                        doc.source = attr(&e, b"source").or_else(|| attr(&e, b"corpus")).unwrap_or_default();
                        doc.url = attr(&e, b"url").filter(|u| !u.is_empty());
                    }
                    "QAPair" => {
                        let position = doc.pairs.len() as u32 + 1;
                        let pid = attr(&e, b"pid").unwrap_or_default();
                        pair = Some(QaPair {
                            position,
                            pid,
                            qid: String::new(),
                            qtype: String::new(),
                            question: String::new(),
                            answer: None,
                        });
                    }
                    "Question" => {
                        if let Some(p) = pair.as_mut() {
                            p.qid = attr(&e, b"qid").unwrap_or_default();
                            p.qtype = attr(&e, b"qtype").unwrap_or_default();
                        }
                    }
                    _ => {}
                }
                stack.push(name);
                text_buf.clear();
            }
            Event::Text(t) => {
                let s =
                    t.unescape().map_err(|e| err(at, stack.last().map(String::as_str), format!("bad text: {e}")))?;
                text_buf.push_str(&s);
            }
            Event::CData(t) => text_buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let value = text_buf.split_whitespace().collect::<Vec<_>>().join(" ");
                match name.as_str() {
                    "Focus" => doc.focus = value,
                    "CUI" => doc.cuis.push(value),
                    "SemanticType" => doc.semantic_types.push(value),
                    "SemanticGroup" => doc.semantic_group = Some(value).filter(|v| !v.is_empty()),
                    "Synonym" if !value.is_empty() => doc.synonyms.push(value),
                    "Question" => {
                        if let Some(p) = pair.as_mut() {
                            p.question = value;
                        }
                    }
                    "Answer" => {
                        if let Some(p) = pair.as_mut() {
                            p.answer = Some(paragraphs(&text_buf))
                                .filter(|v| !v.is_empty() && !only_points_elsewhere(v, &p.question));
                        }
                    }
                    "QAPair" => {
                        if let Some(p) = pair.take() {
                            if p.question.is_empty() {
                                return Err(err(
                                    at,
                                    Some("Question"),
                                    format!("QA pair {} has no question", p.position),
                                ));
                            }
                            doc.pairs.push(p);
                        }
                    }
                    _ => {}
                }
                text_buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(err(text.len(), None, format!("unclosed element <{}>", stack.join("><"))));
    }
    // The file name is the document id of judged-answer ids (some CancerGov files share a `Document@id`).
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()).filter(|s| !s.is_empty()) {
        doc.doc_id = stem.to_string();
    }
    // A few documents have an empty <Focus>: the first question says what they are about.
    if doc.focus.is_empty() {
        doc.focus = doc.pairs.first().map(|p| p.question.trim_end_matches([' ', '?']).to_string()).unwrap_or_default();
    }
    for (field, value) in [("Document@id", &doc.doc_id), ("Document@source", &doc.source), ("Focus", &doc.focus)] {
        if value.is_empty() {
            return Err(ContentError::new(path, None, Some(field), "missing"));
        }
    }
    Ok(doc)
}

/// Reads every `*.xml` file in the sub-folders of a MedQuAD folder (or in the folder itself), calling
/// `progress(done, total)` as it goes. Unreadable or malformed files are collected in
/// [`MedquadRead::errors`] and skipped.
///
/// # Errors
/// The folder itself cannot be read, or holds no XML file.
pub fn read_medquad_dir(dir: &Path, mut progress: impl FnMut(usize, usize)) -> Result<MedquadRead, ContentError> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| ContentError::new(&folder, None, None, format!("cannot read folder: {e}")))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                folders.push(p);
            } else if p.extension().is_some_and(|e| e == "xml") {
                files.push(p);
            }
        }
    }
    if files.is_empty() {
        return Err(ContentError::new(
            dir,
            None,
            None,
            "no MedQuAD XML files found (expected folders like 2_GARD_QA/)",
        ));
    }
    files.sort();
    let mut out = MedquadRead::default();
    let total = files.len();
    for (i, path) in files.iter().enumerate() {
        match std::fs::read_to_string(path) {
            Ok(text) => match parse_medquad(path, &text) {
                Ok(d) => out.documents.push(d),
                Err(e) => out.errors.push(e),
            },
            Err(e) => out.errors.push(ContentError::new(path, None, None, format!("cannot read: {e}"))),
        }
        if i % 200 == 0 || i + 1 == total {
            progress(i + 1, total);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document id="0000004" source="GARD" url="https://example.org/abcd">
<Focus>ABCD syndrome</Focus>
<FocusAnnotations><UMLS><CUIs><CUI>C1838099</CUI></CUIs><SemanticTypes><SemanticType>T047</SemanticType></SemanticTypes>
<SemanticGroup>Disorders</SemanticGroup></UMLS><Synonyms><Synonym>Albinism &amp; deafness</Synonym></Synonyms></FocusAnnotations>
<QAPairs>
<QAPair pid="1"><Question qid="0000004-1" qtype="symptoms">What are the symptoms of ABCD syndrome ?</Question><Answer>Signs  and symptoms.
      
Living with it
   Most people do well.</Answer></QAPair>
<QAPair pid="3"><Question qid="0000004-3" qtype="treatment">How to treat ABCD syndrome ?</Question><Answer></Answer></QAPair>
</QAPairs>
</Document>"#;

    #[test]
    fn reads_a_document_with_positions_not_pids() {
        let d = parse_medquad(Path::new("2_GARD_QA/0000004.xml"), DOC).unwrap();
        assert_eq!((d.source.as_str(), d.doc_id.as_str(), d.focus.as_str()), ("GARD", "0000004", "ABCD syndrome"));
        assert_eq!(d.synonyms, ["Albinism & deafness"]);
        assert_eq!(d.pairs.len(), 2);
        assert_eq!((d.pairs[1].position, d.pairs[1].pid.as_str()), (2, "3"));
        assert_eq!(d.pairs[0].answer.as_deref(), Some("Signs and symptoms.\nLiving with it\nMost people do well."));
        assert_eq!(d.pairs[1].answer, None, "an empty answer is a question-only record");
        assert_eq!(d.pair_id(2), "GARD_0000004_Sec2");
    }

    #[test]
    fn an_answer_that_only_points_elsewhere_is_not_content() {
        let blurb =
            "NIAMS at NIH has more information about gout. Check out the information  here. Also, see \"Key Words\".";
        assert!(only_points_elsewhere(blurb, "What is Gout?"));
        assert!(!only_points_elsewhere(blurb, "Where can I find more information about gout?"), "asked where to look");
        let mixed = "Gout is a kind of arthritis. More information is available at www.niams.nih.gov.";
        assert!(!only_points_elsewhere(mixed, "What is Gout?"), "a sentence of content");
        assert!(only_points_elsewhere(
            "More detailed information is available at www.nhlbi.nih.gov/health/dci",
            "What is heart failure?"
        ));
    }

    #[test]
    fn reports_malformed_xml_with_its_line() {
        let broken = DOC.replace("</Focus>", "</Focs>");
        let e = parse_medquad(Path::new("x.xml"), &broken).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().starts_with("x.xml:3"), "{e}");
    }
}
