//! Lines as an editor counts them, in the bytes a CSV reader consumes: LF, CR LF and a lone CR
//! (old Mac files, some 1C exports) each end one line, and a file may mix them. The `csv` crate
//! places a record at the end of the one before it — before the LF of a CR LF, before the blank
//! lines that precede it — and counts only LFs as lines, so neither its byte nor its line is where
//! the record is. [`Breaks`] watches the bytes as they are read and says, for the position the
//! parser gives, where the record really starts and on which line: the one way every table's
//! rows, offsets and diagnostics' lines are found (`Table::rows`, `Table::file_rows`,
//! `Table::run_at`).

use std::collections::VecDeque;

/// A run of line-break bytes (`\r`, `\n`) seen in the stream: `[start, end)`, and the line of the
/// byte after it.
#[derive(Clone, Copy, Debug)]
struct Gap {
    start: u64,
    end: u64,
    line_after: u64,
}

/// The line breaks of a stream, fed as its bytes are read, asked in order where each record
/// starts ([`Breaks::locate`]). Holds only the gaps between what was read and what was asked:
/// at most one per line of the reader's buffer.
#[derive(Clone, Debug)]
pub struct Breaks {
    /// How many bytes were fed (the stream's position, from its start or its last seek).
    offset: u64,
    /// The line of the next byte to be fed.
    line: u64,
    /// The last byte fed was a CR: a LF now ends the same line.
    after_cr: bool,
    /// Gaps fed and not yet passed by a located record, in order.
    gaps: VecDeque<Gap>,
    /// The line of the bytes after the last gap passed.
    line_passed: u64,
    /// Whether gaps are kept to locate records by: a text only counted (its lines, its longest
    /// line) keeps none.
    locating: bool,
}

impl Default for Breaks {
    fn default() -> Self {
        Breaks::at(0, 1)
    }
}

impl Breaks {
    /// A stream whose next byte is at `offset`, on `line` (1-based): its start, or a seek to a
    /// record's start.
    pub fn at(offset: u64, line: u64) -> Breaks {
        Breaks {
            offset,
            line,
            after_cr: false,
            gaps: VecDeque::new(),
            line_passed: line,
            locating: true,
        }
    }

    /// Lines counted only, no record located: nothing kept however long the text.
    pub fn counting() -> Breaks {
        Breaks {
            locating: false,
            ..Breaks::default()
        }
    }

    /// The line of the next byte to be fed.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Takes the next bytes of the stream. `run` is the length of the line being read (carried
    /// from one call to the next); the answer is the first line that grew longer than `limit`.
    pub fn feed(&mut self, bytes: &[u8], run: &mut usize, limit: usize) -> Option<u64> {
        let mut over = None;
        let mut at = 0;
        loop {
            // The bytes up to the next line break are one line's (found a word at a time).
            let next = memchr::memchr2(b'\r', b'\n', &bytes[at..]).map(|k| at + k);
            let end = next.unwrap_or(bytes.len());
            if end > at {
                self.after_cr = false;
                *run += end - at;
                if *run > limit && over.is_none() {
                    over = Some(self.line);
                }
            }
            let Some(i) = next else { break };
            let b = bytes[i];
            *run = 0;
            if !(b == b'\n' && self.after_cr) {
                self.line += 1;
            }
            self.after_cr = b == b'\r';
            at = i + 1;
            if !self.locating {
                continue;
            }
            let at = self.offset + i as u64;
            match self.gaps.back_mut() {
                Some(gap) if gap.end == at => {
                    gap.end = at + 1;
                    gap.line_after = self.line;
                }
                _ => self.gaps.push_back(Gap {
                    start: at,
                    end: at + 1,
                    line_after: self.line,
                }),
            }
        }
        self.offset += bytes.len() as u64;
        over
    }

    /// Where a record the parser places at byte `byte` (of this stream) starts, and its line:
    /// past any line breaks at `byte`. Asked in the order of the records.
    pub fn locate(&mut self, byte: u64) -> (u64, u64) {
        while let Some(gap) = self.gaps.front() {
            if gap.end > byte {
                break;
            }
            self.line_passed = gap.line_after;
            self.gaps.pop_front();
        }
        match self.gaps.front() {
            Some(gap) if gap.start <= byte => (gap.line_after, gap.end),
            _ => (self.line_passed, byte),
        }
    }
}

/// The lines of a text, each without its ending: LF, CR LF and a lone CR each end one (`str::lines`
/// knows no lone CR, which leaves a whole old-Mac file one line).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\r', '\n']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                // As `str::lines`, no last empty line after a final line break.
                rest = Some(&s[i + skip..]).filter(|r| !r.is_empty());
                Some(&s[..i])
            }
            None => rest.take(),
        }
    })
}

/// The line (1-based) of byte `offset` of `bytes`, breaks counted as [`Breaks`] counts them.
pub fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let mut breaks = Breaks::counting();
    breaks.feed(&bytes[..offset.min(bytes.len())], &mut 0, usize::MAX);
    breaks.line()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fed(bytes: &[u8], pieces: usize) -> Breaks {
        let mut b = Breaks::default();
        let mut run = 0;
        for chunk in bytes.chunks(pieces.max(1)) {
            b.feed(chunk, &mut run, usize::MAX);
        }
        b
    }

    #[test]
    fn every_ending_is_one_line_however_the_bytes_arrive() {
        // LF, CR LF, CR, then two blank lines of each kind.
        let text = b"a\nb\r\nc\rd\n\n\r\n\r\re";
        for piece in 1..=text.len() {
            let mut b = fed(text, piece);
            assert_eq!(b.line(), 9, "piece {piece}");
            // The parser places "b" right after "a\n", "c" at the LF of "b\r\n", "d" after the
            // lone CR, and "e" at the first of its blank lines: each starts past the breaks.
            assert_eq!(b.locate(2), (2, 2));
            assert_eq!(b.locate(4), (3, 5));
            assert_eq!(b.locate(7), (4, 7));
            assert_eq!(b.locate(9), (9, 14));
        }
    }

    #[test]
    fn a_long_line_is_found_whatever_ends_it() {
        let mut b = Breaks::default();
        let mut run = 0;
        assert_eq!(b.feed(b"abc\rdefgh\r\nij", &mut run, 4), Some(2));
        assert_eq!(run, 2);
        assert_eq!(b.feed(b"klm\r", &mut run, 4), Some(3));
        assert_eq!(b.feed(b"abcd\n", &mut run, 4), None);
    }

    #[test]
    fn lines_of_a_text_split_at_any_ending() {
        let all: Vec<&str> = lines("a\r\nb\rc\n\rd\r").collect();
        assert_eq!(all, ["a", "b", "c", "", "d"]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("x").collect::<Vec<_>>(), ["x"]);
        assert_eq!(line_at(b"a\rb\r\nc\nd", 7), 4);
        assert_eq!(line_at(b"a\rb\r\nc\nd", 5), 3);
        assert_eq!(line_at(b"a\rb\r\nc\nd", 2), 2);
    }
}
