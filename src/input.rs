//! Reading input files safely: size limit, directories, unreadable files,
//! invalid UTF-8 (located by line and column) and the UTF-8 byte-order mark.

use std::path::Path;

use crate::source::SourceFile;

/// The largest input file read, in bytes. Real scheme files are 5–50 KB;
/// the limit only stops a wrong file (an image, a log) from being loaded.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Why a file could not be read; rendered as one line naming the file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot read `{}`: {message}", crate::text::terminal_safe(path, false))]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

/// Why bytes are not UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "it is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} (is it a binary file, or saved in another encoding?)"
    )]
    NotUtf8 { byte: u8, line: usize, column: usize },
    #[error("it looks like UTF-16 text; save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")]
    Utf16,
}

/// How far the path of a file to read is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Typed on the command line by the person running reassure: any file
    /// they can read, a pipe such as `<(command)` included.
    Given,
    /// Named inside an input file or met in a folder scan, so possibly
    /// written by an untrusted author: only a regular file is read, and a
    /// FIFO, device, socket or folder is refused without waiting on it.
    Named,
}

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped).
pub fn read(path: &Path, trust: Trust) -> Result<SourceFile, ReadError> {
    read_with_hash(path, trust).map(|(file, _)| file)
}

/// Reads a file, also returning the SHA-256 of its bytes as stored. Every
/// file opened is remembered (see [`was_read`]) so that no report can be
/// written over an input of the run.
pub fn read_with_hash(path: &Path, trust: Trust) -> Result<(SourceFile, String), ReadError> {
    let name = path.display().to_string();
    let fail = |message: String| ReadError {
        path: name.clone(),
        message,
    };
    if trust == Trust::Given {
        let metadata = std::fs::metadata(path).map_err(|e| fail(io_words(&e)))?;
        if metadata.is_dir() {
            return Err(fail("it is a directory; give the path of a scheme file (.toml)".into()));
        }
    }
    let not_regular = || {
        fail("it is not a regular file (a FIFO, device or socket); only regular files are read when named by a file or found in a folder".into())
    };
    // A socket cannot even be opened: say what it is, not the system's error.
    #[cfg(unix)]
    if trust == Trust::Named {
        use std::os::unix::fs::FileTypeExt;
        if std::fs::metadata(path).is_ok_and(|m| m.file_type().is_socket()) {
            return Err(not_regular());
        }
    }
    let file = open(path, trust).map_err(|e| fail(io_words(&e)))?;
    let metadata = file.metadata().map_err(|e| fail(io_words(&e)))?;
    if trust == Trust::Named && !metadata.is_file() {
        return Err(if metadata.is_dir() {
            fail("it is a directory, not a file".into())
        } else {
            not_regular()
        });
    }
    remember(&metadata, path);
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(fail(format!(
            "it is {} bytes, over the {} byte limit for an input file",
            metadata.len(),
            MAX_INPUT_BYTES
        )));
    }
    // Read at most one byte past the limit: a device or pipe (`/dev/zero`,
    // `<(command)`) reports no size up front, and must not fill memory. Room
    // for the size the file reports (and the byte that shows its end) lets
    // a regular file be read in one call rather than in doubling steps.
    let expected = usize::try_from(metadata.len()).map_or(0, |len| len.saturating_add(1));
    let mut bytes = Vec::with_capacity(expected);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_INPUT_BYTES + 1), &mut bytes)
        .map_err(|e| fail(io_words(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(fail(format!(
            "it holds more than the {MAX_INPUT_BYTES} byte limit for an input file"
        )));
    }
    let hash = crate::provenance::sha256_hex(&bytes);
    decode(&name, bytes)
        .map(|file| (file, hash))
        .map_err(|e| fail(e.to_string()))
}

/// Opens for reading. A named file is opened without blocking, so a FIFO
/// with no writer cannot hang the run before its type is checked.
fn open(path: &Path, trust: Trust) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if trust == Trust::Named {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = trust;
    options.open(path)
}

/// Every file read by this process: its identity (device and inode where
/// the platform has them, so a link or another spelling of the path is the
/// same file; else the canonical path) and the path it was read by.
static READ: std::sync::Mutex<Vec<(FileId, std::path::PathBuf)>> = std::sync::Mutex::new(Vec::new());

#[derive(Debug, Clone, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(std::path::PathBuf),
}

fn identity(metadata: &std::fs::Metadata, path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(FileId::Inode(metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        path.canonicalize().ok().map(FileId::Path)
    }
}

fn identity_of(path: &Path) -> Option<FileId> {
    std::fs::metadata(path).ok().and_then(|m| identity(&m, path))
}

fn remember(metadata: &std::fs::Metadata, path: &Path) {
    if let Some(id) = identity(metadata, path) {
        let mut read = READ.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !read.iter().any(|(known, by)| *known == id && by == path) {
            read.push((id, path.to_path_buf()));
        }
    }
}

/// Whether `path` is (through any link or spelling) a file this process has
/// read: a scheme, a checklist, the configuration or a baseline. A file read
/// and since removed no longer counts, even if its inode is reused.
pub fn was_read(path: &Path) -> bool {
    let Some(id) = identity_of(path) else {
        return false;
    };
    let read = READ.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    read.iter()
        .any(|(known, by)| *known == id && identity_of(by).as_ref() == Some(known))
}

/// Decodes bytes as UTF-8, naming the line and column of the first bad byte.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<SourceFile, DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // UTF-16 puts a zero byte beside every ASCII character; a TOML file
    // never holds one. Say so once, rather than a syntax error per line. (A
    // stray zero byte elsewhere is left to the parser, which locates it.)
    let half_zero = |start: usize| bytes.len() >= 2 && bytes.iter().skip(start).step_by(2).take(64).all(|b| *b == 0);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || half_zero(0) || half_zero(1) {
        return Err(DecodeError::Utf16);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let position = SourceFile::new(name, prefix.as_ref()).position(valid);
            Err(DecodeError::NotUtf8 {
                byte: bytes[valid],
                line: position.line,
                column: position.column,
            })
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
        let error = decode("s.toml", b"a = 1\nb = \"\xFF\"\n".to_vec())
            .unwrap_err()
            .to_string();
        assert!(error.contains("byte 0xFF at line 2, column 6"), "{error}");
        let utf16: Vec<u8> = "a = 1\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode("s.toml", utf16).unwrap_err(), DecodeError::Utf16);
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend("a".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("s.toml", with_bom).unwrap_err(), DecodeError::Utf16);
        assert!(
            decode("s.toml", b"a = 1\n\0b = 2\n".to_vec()).is_ok(),
            "a stray zero byte is the parser's to locate"
        );
    }
}
