//! A CSV file's bytes as text: UTF-16 by its byte-order mark, the encoding `--encoding` forces, else
//! UTF-8 when the bytes are UTF-8, else Windows-1251 (the other encoding Russian exports use),
//! each said; byte-order marks inside the text removed and said at their lines.

use crate::diag::Diagnostic;
use crate::tr;
use encoding_rs::Encoding;

/// A CSV file's text: the forced encoding, else UTF-8 when the bytes are UTF-8, else Windows-1251
/// (the other encoding Russian exports use), said in a note. Bytes that are nearly UTF-8, with a
/// few broken sequences, are refused rather than read as Windows-1251 gibberish. The flag tells
/// whether the text is the file's own bytes (after a byte-order mark).
pub(super) fn decode(
    bytes: Vec<u8>,
    file: &str,
    forced: Option<&'static Encoding>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, bool)> {
    // UTF-16 with its byte-order mark (Excel's «Unicode text»).
    for (bom, enc) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) && forced.is_none() {
            return utf16(&bytes[2..], enc, file, diags);
        }
    }
    match forced {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            Some((forced_other(&bytes, enc, file, diags), false))
        }
        Some(_) => forced_utf8(bytes, file, diags),
        None => detected(bytes, file, diags),
    }
}

/// The text of a UTF-16 file after its byte-order mark, said in a note; refused when some of its
/// bytes are not UTF-16.
fn utf16(
    body: &[u8],
    enc: &'static Encoding,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, bool)> {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let name = enc.name();
    diags.push(Diagnostic::note(
        file,
        tr!(
            "source.encoding.bom",
            "прочитан как {name} (по метке порядка байтов)",
            "read as {name} (its byte-order mark)"
        ),
        tr!(
            "source.encoding.bom.fix",
            "файл в UTF-8 читается без этого примечания",
            "UTF-8 is read without a note"
        ),
    ));
    if had_errors {
        diags.push(Diagnostic::error(
            file,
            not_all_bytes(name),
            tr!(
                "source.encoding.broken.fix_utf8",
                "сохраните файл заново в UTF-8",
                "save it again as UTF-8"
            ),
        ));
        return None;
    }
    Some((inner_boms(text.into_owned(), file, diags), false))
}

/// The text in the encoding `--encoding` forces (other than UTF-8); an error when some bytes are
/// not in it.
fn forced_other(
    bytes: &[u8],
    enc: &'static Encoding,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        diags.push(Diagnostic::error(
            file,
            not_all_bytes(enc.name()),
            tr!(
                "source.encoding.broken.fix_forced",
                "проверьте --encoding",
                "check --encoding"
            ),
        ));
    }
    text.into_owned()
}

/// The text of a file `--encoding utf-8` says is UTF-8; refused, at the first bad line, when it is
/// not.
fn forced_utf8(bytes: Vec<u8>, file: &str, diags: &mut Vec<Diagnostic>) -> Option<(String, bool)> {
    match String::from_utf8(bytes) {
        Ok(text) => Some((text, true)),
        Err(e) => {
            let line = utf8_error_line(&e);
            diags.push(
                Diagnostic::error(
                    file,
                    tr!(
                        "source.encoding.not_utf8_forced",
                        "файл не в UTF-8 (--encoding utf-8)",
                        "the file is not UTF-8 (--encoding utf-8)"
                    ),
                    tr!(
                        "source.encoding.not_utf8_forced.fix",
                        "сохраните его в UTF-8 или укажите --encoding windows-1251",
                        "save it as UTF-8, or pass --encoding windows-1251"
                    ),
                )
                .at(line),
            );
            None
        }
    }
}

/// The text of a file without a forced encoding: UTF-8 when the bytes are UTF-8; nearly UTF-8 with
/// a few broken sequences refused; else Windows-1251, said in a note.
fn detected(bytes: Vec<u8>, file: &str, diags: &mut Vec<Diagnostic>) -> Option<(String, bool)> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let boms = text.trim_start_matches('\u{feff}').contains('\u{feff}');
            Some((inner_boms(text, file, diags), !boms))
        }
        Err(e) => {
            let line = utf8_error_line(&e);
            let bytes = e.into_bytes();
            let high = bytes.iter().filter(|b| **b >= 0x80).count();
            let pairs = bytes
                .windows(2)
                .filter(|w| matches!(w[0], 0xD0 | 0xD1) && (0x80..=0xBF).contains(&w[1]))
                .count();
            if pairs * 4 > high {
                diags.push(
                    Diagnostic::error(
                        file,
                        tr!(
                            "source.encoding.broken_utf8",
                            "файл в UTF-8, но здесь байты повреждены",
                            "the file is UTF-8 with broken bytes here"
                        ),
                        tr!(
                            "source.encoding.broken_utf8.fix",
                            "сохраните его заново в UTF-8 или, если кодировка другая, укажите --encoding",
                            "save it again as UTF-8, or pass --encoding if it is another encoding"
                        ),
                    )
                    .at(line),
                );
                return None;
            }
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&bytes);
            diags.push(Diagnostic::note(
                file,
                tr!(
                    "source.encoding.windows_1251",
                    "не UTF-8: прочитан как Windows-1251",
                    "not UTF-8: read as Windows-1251"
                ),
                tr!(
                    "source.encoding.windows_1251.fix",
                    "если буквы искажены, укажите --encoding (utf-8, koi8-r, ibm866)",
                    "if the letters look wrong, pass --encoding (utf-8, koi8-r, ibm866)"
                ),
            ));
            Some((text.into_owned(), false))
        }
    }
}

/// The line of the first byte that is not UTF-8.
fn utf8_error_line(e: &std::string::FromUtf8Error) -> u64 {
    super::table::lines::line_at(e.as_bytes(), e.utf8_error().valid_up_to())
}

/// «some bytes are not UTF-16LE».
fn not_all_bytes(name: &str) -> crate::lang::Text {
    tr!(
        "source.encoding.broken",
        "часть байтов — не {name}",
        "some bytes are not {name}"
    )
}

/// The text without the byte-order marks inside it (files joined one after another leave them at
/// their seams, where they would hide in a header or a cell), each one said at its line.
fn inner_boms(text: String, file: &str, diags: &mut Vec<Diagnostic>) -> String {
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !body.contains('\u{feff}') {
        return text;
    }
    for (n, line) in super::table::lines::lines(body).enumerate() {
        if line.contains('\u{feff}') {
            diags.push(
                Diagnostic::warning(
                    file,
                    tr!(
                        "source.bom.inside",
                        "внутри файла найдена и удалена метка порядка байтов: здесь склеены два файла?",
                        "a byte-order mark (U+FEFF) inside the file, removed: were files joined here?"
                    ),
                    tr!(
                        "source.bom.inside.fix",
                        "проверьте, что строки до и после неё относятся к одной выгрузке",
                        "check that the rows around it belong together"
                    ),
                )
                .at(n as u64 + 1),
            );
        }
    }
    body.replace('\u{feff}', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_is_detected_and_said() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Лицевой счет;ФИО\n1;Иванов\n");
        let mut diags = Vec::new();
        let (text, same) = decode(bytes.into_owned(), "a.csv", None, &mut diags).unwrap();
        assert_eq!(text, "Лицевой счет;ФИО\n1;Иванов\n");
        assert!(!same);
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.en().contains("Windows-1251"),
            "{}",
            diags[0]
        );

        let mut broken = "Лицевой счет;ФИО\n1;Иванов\n".as_bytes().to_vec();
        broken.insert(33, 0xFF);
        let mut diags = Vec::new();
        assert!(decode(broken, "a.csv", None, &mut diags).is_none());
        assert!(diags[0].message.en().contains("broken"), "{}", diags[0]);
        assert_eq!(diags[0].line, Some(2));

        let mut diags = Vec::new();
        let (text, same) = decode("ФИО\n".as_bytes().to_vec(), "a.csv", None, &mut diags).unwrap();
        assert_eq!((text.as_str(), same, diags.len()), ("ФИО\n", true, 0));
    }
}
