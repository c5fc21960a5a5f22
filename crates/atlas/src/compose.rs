//! Composing atlas answers: sentences and sections with `[@ref-id]` markers, from the data alone.

use vesalius_core::{Block, Section};

use crate::answer::{AtlasAnswer, Focus};
use crate::atlas::Atlas;
use crate::model::{Conflict, Movement, Nerve, Reflex};

/// A citation marker for reference ids: `[@a; @b]`.
fn cite(ids: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for id in ids {
        if !unique.contains(&id.as_str()) {
            unique.push(id);
        }
    }
    if unique.is_empty() {
        return String::new();
    }
    format!(" [@{}]", unique.join("; @"))
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section { heading: heading.to_string(), blocks }
}

fn para(text: String) -> Block {
    Block::Paragraph { text }
}

fn list(items: Vec<String>) -> Block {
    Block::List { ordered: false, items }
}

/// Tracks the atlas files an answer draws on.
#[derive(Default)]
struct Sources(Vec<String>);

impl Sources {
    fn add(&mut self, slug: &str) {
        if !self.0.iter().any(|s| s == slug) {
            self.0.push(slug.to_string());
        }
    }
}

fn conflict_items(conflicts: &[Conflict]) -> Vec<String> {
    conflicts.iter().map(|c| format!("{}{}", c.claim, cite(&c.cite))).collect()
}

fn note_text(note: &Option<String>, note_cite: &[String], fallback: &[String]) -> Option<String> {
    let ids = if note_cite.is_empty() { fallback } else { note_cite };
    note.as_ref().map(|n| format!("{n}{}", cite(ids)))
}

impl Atlas {
    fn region_labels(&self, ids: &[String]) -> Vec<String> {
        ids.iter().filter_map(|id| self.region(id)).map(|r| format!("the {}", self.region_name(r))).collect()
    }

    /// "the deep fibular nerve, a branch of the common fibular nerve".
    fn nerve_phrase(&self, n: &Nerve) -> String {
        let chain = self.nerve_chain(&n.id);
        match chain.get(1) {
            Some(parent) => format!("the {}, a branch of the {}", n.label, parent.label),
            None => format!("the {}", n.label),
        }
    }

    fn nerve_roots_phrase(&self, n: &Nerve) -> String {
        let (roots, from) = self.nerve_roots(n);
        match from {
            Some(p) => format!("{}, carried from the {}", self.format_roots(roots), p.label),
            None => self.format_roots(roots),
        }
    }

    fn movement_item(&self, m: &Movement) -> String {
        let nerve = self.nerve(&m.nerve).map(|n| self.nerve_phrase(n)).unwrap_or_default();
        let key = m.isncsci.as_ref().map(|l| format!("; the ISNCSCI key muscle group for {l}")).unwrap_or_default();
        format!(
            "**{}** ({}): mainly {}, all roots {}; {nerve}{key}{}",
            cap(&m.label),
            m.muscles.first().cloned().unwrap_or_default(),
            self.format_roots(&m.main),
            self.format_roots(&m.roots),
            cite(&m.cite)
        )
    }

    pub(crate) fn compose_reflex(&self, r: &Reflex) -> AtlasAnswer {
        let mut src = Sources::default();
        src.add(&r.source);
        let others: Vec<String> = r.roots.iter().filter(|x| !r.main.contains(x)).cloned().collect();
        let with = if others.is_empty() {
            String::new()
        } else {
            format!(", with a smaller contribution from {}", self.format_roots(&others))
        };
        let nerve = self.nerve(&r.nerve);
        if let Some(n) = nerve {
            src.add(&n.source);
        }
        let through = nerve.map(|n| format!(", through {}", self.nerve_phrase(n))).unwrap_or_default();
        let main = self.format_roots(&r.main);
        let summary = format!("The {} tests mainly the {main} root{with}{through}{}.", r.label, cite(&r.cite));
        let mut items = vec![
            format!("**Main root:** {main}{}", cite(&r.cite)),
            format!("**All roots sampled:** {}{}", self.format_roots(&r.roots), cite(&r.cite)),
        ];
        if let Some(n) = nerve {
            items.push(format!(
                "**Nerve:** {} ({}){}",
                cap(&self.nerve_phrase(n)),
                self.nerve_roots_phrase(n),
                cite(&n.cite)
            ));
        }
        let mut sections = vec![section("Roots and nerve", vec![list(items)])];
        if !r.conflicts.is_empty() {
            sections.push(section("Where sources differ", vec![list(conflict_items(&r.conflicts))]));
        }
        if let Some(note) = note_text(&r.note, &r.note_cite, &r.cite) {
            sections.push(section("Clinical note", vec![para(note)]));
        }
        AtlasAnswer { title: format!("{}: {main}", cap(&r.label)), summary, sections, sources: src.0, confidence: 0.9 }
    }

    pub(crate) fn compose_movement(&self, m: &Movement, muscle: Option<&str>) -> AtlasAnswer {
        let mut src = Sources::default();
        src.add(&m.source);
        let nerve = self.nerve(&m.nerve);
        if let Some(n) = nerve {
            src.add(&n.source);
        }
        let subject = match muscle {
            Some(x) => format!("{} ({})", cap(x), m.label),
            None => format!("{} ({})", cap(&m.label), m.muscles.first().cloned().unwrap_or_default()),
        };
        let others: Vec<String> = m.roots.iter().filter(|x| !m.main.contains(x)).cloned().collect();
        let with = if others.is_empty() { String::new() } else { format!(", with {}", self.format_roots(&others)) };
        let through = nerve.map(|n| format!(" is supplied by {}", self.nerve_phrase(n))).unwrap_or_default();
        let mut summary = format!(
            "{subject}{through}, and comes mainly from the {} root{}{with}{}.",
            self.format_roots(&m.main),
            if m.main.len() > 1 { "s" } else { "" },
            cite(&m.cite)
        );
        if let Some(level) = &m.isncsci {
            summary.push_str(&format!(" It is the ISNCSCI key muscle group for {level}{}.", cite(&m.cite)));
        }
        let mut sections = vec![section("Roots and nerve", vec![list(vec![self.movement_item(m)])])];
        if let Some(n) = nerve {
            sections.push(section(
                "The nerve",
                vec![para(format!(
                    "{} comes from {}{}.",
                    cap(&self.nerve_phrase(n)),
                    self.nerve_roots_phrase(n),
                    cite(&n.cite)
                ))],
            ));
        }
        if let Some(note) = note_text(&m.note, &m.note_cite, &m.cite) {
            sections.push(section("Clinical note", vec![para(note)]));
        }
        let title = format!("{}: {}", cap(&m.label), self.format_roots(&m.main));
        AtlasAnswer { title, summary, sections, sources: src.0, confidence: 0.9 }
    }

    pub(crate) fn compose_nerve(&self, n: &Nerve) -> AtlasAnswer {
        let mut src = Sources::default();
        src.add(&n.source);
        let tree = self.nerve_subtree(&n.id);
        let mut skin: Vec<String> = Vec::new();
        for b in self.nerves.iter().filter(|b| tree.contains(&b.id)) {
            for r in self.region_labels(&b.regions) {
                if !skin.contains(&r) {
                    skin.push(r);
                }
            }
        }
        let moves: Vec<&Movement> = self.movements.iter().filter(|m| tree.contains(&m.nerve)).collect();
        let reflexes: Vec<&Reflex> = self.reflexes.iter().filter(|r| tree.contains(&r.nerve)).collect();
        let roots = self.nerve_roots_phrase(n);
        let mut summary = format!("{} comes from {roots}{}.", cap(&self.nerve_phrase(n)), cite(&n.cite));
        if !skin.is_empty() {
            summary.push_str(&format!(" It supplies the skin of {}{}.", and_list(&skin), cite(&n.cite)));
        } else {
            summary.push_str(" It has no skin territory of its own.");
        }
        if !moves.is_empty() {
            let names: Vec<String> = moves.iter().map(|m| m.label.clone()).collect();
            let ids: Vec<String> = moves.iter().flat_map(|m| m.cite.clone()).fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
            summary.push_str(&format!(" It carries {}{}.", and_list(&names), cite(&ids)));
        }
        let mut sections = Vec::new();
        let mut root_blocks = vec![para(format!("{}{}.", cap(&roots), cite(&n.cite)))];
        if !n.conflicts.is_empty() {
            root_blocks.push(list(conflict_items(&n.conflicts)));
        }
        sections.push(section("Roots", root_blocks));
        let variable = self.region_labels(&n.variable);
        if !skin.is_empty() || !variable.is_empty() {
            let mut text = format!("{}{}.", cap(&and_list(&skin)), cite(&n.cite));
            if !variable.is_empty() {
                text.push_str(&format!(" In some people also {}{}.", and_list(&variable), cite(&n.cite)));
            }
            sections.push(section("Skin", vec![para(text)]));
        }
        if !moves.is_empty() {
            moves.iter().for_each(|m| src.add(&m.source));
            sections.push(section(
                "Muscles and movements",
                vec![list(moves.iter().map(|m| self.movement_item(m)).collect())],
            ));
        }
        if !reflexes.is_empty() {
            reflexes.iter().for_each(|r| src.add(&r.source));
            let items = reflexes
                .iter()
                .map(|r| format!("**{}:** {}{}", cap(&r.label), self.format_roots(&r.main), cite(&r.cite)))
                .collect();
            sections.push(section("Reflexes", vec![list(items)]));
        }
        if let Some(note) = note_text(&n.note, &n.note_cite, &n.cite) {
            sections.push(section("Clinical note", vec![para(note)]));
        }
        let title = format!("{}: roots and territory", cap(&n.label));
        AtlasAnswer { title, summary, sections, sources: src.0, confidence: 0.9 }
    }

    pub(crate) fn compose_region(&self, ids: &[String], name: &str, nerve_first: bool) -> Option<AtlasAnswer> {
        let mut src = Sources::default();
        let mut core = Vec::new();
        let mut variable = Vec::new();
        let mut derm_cite: Vec<String> = Vec::new();
        let mut conflicts = Vec::new();
        for d in &self.dermatomes {
            let is_core = d.regions.iter().any(|r| ids.contains(r));
            let is_var = d.variable.iter().any(|r| ids.contains(r));
            if is_core || is_var {
                src.add(&d.source);
                for c in &d.cite {
                    if !derm_cite.contains(c) {
                        derm_cite.push(c.clone());
                    }
                }
            }
            if is_core {
                core.push(d.root.clone());
            } else if is_var {
                variable.push(d.root.clone());
            }
            for c in d.conflicts.iter().filter(|c| c.regions.iter().any(|r| ids.contains(r))) {
                src.add(&d.source);
                conflicts.push(format!("{}{}", c.claim, cite(&c.cite)));
            }
        }
        let nerves: Vec<&Nerve> = self.nerves.iter().filter(|n| n.regions.iter().any(|r| ids.contains(r))).collect();
        let var_nerves: Vec<&Nerve> =
            self.nerves.iter().filter(|n| n.variable.iter().any(|r| ids.contains(r)) && !nerves.contains(n)).collect();
        if nerves.is_empty() && core.is_empty() && variable.is_empty() {
            return None;
        }
        nerves.iter().chain(&var_nerves).for_each(|n| src.add(&n.source));
        let subject = format!("the {name}");
        let derm_sentence = if core.is_empty() {
            format!(
                "No dermatome has {subject} as its usual territory; {} may reach it{}.",
                and_list(&variable),
                cite(&derm_cite)
            )
        } else {
            let mut s = format!("{} is mainly {} skin{}", cap(&subject), and_list(&core), cite(&derm_cite));
            if !variable.is_empty() {
                let verb = if variable.len() > 1 { "reach" } else { "reaches" };
                s.push_str(&format!(", and {} {verb} it in some maps or people", and_list(&variable)));
            }
            s.push('.');
            s
        };
        let nerve_list: Vec<String> = nerves.iter().map(|n| self.nerve_phrase(n)).collect();
        let nerve_cite: Vec<String> = nerves.iter().flat_map(|n| n.cite.clone()).fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
        let nerve_sentence = if nerve_list.is_empty() {
            String::new()
        } else {
            format!("Its cutaneous nerve is {}{}.", and_list(&nerve_list), cite(&nerve_cite))
        };
        let summary = if nerve_first && !nerve_sentence.is_empty() {
            let first = format!("{} is supplied by {}{}.", cap(&subject), and_list(&nerve_list), cite(&nerve_cite));
            let derm = derm_sentence.replacen(&format!("{} is mainly", cap(&subject)), "Its dermatome is mainly", 1);
            format!("{first} {}", derm.replacen(" skin", "", 1))
        } else {
            format!("{derm_sentence} {nerve_sentence}").trim().to_string()
        };
        let mut derm_items: Vec<String> = core
            .iter()
            .filter_map(|r| self.dermatome(r))
            .map(|d| {
                format!(
                    "**{}:** usual territory; key sensory point: {}{}",
                    d.root,
                    d.key_point,
                    cite(&d.key_point_cite)
                )
            })
            .collect();
        derm_items.extend(variable.iter().map(|r| format!("**{r}:** in some maps or people{}", cite(&derm_cite))));
        let mut sections = Vec::new();
        if !derm_items.is_empty() {
            let mut blocks = vec![list(derm_items)];
            blocks.push(para(format!(
                "Neighbouring dermatomes overlap and vary between people, so a map is a guide rather than a border{}.",
                cite(&derm_cite)
            )));
            sections.push(section("Dermatomes", blocks));
        }
        if !conflicts.is_empty() {
            sections.push(section("Where maps differ", vec![list(conflicts)]));
        }
        let mut nerve_items: Vec<String> = nerves
            .iter()
            .map(|n| format!("**{}** ({}){}", cap(&n.label), self.nerve_roots_phrase(n), cite(&n.cite)))
            .collect();
        nerve_items
            .extend(var_nerves.iter().map(|n| format!("**{}**, in some people{}", cap(&n.label), cite(&n.cite))));
        if !nerve_items.is_empty() {
            sections.push(section("Peripheral nerves", vec![list(nerve_items)]));
        }
        let title = format!("{}: dermatome and nerve supply", cap(name));
        Some(AtlasAnswer { title, summary, sections, sources: src.0, confidence: 0.85 })
    }

    pub(crate) fn compose_root(&self, root: &str, focus: Focus) -> Option<AtlasAnswer> {
        let d = self.dermatome(root)?;
        let mut src = Sources::default();
        src.add(&d.source);
        let skin = self.region_labels(&d.regions);
        let main_moves: Vec<&Movement> = self.movements.iter().filter(|m| m.main.iter().any(|r| r == root)).collect();
        let minor_moves: Vec<&Movement> = self
            .movements
            .iter()
            .filter(|m| !m.main.iter().any(|r| r == root) && m.roots.iter().any(|r| r == root))
            .collect();
        let key_muscle = self.movements.iter().find(|m| m.isncsci.as_deref() == Some(root));
        let reflexes: Vec<&Reflex> = self.reflexes.iter().filter(|r| r.main.iter().any(|x| x == root)).collect();
        main_moves.iter().chain(&minor_moves).for_each(|m| src.add(&m.source));
        reflexes.iter().for_each(|r| src.add(&r.source));
        let skin_sentence = format!("The {root} root supplies the skin of {}{}.", and_list(&skin), cite(&d.cite));
        let key_sentence = format!("Its ISNCSCI key sensory point is the {}{}.", d.key_point, cite(&d.key_point_cite));
        let muscle_sentence = match key_muscle {
            Some(m) => {
                format!("Its ISNCSCI key muscle group is {} ({}){}.", m.label, m.muscles.join(", "), cite(&m.cite))
            }
            None if !main_moves.is_empty() => {
                let names: Vec<String> = main_moves.iter().map(|m| m.label.clone()).collect();
                let ids: Vec<String> = main_moves.iter().flat_map(|m| m.cite.clone()).take(3).collect();
                format!("It is the main root of {}{}.", and_list(&names), cite(&ids))
            }
            None => String::new(),
        };
        let reflex_sentence = if reflexes.is_empty() {
            format!("No standard tendon reflex has {root} as its main root.")
        } else {
            let names: Vec<String> = reflexes.iter().map(|r| r.label.clone()).collect();
            let ids: Vec<String> = reflexes.iter().flat_map(|r| r.cite.clone()).take(3).collect();
            format!("Reflex: the {}{}.", and_list(&names), cite(&ids))
        };
        let summary = match focus {
            Focus::KeyPoint => format!("{key_sentence} {skin_sentence}")
                .replacen("Its ISNCSCI", "The ISNCSCI", 1)
                .replacen("key sensory point is", &format!("key sensory point for {root} is"), 1),
            Focus::Skin => format!("{skin_sentence} {key_sentence}"),
            Focus::Muscles => format!("{muscle_sentence} {skin_sentence}"),
            Focus::Reflex => format!("{reflex_sentence} {muscle_sentence}"),
            Focus::All => format!("{skin_sentence} {key_sentence} {muscle_sentence} {reflex_sentence}"),
        };
        let mut skin_blocks = vec![para(format!("{}{}.", cap(&and_list(&skin)), cite(&d.cite)))];
        let variable = self.region_labels(&d.variable);
        if !variable.is_empty() {
            skin_blocks.push(para(format!(
                "Some maps or people also include {}{}.",
                and_list(&variable),
                cite(&d.cite)
            )));
        }
        if !d.conflicts.is_empty() {
            skin_blocks.push(list(conflict_items(&d.conflicts)));
        }
        if let Some(note) = note_text(&d.note, &d.note_cite, &d.cite) {
            skin_blocks.push(para(note));
        }
        let mut sections = vec![
            section("Skin (dermatome)", skin_blocks),
            section(
                "ISNCSCI key sensory point",
                vec![para(format!("{}{}.", cap(&d.key_point), cite(&d.key_point_cite)))],
            ),
        ];
        if !main_moves.is_empty() || !minor_moves.is_empty() {
            let mut blocks = Vec::new();
            if !main_moves.is_empty() {
                blocks.push(list(main_moves.iter().map(|m| self.movement_item(m)).collect()));
            }
            if !minor_moves.is_empty() {
                let names: Vec<String> = minor_moves.iter().map(|m| m.label.clone()).collect();
                let ids: Vec<String> = minor_moves.iter().flat_map(|m| m.cite.clone()).take(3).collect();
                blocks.push(para(format!("{root} also contributes to {}{}.", and_list(&names), cite(&ids))));
            }
            sections.push(section("Muscles and movements", blocks));
        }
        if !reflexes.is_empty() {
            let items = reflexes
                .iter()
                .map(|r| format!("**{}:** roots {}{}", cap(&r.label), self.format_roots(&r.roots), cite(&r.cite)))
                .collect();
            sections.push(section("Reflexes", vec![list(items)]));
        }
        let title = match focus {
            Focus::KeyPoint => format!("{root}: ISNCSCI key sensory point"),
            _ => format!("{root}: skin, muscles and reflexes"),
        };
        Some(AtlasAnswer {
            title,
            summary: summary.split_whitespace().collect::<Vec<_>>().join(" "),
            sections,
            sources: src.0,
            confidence: 0.85,
        })
    }
}
