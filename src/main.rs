//! The `courtesy` binary: hands the command line to `courtesy::cli`.

fn main() -> std::process::ExitCode {
    courtesy::cli::main()
}
