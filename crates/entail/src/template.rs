//! FAQ templates: the canonical way a consumer-health FAQ asks each type of question.

use crate::qtype::QType;

/// An FAQ-style question of type `qtype` about `focus` ("How is asthma treated?").
///
/// Every template is detected as exactly its own type by
/// [`question_types`](crate::question_types) (checked by a test).
pub fn faq_template(qtype: QType, focus: &str) -> String {
    let pattern = match qtype {
        QType::Information => "What is {}?",
        QType::Symptoms => "What are the symptoms of {}?",
        QType::Causes => "What causes {}?",
        QType::Treatment => "How is {} treated?",
        QType::Diagnosis => "How is {} diagnosed?",
        QType::Prevention => "How can {} be prevented?",
        QType::Prognosis => "What is the outlook for {}?",
        QType::Genetics => "Is {} inherited?",
        QType::Susceptibility => "Who gets {}?",
        QType::Dosage => "What is the dose of {}?",
        QType::SideEffects => "What are the side effects of {}?",
        QType::Interactions => "Does {} interact with other drugs?",
        QType::Complications => "What are the complications of {}?",
        QType::Frequency => "How common is {}?",
        QType::SupportGroups => "Are there support groups for {}?",
        QType::Coping => "How do I cope with {}?",
        QType::Research => "What research is being done on {}?",
        QType::Transmission => "Is {} contagious?",
        QType::Safety => "Is {} safe?",
        QType::Lifestyle => "What diet is recommended for {}?",
        QType::Specialist => "Which specialist should I see for {}?",
    };
    pattern.replace("{}", focus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qtype::question_types;

    #[test]
    fn each_template_has_exactly_its_type() {
        for t in QType::ALL {
            let q = faq_template(t, "asthma");
            assert_eq!(question_types(&q), [t], "{q}");
        }
    }
}
