//! Red-flag triage: does the question describe an emergency?
//!
//! Twelve rules, each resting on a guideline or review in `content/references.toml` (see [`RedFlag::basis`]):
//! suicide and self-harm, stroke, acute limb ischaemia, spinal cord compression, cauda equina syndrome,
//! Guillain-Barré syndrome, thunderclap headache, cardiac chest pain, meningitis, compartment syndrome,
//! poisoning and anaphylaxis. A rule fires only when the question describes someone — the asker, a relative,
//! a patient, a time cue, clinical shorthand, or a bare list of symptoms — not when it asks about a condition
//! in general ("what are the signs of a stroke?" is answered by content). Cues match whole words and phrases
//! (`cues`), so "I want to kill myself" never matches "wetting myself"; the rules and their order are in
//! `rules`, the messages in `messages`; the reasons are in `docs/decision-red-flags.md`.

mod cues;
mod messages;
mod rules;

pub(crate) use messages::message;

/// An emergency pattern found in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedFlag {
    /// Suicidal thoughts or intent, or self-harm.
    SuicideSelfHarm,
    /// Suspected stroke.
    Stroke,
    /// Suspected acute limb ischaemia.
    AcuteLimbIschaemia,
    /// Suspected acute spinal cord compression.
    CordCompression,
    /// Suspected cauda equina syndrome.
    CaudaEquina,
    /// Suspected Guillain-Barré syndrome with rapid progression.
    GuillainBarre,
    /// Thunderclap headache (possible subarachnoid haemorrhage).
    ThunderclapHeadache,
    /// Cardiac-type chest pain (possible acute coronary syndrome).
    ChestPain,
    /// Suspected bacterial meningitis or meningococcal disease.
    Meningitis,
    /// Suspected acute compartment syndrome.
    CompartmentSyndrome,
    /// Poisoning or overdose.
    Poisoning,
    /// Suspected anaphylaxis.
    Anaphylaxis,
}

const ALL: [RedFlag; 12] = [
    RedFlag::SuicideSelfHarm,
    RedFlag::Stroke,
    RedFlag::AcuteLimbIschaemia,
    RedFlag::CordCompression,
    RedFlag::CaudaEquina,
    RedFlag::GuillainBarre,
    RedFlag::ThunderclapHeadache,
    RedFlag::ChestPain,
    RedFlag::Meningitis,
    RedFlag::CompartmentSyndrome,
    RedFlag::Poisoning,
    RedFlag::Anaphylaxis,
];

impl RedFlag {
    /// Every red flag.
    pub fn all() -> &'static [RedFlag] {
        &ALL
    }

    /// The flag with this [`name`](RedFlag::name).
    pub fn from_name(name: &str) -> Option<RedFlag> {
        ALL.iter().copied().find(|f| f.name() == name)
    }

    /// A short kebab-case id, as used in JSON and test sets.
    pub fn name(self) -> &'static str {
        match self {
            RedFlag::SuicideSelfHarm => "suicide-self-harm",
            RedFlag::Stroke => "stroke",
            RedFlag::AcuteLimbIschaemia => "acute-limb-ischaemia",
            RedFlag::CordCompression => "cord-compression",
            RedFlag::CaudaEquina => "cauda-equina",
            RedFlag::GuillainBarre => "guillain-barre",
            RedFlag::ThunderclapHeadache => "thunderclap-headache",
            RedFlag::ChestPain => "chest-pain",
            RedFlag::Meningitis => "meningitis",
            RedFlag::CompartmentSyndrome => "compartment-syndrome",
            RedFlag::Poisoning => "poisoning",
            RedFlag::Anaphylaxis => "anaphylaxis",
        }
    }

    /// Ids of the references the rule rests on (in `content/references.toml`).
    pub fn basis(self) -> &'static [&'static str] {
        match self {
            RedFlag::SuicideSelfHarm => &["nice-ng225"],
            RedFlag::Stroke => &["nice-ng128", "powers-2019-aha-ais"],
            RedFlag::AcuteLimbIschaemia => &["bjorck-2020-esvs-ali"],
            RedFlag::CordCompression => &["nice-ng234"],
            RedFlag::CaudaEquina => &["girft-2023-ces-pathway", "nice-ng59"],
            RedFlag::GuillainBarre => &["leonhard-2019-gbs"],
            RedFlag::ThunderclapHeadache => &["nice-ng228"],
            RedFlag::ChestPain => &["nice-cg95"],
            RedFlag::Meningitis => &["nice-ng240"],
            RedFlag::CompartmentSyndrome => &["boast-2014-compartment"],
            RedFlag::Poisoning => &["nhs-poisoning", "npis-toxbase"],
            RedFlag::Anaphylaxis => &["rcuk-2021-anaphylaxis", "nice-cg134"],
        }
    }

    /// The heading of an urgent answer that has no content of its own below the message.
    pub fn heading(self) -> &'static str {
        match self {
            RedFlag::SuicideSelfHarm => "Support is available now",
            RedFlag::Stroke => "Possible stroke: get emergency help now",
            RedFlag::AcuteLimbIschaemia => "Possible blocked blood supply to a limb: get emergency help now",
            RedFlag::CordCompression => "Possible spinal cord compression: get emergency help now",
            RedFlag::CaudaEquina => "Possible cauda equina syndrome: get emergency help now",
            RedFlag::GuillainBarre => "Rapidly spreading weakness: get emergency help now",
            RedFlag::ThunderclapHeadache => "Sudden severe headache: get emergency help now",
            RedFlag::ChestPain => "Chest pain that may be a heart attack: get emergency help now",
            RedFlag::Meningitis => "Possible meningitis: get emergency help now",
            RedFlag::CompartmentSyndrome => "Possible compartment syndrome: get emergency help now",
            RedFlag::Poisoning => "Possible poisoning or overdose: get help now",
            RedFlag::Anaphylaxis => "Possible anaphylaxis: get emergency help now",
        }
    }

    /// A search query for the built-in article to attach below the message, when there is one. Never an
    /// article for suicide and self-harm: the crisis message stands alone.
    pub fn topic(self) -> Option<&'static str> {
        match self {
            RedFlag::CaudaEquina => Some("cauda equina syndrome red flags"),
            RedFlag::CordCompression => Some("spinal cord compression red flags emergency"),
            _ => None,
        }
    }
}

/// The first red flag the question describes, if any.
pub fn triage(question: &str) -> Option<RedFlag> {
    let t = cues::Text::new(question);
    if cues::general(&t) && !cues::personal(&t) {
        return None;
    }
    rules::detect(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vesalius_core::Audience;

    #[test]
    fn flags_described_cauda_equina_symptoms() {
        for q in [
            "I have back pain and my groin feels numb",
            "My back hurts and since yesterday I can't pee properly",
            "hi, my husband has sciatica in both legs and his back is killing him, and now he is numb when wiping",
            "Sciatica down both legs and back pain, is it serious? I am scared",
            "I’ve lost control of my bladder after my back went",
        ] {
            assert_eq!(triage(q), Some(RedFlag::CaudaEquina), "{q}");
        }
    }

    #[test]
    fn flags_suspected_cord_compression() {
        assert_eq!(
            triage("My mum has breast cancer and new back pain and her legs feel weak"),
            Some(RedFlag::CordCompression)
        );
        assert_eq!(triage("I suddenly can't walk and my back pain is getting worse"), Some(RedFlag::CordCompression));
    }

    #[test]
    fn flags_a_bare_list_of_emergency_symptoms() {
        assert_eq!(
            triage("saddle anaesthesia and urinary retention after lifting, low back pain"),
            Some(RedFlag::CaudaEquina)
        );
        assert_eq!(triage("Sudden weakness in both legs and back pain"), Some(RedFlag::CaudaEquina));
        assert_eq!(triage("Is saddle numbness a red flag?"), None, "a general question is answered by the article");
    }

    #[test]
    fn leaves_general_and_non_urgent_questions_alone() {
        for q in [
            "What are the red flags of cauda equina syndrome?",
            "What are the dermatomes of the lower limb?",
            "Which root is tested by the ankle jerk?",
            "My left foot is numb on top and I have sciatica",
            "I have burning numbness in both feet from diabetes",
        ] {
            assert_eq!(triage(q), None, "{q}");
        }
    }

    #[test]
    fn wanting_to_kill_oneself_is_a_crisis_not_cauda_equina() {
        assert_eq!(triage("I want to kill myself"), Some(RedFlag::SuicideSelfHarm));
        assert_eq!(triage("I can’t go on, I want to end my life"), Some(RedFlag::SuicideSelfHarm));
        assert_eq!(triage("this headache is killing me"), None);
        assert_eq!(triage("I'm dying to know if I can swim after surgery"), None);
    }

    #[test]
    fn odd_input_never_panics() {
        for q in ["", " ", "???", "ééé", "9999999999m", "\u{0}", "’’’", "a", "🙂 my 🙂 chest"] {
            let _ = triage(q);
        }
        let long = "pain ".repeat(10_000);
        assert_eq!(triage(&long), None);
    }

    #[test]
    fn names_round_trip_and_every_flag_cites_a_basis() {
        for f in RedFlag::all() {
            assert_eq!(RedFlag::from_name(f.name()), Some(*f));
            assert!(!f.basis().is_empty(), "{f:?}");
        }
        assert_eq!(RedFlag::SuicideSelfHarm.topic(), None);
    }

    #[test]
    fn every_message_says_what_to_do_and_names_a_number() {
        for f in RedFlag::all() {
            for a in Audience::ALL {
                let m = message(*f, a, None, None);
                assert!(m.contains("112, 911 or 999"), "{f:?} {a:?}: {m}");
                let m = message(*f, a, Some("000"), None);
                assert!(m.contains("call 000"), "{f:?} {a:?}: {m}");
            }
        }
        let crisis = message(RedFlag::SuicideSelfHarm, Audience::Patient, None, None);
        assert!(crisis.contains("988") && crisis.contains("116 123"), "{crisis}");
        let local = message(RedFlag::SuicideSelfHarm, Audience::Patient, Some("112"), Some("13 11 14"));
        assert!(local.contains("call 13 11 14") && !local.contains("988"), "{local}");
    }
}
