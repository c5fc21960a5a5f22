//! The urgent-care messages: lay words for patients and students, clinical wording for clinicians. Every
//! message says what to do now.

use vesalius_core::Audience;

use super::RedFlag;

/// The urgent-care message for `flag`, worded for `audience`, naming the configured emergency number (else
/// 112, 911 or 999) and, for suicide and self-harm, the configured crisis line (else 988 and 116 123).
pub(crate) fn message(
    flag: RedFlag,
    audience: Audience,
    emergency_number: Option<&str>,
    crisis_line: Option<&str>,
) -> String {
    let call = match emergency_number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("call {n}"),
        None => "call your local emergency number (for example 112, 911 or 999)".to_string(),
    };
    let crisis = match crisis_line.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("call {c}"),
        None => "call or text 988 (Suicide & Crisis Lifeline, US) or call 116 123 (Samaritans, UK and Ireland), free, day or night".to_string(),
    };
    let setting = format!("({call} if the patient is not in a hospital setting)");
    if audience == Audience::Clinician {
        clinical(flag, &call, &crisis, &setting)
    } else {
        lay(flag, &call, &crisis)
    }
}

fn lay(flag: RedFlag, call: &str, crisis: &str) -> String {
    let now = format!("Get emergency help now: {call} or go to the nearest emergency department.");
    match flag {
        RedFlag::SuicideSelfHarm => format!("You deserve support right now, and you do not have to face this alone. If you might act on these thoughts, or you have already hurt yourself or taken something, {call} now or go to the nearest emergency department. To talk to someone at any time: {crisis}. If you can, tell someone you trust, stay with them, and keep away from anything you could use to harm yourself."),
        RedFlag::Stroke => format!("{now} A face drooping on one side, weakness or numbness in an arm or leg on one side, slurred or lost speech, sudden loss of vision or balance can be a stroke. Note the time the symptoms started. Treatment works best within hours, so do not wait to see if it passes, and do not drive yourself."),
        RedFlag::AcuteLimbIschaemia => format!("{now} A leg or arm that suddenly becomes cold, pale, painful or numb can mean its blood supply is blocked. The limb can be saved only if treatment starts within hours. Do not wait for a routine appointment."),
        RedFlag::CordCompression => format!("{now} Back pain with new weakness, numbness or trouble walking — especially with a history of cancer — can mean the spinal cord is being pressed on. Treatment works best when it starts within hours."),
        RedFlag::CaudaEquina => format!("{now} Numbness around the bottom, genitals or inner thighs, new trouble passing urine or controlling your bladder or bowels, or new leg symptoms on both sides can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome). This needs a same-day hospital assessment and usually an emergency MRI scan. Do not wait for a routine appointment."),
        RedFlag::GuillainBarre => format!("{now} Weakness that spreads over hours or days, especially with trouble breathing or swallowing, can be Guillain-Barré syndrome and needs hospital care today. If breathing or swallowing is getting harder, {call} straight away."),
        RedFlag::ThunderclapHeadache => format!("{now} A sudden, very severe headache that reaches its worst within a minute or so can be bleeding around the brain. It needs a hospital scan today, even if the pain starts to ease. Do not drive yourself."),
        RedFlag::ChestPain => format!("{now} Chest pain that feels heavy, tight or crushing, spreads to the arm, jaw, neck or back, or comes with sweating, sickness or breathlessness can be a heart attack. Sit down and rest while you wait, and do not drive yourself."),
        RedFlag::Meningitis => format!("{now} Fever with a stiff neck, dislike of bright light, unusual sleepiness or confusion, or a rash that does not fade when a glass is pressed on it can be meningitis or blood poisoning (sepsis). Do not wait for a rash to appear; trust your instincts, especially with a child."),
        RedFlag::CompartmentSyndrome => format!("{now} Pain that keeps getting worse and feels far worse than the injury, a limb that feels tight and swollen, or pain when the fingers or toes are moved, after an injury, fracture, plaster cast or operation, can mean pressure is building inside the muscles. If there is a cast or tight bandage, tell staff straight away. This needs treatment within hours."),
        RedFlag::Poisoning => format!("{now} If someone may have swallowed medicines, chemicals or household products, do not make them sick and do not give them anything to eat or drink. Take the packet or container with you. If they are very drowsy, unconscious, fitting or struggling to breathe, {call} straight away."),
        RedFlag::Anaphylaxis => format!("{now} Swelling of the lips, tongue or throat, trouble breathing or swallowing, wheezing, or feeling faint after a sting, food or medicine can be anaphylaxis. If an adrenaline auto-injector is available, use it now. Lie down with the legs raised (or sit up if breathing is hard), and use a second injector after 5 minutes if there is no improvement."),
    }
}

fn clinical(flag: RedFlag, call: &str, crisis: &str, setting: &str) -> String {
    match flag {
        RedFlag::SuicideSelfHarm => format!("Suicidal thoughts or self-harm disclosed: treat as urgent. If there is immediate risk, do not leave the person alone; assess and treat any self-poisoning or injury in an emergency department ({call}). Arrange a same-day psychosocial assessment by mental health services; do not use risk scales to decide who gets care (NICE NG225). Crisis support for the person: {crisis}."),
        RedFlag::Stroke => format!("Suspected acute stroke: treat as an emergency. Record the time last known well, check capillary glucose, and transfer immediately to a hyperacute stroke unit for brain imaging and assessment for thrombolysis or thrombectomy; do not use a TIA risk score to delay referral {setting}."),
        RedFlag::AcuteLimbIschaemia => format!("Suspected acute limb ischaemia: treat as an emergency. Grade the limb (Rutherford), give heparin unless contraindicated, and refer immediately to the on-call vascular team; sensory or motor loss means the limb is threatened within hours {setting}."),
        RedFlag::CordCompression => format!("Possible acute spinal cord compression: treat as an emergency. Seek urgent senior and spinal/oncology advice (MSCC coordinator) and whole-spine MRI without delay {setting}."),
        RedFlag::CaudaEquina => format!("Red flags for cauda equina syndrome: treat as an emergency. Arrange same-day emergency assessment and MRI of the lumbosacral spine and contact the on-call spinal team; do not defer to routine care {setting}."),
        RedFlag::GuillainBarre => format!("Possible Guillain-Barré syndrome: admit urgently. Monitor respiratory function (vital capacity), swallowing, heart rate and blood pressure; involve neurology and critical care early if weakness is rapidly progressive, bulbar, or vital capacity is falling {setting}."),
        RedFlag::ThunderclapHeadache => format!("Thunderclap headache: investigate for subarachnoid haemorrhage now. Arrange same-day emergency assessment and non-contrast CT head (with lumbar puncture if CT is negative and presentation is beyond 6 hours, per NICE NG228) {setting}."),
        RedFlag::ChestPain => format!("Suspected acute coronary syndrome: treat as an emergency. Obtain a 12-lead ECG and arrange immediate transfer to hospital; give aspirin 300 mg unless contraindicated, and do not rule out ACS on a single normal ECG or troponin alone {setting}."),
        RedFlag::Meningitis => format!("Suspected bacterial meningitis or meningococcal disease: treat as an emergency. Transfer immediately to hospital; give parenteral antibiotics without delay if meningococcal disease is suspected (non-blanching rash) and transfer is not immediate, and aim for antibiotics within 1 hour of arrival (NICE NG240) {setting}."),
        RedFlag::CompartmentSyndrome => format!("Suspected acute compartment syndrome: surgical emergency. Release all circumferential dressings and split casts to skin, keep the limb at heart level, and obtain immediate senior orthopaedic review; aim for surgical decompression within 1 hour of the decision to operate (BOAST) {setting}."),
        RedFlag::Poisoning => format!("Poisoning or overdose: assess ABCDE and treat as an emergency. Establish the substance, amount and time, consult TOXBASE (NPIS 0344 892 0111 in the UK for complex cases), and arrange emergency department assessment; consider intent and assess self-harm risk {setting}."),
        RedFlag::Anaphylaxis => format!("Suspected anaphylaxis: give intramuscular adrenaline now (adult 500 micrograms; repeat after 5 minutes if airway, breathing or circulation problems persist), lie the patient flat unless breathing is harder, give high-flow oxygen, and an IV fluid bolus if problems persist (Resuscitation Council UK 2021) {setting}."),
    }
}
