//! The binary on an older CPU (emulated by qemu-user): the x86-64-v3 build says it needs a newer
//! one and exits 2 instead of dying on an illegal instruction, and runs on a v3 CPU; a build
//! without AVX2 runs on the older one. Needs qemu-user (`.ci/run` installs it).
#![cfg(target_arch = "x86_64")]

use std::process::{Command, Output};

/// `skypie --version` on qemu's model of `cpu`.
fn version_on(cpu: &str) -> Output {
    let available = Command::new("qemu-x86_64")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        available,
        "these tests need qemu-x86_64: apt-get install qemu-user"
    );
    Command::new("qemu-x86_64")
        .args(["-cpu", cpu, env!("CARGO_BIN_EXE_skypie"), "--version"])
        .output()
        .expect("qemu-x86_64 starts")
}

/// Standard error without qemu's own warnings about CPU features it cannot emulate.
fn skypie_stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| !line.contains("TCG doesn't support requested feature"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Standard output, exit status and standard error, shown when an assertion fails.
fn shown(output: &Output) -> String {
    format!(
        "{:?}, stdout {:?}, stderr {:?}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        skypie_stderr(output)
    )
}

/// Exit 0, the version on standard output and nothing from skypie on standard error.
fn runs_normally(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", shown(output));
    let version = format!("skypie {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(output.stdout, version.as_bytes(), "{}", shown(output));
    assert_eq!(skypie_stderr(output), "", "{}", shown(output));
}

#[cfg(target_feature = "avx2")]
#[test]
fn the_v3_build_on_a_pre_avx2_cpu_says_what_it_needs_and_exits_2() {
    let output = version_on("Westmere");
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert_eq!(output.stdout, b"", "{}", shown(&output));
    assert_eq!(
        skypie_stderr(&output),
        "skypie: this build needs an x86-64 CPU with AVX2 and FMA (x86-64-v3, 2013 or later); \
         build it without `-C target-cpu=x86-64-v3` (see .cargo/config.toml) to run on this \
         one\n"
    );
}

#[cfg(target_feature = "avx2")]
#[test]
fn the_v3_build_runs_on_an_avx2_cpu() {
    runs_normally(&version_on("Haswell"));
}

#[cfg(not(target_feature = "avx2"))]
#[test]
fn a_build_without_avx2_runs_on_a_pre_avx2_cpu() {
    runs_normally(&version_on("Westmere"));
}
