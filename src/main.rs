fn main() -> std::process::ExitCode {
    casenote::cli::main()
}
