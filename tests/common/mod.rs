//! What the case-table tests share: the escapes of `tests/cases/*.tsv` cells.

/// A cell of a case table as text: `\t`, `\n`, `\\` and `\u{…}` escapes undone, so a table
/// can hold tabs, line breaks and invisible characters.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars
                    .by_ref()
                    .skip_while(|&c| c == '{')
                    .take_while(|&c| c != '}')
                    .collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(code).expect("valid char escape"));
            }
            other => panic!("unknown escape \\{other:?} in {text:?}"),
        }
    }
    out
}
