//! The `vesalius` command. `main` only turns the result of [`run`] into an exit code.

mod analysis_eval;
mod args;
mod commands;
mod data;
mod models;
mod output;
mod ranker_train;
mod settings;

/// Output piped into a command that stops reading (`vesalius articles | head -1`) ends the program quietly,
/// as other command-line tools do, instead of with a panic message: `println!` panics on a closed pipe.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> std::process::ExitCode {
    quiet_on_closed_pipe();
    let cli = match settings::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        // `--help`, `--version` and usage errors print as clap prints them, with its exit code.
        Err(e) => match e.downcast::<clap::Error>() {
            Ok(e) => e.exit(),
            Err(e) => {
                eprintln!("error: {e:#}");
                return std::process::ExitCode::FAILURE;
            }
        },
    };
    if let Err(e) = vesalius_web::init_logging(cli.global.log_format.into()) {
        eprintln!("error: {e}");
        return std::process::ExitCode::FAILURE;
    }
    match commands::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
