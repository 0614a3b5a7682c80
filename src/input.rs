//! Reading input files safely: size limit, directories, unreadable files,
//! invalid UTF-8 (located by line and column) and the UTF-8 byte-order mark.

use std::path::Path;

use crate::source::SourceFile;

/// The largest input file read, in bytes. Real scheme files are 5–50 KB;
/// the limit only stops a wrong file (an image, a log) from being loaded.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Why a file could not be read; rendered as one line naming the file.
#[derive(Debug)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read `{}`: {}",
            crate::text::terminal_safe(&self.path, false),
            self.message
        )
    }
}

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped).
pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
    read_with_hash(path).map(|(file, _)| file)
}

/// Reads a file, also returning the SHA-256 of its bytes as stored.
pub fn read_with_hash(path: &Path) -> Result<(SourceFile, String), ReadError> {
    let name = path.display().to_string();
    let fail = |message: String| ReadError {
        path: name.clone(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| fail(io_words(&e)))?;
    if metadata.is_dir() {
        return Err(fail("it is a directory; give the path of a scheme file (.toml)".into()));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(fail(format!(
            "it is {} bytes, over the {} byte limit for an input file",
            metadata.len(),
            MAX_INPUT_BYTES
        )));
    }
    // Read at most one byte past the limit: a device or pipe (`/dev/zero`,
    // `<(command)`) reports no size up front, and must not fill memory.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_INPUT_BYTES + 1), &mut bytes))
        .map_err(|e| fail(io_words(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(fail(format!(
            "it holds more than the {MAX_INPUT_BYTES} byte limit for an input file"
        )));
    }
    let hash = crate::provenance::sha256_hex(&bytes);
    decode(&name, bytes).map(|file| (file, hash)).map_err(fail)
}

/// Decodes bytes as UTF-8, naming the line and column of the first bad byte.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<SourceFile, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let position = SourceFile::new(name, prefix.as_ref()).position(valid);
            Err(format!(
                "it is not UTF-8 text: byte 0x{:02X} at line {}, column {} (is it a binary file, or saved in another encoding?)",
                bytes[valid], position.line, position.column
            ))
        }
    }
}

fn io_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_bad_bytes_are_located() {
        let file = decode("s.toml", b"\xEF\xBB\xBFa = 1\n".to_vec()).unwrap();
        assert_eq!(file.text(), "a = 1\n");
        let error = decode("s.toml", b"a = 1\nb = \"\xFF\"\n".to_vec()).unwrap_err();
        assert!(error.contains("byte 0xFF at line 2, column 6"), "{error}");
    }
}
