//! The `courtesy` binary: the command line (`cli`) over the core, and the
//! game from the `courtesy` library when it is built with the `gui` feature.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
