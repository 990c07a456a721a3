//! The mark on the last line of an output a person may edit (the board report, a summary as a
//! table or in Markdown): a digest of the text above it, so that a file changed by hand since
//! skypie wrote it is told from one as written, which a new output may replace (README,
//! "Saving, merging and recovery"). An HTML comment, unseen on the page and in rendered
//! Markdown: `<!-- skypie report, fnv-1a 64: 0123456789abcdef -->`.

/// The board report's name in its mark.
pub const REPORT: &str = "report";

/// `eval`'s summary's name in its mark (as a table or in Markdown).
pub const SUMMARY: &str = "summary";

/// The live session's comparison with its baseline's name in its mark (in Markdown).
pub const COMPARISON: &str = "comparison";

/// What begins the mark, before the output's noun (`report`, `summary`).
const MARK_BEGINS: &str = "<!-- skypie ";

/// What follows the noun, before the digest: the hash that makes it, named.
const DIGEST_IS: &str = ", fnv-1a 64: ";

/// What ends the mark.
const MARK_ENDS: &str = " -->";

/// FNV-1a, 64 bits: the same for the same bytes on every version and machine (std's
/// `DefaultHasher` is not), and a few lines.
fn fnv1a_64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// `text` with the mark of the output `noun` on a line of its own after it.
pub fn signed(mut text: String, noun: &str) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let digest = fnv1a_64(text.as_bytes());
    text + &format!("{MARK_BEGINS}{noun}{DIGEST_IS}{digest:016x}{MARK_ENDS}\n")
}

/// What the mark of `noun` says of a file's text ([`signed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// No mark: no such output, or one skypie wrote before it marked them.
    Unsigned,
    /// The mark on the last line, its digest the text's above it: as skypie wrote it.
    Intact,
    /// A mark elsewhere than on the last line, or a digest the text no longer has.
    Changed,
}

/// What `text`'s mark of the output `noun` says of it: its line ends turned to CRLF (a Windows
/// editor, git's autocrlf), its last one stripped by an editor or a byte order mark put before
/// it (Notepad, PowerShell 5's `Out-File`) is no change.
pub fn signature(text: &str, noun: &str) -> Signature {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match signature_as_is(text, noun) {
        Signature::Changed if text.contains("\r\n") => {
            signature_as_is(&text.replace("\r\n", "\n"), noun)
        }
        found => found,
    }
}

/// [`signature`] of `text` byte for byte, but for a missing final newline after the mark.
fn signature_as_is(text: &str, noun: &str) -> Signature {
    let begins = format!("{MARK_BEGINS}{noun}{DIGEST_IS}");
    let Some(at) = text.rfind(&begins) else {
        return Signature::Unsigned;
    };
    let (above, mark) = text.split_at(at);
    let mark = &mark[begins.len()..];
    let digest = mark
        .strip_suffix('\n')
        .unwrap_or(mark)
        .strip_suffix(MARK_ENDS);
    let as_written = (above.is_empty() || above.ends_with('\n'))
        && digest == Some(&format!("{:016x}", fnv1a_64(above.as_bytes())));
    if as_written {
        Signature::Intact
    } else {
        Signature::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_an_editor_put_before_a_signed_text_is_no_change() {
        // Refused as "changed since it was written", with nothing but the mark added.
        let signed = signed("| P(feasible) | 42% |\n".to_string(), SUMMARY);
        let with_bom = format!("\u{feff}{signed}");
        assert_eq!(signature(&with_bom, SUMMARY), Signature::Intact);
        assert_eq!(
            signature(&with_bom.replace("42%", "92%"), SUMMARY),
            Signature::Changed
        );
    }

    #[test]
    fn fnv1a_64_gives_the_published_digests() {
        // The reference values of FNV's authors (Fowler, Noll, Vo: test vectors).
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_signed_text_is_intact_and_any_change_to_it_is_seen() {
        let signed = signed(
            "<html>\n<p>P(feasible) 42%</p>\n</html>".to_string(),
            REPORT,
        );
        assert_eq!(signature(&signed, REPORT), Signature::Intact);
        let edited = signed.replace("42%", "92%");
        let appended = format!("{signed}my note\n");
        let cut = signed.replace("<!-- skypie report, fnv-1a 64: ", "<!-- ");
        assert_eq!(
            [&edited, &appended].map(|text| signature(text, REPORT)),
            [Signature::Changed; 2]
        );
        assert_eq!(signature(&cut, REPORT), Signature::Unsigned);
        assert_eq!(signature(&signed, SUMMARY), Signature::Unsigned);
    }

    /// A report as skypie writes it, for the tests of what an editor does to its line ends.
    fn a_report() -> String {
        signed(
            "<html>\n<p>P(feasible) 42%</p>\n</html>\n".to_string(),
            REPORT,
        )
    }

    #[test]
    fn a_signed_text_with_its_line_ends_turned_to_crlf_is_intact() {
        let crlf = a_report().replace('\n', "\r\n");
        assert_eq!(signature(&crlf, REPORT), Signature::Intact);
    }

    #[test]
    fn a_signed_text_without_its_final_newline_is_intact() {
        let stripped = a_report().trim_end_matches('\n').to_string();
        assert_eq!(signature(&stripped, REPORT), Signature::Intact);
    }

    #[test]
    fn a_signed_text_turned_to_crlf_with_a_word_changed_is_changed() {
        let edited = a_report().replace('\n', "\r\n").replace("42%", "92%");
        assert_eq!(signature(&edited, REPORT), Signature::Changed);
    }
}
