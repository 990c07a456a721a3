//! The first thing the x86-64-v3 build does: check that this CPU can run it, and say so
//! instead of dying on an illegal instruction on an older one.
//!
//! The build targets x86-64-v3 (.cargo/config.toml) because `wide` picks its AVX2 and FMA
//! instructions at compile time, so every crate but std may use them anywhere. The check
//! cannot be `is_x86_feature_detected!`: in this build the macro is `true` at compile time and
//! checks nothing. So it asks CPUID and XGETBV itself, in a function that is never inlined
//! into AVX code, and prints with std (prebuilt for baseline x86-64) on a byte string. `main`
//! calls it before anything else and does its work in a function of its own, so no VEX
//! instruction runs before it (`tests/cpu_guard.rs` runs the binary on an emulated Westmere).
//! A build without AVX2 (no target-cpu) runs on any x86-64 and compiles none of this.

use std::io::Write;

/// What an older CPU is told, with the way to build for it.
const MESSAGE: &[u8] = b"skypie: this build needs an x86-64 CPU with AVX2 and FMA \
    (x86-64-v3, 2013 or later); build it without `-C target-cpu=x86-64-v3` \
    (see .cargo/config.toml) to run on this one\n";

/// Stops with the message and the usage error's exit code unless this CPU can run the build.
pub fn exit_unless_supported() {
    if !cpu_supports_build() {
        let _ = std::io::stderr().write_all(MESSAGE);
        std::process::exit(crate::terminal::USAGE_STATUS.into());
    }
}

/// Whether the CPU has all of x86-64-v3 (AVX, AVX2, FMA, BMI1, BMI2, LZCNT, MOVBE, F16C) and
/// the OS saves the YMM registers.
#[inline(never)]
fn cpu_supports_build() -> bool {
    use std::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
    // SAFETY: CPUID exists on every x86-64 CPU, and XGETBV is executed only once CPUID says
    // OSXSAVE (the OS has enabled it).
    unsafe {
        // Leaf 7 holds AVX2 and the BMIs; a CPU without it has none of them.
        if __cpuid(0).eax < 7 {
            return false;
        }
        let leaf1 = __cpuid(1);
        let fma = leaf1.ecx & (1 << 12) != 0;
        let osxsave = leaf1.ecx & (1 << 27) != 0;
        let avx = leaf1.ecx & (1 << 28) != 0;
        if !(fma && osxsave && avx) {
            return false;
        }
        // XCR0 bits 1 and 2: the OS saves XMM and YMM state.
        if _xgetbv(0) & 0b110 != 0b110 {
            return false;
        }
        let leaf7 = __cpuid_count(7, 0);
        let avx2 = leaf7.ebx & (1 << 5) != 0;
        let bmi1 = leaf7.ebx & (1 << 3) != 0;
        let bmi2 = leaf7.ebx & (1 << 8) != 0;
        let lzcnt = __cpuid(0x8000_0001).ecx & (1 << 5) != 0;
        let movbe = leaf1.ecx & (1 << 22) != 0;
        let f16c = leaf1.ecx & (1 << 29) != 0;
        avx2 && bmi1 && bmi2 && lzcnt && movbe && f16c
    }
}
