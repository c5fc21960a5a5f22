//! Red-flag triage: does the question describe an emergency?
//!
//! The rules follow the red flags of the GIRFT National Suspected Cauda Equina Syndrome Pathway (NHS
//! England, 2023; reference `girft-2023-ces-pathway`) — saddle numbness, new bladder or bowel dysfunction,
//! bilateral leg symptoms with back pain — and NICE NG234 (2023) on metastatic spinal cord compression
//! (reference `nice-ng234`): back pain with cancer and new neurological symptoms. A rule fires only when
//! the question describes someone's symptoms, not when it asks about the condition in general ("what are
//! the red flags of cauda equina syndrome?" is answered by the article, which tells readers what to do).

/// An emergency pattern found in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedFlag {
    /// Suspected cauda equina syndrome.
    CaudaEquina,
    /// Suspected acute spinal cord compression.
    CordCompression,
}

impl RedFlag {
    /// Ids of the references the rule rests on.
    pub fn basis(self) -> &'static [&'static str] {
        match self {
            RedFlag::CaudaEquina => &["girft-2023-ces-pathway", "nice-ng59"],
            RedFlag::CordCompression => &["nice-ng234"],
        }
    }
}

/// The urgent-care message for a red flag, worded for the audience, naming the emergency number when one is
/// configured.
pub(crate) fn message(flag: RedFlag, audience: vesalius_core::Audience, number: Option<&str>) -> String {
    let call = match number {
        Some(n) => format!("call {n}"),
        None => "call your local emergency number (for example 112, 911 or 999)".into(),
    };
    match (flag, audience.is_professional()) {
        (RedFlag::CaudaEquina, false) => format!("Get emergency help now: {call} or go to the nearest emergency department. Numbness around the bottom, genitals or inner thighs, new trouble passing urine or controlling your bladder or bowels, or new leg symptoms on both sides can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome). This needs a same-day hospital assessment and usually an emergency MRI scan. Do not wait for a routine appointment."),
        (RedFlag::CaudaEquina, true) => format!("Red flags for cauda equina syndrome: treat as an emergency. Arrange same-day emergency assessment and MRI of the lumbosacral spine and contact the on-call spinal team; do not defer to routine care ({call} if the patient is not in a hospital setting)."),
        (RedFlag::CordCompression, false) => format!("Get emergency help now: {call} or go to the nearest emergency department. Back pain with new weakness, numbness or trouble walking — especially with a history of cancer — can mean the spinal cord is being pressed on. Treatment works best when it starts within hours."),
        (RedFlag::CordCompression, true) => format!("Possible acute spinal cord compression: treat as an emergency. Seek urgent senior and spinal/oncology advice and whole-spine MRI without delay ({call} if the patient is not in a hospital setting)."),
    }
}

fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The first red flag the question describes, if any.
pub fn triage(question: &str) -> Option<RedFlag> {
    // Pad with spaces so " i " style cues match at the edges; fold curly apostrophes.
    let t =
        format!(" {} ", question.to_lowercase().replace(['’', '‘'], "'").replace(['?', '!', '.', ',', ';', ':'], " "));
    let personal = any(
        &t,
        &[
            " i ",
            " i'm ",
            " im ",
            " my ",
            " me ",
            " myself ",
            " patient ",
            " he ",
            " she ",
            " his ",
            " her ",
            " husband ",
            " wife ",
            " mom ",
            " mum ",
            " mother ",
            " dad ",
            " father ",
            " son ",
            " daughter ",
            " friend ",
            " partner ",
            " suddenly ",
            " sudden ",
            " since ",
            " today ",
            " yesterday ",
            " this morning ",
            " last night ",
        ],
    );
    // A question about the condition in general ("what are the red flags of…") is answered by the article;
    // a bare list of symptoms ("saddle anaesthesia and urinary retention") describes someone, like "my…".
    let trimmed = t.trim_start();
    let general = [
        "what ",
        "which ",
        "how ",
        "why ",
        "define ",
        "explain ",
        "list ",
        "describe ",
        "is ",
        "are ",
        "can ",
        "does ",
        "do ",
    ]
    .iter()
    .any(|w| trimmed.starts_with(w))
        || any(&t, &["red flag", "signs of", "symptoms of", "warning sign", "definition", "criteria"]);
    if !personal && general {
        return None;
    }
    let numb = any(
        &t,
        &[
            "numb",
            "no feeling",
            "can't feel",
            "cannot feel",
            "loss of sensation",
            "lost sensation",
            "anaesthe",
            "anesthe",
            "tingl",
            "pins and needles",
            "altered sensation",
            "reduced sensation",
        ],
    );
    let saddle = any(
        &t,
        &[
            "saddle",
            "groin",
            "genital",
            "perine",
            "buttock",
            "between my legs",
            "private parts",
            "anus",
            "anal ",
            "back passage",
            "when wiping",
            "bottom",
        ],
    );
    let bladder_bowel = any(
        &t,
        &[
            "can't pee",
            "cannot pee",
            "can't urinate",
            "cannot urinate",
            "unable to urinate",
            "unable to pee",
            "can't pass urine",
            "cannot pass urine",
            "urinary retention",
            "retention",
            "incontinen",
            "wet myself",
            "wetting myself",
            "soiled",
            "bladder control",
            "bowel control",
            "control of my bladder",
            "control of my bowel",
            "control my bladder",
            "control my bowel",
            "lost control of",
            "loss of bladder",
            "loss of bowel",
            "can't feel when i need to pee",
            "don't feel the need to pee",
            "leaking urine",
            "bladder problem",
            "bowel problem",
        ],
    );
    let back = any(&t, &["back", "spine", "spinal", "sciatica", "disc", "lumbar", "neck"]);
    let legs = any(&t, &["leg", "legs", "feet", "foot", "sciatica"]);
    let both_legs = any(
        &t,
        &["both legs", "both feet", "both sides", "bilateral", "both of my legs", "both thighs", "both buttocks"],
    );
    let weak_or_numb = numb
        || any(&t, &["weak", "pain", "sciatica", "can't walk", "cannot walk", "give way", "gave way", "giving way"]);
    let cancer = any(&t, &["cancer", "tumour", "tumor", "metasta", "myeloma", "lymphoma"]);
    let walking = any(
        &t,
        &[
            "can't walk",
            "cannot walk",
            "unable to walk",
            "legs gave way",
            "legs giving way",
            "legs give way",
            "can't stand",
            "cannot stand",
        ],
    );
    let sudden = any(&t, &["sudden", "rapid", "getting worse", "worsening", "quickly"]);

    if (numb && saddle) || (bladder_bowel && (back || legs)) || (both_legs && weak_or_numb && back) {
        return Some(RedFlag::CaudaEquina);
    }
    if (cancer && back && (weak_or_numb || walking)) || (walking && back && sudden) {
        return Some(RedFlag::CordCompression);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
