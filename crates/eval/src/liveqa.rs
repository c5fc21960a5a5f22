use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

/// A problem reading an evaluation file, with where it is.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct EvalError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn line_at(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// A LiveQA question with its annotations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveQaQuestion {
    /// Its id (`TQ12`, `Q3`).
    pub id: String,
    /// The number in the id (12 for `TQ12`): qrels refer to questions by it.
    pub number: usize,
    /// The subject line as sent.
    pub subject: String,
    /// The message as sent.
    pub message: String,
    /// NIST's paraphrase, in the test files.
    pub paraphrase: Option<String>,
    /// Annotated foci.
    pub foci: Vec<String>,
    /// Annotated question types.
    pub types: Vec<String>,
}

impl LiveQaQuestion {
    /// The question as the user sent it: subject and message.
    pub fn original(&self) -> String {
        match (self.subject.trim(), self.message.trim()) {
            ("", m) => m.to_string(),
            (s, "") => s.to_string(),
            (s, m) => format!("{s}. {m}"),
        }
    }
}

/// Reads LiveQA questions: the test form (`NLM-QUESTION qid="TQ1"` with `Original-Question`,
/// `NIST-PARAPHRASE`, `ANNOTATIONS`) and the training form (`NLM-QUESTION questionid="Q1"` with
/// `SUB-QUESTIONS`). A leading byte-order mark is accepted.
///
/// # Errors
/// Malformed XML, with its line.
pub fn parse_questions(path: &Path, text: &str) -> Result<Vec<LiveQaQuestion>, EvalError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut cur: Option<LiveQaQuestion> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut buf = String::new();
    loop {
        let at = reader.buffer_position() as usize;
        let err = |m: String| EvalError { path: path.to_path_buf(), line: line_at(text, at), message: m };
        match reader.read_event().map_err(|e| err(format!("malformed XML: {e}")))? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "NLM-QUESTION" {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| matches!(a.key.as_ref(), b"qid" | b"questionid"))
                        .and_then(|a| a.unescape_value().ok())
                        .map(|v| v.trim().to_string())
                        .ok_or_else(|| err("NLM-QUESTION without qid or questionid".into()))?;
                    let number = id.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(0);
                    cur = Some(LiveQaQuestion { id, number, ..Default::default() });
                }
                stack.push(name);
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&t.unescape().map_err(|e| err(format!("bad text: {e}")))?),
            Event::CData(t) => buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let value = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(q) = cur.as_mut() {
                    match name.as_str() {
                        "SUBJECT" => q.subject = value,
                        "MESSAGE" => q.message = value,
                        "NIST-PARAPHRASE" => q.paraphrase = Some(value),
                        "FOCUS" if !value.is_empty() => q.foci.push(value),
                        "TYPE" if !value.is_empty() => q.types.push(value),
                        "NLM-QUESTION" => out.extend(cur.take()),
                        _ => {}
                    }
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Judgments: for each question number, the grade (1–4) of each judged answer id (without `.txt`).
#[derive(Debug, Clone, Default)]
pub struct Qrels {
    grades: HashMap<usize, HashMap<String, u8>>,
}

impl Qrels {
    /// The grade of `answer` for question `question`, if judged.
    pub fn grade(&self, question: usize, answer: &str) -> Option<u8> {
        self.grades.get(&question).and_then(|g| g.get(answer)).copied()
    }

    /// How many answers of `question` have at least grade `min`.
    pub fn relevant(&self, question: usize, min: u8) -> usize {
        self.grades.get(&question).map_or(0, |g| g.values().filter(|x| **x >= min).count())
    }

    /// Number of judged (question, answer) pairs.
    pub fn len(&self) -> usize {
        self.grades.values().map(HashMap::len).sum()
    }

    /// True when nothing is judged.
    pub fn is_empty(&self) -> bool {
        self.grades.is_empty()
    }
}

/// Reads a qrels file: lines `QNUM GRADE ANSWER_ID` with GRADE like `3-Incomplete`. An answer judged twice
/// keeps the lower grade.
///
/// # Errors
/// A line that does not have that form, with its line number.
pub fn parse_qrels(path: &Path, text: &str) -> Result<Qrels, EvalError> {
    let mut q = Qrels::default();
    for (i, line) in text.lines().enumerate() {
        let err = |m: &str| EvalError { path: path.to_path_buf(), line: i + 1, message: m.to_string() };
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        let [num, grade, id] = f[..] else { return Err(err("expected `QNUM GRADE ANSWER_ID`")) };
        let num: usize = num.parse().map_err(|_| err("QNUM is not a number"))?;
        let grade: u8 = grade
            .split('-')
            .next()
            .and_then(|g| g.parse().ok())
            .filter(|g| (1..=4).contains(g))
            .ok_or_else(|| err("GRADE must be 1-4, e.g. 3-Incomplete"))?;
        let id = id.strip_suffix(".txt").unwrap_or(id).to_string();
        let slot = q.grades.entry(num).or_default().entry(id).or_insert(grade);
        *slot = (*slot).min(grade);
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_test_and_training_questions() {
        let test = r#"<X><NLM-QUESTION qid="TQ12"><Original-Question><SUBJECT>Shingles</SUBJECT><MESSAGE>Can my baby catch it?</MESSAGE></Original-Question><NIST-PARAPHRASE>Is shingles contagious to babies?</NIST-PARAPHRASE><ANNOTATIONS><FOCUS fid="F1">shingles</FOCUS><TYPE tid="T1">Transmission</TYPE></ANNOTATIONS></NLM-QUESTION></X>"#;
        let q = &parse_questions(Path::new("t.xml"), test).unwrap()[0];
        assert_eq!((q.number, q.original().as_str()), (12, "Shingles. Can my baby catch it?"));
        assert_eq!((q.foci.clone(), q.types.clone()), (vec!["shingles".to_string()], vec!["Transmission".to_string()]));
        let train = "\u{feff}<NLM-QUESTIONS><NLM-QUESTION questionid=\"Q3\"><SUBJECT></SUBJECT><MESSAGE>gout diet</MESSAGE><SUB-QUESTIONS><SUB-QUESTION><ANNOTATIONS><FOCUS>gout</FOCUS><TYPE>diet</TYPE></ANNOTATIONS></SUB-QUESTION></SUB-QUESTIONS></NLM-QUESTION></NLM-QUESTIONS>";
        let q = &parse_questions(Path::new("t.xml"), train).unwrap()[0];
        assert_eq!((q.number, q.original().as_str(), q.foci[0].as_str()), (3, "gout diet", "gout"));
    }

    #[test]
    fn keeps_the_lower_grade_and_reports_bad_lines() {
        let q = parse_qrels(Path::new("q"), "1 3-Incomplete A_1_Sec1.txt\n1 2-Related A_1_Sec1.txt\n").unwrap();
        assert_eq!(q.grade(1, "A_1_Sec1"), Some(2));
        let e = parse_qrels(Path::new("q"), "1 4-Excellent A.txt\n1 x A\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
