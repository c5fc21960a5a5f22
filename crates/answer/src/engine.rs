use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use vesalius_core::{Alternative, Answer, AnswerKind, Audience, Reference, ReviewStage, Safety};
use vesalius_entail::RqeModel;
use vesalius_index::{Hit, SearchIndex};
use vesalius_store::{Store, StoredPair};

use crate::analysis::{analyze_question, medquad_types, Analysis, FocusLexicon};
use crate::compose::{compose_atlas, personalise};
use crate::documents::{article_doc, pair_doc};
use crate::qa::{compose_qa, document_of, question_key, tidy_question, Chosen};
use crate::ranker::Ranker;
use crate::semantic::Semantic;
use crate::triage::{triage, RedFlag};
use crate::{compose_article, AnswerError, Glossary};

/// Below this confidence (rarity-weighted share of the question's terms the best article covers, 0–1) the
/// engine does not answer from an article. Set from the built-in gold questions (see the engine tests):
/// on-topic questions score ≥ 0.7, off-topic ones ≤ 0.45.
pub const MIN_CONFIDENCE: f32 = 0.6;

/// Share of the focus credit a pair gets when it is about a focus the question names that is not its first.
const SECONDARY_FOCUS_CREDIT: f32 = 0.4;

/// An entailment probability above which a Q&A pair may answer even when no focus was recognised.
const STRONG_ENTAILMENT: f32 = 0.8;

/// Atlas answers below this confidence (the atlas's own, 0–1) are not used.
const MIN_ATLAS_CONFIDENCE: f32 = 0.7;

fn rank(s: ReviewStage) -> u8 {
    match s {
        ReviewStage::Submitted => 0,
        ReviewStage::UnderReview => 1,
        ReviewStage::Approved => 2,
    }
}

/// The longest question accepted, in characters (the ask boxes' `maxlength`). Questions are a sentence or
/// a short paragraph.
pub const MAX_QUESTION_CHARS: usize = 4000;

/// Refuses a question longer than [`MAX_QUESTION_CHARS`] before any work is done on it.
fn check_length(question: &str) -> Result<(), AnswerError> {
    match question.trim().chars().count() {
        got if got > MAX_QUESTION_CHARS => Err(AnswerError::QuestionTooLong { limit: MAX_QUESTION_CHARS, got }),
        _ => Ok(()),
    }
}
/// Q&A candidates retrieved per question part by BM25 before re-ranking.
const QA_CANDIDATES: usize = 40;
/// Q&A candidates added per question part by meaning (those BM25 did not find), with semantics on.
const DENSE_CANDIDATES: usize = 40;
/// An embedding similarity above which a Q&A pair may answer even when no focus was recognised (a
/// misspelt or paraphrased subject): all-MiniLM-L6-v2 gives ≥ 0.85 mostly to rewordings of one question.
const STRONG_COSINE: f32 = 0.85;
/// Ranked Q&A items an answer lists (shown sources plus alternatives), as judged by MAP@10.
const QA_RANKED: usize = 10;

/// Settings of the answer engine.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The emergency telephone number to show in urgent messages (e.g. "112"); when unset the message names
    /// the common ones.
    pub emergency_number: Option<String>,
    /// The crisis line to show first when a question describes suicidal thoughts or self-harm; when unset the
    /// message names 988 (US) and Samaritans 116 123 (UK and Ireland).
    pub crisis_line: Option<String>,
    /// Folder for the persisted search index (rebuilt when content changes); in memory when unset.
    pub index_dir: Option<PathBuf>,
    /// Days a conversation is kept after its last question before it is purged; [`DEFAULT_RETENTION_DAYS`]
    /// when unset.
    pub retention_days: Option<u32>,
    /// The most drafts that may await review at once; beyond it asking stores no new draft (and says so on
    /// stderr). [`DEFAULT_MAX_PENDING_DRAFTS`] by default.
    pub max_pending_drafts: usize,
    /// The sentence embedder: when set, Q&A pairs are also found and ranked by meaning (their questions'
    /// stored embeddings, see [`crate::embed_store`]); when unset, answers are lexical only.
    pub embedder: Option<Arc<vesalius_embed::Embedder>>,
}

/// The default cap on drafts awaiting review.
pub const DEFAULT_MAX_PENDING_DRAFTS: usize = 500;

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            emergency_number: None,
            crisis_line: None,
            index_dir: None,
            retention_days: None,
            max_pending_drafts: DEFAULT_MAX_PENDING_DRAFTS,
            embedder: None,
        }
    }
}

/// What asking did about a draft for the editors (see [`Engine::ask_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftOutcome {
    /// The answer was not composed from trusted Q&A, so there is nothing to draft.
    NotQa,
    /// A new draft was stored.
    New,
    /// The same question (by its normalised words) already had a draft; its count went up.
    Repeat,
    /// The caller asked for no new draft (e.g. this client's draft budget is spent); none was stored.
    NotKept,
    /// The queue of drafts awaiting review is at its cap; none was stored.
    QueueFull,
}

/// Days conversations are kept by default.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// Answers questions from the store's content.
pub struct Engine {
    store: Arc<Store>,
    index: SearchIndex,
    questions: HashMap<String, String>,
    /// What each article is about (title, question and topics; keywords), for the subject check.
    about: HashMap<String, crate::subject::About>,
    /// The gated question types each article answers (treatment, outlook, …), from its headings.
    answers: HashMap<String, Vec<vesalius_entail::QType>>,
    /// Each article's title, question, topics, keywords and professional summary, read for atlas names.
    profiles: HashMap<String, String>,
    /// The movements and reflexes each article's profile names (set with the atlas).
    tests_named: HashMap<String, Vec<String>>,
    references: HashMap<String, Reference>,
    lexicon: FocusLexicon,
    rqe: RqeModel,
    atlas: Option<Arc<vesalius_atlas::Atlas>>,
    /// The same atlas composing in anatomical terms: the one clinician and student look-ups are answered from.
    atlas_terms: Option<Arc<vesalius_atlas::Atlas>>,
    glossary: Option<Arc<Glossary>>,
    /// Stored questions' embeddings and the embedder, when semantics are on.
    semantic: Option<Semantic>,
    config: EngineConfig,
    /// The store's content generation this engine was built from.
    generation: i64,
}

/// A Q&A candidate pair with the ranker's features for it.
pub type Candidate = (StoredPair, Vec<f64>);

/// A scored Q&A candidate.
struct Scored {
    pair: StoredPair,
    /// The ranker's probability that it answers the question.
    score: f32,
    /// The ranker's features (see [`crate::ranker`]).
    features: Vec<f64>,
    /// The pair is about a focus the question names, or its question is strongly entailed: only such pairs
    /// may answer.
    trusted: bool,
}

impl Engine {
    /// Indexes the latest version of every article and every stored Q&A pair (or opens the persisted index
    /// when it is current).
    ///
    /// # Errors
    /// A store or index failure.
    pub fn build(store: Arc<Store>, config: EngineConfig) -> Result<Engine, AnswerError> {
        let mut docs = Vec::new();
        let mut questions = HashMap::new();
        let mut about = HashMap::new();
        let mut answers = HashMap::new();
        let mut profiles = HashMap::new();
        let mut references = HashMap::new();
        for listing in store.articles()? {
            let Some((stored, _)) = store.published(&listing.slug)? else { continue };
            docs.push(article_doc(&stored.article));
            questions.insert(listing.slug.clone(), stored.article.question.clone());
            let a = &stored.article;
            let core = format!("{} {} {}", a.title, a.question, a.topics.join(" "));
            about.insert(listing.slug.clone(), crate::subject::About::new(&core, &a.keywords));
            let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
            answers.insert(listing.slug.clone(), crate::subject::answered_types(&a.question, &headings));
            let profile = format!("{core}. {}. {}", a.keywords.join(". "), a.summary.professional);
            profiles.insert(listing.slug.clone(), profile);
            for r in stored.references {
                references.insert(r.id.clone(), r);
            }
        }
        let mut lexicon = FocusLexicon::default();
        for (focus, synonyms) in store.qa_foci()? {
            lexicon.add(&focus, &focus);
            for s in &synonyms {
                lexicon.add(s, &focus);
            }
        }
        let all_docs = |docs: Vec<vesalius_index::IndexDoc>| -> Result<Vec<vesalius_index::IndexDoc>, AnswerError> {
            let mut docs = docs;
            store.for_each_pair(|p| {
                docs.push(pair_doc(&p));
                Ok::<(), AnswerError>(())
            })?;
            Ok(docs)
        };
        let generation = store.generation()?;
        let index = match &config.index_dir {
            Some(dir) => {
                let mut failure = None;
                let (index, _) = SearchIndex::open_or_build(dir, generation, || {
                    all_docs(docs).unwrap_or_else(|e| {
                        failure = Some(e);
                        Vec::new()
                    })
                })?;
                if let Some(e) = failure {
                    return Err(e);
                }
                index
            }
            None => SearchIndex::build(all_docs(docs)?)?,
        };
        let semantic = match &config.embedder {
            Some(e) => Some(Semantic::load(&store, e.clone())?),
            None => None,
        };
        Ok(Engine {
            store,
            index,
            questions,
            about,
            answers,
            profiles,
            tests_named: HashMap::new(),
            references,
            lexicon,
            rqe: RqeModel::builtin(),
            atlas: None,
            atlas_terms: None,
            glossary: None,
            semantic,
            config,
            generation,
        })
    }

    /// The store's content generation this engine was built from: when the store's is higher, content
    /// changed (an ingest, an edit, a review decision) and [`Engine::rebuilt`] gives an engine that sees it.
    pub fn generation(&self) -> i64 {
        self.generation
    }

    /// A new engine over the same store and settings, with this one's atlas and glossary, built from the
    /// store's current content.
    ///
    /// # Errors
    /// As [`Engine::build`].
    pub fn rebuilt(&self) -> Result<Engine, AnswerError> {
        let mut next = Engine::build(self.store.clone(), self.config.clone())?;
        next.glossary = self.glossary.clone();
        for (id, r) in &self.references {
            next.references.entry(id.clone()).or_insert_with(|| r.clone());
        }
        if let Some(atlas) = &self.atlas {
            next.tests_named = next.profiles.iter().map(|(slug, p)| (slug.clone(), tests_named(atlas, p))).collect();
            next.atlas_terms = self.atlas_terms.clone();
            next.atlas = Some(atlas.clone());
        }
        Ok(next)
    }

    /// With semantics on: how many stored pairs are searched by meaning, and how many have no stored
    /// embedding yet (ingest with the model installed embeds them). None when semantics are off.
    pub fn semantics(&self) -> Option<(usize, usize)> {
        self.semantic.as_ref().map(|s| (s.pairs.len(), s.missing))
    }

    /// The sentence embedder, when semantics are on.
    pub fn embedder(&self) -> Option<&vesalius_embed::Embedder> {
        self.semantic.as_ref().map(|s| s.embedder.as_ref())
    }

    /// The ranker in use: with the embedding similarity when semantics are on.
    fn ranker(&self) -> &'static Ranker {
        if self.semantic.is_some() {
            Ranker::semantic()
        } else {
            Ranker::lexical()
        }
    }

    /// The Q&A candidates of each part of `question`, best first, with the ranker's features: what
    /// `vesalius eval train-ranker` learns from.
    ///
    /// # Errors
    /// As [`Engine::answer`].
    pub fn qa_candidates(&self, question: &str) -> Result<Vec<Vec<Candidate>>, AnswerError> {
        check_length(question)?;
        let analysis = analyze_question(&crate::analysis::strip_markup(question), &self.lexicon);
        Ok(self
            .rank_qa(&analysis)?
            .into_iter()
            .map(|part| part.into_iter().map(|s| (s.pair, s.features)).collect())
            .collect())
    }

    /// Plain dense retrieval, for comparison: the ids of the `k` pairs whose questions are nearest in
    /// meaning to the whole (cleaned) question, nearest first. None when semantics are off.
    ///
    /// # Errors
    /// The embedder failing.
    pub fn dense_only(&self, question: &str, k: usize) -> Result<Option<Vec<String>>, AnswerError> {
        let Some(s) = &self.semantic else { return Ok(None) };
        let cleaned = crate::analysis::clean(&crate::analysis::strip_markup(question));
        let v = s.embed(&[cleaned.as_str()])?;
        let q = v.first().map_or(&[][..], Vec::as_slice);
        Ok(Some(s.pairs.nearest(q, k).into_iter().map(|(id, _)| id.to_string()).collect()))
    }

    /// Adds the atlas, so atlas look-ups are answered from its data; `references` are those its data cites.
    pub fn with_atlas(mut self, atlas: Arc<vesalius_atlas::Atlas>, references: &[Reference]) -> Engine {
        for r in references {
            self.references.entry(r.id.clone()).or_insert_with(|| r.clone());
        }
        self.tests_named = self.profiles.iter().map(|(slug, p)| (slug.clone(), tests_named(&atlas, p))).collect();
        self.atlas_terms = Some(Arc::new(atlas.anatomical()));
        self.atlas = Some(atlas);
        self
    }

    /// Every reference the engine knows (cited by articles or the atlas), sorted by id.
    pub fn known_references(&self) -> Vec<Reference> {
        let mut refs: Vec<Reference> = self.references.values().cloned().collect();
        refs.sort_by(|a, b| a.id.cmp(&b.id));
        refs
    }

    /// Words answers for patients and students with this glossary instead of the built-in one.
    pub fn with_glossary(mut self, glossary: Glossary) -> Engine {
        self.glossary = Some(Arc::new(glossary));
        self
    }

    /// The lay glossary in use.
    pub fn glossary(&self) -> &Glossary {
        self.glossary.as_deref().unwrap_or_else(|| Glossary::builtin())
    }

    /// The atlas, when the engine has one.
    pub fn atlas(&self) -> Option<&vesalius_atlas::Atlas> {
        self.atlas.as_deref()
    }

    /// How many kinds of finding (skin, movement, reflex, nerve) a question names; roots are not findings.
    fn finding_kinds(&self, question: &str) -> usize {
        let Some(atlas) = self.atlas.as_ref() else { return 0 };
        let mut kinds: Vec<vesalius_atlas::MentionKind> = atlas
            .mentions(question)
            .into_iter()
            .map(|m| m.kind)
            .filter(|k| *k != vesalius_atlas::MentionKind::Root)
            .collect();
        kinds.sort_by_key(|k| *k as u8);
        kinds.dedup();
        kinds.len()
    }

    /// An answer from the atlas data, when the question is an atlas look-up the atlas is sure of: worded in
    /// anatomical terms (medial, dorsum, plantar) for clinicians and students, in lay words for patients
    /// (rule 3); the reading grade is measured on that wording (see [`personalise`]).
    fn atlas_answer(&self, question: &str, audience: Audience) -> Result<Option<Answer>, AnswerError> {
        let atlas = if audience.is_professional() { self.atlas_terms.as_ref() } else { self.atlas.as_ref() };
        let Some(found) = atlas.and_then(|a| a.answer(question)) else { return Ok(None) };
        if found.confidence < MIN_ATLAS_CONFIDENCE {
            return Ok(None);
        }
        // The answer is only as reviewed as the least reviewed file it draws on.
        let mut stage = ReviewStage::Approved;
        let mut approvers = Vec::new();
        for slug in &found.sources {
            let (s, approved) = self.store.stage(slug)?.unwrap_or((ReviewStage::Submitted, None));
            if rank(s) < rank(stage) {
                stage = s;
            }
            approvers.extend(approved.map(|(who, _)| who));
        }
        let approved_by = (stage == ReviewStage::Approved).then(|| approvers.join(", "));
        Ok(Some(compose_atlas(&found, &self.references, stage, approved_by, question, audience, self.glossary())))
    }

    /// The store the engine reads.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Days a conversation is kept after its last question.
    pub fn retention_days(&self) -> u32 {
        self.config.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS)
    }

    /// Deletes the conversations older than the retention period; returns how many.
    ///
    /// # Errors
    /// A store failure.
    pub fn purge_expired(&self) -> Result<usize, AnswerError> {
        Ok(self.store.purge_threads(self.retention_days())?)
    }

    /// Number of indexed items (articles and Q&A pairs).
    pub fn indexed(&self) -> usize {
        self.index.len()
    }

    /// Answers `question` as the next turn of a conversation: a follow-up such as "and S1?" is read in the
    /// context of the previous answer. Without `thread`, a new conversation starts. The turn is stored, and
    /// the answer carries its `thread_id`.
    ///
    /// # Errors
    /// [`AnswerError::UnknownThread`] for a thread id that does not exist, or as [`Engine::ask`].
    pub fn ask_in_thread(
        &self,
        question: &str,
        audience: Audience,
        thread: Option<&str>,
    ) -> Result<Answer, AnswerError> {
        self.ask_in_thread_with(question, audience, thread, true).map(|(a, _)| a)
    }

    /// As [`Engine::ask_in_thread`]; a new draft is stored only when `new_draft` allows it (a repeat of a
    /// question that has one is still counted). Says what happened about the draft.
    ///
    /// # Errors
    /// As [`Engine::ask_in_thread`].
    pub fn ask_in_thread_with(
        &self,
        question: &str,
        audience: Audience,
        thread: Option<&str>,
        new_draft: bool,
    ) -> Result<(Answer, DraftOutcome), AnswerError> {
        check_length(question)?;
        let (id, previous) = match thread.map(str::trim).filter(|t| !t.is_empty()) {
            Some(id) => {
                let turns = self.store.thread(id)?.ok_or_else(|| AnswerError::UnknownThread(id.to_string()))?;
                // The last turn as it was understood (so turn 3 reads turn 2 after its own rewriting).
                let last =
                    turns.last().map(|t| if t.understood.trim().is_empty() { &t.question } else { &t.understood });
                (id.to_string(), last.cloned())
            }
            None => (crate::thread::new_thread_id(), None),
        };
        let vocabulary = crate::thread::Vocabulary { atlas: self.atlas.as_deref(), lexicon: &self.lexicon };
        let understood = crate::thread::in_context(question, previous.as_deref(), &vocabulary);
        let (mut answer, draft) = self.ask_with(&understood, audience, new_draft)?;
        answer.question = question.trim().to_string();
        answer.thread_id = Some(id.clone());
        let json = serde_json::to_string(&answer).map_err(|e| AnswerError::BadQuestion(e.to_string()))?;
        self.store.add_turn(&id, question.trim(), &understood, &json)?;
        Ok((answer, draft))
    }

    /// Answers `question` like [`Engine::answer`] and keeps a composed Q&A answer as a draft for editors
    /// (one draft per normalised question, see [`draft_key`], while the queue is under its cap).
    ///
    /// # Errors
    /// As [`Engine::answer`], or a store failure saving the draft.
    pub fn ask(&self, question: &str, audience: Audience) -> Result<Answer, AnswerError> {
        self.ask_with(question, audience, true).map(|(a, _)| a)
    }

    /// As [`Engine::ask`]; a new draft is stored only when `new_draft` allows it and the queue of drafts
    /// awaiting review is under its cap. Says what happened about the draft.
    ///
    /// # Errors
    /// As [`Engine::ask`].
    pub fn ask_with(
        &self,
        question: &str,
        audience: Audience,
        new_draft: bool,
    ) -> Result<(Answer, DraftOutcome), AnswerError> {
        let answer = self.answer(question, audience)?;
        if answer.kind != AnswerKind::Qa {
            return Ok((answer, DraftOutcome::NotQa));
        }
        let key = draft_key(question);
        let outcome = if new_draft {
            let json = serde_json::to_string(&answer).map_err(|e| AnswerError::BadQuestion(e.to_string()))?;
            match self.store.save_draft(&key, question.trim(), &json, self.config.max_pending_drafts)? {
                vesalius_store::DraftSaved::New => DraftOutcome::New,
                vesalius_store::DraftSaved::Repeat => DraftOutcome::Repeat,
                vesalius_store::DraftSaved::QueueFull => {
                    eprintln!(
                        "vesalius: the draft queue is full ({} awaiting review); no draft kept for a new question",
                        self.config.max_pending_drafts
                    );
                    DraftOutcome::QueueFull
                }
            }
        } else if self.store.count_draft_repeat(&key)? {
            DraftOutcome::Repeat
        } else {
            DraftOutcome::NotKept
        };
        Ok((answer, outcome))
    }

    /// Answers `question` for `audience` without writing anything: urgent message first when it describes an
    /// emergency, the best matching trusted content when it is trusted enough, otherwise a plain "no trusted
    /// answer" with the nearest items.
    ///
    /// # Errors
    /// [`AnswerError::BadQuestion`] for an empty question, [`AnswerError::QuestionTooLong`] for one longer
    /// than [`MAX_QUESTION_CHARS`]; store or index failures.
    pub fn answer(&self, question: &str, audience: Audience) -> Result<Answer, AnswerError> {
        let question = question.trim();
        if question.is_empty() {
            return Err(AnswerError::BadQuestion("the question is empty".into()));
        }
        check_length(question)?;
        let analysis = analyze_question(&crate::analysis::strip_markup(question), &self.lexicon);
        let articles = self.rank_articles(&analysis)?;
        let parts = self.rank_qa(&analysis)?;
        // A condition the question names must be what a built-in answer is about.
        let subjects = crate::subject::named_subjects(&analysis.cleaned);
        let asked_tests = self.atlas.as_ref().map_or_else(Vec::new, |atlas| tests_named(atlas, &analysis.cleaned));
        // The best-ranked article that covers enough of the question and is about its subject.
        let best_article = articles.iter().find(|(h, _)| {
            h.coverage >= MIN_CONFIDENCE
                && self.about.get(&h.id).is_some_and(|about| crate::subject::covers(&subjects, question, about))
                // A question of another type about the same subject ("how to prevent sciatica") gets the article
                // as related, not as the answer.
                && crate::subject::answers_type(&analysis.types, self.answers.get(&h.id).map_or(&[], Vec::as_slice))
                // A movement or reflex the question names must be one the article is about: weak push-off is
                // not foot drop.
                && (asked_tests.is_empty()
                    || self.tests_named.get(&h.id).is_some_and(|t| asked_tests.iter().any(|a| t.contains(a))))
        });
        let min_qa = self.ranker().threshold();
        let best_qa = parts.first().and_then(|p| p.iter().find(|s| s.trusted)).filter(|s| s.score >= min_qa);
        let article_wins = match (best_article, best_qa) {
            (Some((_, a)), Some(q)) => *a >= q.score,
            (Some(_), None) => true,
            _ => false,
        };
        // A condition named with a word nothing here contains ("gronkle fever") is not answered by its head,
        // unless the word is a slip for a known name (a misspelt "Antiphosoholipid syndrome").
        if let Some((unknown, _)) = crate::subject::modified_conditions(&analysis.cleaned)
            .into_iter()
            .find(|(_, m)| !self.index.knows(m).unwrap_or(true) && !self.lexicon.has_near_word(m))
        {
            let mut answer =
                personalise(crate::compose::no_answer(question, audience, Some(&unknown)), self.glossary());
            self.fill_alternatives(&mut answer, &articles, &[])?;
            if let Some(flag) = triage(question) {
                self.make_urgent(&mut answer, flag, audience)?;
            }
            return Ok(answer);
        }
        let atlas = self
            .atlas_answer(&analysis.cleaned, audience)?
            .filter(|a| {
                let about = crate::subject::About::new(&format!("{} {}", a.title, a.summary), &[]);
                crate::subject::covers(&subjects, question, &about)
            })
            // A skin-area look-up does not answer a question that also describes weakness ("big toe numb and I
            // can't lift my foot") or both sides ("both feet, like socks"): the article about the pattern does.
            .filter(|a| {
                !(best_article.is_some()
                    && crate::subject::describes_more_than_skin(question)
                    && a.title.ends_with("dermatome and nerve supply"))
            })
            // Nor does one look-up answer a question that names findings of two kinds ("can't walk on my heels
            // but the ankle reflex is normal", "numb little finger and weak grip"): an article about the
            // presentation does, when one is trusted enough.
            .filter(|_| !(best_article.is_some() && self.finding_kinds(&analysis.cleaned) >= 2));
        // A question about treatment answered by an article that never uses a treatment word ("treat",
        // "manage", "cure") is at best a partial answer: it gets the notice, however well the rest matches.
        let treatment_unmet = atlas.is_none()
            && article_wins
            && analysis.types.contains(&vesalius_entail::QType::Treatment)
            && best_article.is_some_and(|(h, _)| {
                h.missing.iter().any(|t| t.starts_with("treat") || t.starts_with("manag") || t.starts_with("cure"))
            });
        let mut answer = if let Some(a) = atlas {
            a
        } else if article_wins {
            let (hit, score) = best_article.expect("article_wins implies an article");
            self.article_answer(&hit.id, question, audience, *score)?
                .unwrap_or_else(|| crate::compose::no_answer(question, audience, None))
        } else if let Some(top) = best_qa {
            let chosen = choose(&analysis, &parts, min_qa);
            personalise(compose_qa(question, audience, &chosen, top.score), self.glossary())
        } else {
            // Name the subject nothing covers, so the reader knows what was not found.
            let missing = subjects.iter().find(|s| {
                articles
                    .first()
                    .and_then(|(h, _)| self.about.get(&h.id))
                    .is_none_or(|about| !crate::subject::covers(std::slice::from_ref(s), question, about))
            });
            personalise(crate::compose::no_answer(question, audience, missing.map(String::as_str)), self.glossary())
        };
        self.fill_alternatives(&mut answer, &articles, &parts)?;
        if let Some(flag) = triage(question) {
            self.make_urgent(&mut answer, flag, audience)?;
        } else if middling(&answer, self.ranker().confident()) || treatment_unmet {
            answer.notice = Some(if audience.is_professional() {
                "This may not fully answer your question: it is the closest trusted content found. Check the sources and current guidelines.".into()
            } else {
                "This may not fully answer your question: it is the closest trusted information we have. A doctor, nurse or pharmacist can tell you more.".into()
            });
        }
        Ok(answer)
    }

    /// An article as an answer to its own question (the article page and `GET /api/articles/{slug}`).
    ///
    /// # Errors
    /// A store failure.
    pub fn article(&self, slug: &str, audience: Audience) -> Result<Option<Answer>, AnswerError> {
        let question = self.questions.get(slug).cloned().unwrap_or_default();
        let mut answer = self.article_answer(slug, &question, audience, 1.0)?;
        if let Some(a) = answer.as_mut() {
            let related = self.index.search(&format!("{} {}", a.title, question), 5, Some("article"))?;
            a.follow_ups = related
                .iter()
                .filter(|h| h.id != slug)
                .filter_map(|h| self.questions.get(&h.id).cloned())
                .take(3)
                .collect();
        }
        Ok(answer)
    }

    fn article_answer(
        &self,
        slug: &str,
        question: &str,
        audience: Audience,
        confidence: f32,
    ) -> Result<Option<Answer>, AnswerError> {
        Ok(self.store.published(slug)?.map(|(stored, newer)| {
            let mut a = compose_article(&stored, question, audience, confidence, self.glossary());
            a.update_in_review = newer;
            a
        }))
    }

    /// Article hits with their score: coverage of the question, how squarely the article is about it, and
    /// entailment between the question and the article's own question.
    fn rank_articles(&self, a: &Analysis) -> Result<Vec<(Hit, f32)>, AnswerError> {
        let hits = self.index.search(&a.cleaned, 10, Some("article"))?;
        let top = hits.iter().map(|h| h.score).fold(f32::MIN, f32::max).max(f32::EPSILON);
        let mut scored: Vec<(Hit, f32)> = hits
            .into_iter()
            .map(|h| {
                let rqe = self.questions.get(&h.id).map_or(0.0, |q| self.rqe.score(&a.cleaned, q));
                let s = 0.45 * h.coverage + 0.2 * h.focus + 0.15 * (h.score / top) + 0.2 * rqe;
                (h, s)
            })
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1));
        Ok(scored)
    }

    /// Q&A candidates for each part of the question, best first: BM25's best and, with semantics on, the
    /// pairs nearest in meaning, all scored by the learned ranker on the same features.
    fn rank_qa(&self, a: &Analysis) -> Result<Vec<Vec<Scored>>, AnswerError> {
        let wanted: Vec<&str> = a.types.iter().flat_map(|t| medquad_types(*t).iter().copied()).collect();
        let foci: Vec<String> = a.foci.iter().map(|f| f.to_lowercase()).collect();
        let ranker = self.ranker();
        // The parts, then the whole question (a part can lose what the rest of the message says), each
        // distinct text embedded once.
        let mut texts: Vec<&str> = a.parts.iter().map(String::as_str).collect();
        texts.push(&a.cleaned);
        let mut distinct = texts.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let embedded = match &self.semantic {
            Some(s) if !a.parts.is_empty() => s.embed(&distinct)?,
            _ => Vec::new(),
        };
        let vector_of = |t: &str| distinct.binary_search(&t).ok().and_then(|i| embedded.get(i));
        let vectors: Vec<&Vec<f32>> = texts.iter().filter_map(|t| vector_of(t)).collect();
        let whole = vector_of(&a.cleaned);
        // The nearest pairs by meaning to each part, then to the whole question, in one pass over the vectors.
        let dense: Vec<Vec<(&str, f32)>> = match (&self.semantic, whole) {
            (Some(s), Some(w)) => {
                let queries: Vec<&[f32]> =
                    vectors.iter().take(a.parts.len()).map(|v| v.as_slice()).chain([w.as_slice()]).collect();
                s.pairs.nearest_each(&queries, DENSE_CANDIDATES)
            }
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for (k, part) in a.parts.iter().enumerate() {
            let query = match &a.focus {
                Some(f) if !part.to_lowercase().contains(&f.to_lowercase()) => format!("{part} {f}"),
                _ => part.clone(),
            };
            let mut hits = self.index.search(&query, QA_CANDIDATES, Some("qa"))?;
            let near = self.semantic.as_ref().zip(vectors.get(k).copied()).zip(whole);
            if near.is_some() {
                let have: HashSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
                let mut extra: Vec<&str> = Vec::new();
                let near_ids = dense.get(k).into_iter().flatten().chain(dense.last().into_iter().flatten());
                for &(id, _) in near_ids {
                    if !have.contains(id) && !extra.contains(&id) {
                        extra.push(id);
                    }
                }
                let more = self.index.score_ids(&query, &extra, Some("qa"))?;
                hits.extend(more);
            }
            let top = hits.iter().map(|h| h.score).fold(f32::MIN, f32::max).max(f32::EPSILON);
            let cosines: Vec<(f32, f32)> = hits
                .iter()
                .map(|h| {
                    near.map_or((0.0, 0.0), |((s, v), w)| {
                        (s.pairs.similarity(v, &h.id).unwrap_or(0.0), s.pairs.similarity(w, &h.id).unwrap_or(0.0))
                    })
                })
                .collect();
            let best_part = cosines.iter().map(|c| c.0).fold(0.0f32, f32::max);
            let best_whole = cosines.iter().map(|c| c.1).fold(0.0f32, f32::max);
            let mut scored = Vec::with_capacity(hits.len());
            for (h, (cosine, cosine_whole)) in hits.into_iter().zip(cosines) {
                let Some(pair) = self.store.qa_pair(&h.id)? else { continue };
                let rqe = self.rqe.score(part, &pair.question);
                // Full credit when the pair is about the question's main focus, some for another focus it names.
                let pair_focus = pair.focus.to_lowercase();
                let focus_match = foci.contains(&pair_focus);
                let focus_credit = match foci.iter().position(|f| *f == pair_focus) {
                    Some(0) => 1.0,
                    Some(_) => SECONDARY_FOCUS_CREDIT,
                    None => 0.0,
                };
                let type_match =
                    if wanted.is_empty() { pair.qtype == "information" } else { wanted.contains(&pair.qtype.as_str()) };
                let mut features = vec![
                    f64::from(rqe),
                    f64::from(h.coverage),
                    f64::from(h.focus),
                    f64::from(h.score / top),
                    f64::from(focus_credit),
                    f64::from(u8::from(type_match)),
                ];
                if near.is_some() {
                    features
                        .extend([cosine, cosine - best_part, cosine_whole, cosine_whole - best_whole].map(f64::from));
                }
                let score = ranker.score(&features);
                let trusted = focus_match || rqe >= STRONG_ENTAILMENT || cosine.max(cosine_whole) >= STRONG_COSINE;
                scored.push(Scored { pair, score, features, trusted });
            }
            scored.sort_by(|x, y| y.score.total_cmp(&x.score));
            out.push(scored);
        }
        Ok(out)
    }

    /// Alternatives: for Q&A answers the next ranked pairs (so the answer carries a ranked list of ten), then
    /// the closest articles; for a refusal, the nearest items of both kinds.
    fn fill_alternatives(
        &self,
        answer: &mut Answer,
        articles: &[(Hit, f32)],
        parts: &[Vec<Scored>],
    ) -> Result<(), AnswerError> {
        let shown: Vec<String> = answer.sources.iter().map(|s| s.id.clone()).collect();
        let mut alts: Vec<Alternative> = Vec::new();
        if matches!(answer.kind, AnswerKind::Qa | AnswerKind::None) {
            let room = QA_RANKED.saturating_sub(shown.len());
            alts.extend(
                parts.first().into_iter().flatten().filter(|s| !shown.contains(&s.pair.pair_id)).take(room).map(|s| {
                    Alternative {
                        title: s.pair.focus.clone(),
                        kind: AnswerKind::Qa,
                        id: s.pair.pair_id.clone(),
                        question: Some(tidy_question(&s.pair.question)),
                    }
                }),
            );
        }
        let skip = answer.id.clone();
        alts.extend(articles.iter().filter(|(h, _)| Some(&h.id) != skip.as_ref()).take(3).map(|(h, _)| Alternative {
            title: h.title.clone(),
            kind: AnswerKind::Article,
            id: h.id.clone(),
            question: self.questions.get(&h.id).cloned(),
        }));
        if alts.is_empty() {
            // Nothing shares a word with the question: offer what the knowledge base covers.
            alts = self
                .store
                .articles()?
                .into_iter()
                .take(5)
                .map(|a| Alternative {
                    title: a.title,
                    kind: AnswerKind::Article,
                    id: a.slug,
                    question: Some(a.question),
                })
                .collect();
        }
        // The ranked list stays whole (the LiveQA measures read it); what the reader is offered next does not
        // repeat a question shown or offered, nor a MedQuAD document already offered.
        let mut keys: HashSet<String> = answer.sections.iter().map(|s| question_key(&s.heading)).collect();
        let mut docs: HashSet<&str> = HashSet::new();
        answer.follow_ups = alts
            .iter()
            .filter_map(|a| {
                let q = a.question.as_ref()?;
                let doc = (a.kind == AnswerKind::Qa).then(|| document_of(&a.id));
                if keys.contains(&question_key(q)) || doc.is_some_and(|d| docs.contains(d)) {
                    return None;
                }
                keys.insert(question_key(q));
                docs.extend(doc);
                Some(q.clone())
            })
            .take(3)
            .collect();
        answer.alternatives = alts;
        Ok(())
    }

    /// The urgent-care message for `flag`, with the configured emergency number and crisis line.
    pub fn urgent_message(&self, flag: RedFlag, audience: Audience) -> String {
        crate::triage::message(
            flag,
            audience,
            self.config.emergency_number.as_deref(),
            self.config.crisis_line.as_deref(),
        )
    }

    /// Puts the urgent-care message first. When the answer has no content of its own and the flag has a
    /// topic, the article about the emergency is attached below the message so the advice carries its sources.
    /// For suicide and self-harm the crisis message stands alone: no article or Q&A text is shown.
    fn make_urgent(&self, answer: &mut Answer, flag: RedFlag, audience: Audience) -> Result<(), AnswerError> {
        if answer.kind != AnswerKind::Article {
            if let Some(topic) = flag.topic() {
                if let Some(hit) = self.index.search(topic, 1, Some("article"))?.first() {
                    if let Some(mut a) = self.article_answer(&hit.id, &answer.question, audience, hit.coverage)? {
                        a.alternatives = std::mem::take(&mut answer.alternatives);
                        a.follow_ups = std::mem::take(&mut answer.follow_ups);
                        *answer = a;
                    }
                }
            }
        }
        let message = self.urgent_message(flag, audience);
        if answer.kind == AnswerKind::None {
            // Nothing trusted matched: the message is the answer, not a refusal. Built-in articles that merely
            // share a word are not offered beneath an emergency; ranked Q&A pairs stay (they may be about it).
            answer.title = flag.heading().to_string();
            answer.summary = message.clone();
            answer.alternatives.retain(|a| a.kind == AnswerKind::Qa);
            let offered: Vec<String> = answer.alternatives.iter().filter_map(|a| a.question.clone()).collect();
            answer.follow_ups.retain(|f| offered.contains(f));
        }
        if flag == RedFlag::SuicideSelfHarm {
            answer.title = flag.heading().to_string();
            answer.id = None;
            answer.status = None;
            answer.summary = message.clone();
            answer.sections.clear();
            answer.references.clear();
            answer.sources.clear();
            answer.folded.clear();
            answer.alternatives.clear();
            answer.follow_ups.clear();
            answer.approved_by = None;
            answer.approved_at = None;
            answer.last_updated = None;
        }
        answer.kind = AnswerKind::Urgent;
        answer.safety = Safety {
            urgent: true,
            message: Some(message),
            basis: flag.basis().iter().filter_map(|id| self.references.get(*id).cloned()).collect(),
        };
        Ok(())
    }
}

/// The movements and reflexes a text names, by atlas id.
fn tests_named(atlas: &vesalius_atlas::Atlas, text: &str) -> Vec<String> {
    use vesalius_atlas::MentionKind::{Movement, Reflex};
    let mut ids: Vec<String> =
        atlas.mentions(text).into_iter().filter(|m| matches!(m.kind, Movement | Reflex)).map(|m| m.id).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Below these confidences an answer says it may not fully answer the question: articles (the blended score
/// of `rank_articles`), atlas look-ups and Q&A pairs. Set on the questions of `tests/data/subject-probe.tsv`
/// where correct answers below them were partial (a treatment question answered by an article that only
/// touches on treatment) and most wrong ones fell below them too.
const NOTICE_BELOW_ARTICLE: f32 = 0.65;
const NOTICE_BELOW_ATLAS: f32 = 0.75;

/// True when the answer's confidence is middling for its kind (for Q&A, below `qa` from the ranker).
fn middling(a: &Answer, qa: f32) -> bool {
    match a.kind {
        AnswerKind::Article => a.confidence < NOTICE_BELOW_ARTICLE,
        AnswerKind::Atlas => a.confidence < NOTICE_BELOW_ATLAS,
        AnswerKind::Qa => a.confidence < qa,
        AnswerKind::Urgent | AnswerKind::None => false,
    }
}

/// The pairs an answer shows: the best for each part; for a one-part question also the next two good ones
/// that ask something different. A pair whose text is not stored (a pointer to its page) is followed by the
/// best lower-ranked pair of its part with stored text about the same focus, shown beneath it (not a ranked
/// source), unless a chosen pair already shows text about that focus.
fn choose(a: &Analysis, parts: &[Vec<Scored>], min_qa: f32) -> Vec<Chosen> {
    let mut chosen: Vec<Chosen> = Vec::new();
    for (part, ranked) in a.parts.iter().zip(parts) {
        let take = if a.parts.len() == 1 { 3 } else { 1 };
        for s in ranked.iter().filter(|s| s.trusted && s.score >= min_qa).take(take) {
            if chosen.iter().any(|c| c.pair.pair_id == s.pair.pair_id || c.pair.question == s.pair.question) {
                continue;
            }
            chosen.push(Chosen { part: part.clone(), pair: s.pair.clone(), beneath: false });
        }
    }
    let mut i = 0;
    while i < chosen.len() {
        let c = &chosen[i];
        let focus = c.pair.focus.to_lowercase();
        let shown =
            |chosen: &[Chosen]| chosen.iter().any(|o| o.pair.answer.is_some() && o.pair.focus.to_lowercase() == focus);
        if c.pair.answer.is_none() && !c.beneath && !shown(&chosen) {
            let ranked = a.parts.iter().position(|p| *p == c.part).and_then(|k| parts.get(k));
            let below = ranked.into_iter().flatten().skip_while(|s| s.pair.pair_id != c.pair.pair_id).skip(1);
            let found = below
                .filter(|s| s.pair.answer.is_some() && s.pair.focus.to_lowercase() == focus)
                .find(|s| chosen.iter().all(|o| o.pair.pair_id != s.pair.pair_id));
            if let Some(s) = found {
                let part = c.part.clone();
                chosen.insert(i + 1, Chosen { part, pair: s.pair.clone(), beneath: true });
                i += 1;
            }
        }
        i += 1;
    }
    chosen
}

/// Words that change what a question asks although they are stopwords elsewhere.
const NEGATIONS: &[&str] = &["no", "not", "without", "never"];

/// The key under which two askings of a question share one draft: the question without greetings,
/// sign-offs and markup, reduced to its normalised content terms (stopwords and filler such as "please"
/// dropped, spelling variants and inflections merged), each once, sorted, and a mark when it has a
/// negation. So "Can shingles be spread to a baby?", "hi, can shingles spread to my baby?? thanks" and
/// "CAN SHINGLES SPREAD TO BABIES" are one draft, and so are "How is gout treated?" and "what is the
/// treatment for gout". A question with no content terms keys by its lowercase words.
pub fn draft_key(question: &str) -> String {
    let cleaned = crate::analysis::clean(&crate::analysis::strip_markup(question));
    let mut terms: Vec<String> = vesalius_entail::content_terms(&cleaned);
    terms.sort();
    terms.dedup();
    if crate::analysis::words(&cleaned).iter().any(|w| NEGATIONS.contains(&w.as_str())) {
        terms.push("(not)".into());
    }
    if terms.is_empty() {
        crate::analysis::words(question).join(" ")
    } else {
        terms.join(" ")
    }
}
