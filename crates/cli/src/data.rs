//! Commands over data sets: ingest, eval, train, bench, and ISNCSCI classification of exam files.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use vesalius_answer::FocusLexicon;
use vesalius_core::{AnswerKind, Audience};
use vesalius_eval::{parse_qrels, parse_questions, score_runs, LiveQaQuestion, LiveQaReport, Run};

use crate::args::{EvalCommand, Global, IngestCommand, IsncsciCommand, TrainCommand};
use crate::commands::{engine, engine_with, load_content, open, open_store};

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

pub(crate) fn ingest(g: &Global, cmd: IngestCommand) -> Result<()> {
    let IngestCommand::Medquad { dir, allow_partial } = cmd;
    let (store, content) = open(g)?;
    let started = Instant::now();
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} files ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("reading MedQuAD");
    let read = vesalius_content::read_medquad_dir(&dir, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let report = store.ingest_qa(&read.documents).context("storing MedQuAD")?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "MedQuAD: {} documents, {} QA pairs ({} with answers, {} question-only), {} new or changed, {} file(s) skipped, in {seconds:.1} s",
        report.documents,
        report.pairs,
        report.with_answers,
        report.pairs - report.with_answers,
        report.changed,
        read.errors.len()
    );
    for e in &read.errors {
        println!("  skipped {e}");
    }
    let model = crate::models::load(g).map(Arc::new);
    embed(model.as_deref().map_err(String::as_str), &store)?;
    let engine = engine_with(g, store, &content, model.ok())?;
    println!("search index ready: {} items", engine.indexed());
    println!("{}", crate::commands::semantics_line(g, &engine));
    if !read.errors.is_empty() && !allow_partial {
        bail!(
            "{} MedQuAD file(s) could not be read and were skipped (listed above); everything else is stored. \
             Fix them, or pass --allow-partial to accept a partial ingest",
            read.errors.len()
        );
    }
    Ok(())
}

/// Embeds the stored questions that have no stored embedding, with a progress bar; without the model, says
/// that semantics are off and does nothing.
fn embed(model: Result<&vesalius_embed::Embedder, &str>, store: &vesalius_store::Store) -> Result<()> {
    let embedder = match model {
        Ok(e) => e,
        Err(why) => {
            println!("embeddings: none made, semantics are off ({why})");
            return Ok(());
        }
    };
    let started = Instant::now();
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} questions ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("embedding");
    let report = vesalius_answer::embed_store(store, embedder, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .context("embedding the stored questions")?;
    bar.finish_and_clear();
    println!(
        "embeddings: {} distinct questions, {} embedded now, {} already stored, {} stale removed, in {:.1} s",
        report.texts,
        report.embedded,
        report.texts - report.embedded,
        report.removed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The embedding similarity of each pair's two questions (each distinct text embedded once).
fn pair_cosines(embedder: &vesalius_embed::Embedder, pairs: &[vesalius_entail::Pair]) -> Result<Vec<f32>> {
    let mut texts: Vec<&str> = pairs.iter().flat_map(|p| [p.chq.as_str(), p.faq.as_str()]).collect();
    texts.sort_unstable();
    texts.dedup();
    let vectors = embedder.embed(&texts)?;
    let at = |t: &str| texts.binary_search(&t).ok().map(|i| vectors[i].as_slice());
    Ok(pairs
        .iter()
        .map(|p| match (at(&p.chq), at(&p.faq)) {
            (Some(a), Some(b)) => vesalius_embed::cosine(a, b),
            _ => 0.0,
        })
        .collect())
}

/// The ranked MedQuAD pair ids of an answer (shown sources, then Q&A alternatives) and whether it counts as
/// answered from MedQuAD (an urgent answer counts when the Q&A answer is shown beneath its message).
fn ranked(answer: &vesalius_core::Answer) -> (Vec<String>, bool) {
    let answered = answer.kind == AnswerKind::Qa || (answer.kind == AnswerKind::Urgent && !answer.sources.is_empty());
    let mut ids: Vec<String> = answer.sources.iter().map(|s| s.id.clone()).collect();
    ids.extend(answer.alternatives.iter().filter(|a| a.kind == AnswerKind::Qa).map(|a| a.id.clone()));
    (ids, answered)
}

fn print_report(label: &str, r: &LiveQaReport) {
    println!("LiveQA {label}: {} questions, {} answered from MedQuAD", r.questions, r.answered);
    println!("  avgScore(0-3)   {:.3}", r.avg_score);
    println!("  succ@2+/3+/4+   {:.3} / {:.3} / {:.3}", r.succ_2, r.succ_3, r.succ_4);
    println!("  prec@2+/3+/4+   {:.3} / {:.3} / {:.3}", r.prec_2, r.prec_3, r.prec_4);
    println!(
        "  MAP@10, MRR@10  grade>=3: {:.3}, {:.3}   grade>=2: {:.3}, {:.3}",
        r.map10_g3, r.mrr10_g3, r.map10_g2, r.mrr10_g2
    );
    println!("  first answers judged: {:.1}%", 100.0 * r.judged_first);
}

fn question_text(q: &LiveQaQuestion, paraphrase: bool) -> String {
    match (&q.paraphrase, paraphrase) {
        (Some(p), true) if !p.trim().is_empty() => p.clone(),
        _ => q.original(),
    }
}

pub(crate) fn eval(g: &Global, cmd: EvalCommand) -> Result<()> {
    match cmd {
        EvalCommand::TrainRanker { questions, out } => {
            let mut qs = Vec::new();
            for path in &questions {
                qs.extend(parse_questions(path, &read(path)?)?);
            }
            let (store, content) = open(g)?;
            if store.qa_count()? == 0 {
                bail!("the store has no Q&A pairs: run `vesalius ingest medquad <dir>` first");
            }
            crate::ranker_train::train(&engine(g, store, &content)?, &qs, &out)
        }
        EvalCommand::Liveqa { questions, qrels, paraphrase, json, verbose, dense_only } => {
            let qs = parse_questions(&questions, &read(&questions)?)?;
            let judged = parse_qrels(&qrels, &read(&qrels)?)?;
            let (store, content) = open(g)?;
            if store.qa_count()? == 0 {
                bail!(
                    "the store has no Q&A pairs: run `vesalius ingest medquad <dir>` first (database {})",
                    g.db.as_ref().map_or("default".into(), |p| p.display().to_string())
                );
            }
            let engine = engine(g, store, &content)?;
            let mut runs = Vec::with_capacity(qs.len());
            for q in &qs {
                let text = question_text(q, paraphrase);
                let answer = if dense_only {
                    let ids = engine
                        .dense_only(&text, 10)?
                        .context("--dense-only needs the embedding model: install it with `vesalius models install`")?;
                    Ok((!ids.is_empty(), ids))
                } else {
                    engine.answer(&text, Audience::Clinician).map(|a| {
                        let (ids, answered) = ranked(&a);
                        (answered, ids)
                    })
                };
                let (ranked, answered) = match answer {
                    Ok((answered, ids)) => (ids, answered),
                    Err(
                        vesalius_answer::AnswerError::BadQuestion(_)
                        | vesalius_answer::AnswerError::QuestionTooLong { .. },
                    ) => (Vec::new(), false),
                    Err(e) => return Err(e.into()),
                };
                let kind = if answered { "qa" } else { "other" };
                if verbose {
                    let first = ranked.first().filter(|_| answered);
                    let grade = first.and_then(|id| judged.grade(q.number, id));
                    println!(
                        "{:>5} {:<7} {:<32} grade {:?}  {}",
                        q.id,
                        kind,
                        first.map_or("-", |s| s.as_str()),
                        grade,
                        text.chars().take(90).collect::<String>()
                    );
                }
                runs.push(Run { question: q.number, ranked, answered });
            }
            let report = score_runs(&runs, &judged);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                let label = match (paraphrase, dense_only) {
                    (true, false) => "(NIST paraphrases)",
                    (false, false) => "(original questions)",
                    (true, true) => "(NIST paraphrases, plain dense retrieval)",
                    (false, true) => "(original questions, plain dense retrieval)",
                };
                print_report(label, &report);
            }
            Ok(())
        }
        EvalCommand::Rqe { train, test, json, predictions } => {
            let train = vesalius_entail::read_pairs(&train)?;
            let test = vesalius_entail::read_pairs(&test)?;
            let model = vesalius_entail::RqeModel::train(&train);
            let lexical = vesalius_entail::evaluate(&model, &test);
            let gold: Vec<bool> = test.iter().map(|p| p.entails).collect();
            // With the embedding model: entailment v2, the lexical probability stacked with the similarity.
            let stacked = match crate::models::load(g) {
                Ok(embedder) => {
                    let train_cos = pair_cosines(&embedder, &train)?;
                    let test_cos = pair_cosines(&embedder, &test)?;
                    let v2 = vesalius_entail::StackedRqe::train(&train, &train_cos);
                    let predicted: Vec<bool> =
                        test.iter().zip(&test_cos).map(|(p, c)| v2.entails(&p.chq, &p.faq, *c)).collect();
                    Some((v2, predicted))
                }
                Err(_) => None,
            };
            let predicted: Vec<bool> = match &stacked {
                Some((_, p)) => p.clone(),
                None => test.iter().map(|p| model.entails(&p.chq, &p.faq)).collect(),
            };
            let m = vesalius_entail::Metrics::from_predictions(&predicted, &gold);
            if let Some(path) = predictions {
                let lines: String =
                    test.iter().zip(&predicted).map(|(p, y)| format!("{},{}\n", p.id, u8::from(*y))).collect();
                write_run(&path, &lines)?;
            }
            let baseline = vesalius_entail::baseline_accuracy(&train, &test);
            let (cv, lexical_cv) =
                stacked.as_ref().map_or((model.cv_accuracy(), model.cv_accuracy()), |(v2, _)| v2.cv_accuracy());
            if json {
                let j = serde_json::json!({ "accuracy": m.accuracy, "precision": m.precision, "recall": m.recall, "f1": m.f1,
                    "semantics": stacked.is_some(), "cv_accuracy": cv, "lexical_accuracy": lexical.accuracy,
                    "lexical_cv_accuracy": lexical_cv, "baseline_accuracy": baseline, "train_pairs": train.len(), "test_pairs": test.len() });
                println!("{}", serde_json::to_string_pretty(&j)?);
            } else {
                println!("RQE: trained on {} pairs, tested on {}", train.len(), test.len());
                let which = if stacked.is_some() {
                    "entailment v2 (lexical + embedding similarity)"
                } else {
                    "lexical (no embedding model)"
                };
                println!(
                    "  {which}: accuracy {:.3}  precision {:.3}  recall {:.3}  F1 {:.3}; 5-fold CV on train {cv:.3}",
                    m.accuracy, m.precision, m.recall, m.f1
                );
                if stacked.is_some() {
                    println!("  lexical alone: accuracy {:.3}; 5-fold CV on train {lexical_cv:.3}", lexical.accuracy);
                }
                println!("  word-overlap baseline accuracy {baseline:.3}");
            }
            Ok(())
        }
        EvalCommand::MediqaQa { questions, json, predictions } => {
            let qs = vesalius_entail::parse_mediqa(&read(&questions)?)
                .map_err(|e| anyhow::anyhow!("{}: {e}", questions.display()))?;
            let model = vesalius_entail::RelevanceModel::builtin();
            let (run, m) = vesalius_entail::rank_and_score(&model, &qs);
            if let Some(path) = predictions {
                let lines: String =
                    run.iter().map(|p| format!("{},{},{}\n", p.question, p.answer, u8::from(p.label))).collect();
                write_run(&path, &lines)?;
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&m)?);
            } else {
                println!(
                    "MEDIQA answers {}: {} questions, {} judged answers",
                    questions.display(),
                    m.questions,
                    m.answers
                );
                println!(
                    "  accuracy {:.3}  precision {:.3}  MRR {:.3}  Spearman {:.3}",
                    m.accuracy, m.precision, m.mrr, m.spearman
                );
            }
            Ok(())
        }
        EvalCommand::Triage { set, rules_only, json } => {
            let file = set.display().to_string();
            let cases = vesalius_answer::parse_triage_set(&file, &read(&set)?).map_err(anyhow::Error::msg)?;
            let report = if rules_only {
                vesalius_answer::run_triage_rules(&cases)
            } else {
                let (store, content) = open(g)?;
                vesalius_answer::run_triage_engine(&engine(g, store, &content)?, &cases)?
            };
            if json {
                let j = serde_json::json!({
                    "recall": report.recall(),
                    "right_flag_rate": report.right_flag_rate(),
                    "false_alarm_rate": report.false_alarm_rate(),
                    "report": report,
                });
                println!("{}", serde_json::to_string_pretty(&j)?);
            } else {
                println!(
                    "triage {file}: {} urgent, {} look-alikes; recall {:.3}, right flag {:.3}, false alarms {:.3}",
                    report.urgent,
                    report.lookalikes,
                    report.recall(),
                    report.right_flag_rate(),
                    report.false_alarm_rate()
                );
                for p in &report.problems {
                    println!("  {file}:{p}");
                }
            }
            Ok(())
        }
        EvalCommand::Followups { set, json } => {
            let (store, content) = open(g)?;
            let with_medquad = store.qa_count()? > 0;
            let engine = engine(g, store, &content)?;
            let report = vesalius_answer::run_followup_set(&engine, &read(&set)?, with_medquad)
                .with_context(|| format!("running {}", set.display()))?;
            if json {
                let j = serde_json::json!({
                    "pass_rate": report.pass_rate(),
                    "follow_up_pass_rate": report.follow_up_pass_rate(),
                    "report": report,
                });
                println!("{}", serde_json::to_string_pretty(&j)?);
            } else {
                println!(
                    "follow-ups {}: {} conversations ({} skipped); turns {}/{} = {:.3}; follow-ups {}/{} = {:.3}",
                    set.display(),
                    report.conversations,
                    report.skipped,
                    report.passed,
                    report.turns,
                    report.pass_rate(),
                    report.follow_ups_passed,
                    report.follow_up_turns,
                    report.follow_up_pass_rate()
                );
                for f in &report.failures {
                    println!(
                        "  {} turn {}: {:?} -> {} {:?}: {}",
                        f.conversation,
                        f.turn,
                        f.question,
                        f.kind,
                        f.title,
                        f.problems.join("; ")
                    );
                }
            }
            Ok(())
        }
        EvalCommand::Analysis { questions, json } => {
            let store = open_store(g)?;
            let mut lexicon = FocusLexicon::default();
            for (focus, synonyms) in store.qa_foci()? {
                lexicon.add(&focus, &focus);
                synonyms.iter().for_each(|s| lexicon.add(s, &focus));
            }
            if lexicon.is_empty() {
                bail!("the store has no Q&A foci: run `vesalius ingest medquad <dir>` first");
            }
            let mut qs = Vec::new();
            for path in &questions {
                qs.extend(parse_questions(path, &read(path)?)?);
            }
            let a = crate::analysis_eval::evaluate(&qs, &lexicon);
            if json {
                println!("{}", serde_json::to_string_pretty(&a)?);
            } else {
                println!("Question analysis on {} annotated questions", a.questions);
                println!("  focus accuracy {:.3} ({} with a focus found)", a.focus_accuracy, a.focus_found);
                println!("  type accuracy  {:.3}", a.type_accuracy);
            }
            Ok(())
        }
    }
}

pub(crate) fn train(cmd: TrainCommand) -> Result<()> {
    let TrainCommand::Rqe { data, out } = cmd;
    let file = if data.is_dir() { data.join("RQE_Train_8588_AMIA2016.xml") } else { data };
    let pairs = vesalius_entail::read_pairs(&file)?;
    let model = vesalius_entail::RqeModel::train(&pairs);
    std::fs::write(&out, model.to_json() + "\n").with_context(|| format!("writing {}", out.display()))?;
    println!("trained on {} pairs from {}; model written to {}", pairs.len(), file.display(), out.display());
    Ok(())
}

pub(crate) fn isncsci(cmd: IsncsciCommand) -> Result<()> {
    let IsncsciCommand::Classify { exam, json } = cmd;
    let text = read(&exam)?;
    if json {
        let result =
            vesalius_isncsci::classify_json(&text).with_context(|| format!("classifying {}", exam.display()))?;
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(());
    }
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", exam.display()))?;
    let exams = match value {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    for (i, e) in exams.iter().enumerate() {
        let parsed = vesalius_isncsci::parse_exam(e).with_context(|| format!("{}: exam {}", exam.display(), i + 1))?;
        if exams.len() > 1 {
            println!("Exam {}", i + 1);
        }
        println!("{}", vesalius_isncsci::classify(&parsed));
    }
    Ok(())
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p).map_or(0, |rd| {
        rd.flatten()
            .map(|e| if e.path().is_dir() { dir_size(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
            .sum()
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub(crate) fn bench(
    g: &Global,
    medquad: Option<&Path>,
    questions: &[PathBuf],
    python: Option<&Path>,
    lexical: bool,
) -> Result<()> {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cpu}, {cores} cores");
    bench_localize(g)?;
    let Some(medquad) = medquad else { return Ok(()) };
    let dir = tempfile_dir()?;
    let db = dir.join("bench.db");
    let local = Global {
        db: Some(db.clone()),
        content: g.content.clone(),
        emergency_number: None,
        crisis_line: None,
        retention_days: g.retention_days,
        // `--lexical` points at a models folder that does not exist, so semantics are off.
        models: if lexical { Some(dir.join("no-models")) } else { g.models.clone() },
        config: None,
        log_format: g.log_format,
    };
    let t = Instant::now();
    let (store, content) = open(&local)?;
    let read = vesalius_content::read_medquad_dir(medquad, |_, _| {})?;
    let parsed = t.elapsed().as_secs_f64();
    // The first 2000 MedQuAD questions (in folder order), for the embedder against Python.
    let sample: Vec<String> =
        read.documents.iter().flat_map(|d| d.pairs.iter().map(|p| p.question.clone())).take(2000).collect();
    let report = store.ingest_qa(&read.documents)?;
    let ingest = t.elapsed().as_secs_f64();
    let model = crate::models::load(&local).map(Arc::new);
    embed(model.as_deref().map_err(String::as_str), &store)?;
    let embedded = t.elapsed().as_secs_f64();
    let first = engine_with(&local, store, &content, model.as_ref().ok().cloned())?;
    let indexed = t.elapsed().as_secs_f64();
    println!("{}", crate::commands::semantics_line(&local, &first));
    println!(
        "ingest: {} pairs read in {parsed:.1} s, stored by {ingest:.1} s, embedded by {embedded:.1} s; index of {} items built by {indexed:.1} s",
        report.pairs,
        first.indexed()
    );
    println!(
        "index size: {:.1} MB; database size: {:.1} MB",
        dir_size(&dir.join("bench.db.index")) as f64 / 1e6,
        std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1e6
    );
    // A re-ingest of the same data: read, store (nothing changes), embed (nothing new), open the engine.
    drop(first);
    let t = Instant::now();
    let (store, content) = open(&local)?;
    let again = vesalius_content::read_medquad_dir(medquad, |_, _| {})?;
    let changed = store.ingest_qa(&again.documents)?.changed;
    embed(model.as_deref().map_err(String::as_str), &store)?;
    let engine = engine_with(&local, store, &content, model.as_ref().ok().cloned())?;
    println!("re-ingest of unchanged data: {changed} changed, ready in {:.1} s", t.elapsed().as_secs_f64());
    let mut texts = Vec::new();
    for path in questions {
        for q in parse_questions(path, &read_text(path)?)? {
            texts.push(q.original());
            texts.extend(q.paraphrase.clone().filter(|p| !p.trim().is_empty()));
        }
    }
    let mut times = Vec::with_capacity(texts.len());
    for text in &texts {
        let t = Instant::now();
        let _ = engine.answer(text, Audience::Clinician)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "ask latency over {} questions: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().copied().unwrap_or(0.0)
    );
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
    if !lexical {
        crate::models::bench(g, &sample, python)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `n` distinct findings drawn in turn from the atlas vocabulary (regions with each sensory kind, movements
/// with each grade, reflexes with each state, on both sides), as findings JSON.
fn synthetic_findings(atlas: &vesalius_atlas::Atlas, n: usize) -> String {
    use serde_json::{json, Value};
    let mut pool: Vec<(&str, &str, Value)> = Vec::new();
    for side in ["left", "right"] {
        for kind in ["numb", "reduced", "tingling", "pain", "normal"] {
            pool.extend(atlas.regions.iter().map(|r| (side, "sensory", json!({"region": r.id, "kind": kind}))));
        }
        for grade in 0..=5u8 {
            pool.extend(atlas.movements.iter().map(|m| (side, "motor", json!({"movement": m.id, "grade": grade}))));
        }
        for state in ["normal", "reduced", "absent", "brisk"] {
            pool.extend(atlas.reflexes.iter().map(|r| (side, "reflexes", json!({"reflex": r.id, "state": state}))));
        }
    }
    // Spread the picks over the pool so every size mixes sides and kinds of finding.
    let step = pool.len() / n.clamp(1, pool.len());
    let mut doc = json!({"left": {"sensory": [], "motor": [], "reflexes": []},
                         "right": {"sensory": [], "motor": [], "reflexes": []}});
    for (side, field, v) in pool.into_iter().step_by(step.max(1)).take(n) {
        if let Some(list) = doc[side][field].as_array_mut() {
            list.push(v);
        }
    }
    doc.to_string()
}

/// Every item of `v` nine times over.
fn nine_times<T: Clone>(v: &[T]) -> Vec<T> {
    v.iter().cycle().take(v.len() * 9).cloned().collect()
}

/// Times the localiser on synthetic findings of growing size, up to [`vesalius_atlas::MAX_FINDINGS`]; the
/// time per finding should stay about flat (linear work), and the same findings repeated are no slower.
fn bench_localize(g: &Global) -> Result<()> {
    let (content, _) = load_content(g)?;
    let atlas = &content.atlas;
    let time = |findings: &vesalius_atlas::Findings| {
        let runs = 5;
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(atlas.localize(findings));
        }
        t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
    };
    let mut per_finding = Vec::new();
    for n in [50, 100, 250, vesalius_atlas::MAX_FINDINGS] {
        let findings = vesalius_atlas::Findings::from_json(&synthetic_findings(atlas, n))?;
        let distinct = findings.count();
        let ms = time(&findings);
        per_finding.push(ms / distinct as f64);
        println!("localiser: {distinct} findings in {ms:.1} ms ({:.3} ms per finding)", ms / distinct as f64);
    }
    if let (Some(first), Some(last)) = (per_finding.first(), per_finding.last()) {
        println!("localiser: time per finding at the limit / at 50 findings = {:.2} (1 = linear)", last / first);
    }
    let small = vesalius_atlas::Findings::from_json(&synthetic_findings(atlas, 50))?;
    let mut repeated = small.clone();
    for side in [&mut repeated.left, &mut repeated.right] {
        side.sensory = nine_times(&side.sensory);
        side.motor = nine_times(&side.motor);
        side.reflexes = nine_times(&side.reflexes);
    }
    println!(
        "localiser: the same 50 findings nine times over ({} entries) in {:.1} ms; once, {:.1} ms",
        repeated.count(),
        time(&repeated),
        time(&small)
    );
    Ok(())
}

fn read_text(p: &Path) -> Result<String> {
    read(p)
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("vesalius-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

pub(crate) fn localize(g: &Global, path: &Path, json: bool) -> Result<()> {
    let text = read(path)?;
    let findings = vesalius_atlas::Findings::from_json(&text)
        .with_context(|| format!("reading findings from {}", path.display()))?;
    if findings.count() == 0 {
        bail!(
            "{}: no findings: record at least one sensory, motor or reflex finding under `left` or `right`, or a \
             cue under `cues` (see docs/localizer.md)",
            path.display()
        );
    }
    let (_, content) = open(g)?;
    content.atlas.check_findings(&findings).with_context(|| format!("checking findings in {}", path.display()))?;
    let result = content.atlas.localize(&findings);
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(());
    }
    if result.urgent {
        println!("!! URGENT: the findings fit a red-flag pattern; arrange emergency assessment.\n");
    }
    if let Some(t) = &result.tie {
        println!("TIE: {}\n", t.text);
    }
    for (i, c) in result.candidates.iter().take(5).enumerate() {
        println!("{}. {} (score {:.2}){}", i + 1, c.label, c.score, if c.urgent { "  [urgent]" } else { "" });
        if !c.explains.is_empty() {
            println!("   explains: {}", c.explains.join("; "));
        }
        if !c.contradicts.is_empty() {
            println!("   against:  {}", c.contradicts.join("; "));
        }
    }
    if let Some(t) = &result.next_test {
        println!("\nNext test: {}", t.text);
    }
    for w in &result.warnings {
        println!("note: {w}");
    }
    Ok(())
}

/// Writes a run file, naming the file when it cannot.
fn write_run(path: &std::path::Path, lines: &str) -> anyhow::Result<()> {
    std::fs::write(path, lines).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}
