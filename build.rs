//! Whether the release binaries can be linked statically against glibc (see tools/link-gcc,
//! which .cargo/config.toml makes the linker): only when the C compiler finds glibc's
//! static libraries. Without them the build goes on, dynamically linked, and says so.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=tools/link-gcc");
    println!("cargo:rerun-if-env-changed=TWOFA_LINK_STATIC");
    let target = std::env::var("TARGET").unwrap_or_default();
    let wanted = std::env::var("TWOFA_LINK_STATIC").map_or(true, |v| v != "0");
    if !wanted || !target.ends_with("-linux-gnu") {
        return;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let found = Command::new(&cc)
        .arg("-print-file-name=libc.a")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|p| p.trim().to_string())
        .is_some_and(|p| p.starts_with('/') && std::path::Path::new(&p).is_file());
    if found {
        println!("cargo:rustc-env=TWOFA_LINK_STATIC=1");
    } else if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!(
            "cargo:warning=glibc's static libc.a was not found ({cc} -print-file-name=libc.a): \
             twofa is linked dynamically and each command starts about 0.7 ms slower \
             (install libc6-dev, or its equivalent, for the static build)"
        );
    }
}
