//! Reading scenario and data files safely: a size cap, a folder or a missing file said by
//! name, and text in another encoding (UTF-16, Windows-1252, a workbook) said as such, with
//! how to save it as UTF-8.

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt;

use skypie::scenario::{Diagnostic, ScenarioError};
use skypie::source::Source;

use super::{FOLDER, MAX_FILE_BYTES, in_deleted_folder, named_as_data};

/// Why `source` could not be read as a scenario: `e`, or where it is named as data (`.csv`),
/// that it is actuals, with how `skypie fit` reads them (their header was told as TOML:
/// "quarter: found `quarter` with no value"), unless its `text` reads as a scenario. For
/// `eval`, `check`, `report` and `plan`.
pub fn told_as_data(e: ScenarioError, source: &Source, text: &str) -> ScenarioError {
    // A scenario named so keeps its own error: its first line of text is a key or a table.
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let reads_as_toml = first.is_some_and(|l| l.contains('=') || l.starts_with('['));
    if source.is_stdin() || !named_as_data(source.path()) || reads_as_toml {
        return e;
    }
    let found = "a data file (actuals, as skypie fit reads them)";
    let d = Diagnostic::new(None, found, "a scenario file (.toml)").hint(format!(
        "skypie fit {} --column NAME fits an input to a column of it; --into plan.toml --key \
         KEY writes the fit into a plan",
        source.as_command_word()
    ));
    ScenarioError::single(source.as_typed(), d)
}

/// Reads the text of a scenario file or standard input, refusing directories, huge files and
/// anything that is not UTF-8, each with a message naming the file.
pub fn read_text(source: &Source) -> Result<String, ScenarioError> {
    read_limited(source, FileKind::Scenario)
}

/// Reads a CSV file of past actuals (`skypie fit`) as [`read_text`] reads a scenario.
pub fn read_data(source: &Source) -> Result<String, ScenarioError> {
    read_limited(source, FileKind::Csv)
}

/// What a text file read by [`read_limited`] should be, as its messages say it.
#[derive(Clone, Copy)]
enum FileKind {
    Scenario,
    Csv,
}

impl FileKind {
    /// What the file should be: the "expected" of a missing file or a folder.
    fn what(self) -> &'static str {
        match self {
            FileKind::Scenario => "a scenario file (.toml)",
            FileKind::Csv => "a CSV file with a header row",
        }
    }

    /// The "expected" of a file that is there but cannot be read.
    fn readable(self) -> &'static str {
        match self {
            FileKind::Scenario => "a readable scenario file",
            FileKind::Csv => "a readable CSV file",
        }
    }

    /// The "expected" of text in another encoding.
    fn utf8(self) -> &'static str {
        match self {
            FileKind::Scenario => "a UTF-8 text file (TOML)",
            FileKind::Csv => "a UTF-8 text file (CSV)",
        }
    }

    /// The name of the "save as" choice that writes UTF-8 (a spreadsheet's, for CSV).
    fn save_as(self) -> &'static str {
        match self {
            FileKind::Scenario => "UTF-8",
            FileKind::Csv => "CSV UTF-8",
        }
    }
}

/// Reads a text file of at most [`MAX_FILE_BYTES`], with messages saying what `kind` of file
/// it should be.
fn read_limited(source: &Source, kind: FileKind) -> Result<String, ScenarioError> {
    let bytes = read_bytes(source, kind)?;
    decoded(bytes, source.as_typed(), kind)
}

/// The bytes of `source`, at most [`MAX_FILE_BYTES`]; a folder, a missing or unreadable file,
/// a pipe nothing writes into and a larger file each said so.
fn read_bytes(source: &Source, kind: FileKind) -> Result<Vec<u8>, ScenarioError> {
    let what = kind.what();
    let path = source.as_typed();
    let fail = |found: String, expected: &str| {
        ScenarioError::single(path, Diagnostic::new(None, found, expected))
    };
    let mut bytes = Vec::new();
    let read = match source {
        Source::Stdin => read_capped(io::stdin(), &mut bytes),
        Source::File { path, .. } => match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(fail(FOLDER.into(), what));
            }
            Ok(meta) if meta.file_type().is_fifo() => match read_pipe(path, &mut bytes) {
                Ok(0) => return Err(fail(UNWRITTEN_PIPE.into(), what)),
                read => read,
            },
            Ok(_) => fs::File::open(path).and_then(|f| read_capped(f, &mut bytes)),
            Err(e) => Err(e),
        },
    };
    if let Err(e) = read {
        return Err(match e.kind() {
            io::ErrorKind::NotFound if matches!(source, Source::File { path, .. } if in_deleted_folder(path)) => {
                fail("no such file: the current folder was deleted".into(), what)
            }
            io::ErrorKind::NotFound => fail("no such file".into(), what),
            _ => fail(format!("an unreadable file ({e})"), kind.readable()),
        });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            format!("a file over {} MiB", MAX_FILE_BYTES / 1024 / 1024),
            &format!("{what} of at most {} MiB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

/// Reads `reader` into `bytes`, at most [`MAX_FILE_BYTES`] and one more (so that a larger file
/// is told by its size).
fn read_capped(reader: impl Read, bytes: &mut Vec<u8>) -> io::Result<usize> {
    reader.take(MAX_FILE_BYTES + 1).read_to_end(bytes)
}

/// `bytes`, read from `path`, as UTF-8 text; text in another encoding (UTF-16, UTF-32,
/// Windows-1252, Mac OS Roman) and a file that is no text (a workbook, an image) each said so,
/// with how to save it as UTF-8.
fn decoded(bytes: Vec<u8>, path: &str, kind: FileKind) -> Result<String, ScenarioError> {
    // Excel's "Unicode Text" and Notepad's "Unicode" are UTF-16, which starts with a byte
    // order mark that is never UTF-8. Written without one, its Latin text is valid UTF-8 with
    // a 0 after (or before) each letter, and read as such it named a column `q\u0000u\u0000…`.
    let wide = wide_encoding(&bytes).map(|wide| match wide {
        Wide::Utf32 { .. } => "UTF-32 text (every character four bytes)",
        Wide::Utf16 { marked: true, .. } => "UTF-16 text (its byte order mark says so)",
        Wide::Utf16 { marked: false, .. } => {
            "UTF-16 text without a byte order mark (every other byte is 0)"
        }
    });
    if let Some(found) = wide {
        let mut d = Diagnostic::new(
            None,
            found,
            format!("{}: save it as {}", kind.utf8(), kind.save_as()),
        );
        d.location = Some(skypie::scenario::error::line_column("", 0));
        return Err(ScenarioError::single(path, d));
    }
    // A workbook, an image or any other file that is not text: said so, not read as text in
    // another encoding (a PNG's first byte was "`\x89` is `‰` in Windows-1252 …").
    if let Some(found) = not_text(&bytes, kind) {
        let mut d = Diagnostic::new(None, found.to_string(), kind.utf8());
        // At its 0 byte, where a text holds one (a stray byte on line 40 was said at 1:1).
        let at = match found {
            NotText::Kind(_) => 0,
            NotText::ZeroByte(at) => at,
        };
        let before = String::from_utf8_lossy(&bytes[..at]);
        d.location = Some(skypie::scenario::error::line_column(&before, before.len()));
        return Err(ScenarioError::single(path, d));
    }
    // Carriage returns alone end its lines: an old Mac's text, in Mac OS Roman.
    let mac = bytes.contains(&b'\r') && !bytes.contains(&b'\n');
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bad = e
            .utf8_error()
            .error_len()
            .unwrap_or(e.as_bytes().len() - valid);
        let bad = &e.as_bytes()[valid..valid + bad];
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let mut d = Diagnostic::new(
            None,
            "bytes that are not UTF-8 text",
            format!("{}: {}", kind.utf8(), not_utf8(bad, kind, mac)),
        );
        // At the line people see it on, whatever ends the lines before it.
        let text = skypie::text::with_newlines(&text);
        d.location = Some(skypie::scenario::error::line_column(&text, text.len()));
        ScenarioError::single(path, d)
    })
}

/// What a pipe read empty is, as "found" says it: one nothing has open to write (a FIFO left
/// among `*.toml`), or an empty file piped in (`<(cat empty.toml)`).
const UNWRITTEN_PIPE: &str = "a pipe with nothing written into it";

/// Reads a named pipe (`<(cat plan.toml)`, or a FIFO made by `mkfifo`) into `bytes`, at most
/// [`MAX_FILE_BYTES`] and one more. Opening one blocks until something opens it to write,
/// which a stray FIFO among `*.toml` never gets: a batch hung there without a word. So it is
/// opened without waiting, then read waiting for what is written: one that nothing has open
/// to write reads as empty at once.
fn read_pipe(path: &std::path::Path, bytes: &mut Vec<u8>) -> io::Result<usize> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::empty())?;
    read_capped(file, bytes)
}

/// The text of the file at `path` in whatever encoding it is written (UTF-32 or UTF-16,
/// [`wide_encoding`]; else UTF-8, any other byte shown as �), of at most [`MAX_FILE_BYTES`]:
/// enough to tell a scenario saved as "Unicode" or in Windows-1252 from other files, which
/// [`read_text`] refuses to read as one. `None` if it cannot be read or is larger.
pub fn text_in_any_encoding(path: &std::path::Path) -> Option<String> {
    let bytes = read_bytes(&Source::file(path), FileKind::Scenario).ok()?;
    let text = match wide_encoding(&bytes) {
        Some(Wide::Utf32 { big_endian }) => bytes
            .chunks_exact(4)
            .map(|four| {
                let four = [four[0], four[1], four[2], four[3]];
                let unit = if big_endian {
                    u32::from_be_bytes(four)
                } else {
                    u32::from_le_bytes(four)
                };
                char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
        Some(Wide::Utf16 { big_endian, .. }) => {
            let units = bytes.chunks_exact(2).map(|pair| match big_endian {
                true => u16::from_be_bytes([pair[0], pair[1]]),
                false => u16::from_le_bytes([pair[0], pair[1]]),
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        None => String::from_utf8_lossy(&bytes).into_owned(),
    };
    Some(text)
}

/// Text whose every character takes two or four bytes, which is never UTF-8.
enum Wide {
    Utf32 {
        big_endian: bool,
    },
    /// `marked`: by its byte order mark (else by the 0s of its Latin text).
    Utf16 {
        big_endian: bool,
        marked: bool,
    },
}

/// How `bytes` are written, where they are UTF-32 or UTF-16 text (UTF-32 first: its
/// little-endian mark begins with UTF-16's).
fn wide_encoding(bytes: &[u8]) -> Option<Wide> {
    if let Some(big_endian) = utf32_order(bytes) {
        return Some(Wide::Utf32 { big_endian });
    }
    match bytes.get(..2) {
        Some([0xfe, 0xff]) => Some(Wide::Utf16 {
            big_endian: true,
            marked: true,
        }),
        Some([0xff, 0xfe]) => Some(Wide::Utf16 {
            big_endian: false,
            marked: true,
        }),
        // Latin text: the 0 of each pair comes first in big-endian order.
        _ if utf16_without_mark(bytes) => Some(Wide::Utf16 {
            big_endian: bytes.first() == Some(&0),
            marked: false,
        }),
        _ => None,
    }
}

/// The byte order of UTF-32 text (`Some(true)` big-endian), by its byte order mark
/// (`iconv -t utf-32` writes one) or, without one, by its Latin text: in the first 1,024 bytes,
/// three groups of four bytes in four or more hold three 0s and a letter, the letter first
/// (little-endian) or last. `None` for any other text.
fn utf32_order(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..4) {
        Some([0xff, 0xfe, 0, 0]) => return Some(false),
        Some([0, 0, 0xfe, 0xff]) => return Some(true),
        _ => {}
    }
    let groups: Vec<&[u8]> = bytes[..bytes.len().min(1024)].chunks_exact(4).collect();
    let letter_at = |at: usize| {
        groups
            .iter()
            .filter(|g| g[at] != 0 && (0..4).all(|i| i == at || g[i] == 0))
            .count()
    };
    let (first, last) = (letter_at(0), letter_at(3));
    let most = |n: usize| groups.len() >= 2 && 4 * n >= 3 * groups.len();
    if most(first) {
        Some(false)
    } else if most(last) {
        Some(true)
    } else {
        None
    }
}

/// Whether `bytes` are UTF-16 without a byte order mark: in the first 1,024 bytes, three
/// pairs of bytes in four or more hold a 0 on the same side and a letter on the other (UTF-16
/// writes Latin text so; UTF-8 text holds no 0 at all).
fn utf16_without_mark(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(1024)].chunks_exact(2).collect();
    let zero_on = |side: usize| {
        pairs
            .iter()
            .filter(|pair| pair[side] == 0 && pair[1 - side] != 0)
            .count()
    };
    pairs.len() >= 2 && 4 * zero_on(0).max(zero_on(1)) >= 3 * pairs.len()
}

/// What a file that is no text is, as "found" says it: by its first bytes where they name a
/// kind of file people mistake for a scenario or a CSV (a workbook, a PDF, an image, an
/// archive), else by a 0 byte, which text other than UTF-16 (told apart before) never holds.
fn not_text(bytes: &[u8], kind: FileKind) -> Option<NotText> {
    // Only a CSV is to be saved from a workbook.
    let (xlsx, xls) = match kind {
        FileKind::Csv => (
            "a zip archive, not text (an Excel workbook, .xlsx, is one: save it as CSV UTF-8)",
            "an Office document of before 2007, not text (an Excel .xls workbook is one: save \
             it as CSV UTF-8)",
        ),
        FileKind::Scenario => (
            "a zip archive, not text (an Excel workbook, .xlsx, is one)",
            "an Office document of before 2007, not text (an Excel .xls workbook is one)",
        ),
    };
    let kinds: [(&[u8], &'static str); 6] = [
        (b"PK\x03\x04", xlsx),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", xls),
        (b"%PDF", "a PDF document, not text"),
        (b"\x89PNG", "a PNG image, not text"),
        (b"\xff\xd8\xff", "a JPEG image, not text"),
        (b"\x1f\x8b", "gzip-compressed data, not text"),
    ];
    match kinds.iter().find(|(start, _)| bytes.starts_with(start)) {
        Some((_, found)) => Some(NotText::Kind(found)),
        None => bytes.iter().position(|b| *b == 0).map(NotText::ZeroByte),
    }
}

/// What [`not_text`] found: a kind of file by its first bytes, or a 0 byte at this offset.
#[derive(Debug, Clone, Copy)]
enum NotText {
    Kind(&'static str),
    ZeroByte(usize),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Kind(found) => f.write_str(found),
            NotText::ZeroByte(_) => f.write_str("a binary file, not text (it holds a 0 byte)"),
        }
    }
}

/// What the first bytes that are not UTF-8 (`bad`, as Rust's UTF-8 check cuts them) would be
/// in Windows-1252, what Windows' "ANSI" and Excel's "CSV (Comma delimited)" write, and how to
/// mend the file: `\xe9` is `é` in Windows-1252 …; save it as CSV UTF-8, or convert it with
/// iconv -f windows-1252 -t utf-8. In a text whose lines end in carriage returns alone
/// (`mac`), in Mac OS Roman, what Excel for Mac's "CSV (Macintosh)" writes (`\x8e` is `é`
/// there, `Ž` in Windows-1252).
fn not_utf8(bad: &[u8], kind: FileKind, mac: bool) -> String {
    let shown: String = bad.iter().map(|b| format!("\\x{b:02x}")).collect();
    let save = format!("save it as {}", kind.save_as());
    if mac {
        let letters: String = bad.iter().map(|b| mac_roman(*b)).collect();
        // A no-break space or Apple's logo shows as nothing: said without it.
        let seen = letters
            .chars()
            .all(|c| !c.is_whitespace() && !('\u{e000}'..='\u{f8ff}').contains(&c));
        let is = match seen {
            true => format!("is `{letters}` in"),
            false => "is".to_string(),
        };
        // A scenario's line ends need mending too; a CSV's are read as they are.
        let (writer, line_ends) = match kind {
            FileKind::Scenario => ("an old Mac's text editor", " | tr '\\r' '\\n'"),
            FileKind::Csv => ("Excel for Mac's \"CSV (Macintosh)\"", ""),
        };
        return format!(
            "`{shown}` {is} Mac OS Roman, which {writer} writes, ending its lines in carriage \
             returns; {save}, or convert it with iconv -f macintosh -t utf-8{line_ends}"
        );
    }
    let Some(letters) = bad
        .iter()
        .map(|b| windows_1252(*b))
        .collect::<Option<String>>()
    else {
        return format!("`{shown}` is not Windows-1252 text either; {save}");
    };
    let writer = match kind {
        FileKind::Scenario => "Windows' \"ANSI\"",
        FileKind::Csv => "Excel's \"CSV (Comma delimited)\"",
    };
    format!(
        "`{shown}` is `{letters}` in Windows-1252, which {writer} writes; {save}, or convert it \
         with iconv -f windows-1252 -t utf-8"
    )
}

/// The character byte `b` stands for in Mac OS Roman (ASCII below 0x80); 0xF0 is Apple's
/// logo, in Unicode's private use area.
fn mac_roman(b: u8) -> char {
    const HIGH: [char; 128] = [
        'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', //
        'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', //
        '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', //
        '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', //
        '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ',
        'œ', //
        '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', //
        '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', //
        '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
    ];
    match b {
        0x80.. => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The character byte `b` stands for in Windows-1252 (Latin-1 with printable characters in
/// 0x80–0x9F), if a printable one.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    let c = match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    };
    (c != '\0' && !c.is_control()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The file at `path`, to read.
    fn file_at(path: impl AsRef<Path>) -> Source {
        Source::file(path.as_ref())
    }

    /// What `read` says of a file named `name` holding `bytes`, which it refuses.
    fn refused(
        name: &str,
        bytes: &[u8],
        read: fn(&Source) -> Result<String, ScenarioError>,
    ) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        read(&file_at(path)).unwrap_err().to_string()
    }

    #[test]
    fn a_file_that_cannot_be_read_is_named_as_what_it_should_be() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("actuals.csv");
        fs::write(&file, "q,att\n").unwrap();
        // A path through a file: there, but not readable (even for root).
        let through = file.join("x.csv").to_string_lossy().into_owned();
        let csv = read_data(&file_at(&through)).unwrap_err().to_string();
        assert!(csv.contains("expected a readable CSV file"), "{csv}");
        let toml = read_text(&file_at(&through)).unwrap_err().to_string();
        assert!(toml.contains("expected a readable scenario file"), "{toml}");
    }

    #[test]
    fn a_named_pipe_nothing_writes_into_is_said_and_a_pipe_written_into_is_read() {
        // A FIFO left among `*.toml` hung `eval *.toml` at its open, without a word.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        crate::files::make_fifo(&fifo, 0o644);
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || tx.send(read_text(&file_at(&path)).map_err(|e| e.to_string())));
        // Not a timing: a read that never returns fails here rather than hanging the tests.
        let read = rx.recv_timeout(std::time::Duration::from_secs(60));
        let error = read.expect("the read returns").unwrap_err();
        assert!(
            error.ends_with(
                ": found a pipe with nothing written into it, expected a scenario file (.toml)"
            ),
            "{error}"
        );
        // A pipe written into is read (`eval <(cat plan.toml)`), waiting for what its writer
        // writes (read without waiting, it failed "Resource temporarily unavailable").
        let (reader, mut writer) = io::pipe().unwrap();
        let slow = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            io::Write::write_all(&mut writer, b"schema = 1\n")
        });
        let piped = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&reader));
        assert_eq!(read_text(&file_at(&piped)).unwrap(), "schema = 1\n");
        slow.join().unwrap().unwrap();
    }

    #[test]
    fn directories_missing_files_and_binary_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let dir_name = dir.path().to_string_lossy().into_owned();
        assert!(
            read_text(&file_at(&dir_name))
                .unwrap_err()
                .to_string()
                .ends_with(": found a folder, expected a scenario file (.toml)")
        );
        let missing = dir.path().join("nope.toml").to_string_lossy().into_owned();
        assert!(
            read_text(&file_at(&missing))
                .unwrap_err()
                .to_string()
                .starts_with(&missing)
        );
        let binary = dir.path().join("bin.toml");
        fs::write(&binary, b"a = 1\n\xff\xfe").unwrap();
        let error = read_text(&file_at(&binary)).unwrap_err().to_string();
        assert!(
            error.contains(":2:1: found bytes that are not UTF-8"),
            "{error}"
        );
    }

    #[test]
    fn a_workbook_an_image_or_any_file_with_a_0_byte_is_named_no_text() {
        // A PNG read as a scenario was "`\x89` is `‰` in Windows-1252 …: convert it with iconv";
        // 100 0 bytes, "key with no value" at 1:101 under a caret line 100 columns wide.
        let png = refused("chart.toml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", read_text);
        assert!(
            png.ends_with(":1:1: found a PNG image, not text, expected a UTF-8 text file (TOML)"),
            "{png}"
        );
        let xlsx = refused("actuals.csv", b"PK\x03\x04\x14\0\x06\0", read_data);
        assert!(
            xlsx.ends_with(
                ":1:1: found a zip archive, not text (an Excel workbook, .xlsx, is one: save it \
                 as CSV UTF-8), expected a UTF-8 text file (CSV)"
            ),
            "{xlsx}"
        );
        // A workbook given as a scenario is not to be saved as CSV.
        let xlsx = refused("plan.toml", b"PK\x03\x04\x14\0\x06\0", read_text);
        assert!(
            xlsx.ends_with(
                ": found a zip archive, not text (an Excel workbook, .xlsx, is one), \
                 expected a UTF-8 text file (TOML)"
            ),
            "{xlsx}"
        );
        let zeros = refused("zeros.toml", &[0; 100], read_text);
        assert!(
            zeros.ends_with(
                ":1:1: found a binary file, not text (it holds a 0 byte), expected a UTF-8 text \
                 file (TOML)"
            ),
            "{zeros}"
        );
        // A stray 0 in a text is said where it is (it was said at 1:1), however far in.
        let mut stray = b"name = \"x\"\n".repeat(200);
        stray.extend(b"[target]\nrevenue = \"3M\"\0\n");
        let stray = refused("stray.toml", &stray, read_text);
        assert!(stray.contains(":202:15: found a binary file"), "{stray}");
        // UTF-16 holds 0 bytes too, and is still named as such.
        let utf16 = refused("utf16.csv", b"q\0u\0a\0r\0t\0e\0r\0\n\0", read_data);
        assert!(utf16.contains("found UTF-16 text"), "{utf16}");
    }

    #[test]
    fn mac_roman_text_is_told_by_its_line_ends() {
        // Excel for Mac's "CSV (Macintosh)": Québec in Mac OS Roman, lines ended by carriage
        // returns. It was said to be `Ž` in Windows-1252, and iconv from that wrote QuŽbec.
        let said = refused(
            "mac.csv",
            b"region,att\rQu\x8ebec,80%\rOntario,90%\r",
            read_data,
        );
        assert!(said.contains("mac.csv:2:3: found bytes"), "{said}");
        assert!(
            said.contains(
                "`\\x8e` is `é` in Mac OS Roman, which Excel for Mac's \"CSV (Macintosh)\" \
                 writes, ending its lines in carriage returns; save it as CSV UTF-8, or convert it \
                 with iconv -f macintosh -t utf-8"
            ),
            "{said}"
        );
        // Every byte from 0x80 is a character there, as iconv reads them.
        assert_eq!(mac_roman(0x8e), 'é');
        assert_eq!(mac_roman(0xdb), '€');
        assert_eq!(mac_roman(0xff), 'ˇ');
        assert_eq!(mac_roman(b'a'), 'a');
        // A no-break space is said as a byte only.
        let said = refused("mac.csv", b"region,att\rNew\xcaYork,80%\r", read_data);
        assert!(said.contains("`\\xca` is Mac OS Roman, which"), "{said}");
    }

    #[test]
    fn windows_1252_text_is_shown_with_its_bytes_and_how_to_convert_it() {
        // Excel for Windows' "CSV (Comma delimited)": José Müller in Windows-1252. It said
        // only "found bytes that are not UTF-8 text, expected a UTF-8 text file (CSV)".
        let error = refused(
            "cp1252.csv",
            b"rep,attainment\nJos\xe9 M\xfcller,80%\n",
            read_data,
        );
        assert!(
            error.ends_with(
                ":2:4: found bytes that are not UTF-8 text, expected a UTF-8 text file (CSV): \
                 `\\xe9` is `é` in Windows-1252, which Excel's \"CSV (Comma delimited)\" \
                 writes; save it as CSV UTF-8, or convert it with iconv -f windows-1252 -t utf-8"
            ),
            "{error}"
        );
        // A scenario saved as Windows' "ANSI", with a euro sign; a byte Windows-1252 leaves
        // undefined gets no conversion to try.
        let error = refused("plan.toml", b"# budget in \x80\nschema = 1\n", read_text);
        assert!(
            error.ends_with(
                ":1:13: found bytes that are not UTF-8 text, expected a UTF-8 text file (TOML): \
                 `\\x80` is `€` in Windows-1252, which Windows' \"ANSI\" writes; save it as \
                 UTF-8, or convert it with iconv -f windows-1252 -t utf-8"
            ),
            "{error}"
        );
        let error = refused("plan.toml", b"schema = 1 # \x81\n", read_text);
        assert!(
            error.ends_with("(TOML): `\\x81` is not Windows-1252 text either; save it as UTF-8"),
            "{error}"
        );
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named_as_utf16() {
        // It was read as UTF-8 with a 0 after each letter: "no column `attainment`; the columns
        // are q\u0000u\u0000a\u0000…".
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nobom.csv");
        let text = "quarter\tattainment\n2020-Q1\t81%\n2020-Q2\t71%\n";
        fs::write(
            &path,
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        )
        .unwrap();
        let error = read_data(&file_at(&path)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text without a byte order mark (every other byte is 0), \
                 expected a UTF-8 text file (CSV): save it as CSV UTF-8"
            ),
            "{error}"
        );
        let plan = dir.path().join("plan.toml");
        let text = "schema = 1\nhorizon_days = 90\n";
        fs::write(
            &plan,
            text.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<u8>>(),
        )
        .unwrap();
        let error = read_text(&file_at(&plan)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text without a byte order mark (every other byte is 0), \
                 expected a UTF-8 text file (TOML): save it as UTF-8"
            ),
            "{error}"
        );
        // UTF-8 text, accented or not, is not taken for it.
        fs::write(&plan, "schema = 1 # José\n").unwrap();
        assert!(read_text(&file_at(&plan)).is_ok());
        fs::write(&plan, "a").unwrap();
        assert!(read_text(&file_at(&plan)).is_ok());
    }

    #[test]
    fn a_utf16_scenario_is_named_with_how_to_save_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let mut utf16 = vec![0xfe, 0xff];
        utf16.extend("schema = 1\n".encode_utf16().flat_map(u16::to_be_bytes));
        fs::write(&path, utf16).unwrap();
        let error = read_text(&file_at(&path)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text (its byte order mark says so), expected a UTF-8 text \
                 file (TOML): save it as UTF-8"
            ),
            "{error}"
        );
        // UTF-32, marked or not (it read "UTF-16 text", or "a binary file").
        let marked: Vec<u8> = [0xff, 0xfe, 0, 0]
            .into_iter()
            .chain(
                "schema = 1\n"
                    .chars()
                    .flat_map(|c| u32::from(c).to_le_bytes()),
            )
            .collect();
        let unmarked: Vec<u8> = "schema = 1\n"
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        for bytes in [marked, unmarked] {
            fs::write(&path, bytes).unwrap();
            let error = read_text(&file_at(&path)).unwrap_err().to_string();
            assert!(
                error.contains(":1:1: found UTF-32 text (every character four bytes)"),
                "{error}"
            );
        }
    }
}
