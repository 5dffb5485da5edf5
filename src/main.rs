//! The `twofa` binary: everything lives in the library.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    forbid_core_dumps();
    twofa::cli::main()
}

/// The master key, seeds and passwords live in this process's memory: a core dump would
/// write them to disk for whoever reads crash reports (systemd-coredump, apport). Done first,
/// before any secret is loaded. Best effort: where the kernel refuses, twofa still works.
/// The zero core limit is inherited by hooks and the SMS gateway; non-dumpable is not (it is
/// reset by exec).
fn forbid_core_dumps() {
    let none = rustix::process::Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = rustix::process::setrlimit(rustix::process::Resource::Core, none);
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}
