//! Text kept for later in a run, in memory until it passes a megabyte and
//! then in an anonymous temporary file: how a portfolio of any size keeps
//! its rows and GitHub annotations without holding them all in memory.

use std::io::Write;

/// Text kept for later in a run: in memory until it passes a megabyte, then
/// in an anonymous temporary file, so a portfolio of any size stays small.
#[derive(Default)]
pub(crate) struct Spool {
    memory: Vec<u8>,
    file: Option<std::io::BufWriter<std::fs::File>>,
    /// Whether the file has been read since it was last written to, so the
    /// next write must first go back to its end.
    rewound: bool,
}

const SPOOL_IN_MEMORY: usize = 1 << 20;

/// An anonymous temporary file (removed by the system when closed), or an
/// error that says where it was to be made and how to choose another place:
/// the run cannot go on without it, and "No such file or directory" alone
/// would not say which file.
pub(crate) fn temporary_file() -> std::io::Result<std::fs::File> {
    tempfile::tempfile().map_err(|e| {
        let folder = crate::text::terminal_safe(&std::env::temp_dir().display().to_string(), false);
        std::io::Error::new(
            e.kind(),
            format!("cannot make a temporary file in `{folder}` to keep the run's results ({e}); set TMPDIR to a folder that can be written"),
        )
    })
}

impl Spool {
    pub fn push(&mut self, text: &str) -> std::io::Result<()> {
        use std::io::Seek as _;
        if self.file.is_none() && self.memory.len() + text.len() > SPOOL_IN_MEMORY {
            let mut file = std::io::BufWriter::new(temporary_file()?);
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => {
                if std::mem::take(&mut self.rewound) {
                    file.seek(std::io::SeekFrom::End(0))?;
                }
                file.write_all(text.as_bytes())
            }
            None => {
                self.memory.extend_from_slice(text.as_bytes());
                Ok(())
            }
        }
    }

    /// Everything kept so far, from the start; it may be read as often as
    /// needed (a table reads its rows once to fit them, once to print).
    pub fn read(&mut self) -> std::io::Result<Box<dyn std::io::BufRead + '_>> {
        use std::io::Seek as _;
        match &mut self.file {
            None => Ok(Box::new(&self.memory[..])),
            Some(file) => {
                file.flush()?;
                self.rewound = true;
                let file = file.get_mut();
                file.seek(std::io::SeekFrom::Start(0))?;
                Ok(Box::new(std::io::BufReader::new(file)))
            }
        }
    }

    /// Writes everything kept, in order.
    pub fn copy_into(self, out: &mut dyn Write) -> std::io::Result<()> {
        use std::io::Seek as _;
        match self.file {
            None => out.write_all(&self.memory),
            Some(file) => {
                let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                file.seek(std::io::SeekFrom::Start(0))?;
                std::io::copy(&mut file, out).map(drop)
            }
        }
    }
}
