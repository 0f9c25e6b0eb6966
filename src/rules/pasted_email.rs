//! ## What it flags
//! Text pasted in from an e-mail: header blocks ("From:", "Sent:", "To:", "Subject:", also in
//! other languages such as "Von:" or "De :"), "-----Original Message-----" and forwarded-message
//! lines, reply lines such as "On 20 Nov 2026, at 10:14, Jo Bloggs wrote:", runs of lines
//! quoted with ">", sign-offs with a signature (name, job title, phone, e-mail), confidentiality
//! notices, "external e-mail" banners, "Sent from my iPhone" and image placeholders such as
//! "[cid:image001.png]". Pieces next to each other count as one pasted e-mail. Ordinary
//! sentences that mention e-mail or start like a header ("Subject to the panel's decision",
//! "From next week") are left alone.
//!
//! ## Why it matters
//! The practice standard says "Emails and email exchanges should not be cut and pasted or
//! attached to case notes". A pasted e-mail hides what matters in headers, signatures and
//! replies, repeats other people's personal details, and leaves the reader to work out what it
//! meant for the child. The case note should say what the e-mail told you and what you did.
//!
//! ## Example
//! ```text
//! From: Jo Bloggs <jo.bloggs@example.org>
//! Sent: 20 November 2026 10:14
//! To: Sam Patel
//! Subject: Ava
//!
//! Hi Sam,
//!
//! Ava was upset at drop-off this morning and asked for her nan.
//!
//! Kind regards,
//! Jo Bloggs
//! Designated Safeguarding Lead
//! ```
//!
//! ## Instead
//! Summary of e-mail from Jo Bloggs (school) on 20/11/2026: Ava was upset at drop-off and asked
//! for her nan. I will ask Ava about her mornings when I visit on Friday.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::{Context, EmailBlock, Meta};
use crate::finding::{Finding, Severity};
use crate::text::Document;

pub const META: Meta = Meta {
    id: "pasted-email",
    default_severity: Severity::Warning,
    summary: "Text pasted from an e-mail (headers, quoted replies, signatures, disclaimers)",
};

/// Lines longer than this (in bytes) are never classified.
const MAX_LINE: usize = 1000;

const HEADERS_TOML: &str = include_str!("../../dictionaries/email/headers.toml");
const MARKERS_TOML: &str = include_str!("../../dictionaries/email/markers.toml");

// ---------------------------------------------------------------------------------------------
// Data

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderFile {
    field: Vec<FieldEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), allow(dead_code))]
struct FieldEntry {
    kind: FieldKind,
    labels: Vec<String>,
    why: String,
    source: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
enum FieldKind {
    From,
    Sent,
    Date,
    To,
    Cc,
    Subject,
    Other,
    Mime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerFile {
    marker: Vec<MarkerEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), allow(dead_code))]
struct MarkerEntry {
    kind: MarkerKind,
    at: At,
    phrases: Vec<String>,
    why: String,
    source: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum MarkerKind {
    Separator,
    Signoff,
    Closing,
    Mobile,
    Notice,
    Artefact,
    Wrote,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum At {
    Line,
    Start,
    Anywhere,
}

/// The compiled patterns: hash lookups for labels and whole lines, one automaton for phrases.
struct Patterns {
    fields: HashMap<String, FieldKind>,
    whole: HashMap<String, MarkerKind>,
    phrases: Option<AhoCorasick>,
    phrase_meta: Vec<(MarkerKind, At)>,
}

fn parse_data() -> Result<(HeaderFile, MarkerFile), String> {
    let h: HeaderFile =
        toml::from_str(HEADERS_TOML).map_err(|e| format!("email/headers.toml: {e}"))?;
    let m: MarkerFile =
        toml::from_str(MARKERS_TOML).map_err(|e| format!("email/markers.toml: {e}"))?;
    Ok((h, m))
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut p = Patterns {
            fields: HashMap::new(),
            whole: HashMap::new(),
            phrases: None,
            phrase_meta: Vec::new(),
        };
        // The data is embedded and checked by a test; if it were ever broken the rule stays
        // silent rather than taking the engine down.
        let Ok((headers, markers)) = parse_data() else {
            return p;
        };
        for f in headers.field {
            for l in f.labels {
                p.fields.insert(l.to_lowercase(), f.kind);
            }
        }
        let mut pats = Vec::new();
        for m in markers.marker {
            for ph in m.phrases {
                let ph = ph.to_lowercase();
                match m.at {
                    At::Line => {
                        p.whole.insert(ph, m.kind);
                    }
                    At::Start | At::Anywhere => {
                        pats.push(ph);
                        p.phrase_meta.push((m.kind, m.at));
                    }
                }
            }
        }
        p.phrases = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok();
        p
    })
}

// ---------------------------------------------------------------------------------------------
// Lines

/// What a piece of pasted e-mail is, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Header,
    Reply,
    Separator,
    Quote,
    Signature,
    Mobile,
    Notice,
    Artefact,
    Body,
    Rule,
}

impl Piece {
    fn describe(self) -> &'static str {
        match self {
            Piece::Header => "an e-mail header block",
            Piece::Reply => "a reply line such as 'On ... wrote:'",
            Piece::Separator => "a forwarded or original-message line",
            Piece::Quote => "e-mail lines quoted with '>'",
            Piece::Signature => "a sign-off and signature",
            Piece::Mobile => "a 'Sent from my ...' footer",
            Piece::Notice => "an e-mail disclaimer or banner",
            Piece::Artefact => "an e-mail image or link placeholder",
            Piece::Body | Piece::Rule => "the body of an e-mail",
        }
    }
}

struct Line<'a> {
    start: usize,
    end: usize,
    /// The text after any ">" quote markers and leading white space, without trailing space.
    body: &'a str,
    /// How many ">" markers the line starts with.
    depth: usize,
    /// `body` in lower case.
    lower: String,
    /// The raw line starts with white space (a folded header line).
    indented: bool,
    /// Number of words in `body` (counted up to 64).
    words: usize,
    /// Contact details on the line: 1 e-mail address, 2 phone number, 4 web address, 8 a
    /// labelled contact ("Tel:", "Skype:"); 0 none.
    contact: u8,
    /// Never part of a block: fenced code, front matter, Markdown headings.
    fixed: bool,
    signoff: bool,
    /// The sign-off is one letters and notes to children use too ("Best wishes").
    closing: bool,
    separator: bool,
    mobile: bool,
    notice: bool,
    artefact: bool,
    wrote: bool,
    field: Option<FieldKind>,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.body.is_empty() && self.depth == 0
    }
    fn words(&self) -> usize {
        self.words
    }
}

fn is_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn lines_of<'a>(text: &'a str, front_matter: Option<&std::ops::Range<usize>>) -> Vec<Line<'a>> {
    let p = patterns();
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_fence: Option<&str> = None;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let end = start + line.len();
        let trimmed = line.trim_start();
        let mut fixed = front_matter.is_some_and(|r| r.start <= end && start < r.end + 4);
        // Fenced code is not prose and not e-mail.
        let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
        if let Some(open) = in_fence {
            fixed = true;
            if fence == Some(open) {
                in_fence = None;
            }
        } else if let Some(f) = fence {
            in_fence = Some(f);
            fixed = true;
        }
        if trimmed.starts_with("# ") || trimmed.starts_with("## ") || trimmed.starts_with("### ")
        {
            fixed = true;
        }
        let mut depth = 0;
        let mut body = trimmed;
        while let Some(rest) = body.strip_prefix('>') {
            depth += 1;
            body = rest.trim_start();
        }
        let body = body.trim_end();
        // Very long lines are prose or data, never a header, signature or footer line.
        let long = body.len() > MAX_LINE;
        let lower = if long {
            String::new()
        } else {
            body.to_lowercase()
        };
        let mut l = Line {
            start,
            end,
            body,
            depth,
            lower,
            indented: line.starts_with([' ', '\t']),
            words: body.split_whitespace().take(64).count(),
            contact: 0,
            fixed,
            signoff: false,
            closing: false,
            separator: false,
            mobile: false,
            notice: false,
            artefact: false,
            wrote: false,
            field: None,
        };
        if !l.fixed && !l.body.is_empty() && !long {
            classify(p, &mut l);
            l.contact = contact_kind(l.body, &l.lower);
        }
        out.push(l);
    }
    out
}

fn classify(p: &Patterns, l: &mut Line) {
    // Whole-line markers: separators and sign-offs.
    if l.lower.len() <= 80 {
        let norm = l
            .lower
            .trim_matches(|c: char| " \t*-_=:,.!;~".contains(c) || c == '—')
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
        match p.whole.get(norm) {
            Some(MarkerKind::Separator) => l.separator = true,
            Some(MarkerKind::Signoff) => l.signoff = true,
            Some(MarkerKind::Closing) => {
                l.signoff = true;
                l.closing = true;
            }
            _ => {
                // "Grüßle - Thomas", "Thanks, Jo": a closing with a short name after it.
                let split = |t: &'_ str| {
                    t.split_once(" - ")
                        .or_else(|| t.split_once(", "))
                        .map(|(h, t)| (h.trim().to_lowercase(), t.trim().to_string()))
                };
                // The name is read from the original text, where its capitals are.
                if let Some((head, tail)) = split(l.body) {
                    let kind = p.whole.get(head.trim_start_matches(['*', '-', ' ']));
                    if matches!(kind, Some(MarkerKind::Signoff | MarkerKind::Closing))
                        && is_name(&tail)
                    {
                        l.signoff = true;
                        l.closing = kind == Some(&MarkerKind::Closing);
                    }
                }
            }
        }
    }
    if let Some(ac) = &p.phrases {
        for m in ac.find_overlapping_iter(l.lower.as_str()) {
            let Some(&(kind, at)) = p.phrase_meta.get(m.pattern().as_usize()) else {
                continue;
            };
            if at == At::Start && m.start() != 0 {
                continue;
            }
            match kind {
                MarkerKind::Mobile => {
                    // "Sent from my iPhone", not "Sent from my work phone to Mum at 10:15."
                    let sentence = l.body.ends_with('.') && l.words() > 6;
                    l.mobile = l.words() <= 8 && !sentence;
                }
                MarkerKind::Notice => l.notice = true,
                MarkerKind::Artefact => l.artefact = true,
                MarkerKind::Wrote => {
                    l.wrote |= is_boundary(&l.lower, m.start(), m.end());
                }
                MarkerKind::Separator | MarkerKind::Signoff | MarkerKind::Closing => {}
            }
        }
    }
    l.field = field(p, l.body).map(|(k, _)| k);
}

/// "From: Jo <jo@example.org>" -> (From, "Jo <jo@example.org>").
fn field<'a>(p: &Patterns, body: &'a str) -> Option<(FieldKind, &'a str)> {
    let head = &body.as_bytes()[..body.len().min(120)];
    if !head.contains(&b':') && !body.contains('：') {
        return None;
    }
    let body = body.trim_start_matches('*');
    let colon = body
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let label = body[..colon.0].trim().trim_matches('*').trim();
    if label.is_empty() {
        return None;
    }
    let value = body[colon.0 + colon.1.len_utf8()..]
        .trim_start_matches('*')
        .trim();
    let lower = label.to_lowercase();
    let kind = match p.fields.get(&lower) {
        Some(k) => *k,
        None if lower.starts_with("x-") && !lower.contains(' ') => FieldKind::Mime,
        None => return None,
    };
    if kind == FieldKind::From && value.is_empty() {
        return None;
    }
    Some((kind, value))
}

fn is_name(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c == '*' || c == '-' || c.is_whitespace());
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()));
    !words.is_empty()
        && words.len() <= 5
        && s.len() <= 60
        && !s.ends_with(['?', ':', ';'])
        && (!s.ends_with('.') || capitalised)
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.contains(':')
}

fn has_email(s: &str) -> bool {
    if !s.as_bytes().contains(&b'@') {
        return false;
    }
    s.char_indices().any(|(i, c)| {
        c == '@'
            && s[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.')
            && s[i + 1..]
                .split(|c: char| c.is_whitespace() || c == '>' || c == ']')
                .next()
                .is_some_and(|d| d.contains('.') && !d.starts_with('.'))
    })
}

fn has_url(s: &str) -> bool {
    s.contains("http://") || s.contains("https://") || s.contains("www.")
}

/// A time such as "10:14", "9.05", "18:02:11".
fn has_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit()
            && (w[1] == b':' || w[1] == b'.')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// A phone number: at least nine digits making up most of the line after an optional label.
fn has_phone(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if !(9..=16).contains(&digits) || has_date(s) {
        return false;
    }
    // The longest stretch of digits, spaces and phone punctuation.
    let mut best = 0;
    let mut run = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else if " +()-./".contains(c) {
            if run > 0 {
                run += 1;
            }
        } else {
            run = 0;
        }
    }
    best >= 9
}

/// A date such as "2024-01-15", "15.01.2024" or "2013.02.08".
fn has_date(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .any(|tok| {
            let groups: Vec<&str> = tok
                .trim_end_matches('.')
                .split(['-', '/', '.'])
                .collect();
            groups.len() == 3
                && groups
                    .iter()
                    .all(|g| !g.is_empty() && g.len() <= 4 && g.chars().all(|c| c.is_ascii_digit()))
                && groups.iter().any(|g| g.len() == 4)
        })
}

fn is_contact(l: &Line) -> bool {
    l.contact != 0
}

fn contact_kind(body: &str, lower: &str) -> u8 {
    if body.len() > 200 {
        0
    } else if has_email(body) {
        1
    } else if has_phone(body) {
        2
    } else if has_url(lower) {
        4
    } else {
        let lab = lower.split([':', '.']).next().unwrap_or("").trim();
        let labelled = lower.len() > lab.len()
            && matches!(
                lab,
                "tel" | "t" | "m" | "f" | "p" | "phone" | "mobile" | "mob" | "fax" | "email"
                    | "e-mail" | "e" | "skype" | "web" | "office" | "direct" | "telephone"
            );
        if labelled {
            8
        } else {
            0
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Detection

struct Marks {
    piece: Vec<Option<Piece>>,
    /// Lines of a piece that is not e-mail on its own (a "Best wishes" sign-off and a name),
    /// only flagged as part of a block with other e-mail text.
    weak: Vec<bool>,
    sender: Vec<Option<String>>,
    date: Vec<Option<String>>,
}

impl Marks {
    fn set(&mut self, lines: &[Line], range: std::ops::RangeInclusive<usize>, piece: Piece) {
        for i in range {
            if let Some(slot) = self.piece.get_mut(i) {
                if slot.is_none() && !lines[i].fixed {
                    *slot = Some(piece);
                }
            }
        }
    }
    fn is(&self, i: usize) -> bool {
        self.piece.get(i).is_some_and(Option::is_some)
    }
}

/// Find pasted e-mail blocks. Runs before the other rules, which treat the blocks as not prose.
pub fn detect(text: &str, doc: &Document) -> Vec<EmailBlock> {
    let lines = lines_of(text, doc.front_matter.as_ref());
    let marks = mark(&lines);
    blocks(&lines, &marks)
}

fn next_nonblank(lines: &[Line], from: usize, max_blanks: usize) -> Option<usize> {
    let mut blanks = 0;
    for (i, l) in lines.iter().enumerate().skip(from) {
        if !l.blank() {
            return Some(i);
        }
        blanks += 1;
        if blanks > max_blanks {
            return None;
        }
    }
    None
}

fn prev_nonblank(lines: &[Line], before: usize, max_blanks: usize) -> Option<usize> {
    let mut blanks = 0;
    let mut i = before;
    while i > 0 {
        i -= 1;
        if !lines[i].blank() {
            return Some(i);
        }
        blanks += 1;
        if blanks > max_blanks {
            return None;
        }
    }
    None
}

fn paragraph_end(lines: &[Line], from: usize) -> usize {
    let mut j = from;
    while j + 1 < lines.len() && !lines[j + 1].blank() && !lines[j + 1].fixed {
        j += 1;
    }
    j
}

fn mark(lines: &[Line]) -> Marks {
    let n = lines.len();
    let mut m = Marks {
        piece: vec![None; n],
        weak: vec![false; n],
        sender: vec![None; n],
        date: vec![None; n],
    };
    // Pieces after which the e-mail's own text follows.
    let mut heads: Vec<usize> = Vec::new();
    let p = patterns();

    // 1. Header blocks and separator lines.
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if l.fixed || !(l.field.is_some() || l.separator || is_rule(l)) {
            i += 1;
            continue;
        }
        let mut kinds = 0u16;
        let mut mime = 0;
        let mut fields = 0;
        let mut strong_sep = false;
        let mut rule = false;
        let mut sender = None;
        let mut date = None;
        let mut has_address = false;
        let mut j = i;
        let mut last = i;
        while j < n {
            let c = &lines[j];
            if c.fixed {
                break;
            }
            if let Some(k) = c.field {
                fields += 1;
                has_address |= c.contact & 1 != 0 || c.artefact;
                kinds |= 1 << k as u16;
                if k == FieldKind::Mime {
                    mime += 1;
                }
                if let Some((_, v)) = field(p, c.body) {
                    if k == FieldKind::From && sender.is_none() {
                        sender = clean_sender(v);
                    }
                    if matches!(k, FieldKind::Sent | FieldKind::Date) && date.is_none() && !v.is_empty()
                    {
                        date = Some(v.to_string());
                    }
                }
                last = j;
            } else if c.separator && fields == 0 {
                strong_sep = true;
                last = j;
            } else if is_rule(c) && fields == 0 {
                rule = true;
                last = j;
            } else if !c.blank()
                && fields > 0
                && j == last + 1
                && (c.indented || lines.get(j + 1).is_some_and(|x| x.field.is_some()))
            {
                // A folded header line.
                last = j;
            } else if c.blank() && j == last + 1 && (fields == 0 || {
                // One blank line inside a block, if a field follows.
                lines.get(j + 1).is_some_and(|x| x.field.is_some())
            }) {
                // keep going
            } else {
                break;
            }
            j += 1;
        }
        let has = |k: FieldKind| kinds & (1 << k as u16) != 0;
        let other = has(FieldKind::Sent)
            || has(FieldKind::Date)
            || has(FieldKind::To)
            || has(FieldKind::Cc)
            || has(FieldKind::Subject);
        let distinct = (kinds & !(1 << FieldKind::Mime as u16)).count_ones();
        // Something only an e-mail has: a "Sent" or "Subject" line, an address, or a marker.
        // "Date: ... From: Mum To: Sam" alone could be a phone-call template.
        let emailish = has(FieldKind::Sent)
            || has(FieldKind::Subject)
            || has_address
            || strong_sep
            || rule;
        let header = (((has(FieldKind::From) && other)
            || (has(FieldKind::Sent) && (has(FieldKind::To) || has(FieldKind::Subject)))
            || (distinct >= 3 && (has(FieldKind::To) || has(FieldKind::Cc))))
            && emailish)
            || mime >= 2
            || ((strong_sep || rule) && has(FieldKind::From));
        if header || strong_sep {
            let piece = if header {
                Piece::Header
            } else {
                Piece::Separator
            };
            // A leading rule line only belongs to a header.
            let first = if !header && rule && !lines[i].separator {
                (i..=last).find(|&k| lines[k].separator).unwrap_or(i)
            } else {
                i
            };
            m.set(lines, first..=last, piece);
            m.sender[first] = sender;
            m.date[first] = date;
            heads.push(last);
            i = last + 1;
        } else {
            i += 1;
        }
    }

    // 2. Reply lines: "On <date>, <name> wrote:", possibly wrapped over three lines.
    let mut i = 0;
    while i < n {
        if lines[i].blank() || lines[i].fixed || m.is(i) {
            i += 1;
            continue;
        }
        let mut found = None;
        let mut joined = String::new();
        for k in 0..3 {
            let j = i + k;
            let Some(c) = lines.get(j) else { break };
            // Gmail wraps "... <jo@example.org" and ">:" onto a quoted line of its own.
            let wrapped_colon = c.body == ":" && k > 0;
            if c.blank()
                || c.fixed
                || m.is(j)
                || (k > 0 && c.depth != lines[i].depth && !wrapped_colon)
            {
                break;
            }
            if !joined.is_empty() && !wrapped_colon {
                joined.push(' ');
            }
            if wrapped_colon {
                joined.push('>');
            }
            joined.push_str(c.body);
            if joined.len() > 260 {
                break;
            }
            if is_reply(&joined, lines[i..=j].iter().any(|x| x.wrote)) {
                found = Some(j);
                break;
            }
        }
        // Without an address, "On 20/11/2026 at 10:15, Mum wrote:" could be the writer's own
        // lead-in to a text message; it counts when e-mail quoting follows or surrounds it.
        let found = found.filter(|&j| {
            let joined_has_email = lines[i..=j].iter().any(|l| has_email(l.body));
            joined_has_email
                || lines[i].depth > 0
                || next_nonblank(lines, j + 1, 6).is_some_and(|k| lines[k].depth > 0)
        });
        if let Some(j) = found {
            // "Hi,\nOn ... wrote:": the greeting above is not part of the reply line.
            let mut start = i;
            while start < j {
                let rest: Vec<&str> = lines[start + 1..=j].iter().map(|l| l.body).collect();
                let rest = rest.join(" ");
                if is_reply(&rest, lines[start + 1..=j].iter().any(|x| x.wrote)) {
                    start += 1;
                    joined = rest;
                } else {
                    break;
                }
            }
            m.set(lines, start..=j, Piece::Reply);
            let (s, d) = reply_parts(&joined);
            m.sender[start] = s;
            m.date[start] = d;
            heads.push(j);
            i = j + 1;
        } else {
            i += 1;
        }
    }

    // 3. Signatures, footers, notices, placeholders.
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if l.fixed || l.blank() || m.is(i) {
            i += 1;
            continue;
        }
        if l.notice {
            // The whole paragraph of a disclaimer or banner.
            let mut s = i;
            while s > 0 && !lines[s - 1].blank() && !lines[s - 1].fixed && !m.is(s - 1) {
                s -= 1;
            }
            let e = paragraph_end(lines, i);
            m.set(lines, s..=e, Piece::Notice);
            i = e + 1;
            continue;
        }
        if l.mobile {
            m.set(lines, i..=i, Piece::Mobile);
        } else if l.artefact {
            m.set(lines, i..=i, Piece::Artefact);
        } else if l.signoff {
            let inline = l.lower.contains(" - ") || l.lower.contains(", ");
            let next = next_nonblank(lines, i + 1, 1);
            let named = next.is_some_and(|j| {
                !m.is(j) && lines[j].field.is_none() && is_name(lines[j].body)
            });
            if named || inline {
                let from = if named { next.unwrap_or(i) } else { i };
                let e = signature_end(lines, &m, from);
                let weak = l.closing && !(i..=e).any(|k| lines[k].contact & 1 != 0);
                for k in i..=e {
                    m.weak[k] = weak && !m.is(k);
                }
                m.set(lines, i..=e, Piece::Signature);
                i = e + 1;
                continue;
            }
        } else if is_sig_dash(l) {
            if let Some(j) = next_nonblank(lines, i + 1, 1) {
                if !lines[j].fixed && lines[j].words() <= 12 {
                    let e = signature_end(lines, &m, j);
                    m.set(lines, i..=e, Piece::Signature);
                    i = e + 1;
                    continue;
                }
            }
        } else if is_dash_name(l.body) {
            let e = signature_end(lines, &m, i);
            m.set(lines, i..=e, Piece::Signature);
            i = e + 1;
            continue;
        } else if let Some(e) = contact_cluster(lines, &m, i) {
            m.set(lines, i..=e, Piece::Signature);
            i = e + 1;
            continue;
        }
        i += 1;
    }

    // 4. Runs of ">"-quoted lines, when something ties them to e-mail.
    let mut i = 0;
    while i < n {
        if lines[i].depth == 0 || lines[i].fixed {
            i += 1;
            continue;
        }
        let mut e = i;
        while e + 1 < n && lines[e + 1].depth > 0 && !lines[e + 1].fixed {
            e += 1;
        }
        let run = &lines[i..=e];
        // A quoted line the client wrapped leaves one unquoted line between two quoted ones.
        let wrapped = i >= 2
            && lines[i - 2].depth > 0
            && !lines[i - 1].blank()
            && m.piece[i - 2] == Some(Piece::Quote);
        let tied = wrapped
            || (i..=e).any(|k| m.is(k))
            || run.iter().any(|l| l.depth >= 2 || has_email(l.body) || l.wrote)
            || prev_nonblank(lines, i, 6).is_some_and(|k| {
                matches!(m.piece[k], Some(Piece::Header | Piece::Reply | Piece::Separator))
            });
        if tied {
            let from = if wrapped { i - 1 } else { i };
            m.set(lines, from..=e, Piece::Quote);
        }
        i = e + 1;
    }

    // 5. The text of an e-mail under its header: the first paragraph, and everything up to the
    //    next piece of e-mail if one follows before a break.
    for &h in &heads {
        let Some(first) = next_nonblank(lines, h + 1, 3) else {
            continue;
        };
        if m.is(first) || lines[first].fixed || lines[first].depth > 0 {
            continue;
        }
        let mut end = paragraph_end(lines, first);
        // "Hi Sam," on its own: the paragraph under it is the e-mail's too.
        let greeting = end == first
            && lines[first].words() <= 4
            && lines[first].body.ends_with(',')
            && ["hi", "hello", "dear", "hey", "good morning", "good afternoon", "morning"]
                .iter()
                .any(|g| lines[first].lower.starts_with(g));
        if greeting {
            if let Some(k) = next_nonblank(lines, end + 1, 1) {
                if !m.is(k) && !lines[k].fixed && lines[k].depth == 0 {
                    end = paragraph_end(lines, k);
                }
            }
        }
        let mut j = end + 1;
        let mut paragraphs = 1;
        while let Some(k) = next_nonblank(lines, j, 1) {
            if lines[k].fixed || paragraphs > 10 {
                break;
            }
            if m.is(k) {
                end = k - 1;
                break;
            }
            if lines[k].depth > 0 {
                break;
            }
            j = paragraph_end(lines, k) + 1;
            paragraphs += 1;
        }
        m.set(lines, first..=end, Piece::Body);
    }

    // 6. Rule lines ("______", "-----") next to a piece belong to it.
    for i in 0..n {
        if m.is(i) || lines[i].fixed || !(is_rule(&lines[i]) || is_sig_dash(&lines[i])) {
            continue;
        }
        let near = |k: Option<usize>| k.is_some_and(|k| m.is(k));
        if near(next_nonblank(lines, i + 1, 2)) || near(prev_nonblank(lines, i, 2)) {
            m.set(lines, i..=i, Piece::Rule);
        }
    }

    // 7. The text of an e-mail between its pieces: a paragraph that opens with a greeting and
    //    runs straight into a sign-off, or one short paragraph with e-mail on both sides (a
    //    caution banner above, "Sent from my iPhone" below). It is weak when a neighbour is, so
    //    a letter to a child ("Dear Ava, ... Best wishes") stays silent.
    let mut i = 0;
    while i < n {
        if m.is(i) || lines[i].blank() || lines[i].fixed || lines[i].depth > 0 {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < n && !lines[end + 1].blank() && !lines[end + 1].fixed && !m.is(end + 1) {
            end += 1;
        }
        let after = end + 1;
        let greeting_into_signoff = after < n
            && m.piece[after] == Some(Piece::Signature)
            && lines[after].signoff
            && opens_with_greeting(&lines[i]);
        let sandwiched = end - i < 6
            && prev_nonblank(lines, i, 1).is_some_and(|k| m.is(k))
            && next_nonblank(lines, after, 1).is_some_and(|k| m.is(k));
        if greeting_into_signoff || sandwiched {
            let prev = prev_nonblank(lines, i, 1).filter(|&k| m.is(k));
            let next = next_nonblank(lines, after, 1).filter(|&k| m.is(k));
            let weak = prev.is_some_and(|k| m.weak[k]) || next.is_some_and(|k| m.weak[k]);
            m.set(lines, i..=end, Piece::Body);
            for k in i..=end {
                m.weak[k] = weak;
            }
        }
        i = end + 1;
    }
    m
}

/// "Hi Ben, she has been in every day..." or "Dear Ms Lowe,": a line opening with a greeting
/// and a name followed by a comma.
fn opens_with_greeting(l: &Line) -> bool {
    let Some(comma) = l.body.find(',') else {
        return false;
    };
    let head = &l.lower[..comma.min(l.lower.len())];
    let words = head.split_whitespace().count();
    (2..=4).contains(&words)
        && ["hi ", "hello ", "dear ", "hey ", "good morning ", "good afternoon "]
            .iter()
            .any(|g| head.starts_with(g))
}

/// A line of underscores, dashes or equals signs (Outlook's divider, a signature rule).
fn is_rule(l: &Line) -> bool {
    if l.body.len() > 200 {
        return false;
    }
    let marks = l.body.chars().filter(|c| *c != ' ').count();
    marks >= 2
        && l.body
            .chars()
            .all(|c| matches!(c, '_' | '-' | '=' | '*' | ' ' | '—' | '–'))
        && (l.body.starts_with(['_', '—', '–']) || marks >= 4)
}

fn is_sig_dash(l: &Line) -> bool {
    l.body == "--" || l.body == "—"
}

/// "-Abhishek Kona": a name signed with a dash.
fn is_dash_name(body: &str) -> bool {
    let Some(rest) = body.strip_prefix('-') else {
        return false;
    };
    let words: Vec<&str> = rest.split(' ').collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || c == '.' || c == '\'' || c == '-')
        })
}

/// The last line of a signature that starts at `from`: short lines up to a blank line, then any
/// following short paragraphs that hold contact details.
fn signature_end(lines: &[Line], m: &Marks, from: usize) -> usize {
    let mut e = from;
    let short = |l: &Line| {
        !l.fixed && l.words() <= 12 && !(l.words() >= 6 && l.body.ends_with(['.', '?', '!']))
    };
    while e + 1 < lines.len() && !lines[e + 1].blank() && short(&lines[e + 1]) && !m.is(e + 1) {
        e += 1;
    }
    while let Some(k) = next_nonblank(lines, e + 1, 1) {
        if m.is(k) {
            break;
        }
        let pe = paragraph_end(lines, k);
        let para = &lines[k..=pe];
        if para.len() <= 8 && para.iter().all(|l| short(l) && l.words() <= 8) && para.iter().any(is_contact)
        {
            e = pe;
        } else {
            break;
        }
    }
    e
}

/// Short lines (single blank lines allowed between them) holding contact details: a signature
/// without a sign-off.
fn contact_cluster(lines: &[Line], m: &Marks, i: usize) -> Option<usize> {
    let short = |k: usize| {
        let l = &lines[k];
        let sentence = l.words() >= 3 && l.body.ends_with(['.', '?', '!', ':']);
        !(l.fixed || l.blank() || l.words() > 10 || m.is(k) || sentence)
    };
    if !short(i) {
        return None;
    }
    let mut kinds = 0u8;
    let mut count = 0;
    let mut e = i;
    let mut k = i;
    let mut total = 0;
    while short(k) && total < 16 {
        let c = lines[k].contact;
        if c != 0 {
            kinds |= c;
            count += 1;
            e = k;
        } else if k == e + 1 {
            // A name or job title right under a contact line still belongs to it.
            e = k;
        }
        total += 1;
        // The next line, allowing one blank line between.
        match next_nonblank(lines, k + 1, 1) {
            Some(nk) => k = nk,
            None => break,
        }
    }
    // Three contact lines, or a web address with an e-mail address or phone number. A name, a
    // phone number and an e-mail address alone are often a contact noted in the case record.
    (count >= 3 || (kinds & 4 != 0 && kinds & 3 != 0)).then_some(e)
}

fn is_reply(joined: &str, wrote: bool) -> bool {
    // Zoho: "---- On ... wrote ----".
    let t = joined.trim_end().trim_end_matches(['-', ' ']);
    let ends_colon = t.ends_with(':') || t.ends_with('：');
    if wrote {
        let ends_verb = || {
            let lower = t.trim_end_matches([':', ' ']).to_lowercase();
            ["wrote", "writes", "schrieb", "skrev", "a écrit"]
                .iter()
                .any(|v| lower.ends_with(v))
        };
        if !(ends_colon || ends_verb()) {
            return false;
        }
        // A reply line names an address, or a time after a comma ("On 9 Jan 2014, at 2:47,
        // George wrote:").
        has_email(t) || (has_time(t) && t.contains(','))
    } else {
        // Date-first styles: '30.09.2017, 18.30, "Jo" <jo@example.org>:'.
        let starts_digit = t.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !(t.ends_with(">:") || (starts_digit && t.ends_with('>'))) {
            return false;
        }
        let dated = t
            .split('<')
            .next()
            .is_some_and(|s| s.chars().any(|c| c.is_ascii_digit()));
        dated && (starts_digit || has_time(t)) && has_email(t)
    }
}

/// The sender and date of an English reply line "On <date>, <name> wrote:".
fn reply_parts(joined: &str) -> (Option<String>, Option<String>) {
    let t = joined.trim();
    let Some(rest) = t.strip_prefix("On ") else {
        return (None, None);
    };
    let Some(w) = rest.rfind(" wrote").or_else(|| rest.rfind("wrote")) else {
        return (None, None);
    };
    let mut inner = rest[..w].to_string();
    // Drop an address in angle brackets.
    if let (Some(a), Some(b)) = (inner.find('<'), inner.rfind('>')) {
        if a < b {
            inner.replace_range(a..=b, "");
        }
    }
    let inner = inner.trim().trim_end_matches(',').trim();
    let Some(c) = inner.rfind(',') else {
        return (None, None);
    };
    let date = inner[..c].trim();
    let name = inner[c + 1..].trim().trim_matches('"').trim();
    if name.is_empty() || name.chars().any(|c| c.is_ascii_digit()) || date.is_empty() {
        return (None, None);
    }
    (clean_sender(name), Some(date.to_string()))
}

/// "Jo Bloggs <jo@example.org>" -> "Jo Bloggs"; "<jo@example.org>" -> "jo@example.org".
fn clean_sender(v: &str) -> Option<String> {
    let mut name = v.to_string();
    let mut addr = None;
    for (open, close) in [('<', '>'), ('[', ']'), ('(', ')')] {
        if let (Some(a), Some(b)) = (name.find(open), name.rfind(close)) {
            if a < b {
                let inside = name[a + 1..b].trim_start_matches("mailto:").trim().to_string();
                if addr.is_none() && has_email(&inside) {
                    addr = Some(inside);
                }
                name.replace_range(a..=b, "");
            }
        }
    }
    let name = name
        .split("mailto:")
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(['"', '\'', ',', '*'])
        .trim()
        .to_string();
    if !name.is_empty() && name.len() <= 80 {
        Some(name)
    } else {
        addr.filter(|a| a.len() <= 80)
    }
}

fn blocks(lines: &[Line], m: &Marks) -> Vec<EmailBlock> {
    let mut out: Vec<EmailBlock> = Vec::new();
    let mut open: Option<(usize, usize)> = None; // first and last marked line
    let flush = |out: &mut Vec<EmailBlock>, (a, b): (usize, usize)| {
        if (a..=b).all(|k| !m.is(k) || m.weak[k]) {
            return;
        }
        let sender = (a..=b).find_map(|k| m.sender[k].clone());
        let date = (a..=b).find_map(|k| m.date[k].clone());
        out.push(EmailBlock {
            range: lines[a].start..lines[b].end,
            sender,
            date,
        });
    };
    for (i, l) in lines.iter().enumerate() {
        if m.is(i) {
            open = match open {
                Some((a, _)) => Some((a, i)),
                None => Some((i, i)),
            };
        } else if !l.blank() || l.fixed {
            if let Some(b) = open.take() {
                flush(&mut out, b);
            }
        }
    }
    if let Some(b) = open {
        flush(&mut out, b);
    }
    out.retain(|b| !b.range.is_empty());
    out
}

/// What the block mainly is, for the message.
fn main_piece(text: &str, range: &std::ops::Range<usize>) -> Piece {
    let Some(slice) = text.get(range.clone()) else {
        return Piece::Body;
    };
    let lines = lines_of(slice, None);
    let marks = mark(&lines);
    // The most telling piece names the block.
    const ORDER: [Piece; 10] = [
        Piece::Header,
        Piece::Reply,
        Piece::Separator,
        Piece::Quote,
        Piece::Notice,
        Piece::Signature,
        Piece::Mobile,
        Piece::Artefact,
        Piece::Body,
        Piece::Rule,
    ];
    ORDER
        .into_iter()
        .find(|p| marks.piece.contains(&Some(*p)))
        .unwrap_or(Piece::Body)
}

/// A sent date as the standard writes dates ("20/11/2026"), when it can be read for certain:
/// "Thursday, 20 November 2026 10:14", "Fri, Nov 20, 2026 at 10:14 AM", "2026-11-20 10:14",
/// "20/11/2026". Anything else (such as "01/03/11") is left as written.
fn uk_date(written: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let valid = |d: u32, m: u32, y: u32| {
        (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y)
    };
    let (mut day, mut month, mut year) = (None, None, None);
    for tok in written.split(|c: char| c.is_whitespace() || c == ',') {
        let tok = tok.trim_matches(|c: char| c == '.' || c == '(' || c == ')');
        if tok.is_empty() || tok.contains(':') {
            continue;
        }
        let parts: Vec<&str> = tok.split(['/', '-', '.']).collect();
        if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
            let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            if n.len() == 3 {
                let (d, m, y) = if parts[0].len() == 4 {
                    (n[2], n[1], n[0])
                } else if parts[2].len() == 4 {
                    (n[0], n[1], n[2])
                } else {
                    return None;
                };
                return valid(d, m, y).then(|| format!("{d:02}/{m:02}/{y}"));
            }
        }
        let lower = tok.to_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_alphabetic());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let Ok(n) = digits.parse::<u32>() else {
                continue;
            };
            if digits.len() == 4 && year.is_none() {
                year = Some(n);
            } else if digits.len() <= 2 && day.is_none() {
                day = Some(n);
            }
        } else if month.is_none() && lower.len() >= 3 {
            if let Some(i) = MONTHS.iter().position(|m| lower.starts_with(m)) {
                month = Some(i as u32 + 1);
            }
        }
    }
    let (d, m, y) = (day?, month?, year?);
    valid(d, m, y).then(|| format!("{d:02}/{m:02}/{y}"))
}

/// The one-line placeholder offered in place of the block.
fn placeholder(b: &EmailBlock) -> String {
    let date = b.date.as_deref().map(|d| uk_date(d).unwrap_or_else(|| d.to_string()));
    match (&b.sender, &date) {
        (Some(s), Some(d)) => format!("Summary of e-mail from {s} on {d}: "),
        (Some(s), None) => format!("Summary of e-mail from {s}: "),
        (None, Some(d)) => format!("Summary of e-mail sent on {d}: "),
        (None, None) => "Summary of e-mail: ".to_string(),
    }
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for b in cx.email_blocks {
        if b.range.is_empty() {
            continue;
        }
        let what = main_piece(cx.text, &b.range).describe();
        out.push(
            Finding::new(
                META.id,
                b.range.clone(),
                format!(
                    "This looks like pasted e-mail ({what}). The standard asks that e-mails are \
                     not pasted into case notes: could you say in your own words what it told \
                     you and what it means for the child?"
                ),
            )
            .with_optional_edit(
                "Replace the e-mail with a summary line",
                b.range.clone(),
                placeholder(b),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use crate::{analyse, Config};

    fn blocks_of(text: &str) -> Vec<EmailBlock> {
        detect(text, &Document::parse(text))
    }

    fn flagged(text: &str) -> Vec<&str> {
        blocks_of(text)
            .into_iter()
            .map(|b| &text[b.range])
            .collect()
    }

    fn silent(text: &str) {
        assert!(
            blocks_of(text).is_empty(),
            "should be silent, flagged {:?}",
            flagged(text)
        );
    }

    #[test]
    fn flags_an_outlook_header_block_with_its_body_and_signature() {
        let text = "I spoke to school today.\n\nFrom: Jo Bloggs <jo.bloggs@example.org>\nSent: 20 November 2026 10:14\nTo: Sam Patel\nSubject: Ava\n\nHi Sam,\n\nAva was upset at drop-off this morning.\n\nShe settled after break.\n\nKind regards,\nJo Bloggs\nDesignated Safeguarding Lead\nTel: 01234 567890\n";
        let b = blocks_of(text);
        assert_eq!(b.len(), 1, "{:?}", flagged(text));
        assert!(text[b[0].range.clone()].starts_with("From: Jo"));
        assert!(text[b[0].range.clone()].ends_with("567890"));
        assert_eq!(b[0].sender.as_deref(), Some("Jo Bloggs"));
        assert_eq!(b[0].date.as_deref(), Some("20 November 2026 10:14"));
    }

    #[test]
    fn the_text_under_a_header_is_part_of_the_block_but_the_note_after_a_greeting_and_paragraph_is_not() {
        let text = "From: Jo Bloggs <jo@example.org>\nSent: 20/11/2026 10:14\nTo: Sam\nSubject: Ava\n\nHi Sam,\n\nAva was upset.\n\n\nI will visit on Friday.\n";
        let b = flagged(text);
        assert_eq!(b.len(), 1);
        assert!(b[0].ends_with("Ava was upset."), "{b:?}");
    }

    #[test]
    fn flags_non_english_header_blocks() {
        for h in [
            "Von: Jo Bloggs <jo@example.org>\nGesendet: Freitag, 20. November 2026 10:14\nAn: Sam\nBetreff: Ava",
            "De : Jo Bloggs <jo@example.org>\nEnvoyé : vendredi 20 novembre 2026 10:14\nÀ : Sam\nObjet : Ava",
            "Van: Jo Bloggs <jo@example.org>\nVerzonden: vrijdag 20 november 2026 10:14\nAan: Sam\nOnderwerp: Ava",
            "Da: Jo Bloggs <jo@example.org>\nInviato: venerdì 20 novembre 2026 10:14\nA: Sam\nOggetto: Ava",
            "De: Jo Bloggs <jo@example.org>\nEnviado: viernes, 20 de noviembre de 2026 10:14\nPara: Sam\nAsunto: Ava",
        ] {
            let text = format!("Note.\n\n{h}\n\nAva was upset.\n");
            assert_eq!(blocks_of(&text).len(), 1, "{h}");
        }
    }

    #[test]
    fn flags_original_message_and_forwarded_markers() {
        assert_eq!(flagged("Note.\n\n-----Original Message-----\nFrom: Jo\nSent: Friday\n").len(), 1);
        assert_eq!(flagged("---------- Forwarded message ---------\nFrom: Jo <jo@example.org>\nDate: Fri, 20 Nov 2026\n").len(), 1);
        assert_eq!(flagged("Begin forwarded message:\n\nThe meeting has moved.\n").len(), 1);
    }

    #[test]
    fn flags_a_reply_line_and_its_quoted_lines() {
        let text = "Note.\n\nOn 20 Nov 2026, at 10:14, Jo Bloggs <jo@example.org> wrote:\n> Ava was upset.\n> She asked for her nan.\n";
        let b = blocks_of(text);
        assert_eq!(b.len(), 1);
        assert!(text[b[0].range.clone()].ends_with("her nan."));
        assert_eq!(b[0].sender.as_deref(), Some("Jo Bloggs"));
        assert_eq!(b[0].date.as_deref(), Some("20 Nov 2026, at 10:14"));
    }

    #[test]
    fn flags_footers_disclaimers_banners_and_placeholders() {
        assert_eq!(flagged("Ava is well.\n\nSent from my iPhone\n"), vec!["Sent from my iPhone"]);
        assert_eq!(flagged("[cid:image001.png@01DA1234.5678]\n").len(), 1);
        assert_eq!(flagged("Ava is well.\n\nGet Outlook for iOS\n").len(), 1);
        assert_eq!(
            flagged("CAUTION: This email originated from outside of the organisation. Do not click links or open attachments unless you recognise the sender.\n\nAva is well.\n").len(),
            1
        );
        assert_eq!(
            flagged("This email and any attachments are confidential. If you are not the intended recipient, please tell the sender.\n").len(),
            1
        );
    }

    #[test]
    fn flags_a_sign_off_with_a_signature() {
        let text = "Hi Sam, see you Friday.\n\nBest wishes,\nJo Bloggs\nFamily Support Worker\n07700 900123\njo.bloggs@example.org\n\nI then rang Mum.\n";
        assert_eq!(
            flagged(text),
            vec!["Best wishes,\nJo Bloggs\nFamily Support Worker\n07700 900123\njo.bloggs@example.org"]
        );
    }

    #[test]
    fn flags_a_signature_without_a_sign_off() {
        let text = "See you then.\n\nJo Bloggs\nDesignated Safeguarding Lead\njo.bloggs@example.org\n01234 567890\nwww.example-school.org.uk\n";
        assert_eq!(blocks_of(text).len(), 1);
    }

    #[test]
    fn flags_a_reply_line_without_an_address_when_quoting_follows() {
        let text = "Note.\n\nOn 9 Jan 2026, at 14:47, Jo Bloggs wrote:\n\n> Ava was upset.\n";
        let b = blocks_of(text);
        assert_eq!(b.len(), 1);
        assert!(text[b[0].range.clone()].starts_with("On 9 Jan"));
    }

    #[test]
    fn a_greeting_above_a_reply_line_is_not_part_of_it() {
        let text = "Hi,\nOn 9 Jan 2026, at 14:47, Jo Bloggs <jo@example.org> wrote:\n> Ava was upset.\n";
        let b = blocks_of(text);
        assert!(text[b[0].range.clone()].starts_with("On 9 Jan"));
    }

    #[test]
    fn a_greeting_paragraph_running_into_a_signature_is_part_of_the_block() {
        let text = "The tutor answered:\n\nHi Ben, she has been in every day since half term.\nBest wishes,\nKaren Lowe\nCourse Tutor\n07700 900 123 | karen.lowe@college.example.ac.uk\n\nI will tell Ellie.\n";
        let found = flagged(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Hi Ben,"), "{found:?}");
    }

    #[test]
    fn a_message_between_a_banner_and_sent_from_my_iphone_is_one_block() {
        let text = "CAUTION: This email originated from outside of the organisation. Do not click links or open attachments unless you recognise the sender.\n\nHi, Ellie came to the youth club last night.\n\nSent from my iPhone\n\nI rang Ellie after school.\n";
        let found = flagged(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("Sent from my iPhone"), "{found:?}");
    }

    #[test]
    fn a_letter_to_a_child_opening_with_dear_stays_silent() {
        silent("Dear Ava, I am writing to tell you about the meeting.\nBest wishes,\nBen Ward\n\nI read the letter to Ava.\n");
    }

    #[test]
    fn a_letter_closing_with_only_a_name_is_left_alone() {
        silent("Dear Ava,\n\nI am writing this so you know why you came into care.\n\nBest wishes,\nSam");
        silent("Dear Ms Khan,\n\nThank you for meeting me.\n\nYours sincerely,\nSam Patel\nSocial Worker");
        assert_eq!(flagged("See you Friday.\n\nBest wishes,\nJo Bloggs\njo.bloggs@example.org\n").len(), 1);
        assert_eq!(flagged("See you Friday.\n\nKind regards,\nJo Bloggs\n").len(), 1);
        assert_eq!(flagged("Bis bald.\n\nViele Grüße - Thomas\n").len(), 1);
        silent("Many thanks, Mum said, for the help with the forms.");
    }

    #[test]
    fn flags_uk_e_mail_banners() {
        assert_eq!(
            flagged("You don't often get email from jo@example.org. Learn why this is important\n\nAva is well.\n"),
            vec!["You don't often get email from jo@example.org. Learn why this is important"]
        );
    }

    #[test]
    fn adjacent_pieces_make_one_block() {
        let text = "Kind regards,\nJo\n\nSent from my iPhone\n\nOn 20 Nov 2026, at 10:14, Sam <sam@example.org> wrote:\n> Thanks\n";
        assert_eq!(blocks_of(text).len(), 1);
    }

    #[test]
    fn stays_silent_on_ordinary_sentences() {
        silent("Dad said he had emailed the nursery.");
        silent("Subject to the panel's decision, Ava will move in the spring.");
        silent("From next week Ava will go to breakfast club.");
        silent("To help Jo settle, we agreed a visit plan.");
        silent("Mum said she emailed school on Monday.");
        silent("Date of visit: 20/11/2026\n\nI met Ava at home.");
        silent("Date: 20/11/2026\nSubject: Home visit\n\nI met Ava at home.");
        silent("Ava told me:\n\n> I want to live with my nan.\n\nI wrote her words down.");
        silent("On Monday, Dad wrote: \"I am not happy with the plan.\"");
        silent("Thanks to Mum, Ava got to school on time.\n\nRegards to the team were passed on.");
        silent("Caution: there is a dog at the house.");
        silent("Mum has joined the mailing list of the parenting group.");
        silent("- Mum\n- Dad\n- Ava\n\n---\n\nNext steps: visit on Friday.");
        silent("```\nFrom: Jo <jo@example.org>\nSent: Friday\n```\n");
        silent("Q: How is school?\nA: Good, I like my teacher.");
        silent("On 20/11/2026 at 10:15, Mum wrote: \"Ava is poorly today.\"");
        silent("On 20/11/2026 at 10:15, Mum wrote:\n\nAva is poorly today.");
        silent("Contact details for the school nurse:\n\nJane Smith\nSchool nurse\n01234 567890\njane.smith@example.nhs.uk");
        silent("Timeline\n\n2024-01-15 14:30\n2024/01/15 14:30:25\n15.01.2024 14:30");
        silent("Ava's words:\n\n> I miss my dad.\n> I want to see him at Christmas.\n\nI said I would ask.");
        silent("Title\n=====\n\nI visited Ava.\n\n----\n\nNext visit Friday.");
        silent("Sent a text to Mum to confirm the visit.");
        silent("The money was intended only for the children. Dad said he was not the intended recipient of the letter.");
        silent("The laptop Ava uses was scanned for viruses by the school.");
        silent("External: no other agencies involved.");
        silent("External email from the school was read to Mum.");
        silent("Sent from my work phone to Mum at 10:15 to confirm.");
        silent("Date: 20/11/2026\nFrom: Mum\nTo: Sam (social worker)\nType: phone call\n\nMum said Ava is poorly.");
    }

    #[test]
    fn stays_silent_on_a_whole_ordinary_note() {
        let note = "---\ndate: 20/11/2026\nsubject: Home visit\nto: case file\nfrom: Sam Patel\nsent: 20/11/2026\n---\n\n# Home visit\n\nPresent: Ava, Mum (Sarah), Sam Patel (social worker).\n\nDate of visit: 20/11/2026\n\n## What Ava told me\n\n> I like my new school. I miss Nan.\n\nAva said: \"Dad emailed my teacher about the trip.\"\n\n## Contacts\n\n- School nurse: Jane Smith, 01234 567890\n- GP: Dr Khan, Hill Surgery\n\n## Next steps\n\n1. From next week Ava will go to breakfast club.\n2. Subject to the panel's decision, contact with Dad stays weekly.\n3. To help Ava settle, Mum will walk her in.\n\n----\n\nThanks to the school for their help.\n";
        silent(note);
    }

    #[test]
    fn one_warning_per_block_with_an_optional_summary_edit() {
        let text = "I visited Ava.\n\nFrom: Jo Bloggs <jo@example.org>\nSent: 20/11/2026 10:14\nTo: Sam\n\nAva was upset.\n";
        let a = analyse(text, &Config::default());
        let f: Vec<_> = a.findings.iter().filter(|f| f.rule == "pasted-email").collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(&text[f[0].range.clone()], "From: Jo Bloggs <jo@example.org>\nSent: 20/11/2026 10:14\nTo: Sam\n\nAva was upset.");
        let s = &f[0].suggestions[0];
        assert_eq!(s.replacement, "Summary of e-mail from Jo Bloggs on 20/11/2026: ");
        assert!(!s.preferred);
        assert!(f[0].message.contains("header"));
        let text = "Note.\n\nSent from my iPhone\n\nOn 9 Jan 2026, at 14:47, Jo <jo@example.org> wrote:\n> Ava was upset.\n";
        let a = analyse(text, &Config::default());
        let f: Vec<_> = a.findings.iter().filter(|f| f.rule == "pasted-email").collect();
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("wrote"), "{}", f[0].message);
    }

    #[test]
    fn placeholder_dates_are_written_the_uk_way_when_certain() {
        assert_eq!(uk_date("Thursday, 20 November 2026 10:14").as_deref(), Some("20/11/2026"));
        assert_eq!(uk_date("Thursday, February 09, 2012 1:36 PM").as_deref(), Some("09/02/2012"));
        assert_eq!(uk_date("Fri, 20 Nov 2026 at 10:14").as_deref(), Some("20/11/2026"));
        assert_eq!(uk_date("2026-11-20 10:14").as_deref(), Some("20/11/2026"));
        assert_eq!(uk_date("20/11/2026 10:14").as_deref(), Some("20/11/2026"));
        assert_eq!(uk_date("01/03/11 7:07 PM"), None);
        assert_eq!(uk_date("11/20/2026"), None);
        assert_eq!(uk_date("Freitag, 20. November 2026 10:14").as_deref(), Some("20/11/2026"));
        assert_eq!(uk_date("yesterday"), None);
    }

    #[test]
    fn placeholder_leaves_out_what_is_unknown() {
        let b = |s: Option<&str>, d: Option<&str>| EmailBlock {
            range: 0..1,
            sender: s.map(String::from),
            date: d.map(String::from),
        };
        assert_eq!(placeholder(&b(None, None)), "Summary of e-mail: ");
        assert_eq!(placeholder(&b(Some("Jo"), None)), "Summary of e-mail from Jo: ");
        assert_eq!(placeholder(&b(None, Some("20/11/2026"))), "Summary of e-mail sent on 20/11/2026: ");
        assert_eq!(placeholder(&b(Some("Jo"), Some("sometime"))), "Summary of e-mail from Jo on sometime: ");
    }

    #[test]
    fn never_panics_on_mixed_up_pieces() {
        let parts = [
            ">", "> ", ">>", "From: ", "Jo <jo@example.org>", "Sent: 20/11/2026 10:14", "To: Sam",
            "Subject: Ava", "On 1 Jan 2026, at 10:10, Jo <jo@example.org> wrote:", "\n", "\n\n",
            "\r\n", "é", "İ", "—", "--", "-", "____", "Kind regards,", "Best wishes,", "Jo Bloggs",
            "[cid:image001.png]", "  ", "：", "wrote", "01234 567890", "www.example.org", "```",
            "# ", "Hi Sam,", "Sent from my iPhone", "If you are not the intended recipient", "<", "@",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..400 {
            let mut t = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            for b in blocks_of(&t) {
                assert!(b.range.start < b.range.end && b.range.end <= t.len());
                assert!(t.is_char_boundary(b.range.start) && t.is_char_boundary(b.range.end));
            }
            let _ = analyse(&t, &Config::default());
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "\n", ">", "> >", "--", "-", ":", "From:", "On wrote:", "é:\n>é", "\r\n\r\n", "Kind regards,"] {
            let _ = blocks_of(t);
            let _ = analyse(t, &Config::default());
        }
    }

    #[test]
    fn the_data_files_parse_and_have_no_empty_or_duplicate_entries() {
        let (h, m) = parse_data().expect("data parses");
        let mut seen = HashSet::new();
        for f in &h.field {
            assert!(!f.why.trim().is_empty() && !f.source.trim().is_empty());
            for l in &f.labels {
                assert!(!l.trim().is_empty());
                assert!(seen.insert(l.to_lowercase()), "duplicate label {l}");
            }
        }
        let mut seen = HashSet::new();
        for e in &m.marker {
            assert!(!e.why.trim().is_empty() && !e.source.trim().is_empty());
            for ph in &e.phrases {
                assert!(!ph.trim().is_empty());
                assert!(
                    seen.insert((ph.to_lowercase(), e.at == At::Line)),
                    "duplicate phrase {ph}"
                );
            }
        }
    }
}
