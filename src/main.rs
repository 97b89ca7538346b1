fn main() -> std::process::ExitCode {
    vzysk::cmd::main()
}
