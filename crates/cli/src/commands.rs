//! What each command does. Opening the product (store, content sync, engine) happens in one place.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use vesalius_answer::{Engine, EngineConfig};
use vesalius_atlas::Atlas;
use vesalius_content::Corpus;
use vesalius_core::Decision;
use vesalius_store::Store;

use crate::args::{Cli, Command, Global, ReviewCommand, ReviewStep, UserCommand};
use crate::{data, output};

/// The default database file: `$XDG_DATA_HOME/vesalius/vesalius.db`, else `~/.local/share/vesalius/…`,
/// else `./vesalius.db`.
fn default_db() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match base {
        Some(b) => b.join("vesalius").join("vesalius.db"),
        None => PathBuf::from("vesalius.db"),
    }
}

fn db_path(g: &Global) -> PathBuf {
    g.db.clone().unwrap_or_else(default_db)
}

/// The persisted search index lives beside the database: `<db>.index/`.
fn index_dir(g: &Global) -> PathBuf {
    let mut p = db_path(g).into_os_string();
    p.push(".index");
    PathBuf::from(p)
}

/// The knowledge base: articles with their references, and the atlas.
pub(crate) struct Content {
    pub(crate) corpus: Corpus,
    pub(crate) atlas: Arc<Atlas>,
}

/// Reads the content (built in, or from `--content DIR`) and returns it with the atlas files' texts.
pub(crate) fn load_content(g: &Global) -> Result<(Content, Vec<(PathBuf, String)>)> {
    let (corpus, atlas_files) = match &g.content {
        Some(dir) => {
            let corpus = Corpus::load_dir(dir).with_context(|| format!("loading content from {}", dir.display()))?;
            let mut files = Vec::new();
            if let Ok(entries) = std::fs::read_dir(dir.join("atlas")) {
                let mut paths: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                paths.sort();
                for p in paths {
                    let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                    files.push((p, text));
                }
            }
            (corpus, files)
        }
        None => {
            let corpus = Corpus::builtin().context("loading the built-in knowledge base")?;
            let files = vesalius_content::builtin_files()
                .filter(|(p, _)| p.starts_with("atlas/") && p.ends_with(".toml"))
                .map(|(p, t)| (PathBuf::from("content").join(p), t.to_string()))
                .collect();
            (corpus, files)
        }
    };
    let atlas = Atlas::from_files(atlas_files.clone(), &corpus.references).context("loading the atlas data")?;
    Ok((Content { corpus, atlas: Arc::new(atlas) }, atlas_files))
}

/// Opens the store (creating and migrating it if needed) and syncs the knowledge base into it: articles and
/// atlas data files each become a new version when they changed.
pub(crate) fn open(g: &Global) -> Result<(Store, Content)> {
    let path = db_path(g);
    let store = Store::open(&path).with_context(|| format!("opening the store at {}", path.display()))?;
    let (content, atlas_files) = load_content(g)?;
    let origin = if g.content.is_some() { "content folder" } else { "builtin" };
    let report = store.sync_corpus(&content.corpus, origin).context("syncing content into the store")?;
    let mut atlas_changed = 0;
    for file in &content.atlas.files {
        if let Some((_, text)) = atlas_files.iter().find(|(p, _)| p.to_string_lossy() == file.path) {
            atlas_changed += usize::from(store.sync_document("atlas", &file.slug, text, origin)?);
        }
    }
    if !report.added.is_empty() || !report.updated.is_empty() || atlas_changed > 0 {
        eprintln!(
            "vesalius: {} new article(s), {} changed, {} unchanged, {} atlas file(s) new or changed (new versions start as Submitted) — {}",
            report.added.len(),
            report.updated.len(),
            report.unchanged,
            atlas_changed,
            path.display()
        );
    }
    Ok((store, content))
}

/// Opens the store for commands that need only the store.
pub(crate) fn open_store(g: &Global) -> Result<Store> {
    Ok(open(g)?.0)
}

/// Builds the answer engine over `store` with the atlas, reusing the persisted index when it is current,
/// and with the installed embedding model when there is one.
pub(crate) fn engine(g: &Global, store: Store, content: &Content) -> Result<Engine> {
    engine_with(g, store, content, crate::models::load(g).ok().map(Arc::new))
}

/// [`engine`] with an embedder already loaded (or none: lexical only).
pub(crate) fn engine_with(
    g: &Global,
    store: Store,
    content: &Content,
    embedder: Option<Arc<vesalius_embed::Embedder>>,
) -> Result<Engine> {
    let config = EngineConfig {
        emergency_number: g.emergency_number.clone(),
        crisis_line: g.crisis_line.clone(),
        index_dir: Some(index_dir(g)),
        retention_days: Some(g.retention_days),
        embedder,
        ..Default::default()
    };
    let mut engine = Engine::build(Arc::new(store), config).context("building the search index")?;
    if let Some(path) = g.content.as_ref().map(|d| d.join("glossary.toml")).filter(|p| p.exists()) {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let glossary =
            vesalius_answer::Glossary::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        engine = engine.with_glossary(glossary);
    }
    Ok(engine.with_atlas(content.atlas.clone(), &content.corpus.references))
}

/// Whether answers use meaning as well as words, and why not when they do not.
pub(crate) fn semantics_line(g: &Global, engine: &Engine) -> String {
    match (engine.semantics(), engine.embedder()) {
        (Some((n, 0)), Some(e)) => format!("semantics: on ({} from {}; {n} Q&A questions embedded)", vesalius_embed::MODEL_NAME, e.dir().display()),
        (Some((n, missing)), _) => format!(
            "semantics: on for {n} Q&A questions; {missing} stored pair(s) have no embedding yet (run `vesalius ingest medquad DIR` again to embed them)"
        ),
        (None, _) => match crate::models::models_dir(g) {
            Ok(dir) if !vesalius_embed::model_dir(&dir).is_dir() => format!(
                "semantics: off, answers are lexical only (no model in {}; install it with `vesalius models install`)",
                dir.display()
            ),
            _ => "semantics: off, answers are lexical only".into(),
        },
    }
}

/// Deletes expired conversations now and every hour while the server runs.
/// How often `serve` checks whether the store's content changed (and rebuilds its engine if so).
const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

async fn purge_hourly(state: vesalius_web::AppState) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        let e = state.engine();
        match tokio::task::spawn_blocking(move || e.purge_expired()).await {
            Ok(Ok(n)) if n > 0 => tracing::info!(deleted = n, "deleted expired conversations"),
            Ok(Err(err)) => tracing::error!(error = %err, "purging expired conversations failed"),
            Err(err) => tracing::error!(error = %err, "the purge worker stopped"),
            _ => {}
        }
    }
}

/// Refuses a `--db` that is a URL rather than a file path: `postgres://…` would otherwise be taken as a
/// relative path and create a folder named `postgres:`. A `sqlite:` prefix is accepted and dropped.
fn check_db_location(g: &mut Global) -> Result<()> {
    let Some(db) = g.db.as_ref().and_then(|p| p.to_str()) else { return Ok(()) };
    if let Some(path) = db.strip_prefix("sqlite://").or_else(|| db.strip_prefix("sqlite:")) {
        g.db = Some(PathBuf::from(path));
        return Ok(());
    }
    let Some((scheme, _)) = db.split_once("://") else { return Ok(()) };
    if scheme.eq_ignore_ascii_case("postgres") || scheme.eq_ignore_ascii_case("postgresql") {
        anyhow::bail!(
            "--db {scheme}://…: the PostgreSQL store is not available in this build; give a SQLite file path (or sqlite:PATH)"
        );
    }
    anyhow::bail!("--db: unknown database URL scheme `{scheme}://`; give a SQLite file path (or sqlite:PATH)")
}

/// Runs the command line.
pub(crate) fn run(mut cli: Cli) -> Result<()> {
    check_db_location(&mut cli.global)?;
    let g = &cli.global;
    match cli.command {
        Command::Serve { bind, port, trust_proxy } => {
            let (store, content) = open(g)?;
            let engine = engine(g, store, &content)?;
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(SocketAddr::new(bind, port))
                    .await
                    .with_context(|| format!("binding {bind}:{port}"))?;
                let addr = listener.local_addr()?;
                println!("Vesalius is serving on http://{addr}/ (Ctrl-C to stop)");
                tracing::info!(%addr, indexed = engine.indexed(), trust_proxy, "serving");
                let config = vesalius_web::WebConfig { trust_proxy, ..Default::default() };
                let state = vesalius_web::AppState::new(Arc::new(engine), config).map_err(anyhow::Error::msg)?;
                tokio::spawn(purge_hourly(state.clone()));
                // An ingest, an edit or a review decision made anywhere shows here within seconds.
                state.spawn_refresh(REFRESH_EVERY);
                if trust_proxy {
                    println!("Client addresses are taken from X-Forwarded-For (--trust-proxy)");
                }
                vesalius_web::serve(listener, state).await?;
                tracing::info!("stopped");
                anyhow::Ok(())
            })
        }
        Command::Ask { question, audience, json, thread } => {
            let (store, content) = open(g)?;
            let answer = engine(g, store, &content)?.ask_in_thread(&question, audience.into(), thread.as_deref())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&answer)?);
            } else {
                print!("{}", output::answer_text(&answer));
            }
            Ok(())
        }
        Command::Backup { file } => {
            let store = Store::open(&db_path(g)).with_context(|| format!("opening {}", db_path(g).display()))?;
            store.backup_to(&file).with_context(|| format!("backing up to {}", file.display()))?;
            println!("backed up {} to {}", db_path(g).display(), file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let store = Store::open(&db_path(g)).with_context(|| format!("opening {}", db_path(g).display()))?;
            let s = store.restore_from(&file).with_context(|| format!("restoring from {}", file.display()))?;
            // The search index was built from the old contents: rebuild it on next use.
            let index = index_dir(g);
            if index.exists() {
                std::fs::remove_dir_all(&index).with_context(|| format!("removing {}", index.display()))?;
            }
            println!(
                "restored {} from {}: {} documents ({} versions, {} review events), {} Q&A pairs, {} conversations",
                db_path(g).display(),
                file.display(),
                s.articles,
                s.versions,
                s.review_events,
                s.qa_pairs,
                s.threads
            );
            Ok(())
        }
        Command::Check => {
            let store = Store::open(&db_path(g)).with_context(|| format!("opening {}", db_path(g).display()))?;
            store.integrity_check().with_context(|| format!("checking {}", db_path(g).display()))?;
            let s = store.summary()?;
            println!(
                "ok: {} documents (articles and atlas files; {} versions, {} review events), {} Q&A pairs, {} conversations",
                s.articles, s.versions, s.review_events, s.qa_pairs, s.threads
            );
            Ok(())
        }
        Command::Status => {
            let (store, content) = open(g)?;
            let s = store.summary()?;
            println!(
                "store: {} — {} documents (articles and atlas files), {} Q&A pairs, {} conversations",
                db_path(g).display(),
                s.articles,
                s.qa_pairs,
                s.threads
            );
            println!("{}", semantics_line(g, &engine(g, store, &content)?));
            Ok(())
        }
        Command::CheckCitations => {
            let found = match &g.content {
                Some(dir) => vesalius_content::uncited_claims_in_dir(dir)
                    .with_context(|| format!("reading {}", dir.join("articles").display()))?,
                None => vesalius_content::builtin_uncited_claims(),
            };
            for claim in &found {
                println!("{claim}");
            }
            if !found.is_empty() {
                anyhow::bail!("{} uncited claim(s): cite each with [@ref-id] (rule 4)", found.len());
            }
            println!("ok: every claim of clinical substance is cited");
            Ok(())
        }
        Command::Purge => {
            let (store, content) = open(g)?;
            let n = engine(g, store, &content)?.purge_expired()?;
            println!("deleted {n} conversation(s) older than {} days", g.retention_days);
            Ok(())
        }
        Command::Articles { json } => {
            let list = open_store(g)?.articles()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for a in &list {
                    println!("{:<42} v{:<3} {:<13} {}", a.slug, a.version, a.status.as_str(), a.question);
                }
            }
            Ok(())
        }
        Command::Review(cmd) => review(g, cmd),
        Command::User(cmd) => user(g, cmd),
        Command::Ingest(cmd) => data::ingest(g, cmd),
        Command::Eval(cmd) => data::eval(g, cmd),
        Command::Train(cmd) => data::train(cmd),
        Command::Isncsci(cmd) => data::isncsci(cmd),
        Command::Models(cmd) => crate::models::run(g, cmd),
        Command::Bench { medquad, questions, python, lexical } => {
            data::bench(g, medquad.as_deref(), &questions, python.as_deref(), lexical)
        }
        Command::Localize { findings, json } => data::localize(g, &findings, json),
    }
}

fn review(g: &Global, cmd: ReviewCommand) -> Result<()> {
    let store = open_store(g)?;
    let (step, decision): (ReviewStep, Decision) = match cmd {
        ReviewCommand::Start(s) => (s, Decision::StartReview),
        ReviewCommand::Approve(s) => (s, Decision::Approve),
        ReviewCommand::RequestChanges(s) => (s, Decision::RequestChanges),
        ReviewCommand::History { slug, json } => {
            let events = store.history(&slug)?;
            let versions = store.versions(&slug)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({ "versions": versions, "events": events }))?
                );
            } else {
                for v in &versions {
                    println!("version {} ({}, {}) — {}", v.version, v.origin, v.created_at, v.stage.as_str());
                }
                for e in &events {
                    let from = e.from.map_or("—", |s| s.as_str());
                    println!(
                        "{}  v{}  {:<15} {} → {}  by {} ({}){}",
                        e.at,
                        e.version,
                        e.decision,
                        from,
                        e.to.as_str(),
                        e.actor,
                        e.role,
                        if e.comment.is_empty() { String::new() } else { format!(": {}", e.comment) }
                    );
                }
            }
            return Ok(());
        }
    };
    let event = store.review(&step.slug, decision, &step.actor, step.role.into(), &step.comment)?;
    println!(
        "{}: {} → {} (version {}, by {} as {}, {})",
        step.slug,
        event.from.map_or("—", |s| s.as_str()),
        event.to.as_str(),
        event.version,
        event.actor,
        event.role,
        event.at
    );
    Ok(())
}

fn user(g: &Global, cmd: UserCommand) -> Result<()> {
    let store = open_store(g)?;
    match cmd {
        UserCommand::Add { name, role, credentials, specialty } => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']);
            if password.chars().count() < 10 {
                anyhow::bail!("the password must have at least 10 characters");
            }
            let hash =
                vesalius_web::hash_password(password).map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
            let user = store.add_user(&name, role.as_str(), &credentials, &specialty, &hash)?;
            println!("created {} ({})", user.name, user.role);
        }
        UserCommand::List => {
            for u in store.users()? {
                println!("{:<30} {:<9} {} {}", u.name, u.role, u.credentials, u.specialty);
            }
        }
    }
    Ok(())
}
