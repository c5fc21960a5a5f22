//! Groups of words that name the same thing. A document containing one member is indexed with all of them,
//! so a question may use any (e.g. "peroneal" finds text that says "fibular").

const GROUPS: &[&[&str]] = &[
    &["fibular", "peroneal"],
    &["jerk", "reflex"],
    &["achilles", "ankle reflex", "ankle jerk"],
    &["patellar", "knee jerk", "knee reflex"],
    &["numbness", "numb", "anaesthesia", "anesthesia", "hypoaesthesia", "hypoesthesia"],
    &["tingling", "paraesthesia", "paresthesia", "pins and needles"],
    &["sciatica", "radicular", "radiculopathy", "pinched nerve"],
    &["disc herniation", "slipped disc", "herniated disc", "prolapsed disc", "bulging disc"],
    &["foot drop", "drop foot"],
    &["dermatome", "dermatomal"],
    &["myotome", "myotomal", "key muscles", "muscle supply"],
    &["leg", "lower limb", "lower extremity"],
    &["arm", "upper limb", "upper extremity"],
    &["dorsum", "top of the foot"],
    &["plantar", "sole"],
    &["urinary retention", "can't pee", "cannot urinate"],
    &["saddle", "perineal", "perineum"],
];

/// The extra words to index with `text`: every member of each group that `text` mentions.
pub(crate) fn expansions(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for group in GROUPS {
        if group.iter().any(|w| lower.contains(w)) {
            out.extend(group.iter().copied());
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_other_names_of_a_mentioned_thing() {
        assert!(expansions("common fibular nerve").contains("peroneal"));
        assert!(expansions("the ankle jerk").contains("achilles"));
        assert_eq!(expansions("nothing here"), "");
    }
}
