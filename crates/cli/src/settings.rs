//! The settings file (`--config FILE` or `VESALIUS_CONFIG`): TOML whose keys mirror the flags, layered under
//! them. A flag wins over its environment variable, which wins over the file, which wins over the default
//! (docs/decision-observability.md). Clap resolves flag and environment; a key of the file fills in only an
//! option clap left absent or at its default. Unknown keys are errors naming the key, the file and the line.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use serde::Deserialize;

use crate::args::{Cli, Command, LogFormatArg};

/// The keys of a settings file; each is the long flag of the same name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileSettings {
    db: Option<PathBuf>,
    content: Option<PathBuf>,
    models: Option<PathBuf>,
    emergency_number: Option<String>,
    crisis_line: Option<String>,
    retention_days: Option<u32>,
    bind: Option<IpAddr>,
    port: Option<u16>,
    trust_proxy: Option<bool>,
    log_format: Option<LogFormatArg>,
}

impl FileSettings {
    /// Parses the text of the settings file at `path` (named in errors).
    pub(crate) fn parse(path: &Path, text: &str) -> Result<FileSettings> {
        let s: FileSettings =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
        if let Some(days) = s.retention_days.filter(|d| !(1..=3650).contains(d)) {
            bail!("{}: retention_days must be between 1 and 3650; got {days}", path.display());
        }
        Ok(s)
    }

    /// Reads and parses the settings file at `path`.
    pub(crate) fn load(path: &Path) -> Result<FileSettings> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading the settings file {}", path.display()))?;
        FileSettings::parse(path, &text)
    }
}

/// Whether clap left the option `id` to the file: neither a flag nor an environment variable gave it.
fn open_to_file(m: &ArgMatches, id: &str) -> bool {
    matches!(m.value_source(id), None | Some(ValueSource::DefaultValue))
}

fn fill<T>(slot: &mut T, m: &ArgMatches, id: &str, from_file: Option<T>) {
    if let Some(v) = from_file.filter(|_| open_to_file(m, id)) {
        *slot = v;
    }
}

/// Fills in the options of `cli` (parsed into `m`) that neither a flag nor the environment gave from `file`.
pub(crate) fn layer(cli: &mut Cli, m: &ArgMatches, file: FileSettings) {
    let g = &mut cli.global;
    fill(&mut g.db, m, "db", file.db.map(Some));
    fill(&mut g.content, m, "content", file.content.map(Some));
    fill(&mut g.models, m, "models", file.models.map(Some));
    fill(&mut g.emergency_number, m, "emergency_number", file.emergency_number.map(Some));
    fill(&mut g.crisis_line, m, "crisis_line", file.crisis_line.map(Some));
    fill(&mut g.retention_days, m, "retention_days", file.retention_days);
    fill(&mut g.log_format, m, "log_format", file.log_format);
    if let (Command::Serve { bind, port, trust_proxy }, Some(("serve", sm))) = (&mut cli.command, m.subcommand()) {
        fill(bind, sm, "bind", file.bind);
        fill(port, sm, "port", file.port);
        fill(trust_proxy, sm, "trust_proxy", file.trust_proxy);
    }
}

/// Parses `args` (the program name first) and layers the settings file under them, when one is named.
///
/// # Errors
/// Arguments clap refuses (including `--help` and `--version`, which the caller prints: they are
/// [`clap::Error`]s), or a settings file that cannot be read or has an unknown key or a bad value.
pub(crate) fn parse_from<I, T>(args: I) -> Result<Cli>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let m = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&m)?;
    if let Some(path) = cli.global.config.clone() {
        layer(&mut cli, &m, FileSettings::load(&path)?);
    }
    Ok(cli)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn with_file(toml: &str, args: &[&str]) -> Result<Cli> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(toml.as_bytes()).unwrap();
        let path = f.path().to_str().unwrap().to_string();
        let mut all = vec!["vesalius", "--config", &path];
        all.extend_from_slice(args);
        parse_from(all)
    }

    fn serve_of(cli: &Cli) -> (IpAddr, u16, bool) {
        match cli.command {
            Command::Serve { bind, port, trust_proxy } => (bind, port, trust_proxy),
            _ => panic!("not serve"),
        }
    }

    const FILE: &str = "db = \"/srv/v.db\"\nport = 9001\nbind = \"0.0.0.0\"\ntrust_proxy = true\nretention_days = 7\n\
                        log_format = \"json\"\nemergency_number = \"112\"\n";

    #[test]
    fn the_file_fills_in_what_no_flag_gives_and_beats_the_defaults() {
        let cli = with_file(FILE, &["serve"]).unwrap();
        assert_eq!(serve_of(&cli), ("0.0.0.0".parse().unwrap(), 9001, true));
        let g = &cli.global;
        assert_eq!(g.db.as_deref(), Some(Path::new("/srv/v.db")));
        assert_eq!((g.retention_days, g.log_format), (7, LogFormatArg::Json));
        assert_eq!(g.emergency_number.as_deref(), Some("112"));
    }

    #[test]
    fn flags_beat_the_file() {
        let cli = with_file(
            FILE,
            &["--db", "/tmp/x.db", "--retention-days", "9", "--log-format", "text", "serve", "--port", "7"],
        )
        .unwrap();
        assert_eq!(serve_of(&cli).1, 7);
        assert_eq!(
            serve_of(&cli).0,
            "0.0.0.0".parse::<IpAddr>().unwrap(),
            "keys without a flag still come from the file"
        );
        assert_eq!(cli.global.db.as_deref(), Some(Path::new("/tmp/x.db")));
        assert_eq!((cli.global.retention_days, cli.global.log_format), (9, LogFormatArg::Text));
    }

    #[test]
    fn without_a_file_the_defaults_stand() {
        let cli = parse_from(["vesalius", "serve"]).unwrap();
        assert_eq!(serve_of(&cli), ("127.0.0.1".parse().unwrap(), 8080, false));
        assert_eq!(cli.global.log_format, LogFormatArg::Text);
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_the_key_the_file_and_the_line() {
        let e = with_file("db = \"a.db\"\nprot = 80\n", &["check"]).unwrap_err().to_string();
        assert!(e.contains("prot") && e.contains("line 2"), "{e}");
        assert!(e.contains(std::env::temp_dir().to_str().unwrap()), "names the file: {e}");
    }

    #[test]
    fn bad_values_in_the_file_are_errors() {
        let e = with_file("port = 70000\n", &["serve"]).unwrap_err().to_string();
        assert!(e.contains("port"), "{e}");
        let e = with_file("retention_days = 0\n", &["check"]).unwrap_err().to_string();
        assert!(e.contains("retention_days must be between 1 and 3650; got 0"), "{e}");
        let e = with_file("log_format = \"xml\"\n", &["check"]).unwrap_err().to_string();
        assert!(e.contains("xml"), "{e}");
        assert!(parse_from(["vesalius", "--config", "/no/such/file.toml", "check"]).is_err());
    }
}
