//! Reader personalisation on the built-in knowledge base: the patient rendering of every article reads at
//! grade 8 or below, the clinician rendering keeps every fact, and the audiences differ as designed.

use std::sync::Arc;

use vesalius_answer::{flesch_kincaid_grade, smog, visible_text, Engine, EngineConfig, Glossary};
use vesalius_content::Corpus;
use vesalius_core::{Answer, Article, Audience, Block, Numbering};
use vesalius_store::Store;

fn engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("v.db")).unwrap();
    store.sync_corpus(&Corpus::builtin().unwrap(), "builtin").unwrap();
    (dir, Engine::build(Arc::new(store), EngineConfig::default()).unwrap())
}

fn articles() -> Vec<Article> {
    Corpus::builtin().unwrap().articles
}

fn render(e: &Engine, slug: &str, audience: Audience) -> Answer {
    e.article(slug, audience).unwrap().unwrap_or_else(|| panic!("no article {slug}"))
}

#[test]
fn every_builtin_article_reads_at_grade_8_or_below_for_patients() {
    let (_d, e) = engine();
    let mut report = Vec::new();
    for a in articles() {
        let p = render(&e, a.slug.as_str(), Audience::Patient);
        let text = visible_text(&p);
        let (fk, smog) = (flesch_kincaid_grade(&text), smog(&text));
        report.push((a.slug.to_string(), fk, smog, p.reading_grade));
        assert_eq!(p.reading_grade, Some((fk * 10.0).round() / 10.0), "{}: reading_grade is the FK grade", a.slug);
    }
    for (slug, fk, smog, _) in &report {
        println!("patient rendering of {slug}: Flesch–Kincaid grade {fk:.2}, SMOG {smog:.2}");
    }
    let over: Vec<_> = report.iter().filter(|r| r.1 > 8.0).map(|r| format!("{} ({:.2})", r.0, r.1)).collect();
    assert!(over.is_empty(), "patient renderings above grade 8: {}", over.join(", "));
    assert_eq!(report.len(), 18);
}

#[test]
fn the_clinician_rendering_keeps_every_section_and_paragraph() {
    let (_d, e) = engine();
    for a in articles() {
        let c = render(&e, a.slug.as_str(), Audience::Clinician);
        // Nothing folded but the sections written for patients, and those are still there.
        assert_eq!(c.folded, a.patient_only, "{}", a.slug);
        assert_eq!(c.sections.len(), a.sections.len(), "{}", a.slug);
        assert!(a.patient_only.iter().all(|i| !a.clinician_only.contains(i)));
        // Every heading, paragraph and list item exactly as written, with only the markers numbered.
        let mut numbering = Numbering::new();
        assert_eq!(c.summary, numbering.rewrite(&a.summary.professional), "{}", a.slug);
        for (got, want) in c.sections.iter().zip(&a.sections) {
            assert_eq!(got.heading, numbering.rewrite(&want.heading), "{}", a.slug);
            assert_eq!(got.blocks.len(), want.blocks.len(), "{}: {}", a.slug, want.heading);
            for (g, w) in got.blocks.iter().zip(&want.blocks) {
                let want_texts: Vec<String> = w.texts().into_iter().map(|t| numbering.rewrite(t)).collect();
                assert_eq!(g.texts(), want_texts, "{}: {}", a.slug, want.heading);
            }
        }
    }
}

fn heading_index(a: &Answer, heading: &str) -> usize {
    a.sections.iter().position(|s| s.heading == heading).unwrap_or_else(|| panic!("no section {heading:?}"))
}

/// The text of section `i`, without citation numbers (they differ with the summary each audience reads).
fn section_text(a: &Answer, i: usize) -> String {
    let text = a.sections[i].blocks.iter().flat_map(Block::texts).collect::<Vec<_>>().join("\n");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find(']').map_or(rest.len(), |c| open + c + 1);
        if !rest[open + 1..close - 1].bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&rest[open..close]);
        }
        rest = &rest[close..];
    }
    out + rest
}

#[test]
fn patients_and_clinicians_read_the_same_article_differently() {
    let (_d, e) = engine();
    let slug = "dermatomes-lower-limb";
    let patient = render(&e, slug, Audience::Patient);
    let clinician = render(&e, slug, Audience::Clinician);
    let plain = heading_index(&patient, "In plain words");
    let classic = heading_index(&patient, "Classic maps and the evidence-based map");
    let by_root = heading_index(&patient, "The lower-limb dermatomes, root by root");

    // Patients: the clinician-only section is folded (and still there, word for word); their own is not.
    assert!(patient.folded.contains(&classic) && !patient.folded.contains(&plain));
    assert_eq!(section_text(&patient, classic), section_text(&clinician, classic));
    // Clinicians: only the patient section is folded, and it is still there.
    assert_eq!(clinician.folded, [plain]);
    assert!(section_text(&clinician, plain).contains("strip of skin"));

    // Glossary: plain words with the term in brackets on first use, then plain words only.
    let lay = visible_text(&patient);
    for first in [
        "the top of the foot (dorsum of the foot)",
        "the bony bump on the inner ankle (medial malleolus)",
        "the hollow at the back of the knee (popliteal fossa)",
    ] {
        assert_eq!(lay.matches(first).count(), 1, "{first} once in:\n{lay}");
    }
    assert_eq!(lay.matches("popliteal fossa").count(), 1, "the term only in its first bracket");
    assert!(lay.contains("the hollow at the back of the knee place it in S2"), "later uses are plain");
    let pro = section_text(&clinician, by_root);
    assert!(pro.contains("the dorsum of the foot, and") && !pro.contains("top of the foot"), "{pro}");
    assert!(!visible_text(&clinician).contains("(dorsum of the foot)"));

    // Measured: the patient rendering reads at a lower grade than the clinician one.
    let (p, c) = (patient.reading_grade.unwrap(), clinician.reading_grade.unwrap());
    assert!(p <= 8.0 && c > p + 3.0, "patient {p}, clinician {c}");
    assert_ne!(patient.summary, clinician.summary);
}

#[test]
fn students_get_the_professional_text_with_short_definitions_on_first_use() {
    let (_d, e) = engine();
    let student = render(&e, "dermatomes-lower-limb", Audience::Student);
    let clinician = render(&e, "dermatomes-lower-limb", Audience::Clinician);
    assert_eq!(student.folded, clinician.folded, "students see the professional sections");
    let text = visible_text(&student);
    let definition =
        "medial malleolus (the lower end of the tibia, forming the bony prominence on the inner side of the ankle)";
    assert!(student.summary.contains(definition), "{}", student.summary);
    assert_eq!(text.matches("(the lower end of the tibia").count(), 1, "defined once");
    assert!(!text.contains("bony bump on the inner ankle"), "no lay substitution for students");
    // Take the definitions out and what is left is the clinician text, word for word.
    let mut without = text.clone();
    for entry in Glossary::builtin().entries() {
        without = without.replace(&format!(" ({})", entry.definition), "");
    }
    assert_eq!(without, visible_text(&clinician));
    assert_ne!(text, without);
}

#[test]
fn engine_answers_carry_the_reading_grade_of_their_rendering() {
    let (_d, e) = engine();
    for audience in Audience::ALL {
        let a = e.ask("How do you tell L4, L5 and S1 radiculopathy apart?", audience).unwrap();
        let grade = a.reading_grade.expect("a reading grade");
        assert!((grade - flesch_kincaid_grade(&visible_text(&a))).abs() < 0.051, "{audience}: {grade}");
    }
    let none = e.ask("How do I bake sourdough bread?", Audience::Patient).unwrap();
    assert!(none.reading_grade.is_some());
}
