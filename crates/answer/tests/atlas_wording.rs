//! Rule 3 (clinician wording): the same atlas look-up is worded in anatomical terms for clinicians and
//! students and in lay words for patients, and the reading grade each answer reports is measured on the
//! text that audience is shown.

use vesalius_answer::{flesch_kincaid_grade, visible_text, EngineConfig};
use vesalius_core::{AnswerKind, Audience};

mod common;
use common::builtin_engine;

const ANATOMICAL: &[&str] = &["medial", "lateral", "dorsum", "plantar"];
const LAY: &[&str] = &["inner", "outer", "top of the foot", "sole of the foot"];

fn has_any(text: &str, words: &[&str]) -> Vec<String> {
    let lower = text.to_lowercase();
    words.iter().filter(|w| lower.contains(*w)).map(|w| w.to_string()).collect()
}

#[test]
fn dermatome_look_ups_are_anatomical_for_professionals_and_lay_for_patients() {
    let (_d, e) = builtin_engine(EngineConfig::default());
    for q in ["What is the L5 dermatome?", "Which dermatome is S1?", "What is the L4 dermatome?"] {
        let pro = e.ask(q, Audience::Clinician).unwrap();
        let student = e.ask(q, Audience::Student).unwrap();
        let lay = e.ask(q, Audience::Patient).unwrap();
        for a in [&pro, &student, &lay] {
            assert_eq!(a.kind, AnswerKind::Atlas, "{q}: an atlas look-up for {}", a.audience);
        }
        let (pro_text, student_text, lay_text) = (visible_text(&pro), visible_text(&student), visible_text(&lay));
        assert!(!has_any(&pro_text, ANATOMICAL).is_empty(), "{q}: clinician wording is anatomical:\n{pro_text}");
        assert!(!has_any(&student_text, ANATOMICAL).is_empty(), "{q}: student wording is anatomical:\n{student_text}");
        assert_eq!(
            has_any(&pro_text, LAY),
            Vec::<String>::new(),
            "{q}: no lay region names for clinicians:\n{pro_text}"
        );
        assert!(!has_any(&lay_text, LAY).is_empty(), "{q}: patient wording is lay:\n{lay_text}");
        // (The glossary may still gloss a term in brackets for patients: "top of the foot (dorsum of the foot)".)
        assert_eq!(
            has_any(&lay_text, &["plantar surface", "medial leg", "lateral leg", "medial border", "lateral border"]),
            Vec::<String>::new(),
            "{q}: no anatomical region terms for patients:\n{lay_text}"
        );
        for a in [&pro, &student, &lay] {
            let shown = visible_text(a);
            let grade = (flesch_kincaid_grade(&shown) * 10.0).round() / 10.0;
            assert_eq!(a.reading_grade, Some(grade), "{q}: the {} grade is measured on the displayed text", a.audience);
        }
        assert_ne!(pro_text, lay_text, "{q}: the audiences are worded differently");
    }
}

#[test]
fn l5_names_the_dorsum_and_first_web_space_for_clinicians_and_the_top_of_the_foot_for_patients() {
    let (_d, e) = builtin_engine(EngineConfig::default());
    let pro = visible_text(&e.ask("What is the L5 dermatome?", Audience::Clinician).unwrap());
    let lay = visible_text(&e.ask("What is the L5 dermatome?", Audience::Patient).unwrap());
    assert!(pro.contains("dorsum of the foot"), "{pro}");
    assert!(pro.contains("first web space"), "{pro}");
    assert!(pro.contains("lateral leg"), "{pro}");
    assert!(lay.contains("top of the foot"), "{lay}");
    assert!(lay.contains("outer lower leg"), "{lay}");
}
