//! The built-in atlas loads, and each kind of consistency error names its file, line and field.

use std::path::PathBuf;

use vesalius_atlas::Atlas;
use vesalius_content::{ContentError, Corpus};
use vesalius_core::{RefType, Reference};

fn reference(id: &str) -> Reference {
    Reference {
        id: id.into(),
        ref_type: RefType::Review,
        title: "T".into(),
        authors: "A".into(),
        journal: "J".into(),
        year: 2020,
        pmid: Some("1".into()),
        doi: None,
        url: None,
    }
}

const REGIONS: &str = r#"slug = "atlas-regions"
title = "Regions"
updated = "2026-12-01"

[[region]]
id = "dorsum-foot"
label = "top of the foot"
sided = true
view = "front"
limb = "lower"
"#;

const DERMATOMES: &str = r#"slug = "atlas-dermatomes"
title = "Dermatomes"
updated = "2026-12-01"

[[dermatome]]
root = "L5"
regions = ["dorsum-foot"]
key_point = "third metatarsophalangeal joint"
cite = ["ref-a"]
key_point_cite = ["ref-a"]
"#;

const NERVES: &str = r#"slug = "atlas-nerves"
title = "Nerves"
updated = "2026-12-01"

[[nerve]]
id = "deep-fibular"
label = "deep fibular nerve"
limb = "lower"
plexus = "lumbosacral"
roots = ["L5"]
regions = ["dorsum-foot"]
cite = ["ref-a"]

[[movement]]
id = "big-toe-extension"
label = "big toe extension"
roots = ["L5"]
main = ["L5"]
nerve = "deep-fibular"
cite = ["ref-a"]
"#;

fn load(extra: &str) -> Result<Atlas, Vec<ContentError>> {
    let files = vec![
        (PathBuf::from("atlas/regions.toml"), REGIONS.to_string()),
        (PathBuf::from("atlas/dermatomes.toml"), DERMATOMES.to_string()),
        (PathBuf::from("atlas/nerves.toml"), NERVES.to_string()),
        (PathBuf::from("atlas/extra.toml"), extra.to_string()),
    ];
    Atlas::from_files(files, &[reference("ref-a")]).map_err(|e| e.0)
}

const HEADER: &str = "slug = \"atlas-extra\"\ntitle = \"Extra\"\nupdated = \"2026-12-01\"\n";

fn one_error(extra: &str) -> ContentError {
    let errors = load(extra).expect_err("should fail");
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().expect("one error")
}

#[test]
fn builtin_atlas_loads_and_covers_every_dermatome() {
    let corpus = Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    let atlas = Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"));
    let roots: Vec<&str> = atlas.roots.iter().map(String::as_str).collect();
    assert_eq!(roots.first(), Some(&"C2"));
    assert_eq!(roots.last(), Some(&"S4-5"));
    assert_eq!(roots.len(), 28, "{roots:?}");
    assert!(atlas.files.iter().all(|f| f.slug.starts_with("atlas-")));
    for id in [
        "lateral-femoral-cutaneous",
        "femoral",
        "saphenous",
        "obturator",
        "posterior-femoral-cutaneous",
        "sciatic",
        "common-fibular",
        "superficial-fibular",
        "deep-fibular",
        "tibial",
        "sural",
        "medial-plantar",
        "lateral-plantar",
        "superior-gluteal",
        "median",
        "ulnar",
        "radial",
        "musculocutaneous",
        "axillary",
        "medial-antebrachial-cutaneous",
    ] {
        assert!(atlas.nerve(id).is_some(), "missing nerve {id}");
    }
    for level in ["C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"] {
        assert!(atlas.movements.iter().any(|m| m.isncsci.as_deref() == Some(level)), "no key muscle for {level}");
    }
    assert_eq!(atlas.resolve_region("Dorsum of the foot"), Some(vec!["dorsum-foot".to_string()]));
}

#[test]
fn small_atlas_loads() {
    let atlas = load(HEADER).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(atlas.roots, ["L5"]);
}

#[test]
fn unknown_region_names_file_line_and_field() {
    let e = one_error(&format!("{HEADER}\n[[nerve]]\nid = \"x\"\nlabel = \"x\"\nlimb = \"lower\"\nplexus = \"p\"\nroots = [\"L5\"]\nregions = [\n  \"dorsum-foot\",\n  \"moon\",\n]\ncite = [\"ref-a\"]\n"));
    assert_eq!(e.path, PathBuf::from("atlas/extra.toml"));
    assert_eq!((e.line, e.field.as_deref()), (Some(13), Some("regions")));
    assert!(e.message.contains("unknown region `moon`"), "{}", e.message);
}

#[test]
fn unknown_root_is_an_error() {
    let e = one_error(&format!("{HEADER}\n[[movement]]\nid = \"m\"\nlabel = \"m\"\nroots = [\"L5\", \"L9\"]\nmain = [\"L5\"]\nnerve = \"deep-fibular\"\ncite = [\"ref-a\"]\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(8), Some("roots")));
    assert!(e.message.contains("unknown root `L9`"), "{}", e.message);
}

#[test]
fn unknown_movement_is_an_error() {
    let e = one_error(&format!("{HEADER}\n[[pattern]]\nid = \"p\"\nkind = \"polyneuropathy\"\nlabel = \"p\"\nmovements = [\"flying\"]\ncite = [\"ref-a\"]\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(9), Some("movements")));
    assert!(e.message.contains("unknown movement `flying`"), "{}", e.message);
}

#[test]
fn unknown_nerve_is_an_error() {
    let e = one_error(&format!("{HEADER}\n[[movement]]\nid = \"m\"\nlabel = \"m\"\nroots = [\"L5\"]\nmain = [\"L5\"]\nnerve = \"vagus\"\ncite = [\"ref-a\"]\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(10), Some("nerve")));
    assert!(e.message.contains("unknown nerve `vagus`"), "{}", e.message);
}

#[test]
fn unknown_reference_is_an_error() {
    let e = one_error(&format!("{HEADER}\n[[reflex]]\nid = \"r\"\nlabel = \"r\"\nroots = [\"L5\"]\nmain = [\"L5\"]\nnerve = \"deep-fibular\"\ncite = [\"ref-a\", \"made-up-2020\"]\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(11), Some("cite")));
    assert!(e.message.contains("unknown reference `made-up-2020`"), "{}", e.message);
}

#[test]
fn a_fact_without_a_citation_is_an_error() {
    let e = one_error(&format!("{HEADER}\n[[reflex]]\nid = \"r\"\nlabel = \"r\"\nroots = [\"L5\"]\nmain = [\"L5\"]\nnerve = \"deep-fibular\"\n"));
    assert_eq!(e.field.as_deref(), Some("cite"));
    assert!(e.message.contains("citation"), "{}", e.message);
}

#[test]
fn duplicate_ids_bad_dates_and_toml_errors_are_reported() {
    let e = one_error(&format!("{HEADER}\n[[region]]\nid = \"dorsum-foot\"\nlabel = \"again\"\nsided = true\nview = \"front\"\nlimb = \"lower\"\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(6), Some("id")));
    assert!(e.message.contains("duplicate id"), "{}", e.message);
    let e = one_error("slug = \"atlas-extra\"\ntitle = \"Extra\"\nupdated = \"2026-13-01\"\n");
    assert_eq!((e.line, e.field.as_deref()), (Some(3), Some("updated")));
    let e = one_error(&format!("{HEADER}\n[[region]]\nid = \"x\"\nlabel = \"x\"\nsided = true\nview = \"front\"\nlimb = \"lower\"\ncolour = \"red\"\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(11), Some("colour")));
}

#[test]
fn a_prior_names_known_candidates_with_a_positive_weight() {
    let e =
        one_error(&format!("{HEADER}\n[[prior]]\nids = [\"L5\", \"moon-nerve\"]\nweight = 3\ncite = [\"ref-a\"]\n"));
    assert_eq!((e.line, e.field.as_deref()), (Some(6), Some("ids")));
    assert!(e.message.contains("unknown root, nerve, lesion site or pattern `moon-nerve`"), "{}", e.message);
    let e = one_error(&format!("{HEADER}\n[[prior]]\nids = [\"deep-fibular\"]\nweight = 0\ncite = [\"ref-a\"]\n"));
    assert_eq!(e.field.as_deref(), Some("weight"));
    let e = one_error(&format!("{HEADER}\n[[prior]]\nids = [\"L5\"]\nweight = 2\ncite = [\"ref-a\"]\n\n[[prior]]\nids = [\"L5\"]\nweight = 3\ncite = [\"ref-a\"]\n"));
    assert!(e.message.contains("`L5` already has a prior"), "{}", e.message);
    let e = one_error(&format!(
        "{HEADER}\n[[prior]]\nids = [\"deep-fibular\"]\nweight = 2\nbilateral = 1.5\ncite = [\"ref-a\"]\n"
    ));
    assert_eq!(e.field.as_deref(), Some("bilateral"));
    let e = one_error(&format!("{HEADER}\n[[prior]]\nids = [\"L5\"]\nweight = 2\n"));
    assert_eq!(e.field.as_deref(), Some("cite"));
}

#[test]
fn a_file_that_does_not_parse_is_reported_without_its_cascade() {
    let broken = REGIONS.replace("id = \"dorsum-foot\"", "id = dorsum-foot\"");
    let files = vec![
        (PathBuf::from("atlas/regions.toml"), broken),
        (PathBuf::from("atlas/dermatomes.toml"), DERMATOMES.to_string()),
        (PathBuf::from("atlas/nerves.toml"), NERVES.to_string()),
    ];
    let e = Atlas::from_files(files, &[reference("ref-a")]).map_err(|e| e.0).expect_err("should fail");
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].path.ends_with("regions.toml") && e[0].line.is_some(), "the root cause: {}", e[0]);
    assert!(e[1].message.starts_with("and ") && e[1].message.contains("did not parse"), "{}", e[1]);
}
