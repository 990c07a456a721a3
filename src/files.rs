//! The file system at the edge: reading scenario files safely and writing files atomically.
//! Nothing else in the crate touches files.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::scenario::{Diagnostic, ScenarioError};

/// A scenario file larger than this is refused rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the text of a scenario file (`-` is standard input), refusing directories, huge
/// files and anything that is not UTF-8, each with a message naming the file.
pub fn read_text(path: &str) -> Result<String, ScenarioError> {
    let fail = |found: String, expected: &str| {
        ScenarioError::single(path, Diagnostic::new(None, found, expected))
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    } else {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(fail("a directory".into(), "a scenario file (.toml)"));
            }
            Ok(_) => fs::File::open(path)
                .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)),
            Err(e) => Err(e),
        }
    };
    if let Err(e) = read {
        return Err(match e.kind() {
            io::ErrorKind::NotFound => fail("no such file".into(), "a scenario file (.toml)"),
            _ => fail(
                format!("an unreadable file ({e})"),
                "a readable scenario file",
            ),
        });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            format!("a file over {} MiB", MAX_FILE_BYTES / 1024 / 1024),
            "a scenario file (a few kilobytes of TOML)",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let mut d = Diagnostic::new(
            None,
            "bytes that are not UTF-8 text",
            "a UTF-8 text file (TOML)",
        );
        d.location = Some(crate::scenario::error::line_column(&text, text.len()));
        ScenarioError::single(path, d)
    })
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the target. A crash leaves either the old file or the new one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "old contents that are longer").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn directories_missing_files_and_binary_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let dir_name = dir.path().to_string_lossy().into_owned();
        assert!(
            read_text(&dir_name)
                .unwrap_err()
                .to_string()
                .contains("a directory")
        );
        let missing = dir.path().join("nope.toml").to_string_lossy().into_owned();
        assert!(
            read_text(&missing)
                .unwrap_err()
                .to_string()
                .starts_with(&missing)
        );
        let binary = dir.path().join("bin.toml");
        fs::write(&binary, b"a = 1\n\xff\xfe").unwrap();
        let error = read_text(&binary.to_string_lossy())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(":2:1: found bytes that are not UTF-8"),
            "{error}"
        );
    }
}
