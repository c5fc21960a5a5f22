//! The red-flag rules, checked in order; the first that fires names the flag. Each rule is a combination of
//! cue groups (see `cues`); the reasons and sources are in `docs/decision-red-flags.md`.

use super::cues::{general, Text, ANIMAL, BREATHING, CANT_WALK, NUMB, PAIN, RECENT, SUDDEN, SWALLOWING, WEAK};
use super::RedFlag;

/// A rule: does the text fire it?
type Rule = fn(&Text) -> bool;

/// The first rule that fires, in order of precedence.
pub(super) fn detect(t: &Text) -> Option<RedFlag> {
    let rules: [(RedFlag, Rule); 14] = [
        (RedFlag::SuicideSelfHarm, suicide),
        (RedFlag::Anaphylaxis, anaphylaxis),
        (RedFlag::CompartmentSyndrome, compartment_syndrome),
        (RedFlag::AcuteLimbIschaemia, acute_limb_ischaemia),
        (RedFlag::ChestPain, chest_pain),
        (RedFlag::Stroke, stroke),
        (RedFlag::ThunderclapHeadache, thunderclap),
        (RedFlag::Meningitis, meningitis),
        (RedFlag::CaudaEquina, cauda_equina_sphincter_or_saddle),
        (RedFlag::CordCompression, cord_compression_with_cancer),
        (RedFlag::CaudaEquina, cauda_equina_bilateral),
        (RedFlag::CordCompression, cord_compression_walking_lost),
        (RedFlag::GuillainBarre, guillain_barre),
        (RedFlag::Poisoning, poisoning),
    ];
    rules.iter().find(|(_, fires)| fires(t)).map(|(flag, _)| *flag)
}

/// Suicidal thoughts or intent, self-harm, or an overdose taken to die (NICE NG225).
fn suicide(t: &Text) -> bool {
    let direct = t.has(&[
        "suicidal",
        "suicidle",
        "kill myself",
        "killing myself",
        "kill herself",
        "kill himself",
        "want to die",
        "wants to die",
        "wanna die",
        "want to be dead",
        "wish i was dead",
        "wish i were dead",
        "better off dead",
        "better off without me",
        "end my life",
        "ending my life",
        "end her life",
        "end his life",
        "end it all",
        "ending it",
        "take her own life",
        "take his own life",
        "take their own life",
        "nobody would miss me",
        "no one would miss me",
        "take my own life",
        "take my life",
        "self harm*",
        "selfharm*",
        "hurt myself",
        "hurting myself",
        "harm myself",
        "harming myself",
        "cut myself",
        "cutting myself",
        "dont want to live",
        "dont want to be alive",
        "dont want to be here anymore",
        "no reason to live",
        "not worth living",
        "point in living",
        "point of living",
        "point living",
        "no point in life",
        "taking my own life",
        "taking my life",
        "taking her own life",
        "taking his own life",
        "dont want to wake up",
        "not wake up again",
        "never wake up",
        "want to disappear forever",
        "cutting my arms",
        "cutting my wrists",
        "cutting my legs",
        "cutting my thighs",
        "cut my arms",
        "cut my wrists",
        "slit my wrists",
        "how im going to do it",
        "how i am going to do it",
        "goodbye letter*",
        "letters to my kids",
        "suicide note",
        "active si",
        "si with plan",
        "si with a plan",
        "intent to end",
        "end life",
        "wont be a burden",
        "be a burden much longer",
        "gave away his",
        "gave away her",
        "giving away my",
        "strangle myself",
        "hang myself",
        "hanging myself",
        "kms",
        "the rope",
        "rope sorted",
        "jump off a bridge",
        "jump in front of",
        "step in front of",
        "tired of living",
        "tired of being alive",
        "drive my car into",
        "driving my car into",
        "crash my car on purpose",
    ]) || t.ends_with(&["want to end it", "going to end it", "gonna end it"]);
    let suicide_thoughts = t.has(&["suicide"])
        && t.has(&[
            "thoughts of",
            "thinking about",
            "thinking of",
            "want to",
            "going to",
            "plan*",
            "attempt*",
            "considering",
            "contemplating",
            "note",
        ]);
    let intent = t.has(&["to die", "on purpose", "deliberately", "intentionally", "to end it"])
        && t.has(&["overdos*", "pills", "tablets", "took", "taken", "swallowed"]);
    // An explicit denial, or an attempt long past from which the person has recovered, is not a crisis now.
    let denied = t.has(&["not thinking of hurting", "not thinking about hurting", "no thoughts of", "not suicidal"]);
    let long_past = t.has(&["years ago"]) && t.has(&["doing great", "doing well", "fine now", "recovered"]);
    (direct || suicide_thoughts || intent) && !denied && !long_past
}

/// Swelling of the lips, tongue, face or throat, throat closing, or hives with trouble breathing, usually
/// after a trigger (RCUK 2021; NICE CG134).
fn anaphylaxis(t: &Text) -> bool {
    if t.has(&["anaphyla*", "anaphala*", "anafala*", "anaphylactic"]) && !general(t) {
        return true;
    }
    let swelling = t.has(&[
        "swell*",
        "swollen",
        "swolen",
        "huge",
        "massive",
        "blew up",
        "puffy",
        "angioedema",
        "angio oedema",
        "puffing up",
        "puffed up",
    ]) && t.has(&["lip", "lips", "tongue", "throat", "face", "mouth"]);
    let throat = t.has(&[
        "throat _ tight",
        "throat _ _ tight",
        "throat closing",
        "throat is closing",
        "throat tight*",
        "tight throat",
        "closing up",
        "stridor",
    ]);
    let hives = t.has(&["hives", "urticaria*", "welts"]);
    let rash = t.has(&["rash", "blotchy", "red all over"]);
    let fine = t.has(&["can breathe", "breathe fine", "breathing fine", "breathing is fine", "swallow fine"]);
    let airway = !fine
        && (t.has(BREATHING)
            || t.has(SWALLOWING)
            || t.has(&[
                "hypotens*",
                "collaps*",
                "faint*",
                "dizzy",
                "chest is tight",
                "tight chest",
                "voice sounds",
                "hoarse",
                "coughing",
            ]));
    let trigger = t.has(&[
        "sting",
        "stung",
        "bee",
        "wasp",
        "ate",
        "eating",
        "eaten",
        "nut",
        "nuts",
        "peanut*",
        "shellfish",
        "shrimp",
        "prawn*",
        "penicillin",
        "amoxicillin",
        "antibiotic*",
        "co amoxiclav",
        "after taking",
        "injection",
        "allerg*",
        "alerg*",
        "epipen",
        "adrenaline",
        "medication",
        "sesame",
        "cashew*",
        "almond*",
        "walnut*",
        "kiwi",
    ]);
    let epipen = t.has(&["epipen", "epi pen", "auto injector", "autoinjector"]) && (airway || swelling);
    ((swelling || throat) && (airway || trigger)) || (hives && airway) || (rash && airway && trigger) || epipen
}

/// Sudden face droop, one-sided weakness, speech or vision loss, balance loss (NICE NG128; AHA/ASA 2019).
fn stroke(t: &Text) -> bool {
    let face_droop = t.has(&["face", "facial", "mouth", "smile"])
        && t.has(&["droop*", "lopsided", "twisted", "dropped", "drooped", "fallen", "sagging", "sagged", "uneven"])
        && !t.has(&["fully better", "last year", "years ago", "weeks last year"]);
    let one_side = t.has(&[
        "one side",
        "left side",
        "right side",
        "left sided",
        "right sided",
        "down the left",
        "down the right",
        "l sided",
        "r sided",
    ]);
    let hemi = t.has(&["hemipar*", "hemipleg*"]);
    let limb_weak = t.has(WEAK) || t.has(NUMB) || t.has(&["clumsy", "heavy"]);
    let side_limb = t.has(&["left arm", "right arm", "left hand", "right hand", "left leg", "right leg"]);
    let sudden = t.has(SUDDEN) || t.has(RECENT);
    let explained = t.has(&[
        "injury",
        "injured",
        "fracture*",
        "sprain*",
        "sciatica",
        "for weeks",
        "for months",
        "for years",
        "last month",
        "last year",
        "weeks ago",
        "months ago",
        "years ago",
        "jab",
        "vaccine",
    ]);
    let unilateral = hemi || (limb_weak && (one_side || (side_limb && sudden)) && !explained);
    let chronic_speech =
        t.has(&["drunk", "drinking", "alcohol", "stammer*", "stutter*", "lisp", "always", "for years"]);
    let speech = !chronic_speech
        && t.has(&[
            "slur*",
            "dysarthri*",
            "dysphasi*",
            "aphasi*",
            "cant speak",
            "cant talk",
            "cant get _ words out",
            "cant find _ words",
            "coming out wrong",
            "words wrong",
            "talking nonsense",
            "speaking nonsense",
            "garbled",
            "jumbled words",
            "jumbled",
            "speech is strange",
            "lost _ speech",
            "loss of speech",
        ]);
    let vision = t.has(&[
        "lost vision",
        "lost _ vision",
        "loss of vision",
        "vision loss",
        "went blind",
        "gone blind",
        "cant see",
        "double vision",
        "seeing double",
        "lost sight",
        "curtain came down",
    ]);
    let balance =
        t.has(&["lost _ balance", "loss of balance", "lost balance", "ataxi*", "cant stand", "cant walk straight"]);
    let named = t.has(&["stroke", "stroek", "strok", "cva", "tia", "mini stroke"])
        && t.has(&["having", "think", "is it", "is this", "could this be", "might be", "signs"]);
    let signs = [face_droop, unilateral, speech, vision && sudden, balance].iter().filter(|s| **s).count();
    face_droop || unilateral || speech || (vision && sudden) || signs >= 2 || (named && (signs >= 1 || limb_weak))
}

/// Sudden worst-ever headache peaking within minutes (NICE NG228).
fn thunderclap(t: &Text) -> bool {
    if t.has(&["thunderclap", "thunder clap", "sah", "subarachnoid"]) && !general(t) {
        return true;
    }
    let headache = t.has(&["headache*", "head pain", "migraine*"])
        || (t.has(&["head"]) && (t.has(PAIN) || t.has(&["splitting", "exploding", "pounding", "explosion"])));
    // Onset described as maximal at once is enough on its own.
    let peak = t.has(&[
        "peak intensity within",
        "peak* within",
        "within 1 min",
        "within a minute",
        "maximal at onset",
        "instantaneous*",
        "thunderclap",
    ]);
    let onset = t.has(&[
        "sudden*",
        "explosive",
        "out of nowhere",
        "in seconds",
        "within seconds",
        "within a minute",
        "like being hit",
        "been hit",
        "hit with",
        "instantly",
        "maximal at onset",
        "peak* within",
        "all of a sudden",
        "all at once",
        "suddnly",
        "sudenly",
    ]);
    let severe = t.has(&[
        "worst",
        "severe",
        "explosive",
        "explosion",
        "agony",
        "excruciating",
        "unbearable",
        "horrendous",
        "horrific",
        "terrible",
        "so bad",
        "been shot",
        "splitting",
        "collaps*",
        "passed out",
        "loc",
    ]);
    headache && ((onset && severe) || peak)
}

/// Fever with a stiff neck, light sensitivity, confusion or drowsiness, or a rash that does not fade
/// (NICE NG240).
fn meningitis(t: &Text) -> bool {
    let non_blanching = t.has(&[
        "non blanching",
        "nonblanching",
        "doesnt fade",
        "does not fade",
        "dont fade",
        "didnt fade",
        "wont fade",
        "not fading",
        "doesnt blanch",
        "does not blanch",
        "purple spots",
        "purpur*",
        "petechia*",
    ]);
    let named = t.has(&["meningococcal", "meningitis", "menigitis", "meningitus"]);
    if non_blanching || (named && t.has(&["fever*", "febrile", "rash", "temperature"])) {
        return true;
    }
    let fever = t.has(&[
        "fever*",
        "feverish",
        "febrile",
        "high temperature",
        "temperature of 39",
        "temperature of 40",
        "pyrexi*",
        "temp",
        "temperature",
        "t 38",
        "t 39",
        "t 40",
        "t 41",
        "fever 38",
        "fever 39",
        "fever 40",
    ]) && !t.has(&["no fever", "no temperature", "without fever", "no temp", "not feverish", "afebrile"]);
    let neck = (t.has(&["neck"]) && t.has(&["stiff*", "rigid*", "cant bend", "cant move", "cant touch"]))
        || t.has(&["meningism*"]);
    let light = t.has(&[
        "photophobi*",
        "light hurts",
        "cant look at light",
        "cant look at the light",
        "hates the light",
        "light hurts _ eyes",
    ]);
    let brain = t.has(&[
        "confus*",
        "drowsy",
        "very sleepy",
        "hard to wake",
        "wont wake",
        "gcs",
        "not responding",
        "unresponsive",
        "floppy",
        "bulging fontanelle",
        "fontanelle",
        "high pitched cry",
    ]);
    fever && (neck || light || brain) || (neck && light && brain)
}

/// Cardiac-type chest pain: pressing, tight or crushing, spreading to the arm, jaw or neck, with sweating,
/// breathlessness or sickness (NICE CG95).
fn chest_pain(t: &Text) -> bool {
    let chest = t.has(&["chest"]) || (t.has(&["cp"]) && t.has(&["crushing", "radiat*", "central", "sob"]));
    if !chest {
        return t.has(&[
            "having a heart attack",
            "think _ having a heart attack",
            "stemi",
            "nstemi",
            "acs",
            "st elevation",
            "troponin",
        ]);
    }
    let quality = t.has(&[
        "crushing",
        "tight*",
        "pressure",
        "heavy",
        "heaviness",
        "squeez*",
        "elephant",
        "band",
        "vice",
        "cardiac",
        "central chest pain",
    ]);
    let spreading = t.has(&[
        "radiat*",
        "spread*",
        "going into",
        "going down",
        "down my arm",
        "to my arm",
        "jaw",
        "left arm",
        "arm",
    ]);
    let autonomic = t.has(&["sweat*", "clammy", "diaphor*", "nause*", "sick", "vomit*", "faint*", "grey", "pale"])
        || t.has(BREATHING);
    let ecg = t.has(&["st elevation", "stemi", "nstemi", "acs", "troponin"]);
    // Chest pain with sweating or a grey, clammy look is cardiac until shown otherwise.
    let sweating = t.has(&["sweat*", "clammy", "diaphor*", "grey", "gray", "ashen"]) && (t.has(PAIN) || t.has(&["cp"]));
    let reproducible = t.has(&["when i press", "press on", "tender*", "reproducible", "when i twist", "palpation"]);
    ecg || (!reproducible
        && (sweating || (quality && (spreading || autonomic)) || (spreading && autonomic && t.has(PAIN))))
}

const BACK: &[&str] =
    &["back", "backache", "backpain", "spine", "spinal", "sciatica", "disc", "lumbar", "thoracic", "neck"];
const LEGS: &[&str] = &["leg", "legs", "feet", "foot", "thigh*", "sciatica"];

/// Saddle numbness, or new bladder or bowel trouble with back or leg symptoms (GIRFT 2023 pathway).
fn cauda_equina_sphincter_or_saddle(t: &Text) -> bool {
    let saddle = t.has(&[
        "saddle",
        "groin",
        "genital*",
        "perine*",
        "perianal",
        "buttock*",
        "between my legs",
        "private parts",
        "privates",
        "anus",
        "anal",
        "back passage",
        "when wiping",
        "when i wipe",
        "wipe",
        "bottom",
        "bum",
    ]);
    let bladder_bowel =
        t.has(&[
            "cant pee",
            "cant wee",
            "cant urinate",
            "unable to urinate",
            "unable to pee",
            "cant pass urine",
            "urinary retention",
            "retention",
            "incontinen*",
            "wet myself",
            "wetting myself",
            "wet himself",
            "wet herself",
            "soiled",
            "bladder control",
            "bowel control",
            "control of my bladder",
            "control of my bowel*",
            "control my bladder",
            "control my bowel*",
            "lost control of",
            "loss of bladder",
            "loss of bowel",
            "cant feel when i need to pee",
            "dont feel the need to pee",
            "leaking urine",
            "bladder problem*",
            "bowel problem*",
            "anal tone",
            "post void residual",
            "pvr",
        ]) && !t.has(&["no bladder", "no bowel", "bladder is fine", "no incontinence", "bladder and bowel are fine"]);
    if t.has(&["ces"]) && (t.has(NUMB) || t.has(PAIN) || bladder_bowel) {
        return true;
    }
    // A numb bottom after a long ride in the saddle is pressure, unless back, leg, bladder or bowel symptoms
    // come with it.
    let riding = t.has(&["bike", "bicycle", "cycling", "cycle", "cycled", "ride", "riding", "spin class", "horse"]);
    let saddle_numb = t.has(NUMB) && saddle && (!riding || t.has(BACK) || t.has(LEGS));
    saddle_numb || (bladder_bowel && (t.has(BACK) || t.has(LEGS)))
}

/// Back pain with symptoms in both legs (GIRFT 2023 pathway).
fn cauda_equina_bilateral(t: &Text) -> bool {
    let both = t.has(&[
        "both legs",
        "both feet",
        "both sides",
        "bilateral*",
        "both of my legs",
        "both my legs",
        "both thighs",
        "both buttocks",
    ]);
    let symptoms = t.has(NUMB) || t.has(WEAK) || t.has(PAIN) || t.has(&["sciatica"]) || t.has(CANT_WALK);
    both && symptoms && t.has(BACK)
}

/// Cancer with new back pain and leg weakness, numbness or trouble walking (NICE NG234).
fn cord_compression_with_cancer(t: &Text) -> bool {
    if t.has(&["mscc", "cord compression"]) {
        return true;
    }
    let cancer = t.has(&["cancer", "tumour", "tumor", "metasta*", "myeloma", "lymphoma", "ca", "malignan*", "mets"]);
    let symptoms = t.has(NUMB) || t.has(WEAK) || t.has(PAIN) || t.has(CANT_WALK) || t.has(&["heavy"]);
    let trunk = t.has(BACK) || t.has(&["ribs", "like a band", "round my ribs", "waist down", "band like"]);
    cancer && trunk && symptoms
}

/// Walking lost suddenly with back pain (NICE NG234).
fn cord_compression_walking_lost(t: &Text) -> bool {
    t.has(CANT_WALK) && t.has(BACK) && t.has(SUDDEN)
}

/// Weakness spreading over days, with breathing or swallowing trouble, facial weakness, lost reflexes or
/// tingling at the start (Leonhard et al. 2019).
fn guillain_barre(t: &Text) -> bool {
    let weak = t.has(WEAK) || t.has(CANT_WALK);
    let spreading = t.has(&[
        "spread*",
        "ascend*",
        "climbing",
        "creeping up",
        "moving up",
        "going up",
        "getting weaker",
        "weaker and weaker",
        "progressive*",
        "progressing",
        "rapid*",
        "worsening",
        "over _ days",
        "over days",
        "now my arms",
        "arms too",
        "up my body",
        "up my legs",
        "moving up",
        "now his arms",
        "now her arms",
        "arms are weak",
        "arms are getting weak",
        "getting worse",
        "by the hour",
        "every day",
        "each day",
        "went from",
        "in _ days",
        "over _ h",
        "then my legs",
        "then legs",
        "started with",
    ]);
    let named = t.has(&["guillain*", "gbs", "gullain*", "guillian*"]);
    let severe = t.has(BREATHING)
        || t.has(SWALLOWING)
        || t.has(&[
            "areflexi*",
            "bulbar",
            "reflexes",
            "face",
            "facial",
            "tingl*",
            "after a stomach bug",
            "stomach bug",
            "diarrhoea*",
            "diarrhea*",
            "post diarrhoeal",
            "hyporeflexi*",
            "cough",
            "voice is weak",
            "choking",
        ]);
    weak && (named || (spreading && severe))
}

/// Pain out of proportion, a tense swollen limb or pain on passive stretch after an injury, fracture, cast or
/// operation (BOAST 2014).
fn compartment_syndrome(t: &Text) -> bool {
    let context = t.has(&[
        "fracture*",
        "broke",
        "broken",
        "cast",
        "plaster",
        "crush*",
        "injury",
        "injured",
        "hit",
        "kicked",
        "splint",
        "backslab",
        "orif",
        "post op",
        "tibia*",
        "compartment",
        "break",
        "crash",
        "accident",
        "trapped",
        "rubble",
        "fell",
        "falling",
        "supracondylar",
    ]);
    let signs = t.has(&[
        "out of proportion",
        "unbearable",
        "out of control",
        "getting worse",
        "much worse",
        "worse and worse",
        "keeps getting worse",
        "worse than before",
        "painkillers dont",
        "escalating analgesia",
        "tense",
        "rock hard",
        "swelling up hard",
        "too tight",
        "tight",
        "passive stretch",
        "passive _ extension",
        "passive movement",
        "escalating",
        "stretching my toes",
        "stretching _ fingers",
        "is agony",
        "screaming in pain",
        "in agony",
        "beyond anything",
        "about to burst",
        "10 10",
        "increasing pain",
        "massive",
        "cant move them",
        "bending my fingers back",
    ]);
    let limb = t.has(&[
        "leg",
        "calf",
        "shin",
        "thigh",
        "arm",
        "forearm",
        "hand",
        "fingers",
        "toes",
        "foot",
        "ankle",
        "wrist",
        "knee",
        "limb",
        "compartment",
        "tibia*",
        "cast",
        "toe",
        "backslab",
    ]);
    context && signs && limb && !t.has(&["itchy", "stiff now", "cast is off", "weeks ago"])
}

/// A cold, pale or pulseless, painful or numb limb that came on suddenly: the six Ps (ESVS 2020).
fn acute_limb_ischaemia(t: &Text) -> bool {
    if t.has(&["limb ischaemia", "limb ischemia", "ischaemic leg", "ischemic leg", "6 ps", "six ps"]) && !general(t) {
        return true;
    }
    let limb = t.has(&["leg", "legs", "legg", "foot", "feet", "toes", "calf", "arm", "hand", "fingers", "limb"]);
    let cold = t.has(&["cold", "freezing", "icy", "cool"]);
    let pulseless = t.has(&[
        "pulseless",
        "no pulse",
        "cant feel a pulse",
        "absent _ pulse*",
        "absent pulse*",
        "no _ pulse",
        "no _ _ pulse",
        "cant find a pulse",
        "cant find _ pulse",
        "no pulses",
        "pulses absent",
    ]);
    let colour = t.has(&["pale", "pallor", "white", "blue", "mottled", "grey", "purple", "blotchy"]);
    let symptom = t.has(PAIN) || t.has(NUMB) || t.has(WEAK) || t.has(&["cant move", "cant wiggle", "sore"]);
    // A limb that has "gone" or "went" cold changed recently; atrial fibrillation or a recent vascular procedure
    // is the usual source of the clot.
    let acute = t.has(SUDDEN)
        || t.has(RECENT)
        || t.has(&["gone cold", "went cold", "turned white", "turned blue", "acute deterioration"]);
    let source = t.has(&["irregular heartbeat", "af", "atrial fibrillation", "angioplasty", "stent", "bypass"]);
    let trigger_cold = t.has(&["in the cold", "when its cold", "winter", "always"]);
    limb && !trigger_cold
        && ((pulseless && (cold || colour || (acute && symptom))) || (cold && colour && symptom && (acute || source)))
}

/// Tablets, chemicals or household products swallowed, or an overdose (NHS; NPIS TOXBASE).
fn poisoning(t: &Text) -> bool {
    if t.has(ANIMAL) || t.has(&["food poisoning", "nomogram", "treatment line"]) {
        return false;
    }
    let overdose =
        t.has(&["overdos*", "od", "too many", "double dose", "ingestion", "ingested", "poisoned", "poisoning"]);
    let took: &[&str] =
        &["ate", "eaten", "eating", "swallowed", "drank", "drunk", "took", "taken", "bit into", "chewed"];
    let substance: &[&str] = &[
        "tablet*",
        "pill*",
        "medicine*",
        "medication*",
        "meds",
        "paracetamol",
        "ibuprofen",
        "aspirin",
        "bleach",
        "antifreeze",
        "washing up liquid",
        "detergent",
        "laundry",
        "liquitab*",
        "chemical*",
        "poison*",
        "weed killer",
        "weedkiller",
        "pesticide*",
        "battery",
        "batteries",
        "cleaning product*",
        "drain cleaner",
        "white spirit",
        "vape liquid",
        "e liquid",
        "mushroom*",
        "berries",
    ];
    // The substance must follow the verb closely: "took a year of treatment (medicines)" is no overdose; "ate
    // some of my blood pressure pills" is. A usual dose taken late or forgotten is not.
    let routine = t.has(&["late", "forgot", "missed", "an hour early"]) && !overdose;
    let got_into = t.near(&["got into"], substance, 6);
    let spans_time = t.has(&["a year of", "years of", "a month of", "months of", "a week of", "weeks of"]);
    !routine && (overdose || t.near(took, substance, 4) || (!spans_time && t.near(took, substance, 6)) || got_into)
}
