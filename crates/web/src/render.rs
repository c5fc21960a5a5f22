//! HTML rendering of answers and the shared page layout.

use axum::response::Html;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use vesalius_core::{citation_ranges, leading_citation_run, Answer, AnswerKind, Audience, Block, ReviewStage};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One superscript for a run of citations: sorted, comma-separated, three or more consecutive numbers as a
/// range ("1, 2", "3–5"), each number a link to its reference.
fn cite_sup(numbers: &[usize]) -> String {
    let link = |n: usize| format!("<a href=\"#ref-{n}\" aria-label=\"Reference {n}\">{n}</a>");
    let parts: Vec<String> = citation_ranges(numbers)
        .into_iter()
        .map(|(a, b)| if a == b { link(a) } else { format!("{}\u{2013}{}", link(a), link(b)) })
        .collect();
    format!("<sup class=\"cite\">{}</sup>", parts.join(", "))
}

/// Renders content text: escapes it, then turns a run of citation markers (`[2][1]`) into one superscript
/// ("1, 2") linking each reference, and `**bold**` into `<strong>`. Only markup produced here is unescaped.
pub(crate) fn inline(text: &str) -> Markup {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut rest = escaped.as_str();
    let mut bold = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("**") {
            out.push_str(if bold { "</strong>" } else { "<strong>" });
            bold = !bold;
            rest = after;
            continue;
        }
        if let Some((numbers, len)) = leading_citation_run(rest) {
            out.push_str(&cite_sup(&numbers));
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if bold {
        out.push_str("</strong>");
    }
    PreEscaped(out)
}

/// The page frame: head, header with navigation, main content, footer.
pub(crate) fn layout(title: &str, main: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Vesalius" }
                    link rel="stylesheet" href="/static/style.css";
                }
                body {
                    header.site {
                        a.brand href="/" { "Vesalius" }
                        nav {
                            a href="/" { "Ask" }
                            a href="/editorial-policy" { "Editorial policy" }
                            a href="/advisory-board" { "Advisory board" }
                            a href="/atlas" { "Body map" }
                            a href="/localize" { "Localiser" }
                            a href="/isncsci" { "ISNCSCI" }
                            a href="/references" { "References" }
                            a href="/review" { "Review" }
                        }
                    }
                    main { (main) }
                    footer.site {
                        p { "Vesalius answers from cited, stored knowledge; no AI model writes these answers. "
                            "Content marked pending review has not yet been checked by a person." }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// Where the page lives, for the links the answer view builds (audience chooser).
pub(crate) struct View<'a> {
    /// Path of this page, e.g. `/articles/x` or `/ask`.
    pub path: &'a str,
    /// The question, for `/ask` (kept in the chooser's links).
    pub query: Option<&'a str>,
}

fn audience_href(view: &View<'_>, audience: Audience) -> String {
    match view.query {
        Some(q) => format!("{}?q={}&audience={}", view.path, url_encode(q), audience.as_str()),
        None => format!("{}?audience={}", view.path, audience.as_str()),
    }
}

/// Percent-encodes a query-string value.
/// Alternatives worth offering a reader: the ranked list (kept whole in the JSON) without repeats of the same
/// question or of another part of the same MedQuAD document, at most eight.
fn offered(alts: &[vesalius_core::Alternative]) -> Vec<&vesalius_core::Alternative> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for alt in alts {
        let question: String = alt
            .question
            .as_deref()
            .unwrap_or(&alt.title)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let document = alt.id.rsplit_once("_Sec").map_or(alt.id.as_str(), |(d, _)| d).to_string();
        if seen.contains(&question) || (alt.kind == AnswerKind::Qa && seen.contains(&document)) {
            continue;
        }
        seen.push(question);
        seen.push(document);
        out.push(alt);
        if out.len() == 8 {
            break;
        }
    }
    out
}

pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn status_indicator(status: Option<ReviewStage>) -> Markup {
    let current = status.map(|s| ReviewStage::ALL.iter().position(|x| *x == s).unwrap_or(0));
    html! {
        section.review-status aria-label="Article review status" {
            h2 { "Article Review Status" }
            ol.stages {
                @for (i, stage) in ReviewStage::ALL.iter().enumerate() {
                    @let done = current.is_some_and(|c| i < c);
                    @let now = current == Some(i);
                    li.stage.done[done].current[now] data-stage=(stage.as_str()) aria-current=[now.then_some("step")] {
                        span.dot aria-hidden="true" {}
                        span.label { (stage.as_str()) }
                    }
                }
            }
        }
    }
}

fn block(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Paragraph { text } => p { (inline(text)) },
            Block::Heading { text } => h3 { (inline(text)) },
            Block::List { ordered: true, items } => ol { @for i in items { li { (inline(i)) } } },
            Block::List { ordered: false, items } => ul { @for i in items { li { (inline(i)) } } },
        }
    }
}

fn disclaimer(audience: Audience) -> Markup {
    html! {
        aside.disclaimer {
            @if audience.is_professional() {
                h2 { "Professional medical disclaimer" }
                p { "This information supports, and does not replace, clinical judgement. Check it against the primary sources cited and current local guidelines before applying it to a patient. Content marked pending review has not been checked by our advisory board." }
            } @else {
                h2 { "Medical disclaimer" }
                p { "This page explains a health topic in general terms. It is not a diagnosis and not a substitute for advice from a doctor, nurse or other health professional who knows you. If you are worried about symptoms, contact a health professional; in an emergency, call your local emergency number." }
            }
        }
    }
}

/// The full view of an answer: the seed page's layout.
pub(crate) fn answer_view(heading: &str, a: &Answer, view: &View<'_>) -> Markup {
    let approved = a.status == Some(ReviewStage::Approved);
    html! {
        article.answer data-kind=(kind_name(a.kind)) {
            h1.question { (heading) }
            @if let Some(msg) = &a.safety.message {
                div.urgent role="alert" {
                    strong { "Urgent: " } (msg)
                    @if !a.safety.basis.is_empty() {
                        p.basis { "Basis: " @for (i, r) in a.safety.basis.iter().enumerate() {
                            @if i > 0 { "; " } (r.title) " (" (r.authors) ", " (r.year) ")"
                        } }
                    }
                }
            }
            @if let Some(notice) = &a.notice {
                p.notice role="note" { (notice) }
            }
            @if a.update_in_review {
                p.update-note role="note" { "An updated version of this article is being reviewed; you are reading the last approved version." }
            }
            @if approved {
                p.board-line { "Reviewed by our Medical Advisory Board"
                    @if let Some(who) = &a.approved_by { " · approved by " strong { (who) } }
                    @if let Some(at) = &a.approved_at { " on " time datetime=(at) { (at.get(..10).unwrap_or(at)) } } }
            } @else if a.kind != AnswerKind::None {
                p.pending-banner role="note" { "Educational purpose only • Exercise caution as content is pending human review" }
            }
            @if a.kind != AnswerKind::None {
                (status_indicator(a.status))
                p.meta {
                    @if let Some(d) = &a.last_updated { "Last updated: " time datetime=(d) { (d) } " · " }
                    a href="/editorial-policy" { "View editorial policy" }
                    @if let (AnswerKind::Article, Some(id)) = (a.kind, &a.id) {
                        " · " a.report href={"/articles/" (id) "/report"} { "Report a problem" }
                    }
                }
            }
            section.personalize aria-label="Personalize" {
                h2 { "Which best describes you?" }
                p.hint { "Your choice changes the wording to what is most understandable for you." }
                ul.audiences {
                    @for aud in Audience::ALL {
                        li { a.audience.selected[aud == a.audience] href=(audience_href(view, aud)) aria-pressed=(if aud == a.audience { "true" } else { "false" }) { (aud.label()) } }
                    }
                }
                @if let Some(grade) = a.reading_grade {
                    p.reading-grade title="Flesch–Kincaid grade of the text shown for this reader" { "Reading level: grade " (format!("{grade:.1}")) }
                }
            }
            section.summary {
                h2 { (a.title) }
                @if a.safety.message.as_ref() != Some(&a.summary) {
                    p { (inline(&a.summary)) }
                }
            }
            (crate::tools::article_map(a))
            @for (i, s) in a.sections.iter().enumerate() {
                @if a.folded.contains(&i) {
                    details.folded-section {
                        summary {
                            @if a.audience.is_professional() { "Written for patients and caregivers: " } @else { "More detail for health professionals: " }
                            (inline(&s.heading))
                        }
                        section.body-section {
                            h2 { (inline(&s.heading)) }
                            @for b in &s.blocks { (block(b)) }
                        }
                    }
                } @else {
                    section.body-section {
                        h2 { (inline(&s.heading)) }
                        @for b in &s.blocks { (block(b)) }
                    }
                }
            }
            @if !a.alternatives.is_empty() {
                section.alternatives {
                    h2 { @if a.kind == AnswerKind::None { "Closest topics we cover" } @else { "Related questions" } }
                    ul { @for alt in offered(&a.alternatives) {
                        @if alt.kind == AnswerKind::Article {
                            li { a href={"/articles/" (alt.id)} { (alt.question.as_deref().unwrap_or(&alt.title)) } }
                        } @else {
                            // A Q&A pair has no page of its own: the link asks its question.
                            @let q = alt.question.as_deref().unwrap_or(&alt.title);
                            li { a href={"/ask?q=" (url_encode(q)) "&audience=" (a.audience.as_str())} { (q) } }
                        }
                    } }
                }
            }
            @if !a.references.is_empty() {
                section.references {
                    h2 { "References" }
                    ol.reference-list {
                        @for r in &a.references {
                            li id={"ref-" (r.n)} data-type=(r.reference.ref_type.as_str()) {
                                span.ref-type { (r.reference.ref_type.label()) }
                                span.ref-title {
                                    @if let Some(link) = r.reference.link() { a href=(link) rel="noopener" { (r.reference.title) } }
                                    @else { (r.reference.title) }
                                }
                                span.ref-meta { (r.reference.authors) ". " em { (r.reference.journal) } ", " (r.reference.year) "."
                                    @if let Some(p) = &r.reference.pmid { " PMID " (p) "." }
                                    @if let Some(d) = &r.reference.doi { " DOI " (d) "." }
                                }
                            }
                        }
                    }
                }
            }
            (disclaimer(a.audience))
            section.follow-up {
                h2 { "Have a follow-up question?" }
                form.ask-form action="/ask" method="get" {
                    input type="hidden" name="audience" value=(a.audience.as_str());
                    @if let Some(t) = &a.thread_id { input type="hidden" name="thread" value=(t); }
                    label for="follow-up-q" { "Ask a follow-up question" }
                    input #follow-up-q type="search" name="q" required maxlength="4000" placeholder="e.g. Which reflex tests S1?";
                    button type="submit" { "Ask" }
                }
                @if let Some(t) = &a.thread_id {
                    p.thread-link { a href={"/threads/" (t)} { "Link to this conversation" } }
                }
                @if !a.follow_ups.is_empty() {
                    ul.suggestions { @for f in &a.follow_ups {
                        li { a href={"/ask?q=" (url_encode(f)) "&audience=" (a.audience.as_str()) @if let Some(t) = &a.thread_id { "&thread=" (t) }} { (f) } }
                    } }
                }
            }
        }
    }
}

fn kind_name(k: AnswerKind) -> &'static str {
    match k {
        AnswerKind::Article => "article",
        AnswerKind::Qa => "qa",
        AnswerKind::Atlas => "atlas",
        AnswerKind::None => "none",
        AnswerKind::Urgent => "urgent",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_everything_but_its_own_markup() {
        let html = inline("<script>alert('x')</script> **L5** [2] [x] & [1234]").into_string();
        assert!(html.starts_with("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <strong>L5</strong> <sup"), "{html}");
        assert!(html.contains("href=\"#ref-2\""));
        assert!(html.contains("[x] &amp; [1234]"));
    }

    #[test]
    fn adjacent_citations_are_one_sorted_superscript_that_never_reads_as_one_number() {
        let html = inline("L5 [2][1]. Both [3] [4] [5] [7] and [12].").into_string();
        let sup = |inner: &str| format!("<sup class=\"cite\">{inner}</sup>");
        let a = |n: usize| format!("<a href=\"#ref-{n}\" aria-label=\"Reference {n}\">{n}</a>");
        assert!(html.contains(&format!("L5 {}.", sup(&format!("{}, {}", a(1), a(2))))), "{html}");
        assert!(html.contains(&sup(&format!("{}\u{2013}{}, {}", a(3), a(5), a(7)))), "{html}");
        assert!(html.contains(&format!("and {}.", sup(&a(12)))), "{html}");
        // No two superscripts touch: "1" next to "2" would read as 12.
        assert!(!html.contains("</sup><sup"), "{html}");
        assert_eq!(html.matches("<sup").count(), 3, "{html}");
    }

    #[test]
    fn url_encoding_keeps_queries_intact() {
        assert_eq!(url_encode("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn offered_alternatives_do_not_repeat_a_question_or_a_document() {
        let alt = |id: &str, q: &str| vesalius_core::Alternative {
            title: "Shingles".into(),
            kind: AnswerKind::Qa,
            id: id.into(),
            question: Some(q.into()),
        };
        let alts = [
            alt("ADAM_0003556_Sec1", "What is Shingles?"),
            alt("ADAM_0003556_Sec2", "What causes Shingles?"),
            alt("NINDS_0000239_Sec1", "What is shingles ?"),
            alt("GARD_0005111_Sec1", "Is shingles contagious?"),
        ];
        let ids: Vec<&str> = offered(&alts).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["ADAM_0003556_Sec1", "GARD_0005111_Sec1"]);
    }
}
