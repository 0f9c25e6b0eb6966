//! Quoted speech: text inside “…”, "…", ‘…’ or '…' within one block.
//!
//! Apostrophes ("don't", "Ava's", "parents'") are told apart from single quotation marks by
//! what stands either side. A quotation mark that is never closed within its block quotes
//! nothing, so a stray mark cannot hide a whole paragraph.

use std::ops::Range;

pub fn find(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    // Most blocks hold no quotation mark at all.
    if !s.contains(['"', '\'', '‘', '“']) {
        return out;
    }
    let base = range.start;
    // (opening mark kind, byte offset of the opening mark)
    let mut open: Option<(Kind, usize)> = None;
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        if matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”') {
            let opens_here = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                && next.is_some_and(|n| !n.is_whitespace());
            let closes_here = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            match (c, open) {
                ('“', None) => open = Some((Kind::Curly2, i)),
                ('”', Some((Kind::Curly2, start))) => {
                    out.push(base + start..base + i + c.len_utf8());
                    open = None;
                }
                ('"', None) if opens_here => open = Some((Kind::Straight2, i)),
                ('"', Some((Kind::Straight2, start))) => {
                    out.push(base + start..base + i + 1);
                    open = None;
                }
                ('‘', None) => open = Some((Kind::Curly1, i)),
                ('\'', None) if opens_here => open = Some((Kind::Straight1, i)),
                ('’', Some((Kind::Curly1, start))) | ('\'', Some((Kind::Straight1, start)))
                    if closes_here =>
                {
                    out.push(base + start..base + i + c.len_utf8());
                    open = None;
                }
                _ => {}
            }
        }
        prev = Some(c);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Straight2,
    Curly2,
    Straight1,
    Curly1,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn double_and_curly_quotes() {
        assert_eq!(
            quoted("Ava said \"I hate contact\" and “it’s boring”."),
            vec!["\"I hate contact\"", "“it’s boring”"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quoted("Ava's mum didn't come; the parents' views were 'mixed'."),
            vec!["'mixed'"]
        );
        assert_eq!(
            quoted("Ava’s room was ‘my safe place’."),
            vec!["‘my safe place’"]
        );
    }

    #[test]
    fn an_unclosed_quote_quotes_nothing() {
        assert!(quoted("Mum said \"she would come and then she did not").is_empty());
    }
}
