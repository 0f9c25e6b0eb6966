//! UK dates, always read day first: `20/11/2026`, `20/11/26`, `20.11.2026`, `20 November 2026`,
//! `20th Nov 2026`, `Friday 20 November 2026` and ISO `2026-11-20`. A date that cannot exist
//! (31/02/2026, or 11/20/2026 written month first) is reported as such, never guessed.

use jiff::civil::{Date, Weekday};

/// Why a piece of text is not a usable date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The month is not 1 to 12 (often a month-first date such as 11/20/2026).
    NoSuchMonth { month: u32 },
    /// The month has no such day (31/02/2026).
    NoSuchDay { day: u32, month: u32, year: i32 },
    /// The weekday written does not match the date ("Thursday 20 November 2026").
    WrongWeekday { date: Date, written: Weekday },
    /// Not a date in any form Casenote reads.
    NotADate,
}

impl DateError {
    /// A short explanation for the writer, naming what was written.
    pub fn explain(&self, written: &str) -> String {
        match self {
            DateError::NoSuchMonth { month } => format!(
                "'{written}' is not a real date: there is no month {month}. Dates are read day \
                 first (dd/mm/yyyy)."
            ),
            DateError::NoSuchDay { day, month, year } => {
                let days = Date::new(*year as i16, *month as i8, 1)
                    .map(|d| d.days_in_month().to_string())
                    .unwrap_or_else(|_| "fewer".into());
                format!(
                    "'{written}' is not a real date: {} {year} has {days} days, not {day}.",
                    month_name(*month)
                )
            }
            DateError::WrongWeekday { date, written: w } => format!(
                "'{written}' does not add up: {} is a {}, not a {}.",
                format_uk(*date),
                weekday_name(date.weekday()),
                weekday_name(*w)
            ),
            DateError::NotADate => format!(
                "'{written}' is not a date Casenote can read: write it as dd/mm/yyyy, e.g. \
                 20/11/2026."
            ),
        }
    }
}

/// A date as the user reads it: 20/11/2026.
pub fn format_uk(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Parse a whole string as a date (surrounding spaces and a final full stop allowed).
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let t = s.trim();
    match parse_prefix(t) {
        Some((len, result)) if t[len..].trim().trim_end_matches('.').is_empty() => result,
        _ => Err(DateError::NotADate),
    }
}

/// A date at the very start of `s`: the bytes it takes and what it means. `None` when `s` does
/// not start with something shaped like a date.
pub fn parse_prefix(s: &str) -> Option<(usize, Result<Date, DateError>)> {
    let mut p = Cursor { s, at: 0 };
    let weekday = p.weekday();
    if weekday.is_some() {
        p.eat(',');
        if !p.spaces() {
            return None;
        }
    }
    let start = p.at;
    let (y, m, d) = p.numeric().or_else(|| {
        p.at = start;
        p.textual()
    })?;
    if p.peek().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let len = p.at;
    Some((len, make(y, m, d, weekday)))
}

/// A partial date at the start of `s` ("Nov 2026", "November 2026", "2026"), as chronologies
/// use when the day is not known: the bytes it takes.
pub fn parse_partial_prefix(s: &str) -> Option<usize> {
    let mut p = Cursor { s, at: 0 };
    let start = p.at;
    if p.month_name().is_some() {
        p.eat(',');
        p.spaces();
    } else {
        p.at = start;
    }
    let (n, digits) = p.number()?;
    if digits != 4 || !(1900..=2100).contains(&n) {
        return None;
    }
    if p.peek().is_some_and(|c| c.is_alphanumeric() || c == '/') {
        return None;
    }
    Some(p.at)
}

/// The time of day written straight after a date ("20/11/2026 at 16:30", "20 Nov 2026, 4pm",
/// "2026-11-20 09.15"), as minutes after midnight.
pub fn time_after_date(s: &str) -> Option<u32> {
    let s = s.trim();
    let (len, _) = parse_prefix(s)?;
    let mut rest = s[len..].trim_start_matches([',', ' ', '\t']);
    if let Some(r) = rest.strip_prefix("at ") {
        rest = r.trim_start();
    }
    let mut p = Cursor { s: rest, at: 0 };
    let (h, lh) = p.number()?;
    if lh > 2 {
        return None;
    }
    let mut m = 0;
    if p.eat(':') || p.eat('.') {
        let (mm, lm) = p.number()?;
        if lm != 2 || mm > 59 {
            return None;
        }
        m = mm;
    }
    p.spaces();
    let h = match p.word().as_deref() {
        Some("am") if (1..=12).contains(&h) => h % 12,
        Some("pm") if (1..=12).contains(&h) => h % 12 + 12,
        // 16:30, 09.15 or 0930 hrs; a bare "3" is a number, not a time.
        _ if m > 0 || lh == 2 => h,
        _ => return None,
    };
    (h <= 23).then_some((h * 60 + m) as u32)
}

/// A date at the start of a line, after any list marker ("- ", "1. ") and bold ("**").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingDate {
    /// Byte range of the date in the line.
    pub range: std::ops::Range<usize>,
    /// The date; `None` for a month or year only ("Nov 2026", "2019").
    pub date: Option<Result<Date, DateError>>,
}

/// The date a line starts with, if it starts with one.
pub fn leading_date(line: &str) -> Option<LeadingDate> {
    let skip = marker_len(line);
    let rest = &line[skip..];
    if let Some((len, d)) = parse_prefix(rest) {
        return Some(LeadingDate {
            range: skip..skip + len,
            date: Some(d),
        });
    }
    parse_partial_prefix(rest).map(|len| LeadingDate {
        range: skip..skip + len,
        date: None,
    })
}

/// Length of the list marker and emphasis a line starts with ("  - **", "3. ").
pub fn marker_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = b.iter().take_while(|c| **c == b' ' || **c == b'\t').count();
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if matches!(b.get(i), Some(b'-' | b'*' | b'+')) && matches!(b.get(i + 1), Some(b' ' | b'\t')) {
        i += 2;
    } else if (1..=3).contains(&digits)
        && matches!(b.get(i + digits), Some(b'.' | b')'))
        && matches!(b.get(i + digits + 1), Some(b' ' | b'\t'))
    {
        i += digits + 2;
    }
    i += b[i..]
        .iter()
        .take_while(|c| **c == b' ' || **c == b'\t')
        .count();
    i += b[i..]
        .iter()
        .take_while(|c| **c == b'*' || **c == b'_')
        .count();
    i
}

fn make(y: i64, m: i64, d: i64, weekday: Option<Weekday>) -> Result<Date, DateError> {
    if !(1..=12).contains(&m) {
        return Err(DateError::NoSuchMonth {
            month: m.clamp(0, 99) as u32,
        });
    }
    if !(1000..=9999).contains(&y) {
        return Err(DateError::NotADate);
    }
    let date =
        Date::new(y as i16, m as i8, d.clamp(0, 99) as i8).map_err(|_| DateError::NoSuchDay {
            day: d.clamp(0, 99) as u32,
            month: m as u32,
            year: y as i32,
        })?;
    match weekday {
        Some(w) if w != date.weekday() => Err(DateError::WrongWeekday { date, written: w }),
        _ => Ok(date),
    }
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Skip spaces; true if there was at least one.
    fn spaces(&mut self) -> bool {
        let before = self.at;
        while self
            .peek()
            .is_some_and(|c| c == ' ' || c == '\t' || c == '\u{a0}')
        {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
        self.at > before
    }

    /// A run of ASCII digits (at most 4): its value and length.
    fn number(&mut self) -> Option<(i64, usize)> {
        let rest = &self.s[self.at..];
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 || len > 4 {
            return None;
        }
        let n = rest[..len].parse().ok()?;
        self.at += len;
        Some((n, len))
    }

    /// A word of ASCII letters, lower-cased.
    fn word(&mut self) -> Option<String> {
        let rest = &self.s[self.at..];
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if len == 0 {
            return None;
        }
        self.at += len;
        Some(rest[..len].to_ascii_lowercase())
    }

    fn weekday(&mut self) -> Option<Weekday> {
        let start = self.at;
        let w = self.word().and_then(|w| weekday_from(&w));
        if w.is_none() {
            self.at = start;
        } else {
            self.eat('.');
        }
        w
    }

    fn month_name(&mut self) -> Option<i64> {
        let start = self.at;
        let m = self.word().and_then(|w| month_from(&w));
        if m.is_none() {
            self.at = start;
        } else {
            self.eat('.');
        }
        m
    }

    /// 20/11/2026, 20/11/26, 20.11.2026, 20-11-2026 or 2026-11-20: (year, month, day).
    fn numeric(&mut self) -> Option<(i64, i64, i64)> {
        let (a, la) = self.number()?;
        let sep = self.peek().filter(|c| matches!(c, '/' | '.' | '-'))?;
        self.at += 1;
        let (b, lb) = self.number()?;
        if !self.eat(sep) {
            return None;
        }
        let (c, lc) = self.number()?;
        if la == 4 && sep == '-' && lb <= 2 && lc <= 2 {
            return Some((a, b, c));
        }
        if la > 2 || lb > 2 {
            return None;
        }
        let year = match lc {
            2 => 2000 + c,
            4 => c,
            _ => return None,
        };
        Some((year, b, a))
    }

    /// 20 November 2026, 20th Nov 2026, 20 Nov. 2026, 20th of November, 2026.
    fn textual(&mut self) -> Option<(i64, i64, i64)> {
        let (d, ld) = self.number()?;
        if ld > 2 {
            return None;
        }
        let before_suffix = self.at;
        match self.word().as_deref() {
            Some("st" | "nd" | "rd" | "th") => {}
            _ => self.at = before_suffix,
        }
        if !self.spaces() {
            return None;
        }
        let before_of = self.at;
        if self.word().as_deref() == Some("of") {
            if !self.spaces() {
                return None;
            }
        } else {
            self.at = before_of;
        }
        let m = self.month_name()?;
        self.eat(',');
        if !self.spaces() {
            return None;
        }
        let (y, ly) = self.number()?;
        if ly != 4 {
            return None;
        }
        Some((y, m, d))
    }
}

fn weekday_from(w: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match w {
        "monday" | "mon" => Monday,
        "tuesday" | "tue" | "tues" => Tuesday,
        "wednesday" | "wed" | "weds" => Wednesday,
        "thursday" | "thu" | "thur" | "thurs" => Thursday,
        "friday" | "fri" => Friday,
        "saturday" | "sat" => Saturday,
        "sunday" | "sun" => Sunday,
        _ => return None,
    })
}

/// Month names, January first (also the capitalised words `cues` knows are not names).
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_from(w: &str) -> Option<i64> {
    if w.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        let m = m.to_ascii_lowercase();
        m == w || (w.len() <= 4 && m.starts_with(w) && (w.len() == 3 || w == "sept"))
    })?;
    Some(found as i64 + 1)
}

fn month_name(m: u32) -> &'static str {
    MONTHS
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("That month")
}

/// The weekday's name in English.
pub fn weekday_name(w: Weekday) -> &'static str {
    use Weekday::*;
    match w {
        Monday => "Monday",
        Tuesday => "Tuesday",
        Wednesday => "Wednesday",
        Thursday => "Thursday",
        Friday => "Friday",
        Saturday => "Saturday",
        Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reads_every_uk_form_of_the_same_day() {
        for s in [
            "20/11/2026",
            "20/11/26",
            "20.11.2026",
            "20-11-2026",
            "2026-11-20",
            "20 November 2026",
            "20th Nov 2026",
            "20th of November 2026",
            "20 Nov. 2026",
            "Friday 20 November 2026",
            "Fri, 20/11/2026",
            " 20 november 2026. ",
        ] {
            assert_eq!(parse_date(s), Ok(date(2026, 11, 20)), "{s}");
        }
        assert_eq!(parse_date("1 Sept 2026"), Ok(date(2026, 9, 1)));
        assert_eq!(parse_date("3/1/2027"), Ok(date(2027, 1, 3)), "day first");
    }

    #[test]
    fn never_reads_month_first() {
        assert_eq!(
            parse_date("11/20/2026"),
            Err(DateError::NoSuchMonth { month: 20 })
        );
        assert!(DateError::NoSuchMonth { month: 20 }
            .explain("11/20/2026")
            .contains("no month 20"));
        assert_eq!(parse_date("November 20, 2026"), Err(DateError::NotADate));
    }

    #[test]
    fn impossible_dates_are_reported_as_such() {
        let e = parse_date("31/02/2026").unwrap_err();
        assert_eq!(
            e,
            DateError::NoSuchDay {
                day: 31,
                month: 2,
                year: 2026
            }
        );
        assert_eq!(
            e.explain("31/02/2026"),
            "'31/02/2026' is not a real date: February 2026 has 28 days, not 31."
        );
        assert!(parse_date("29/02/2028").is_ok(), "2028 is a leap year");
        assert!(parse_date("29/02/2027").is_err());
        assert!(parse_date("00/11/2026").is_err());
    }

    #[test]
    fn a_weekday_that_does_not_match_is_reported() {
        let e = parse_date("Thursday 20 November 2026").unwrap_err();
        assert!(e
            .explain("Thursday 20 November 2026")
            .contains("20/11/2026 is a Friday, not a Thursday"));
    }

    #[test]
    fn things_that_are_not_dates() {
        for s in [
            "",
            "TBC",
            "10.30",
            "20/11",
            "20 November",
            "2026",
            "1/2/3/4",
            "20/11/2026x",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert_eq!(parse_prefix("Monday morning"), None);
        assert_eq!(parse_prefix("10.30am"), None);
    }

    #[test]
    fn a_date_at_the_start_of_a_line() {
        let (len, d) = parse_prefix("20/11/2026 – strategy discussion").unwrap();
        assert_eq!(len, 10);
        assert_eq!(d, Ok(date(2026, 11, 20)));
        assert_eq!(parse_partial_prefix("Nov 2026 – moved school"), Some(8));
        assert_eq!(parse_partial_prefix("2019: born"), Some(4));
        assert_eq!(parse_partial_prefix("20/11/2026"), None);
    }

    #[test]
    fn reads_the_time_after_a_date() {
        assert_eq!(time_after_date("20/11/2026 at 16:30"), Some(16 * 60 + 30));
        assert_eq!(
            time_after_date("Friday 20 November 2026, 4pm"),
            Some(16 * 60)
        );
        assert_eq!(time_after_date("20/11/2026 09.15"), Some(9 * 60 + 15));
        assert_eq!(time_after_date("20/11/2026 12am"), Some(0));
        assert_eq!(time_after_date("20/11/2026"), None);
        assert_eq!(time_after_date("20/11/2026 3 visits"), None);
        assert_eq!(time_after_date("20/11/2026 at 25:00"), None);
    }

    #[test]
    fn a_date_after_a_list_marker_or_bold() {
        let l = leading_date("- **20/11/2026** – visit").unwrap();
        assert_eq!(l.range, 4..14);
        assert_eq!(l.date, Some(Ok(date(2026, 11, 20))));
        assert!(leading_date("3. 20 Nov 2026: visit").is_some());
        assert_eq!(leading_date("Nov 2026 – moved school").unwrap().date, None);
        assert!(leading_date("- Strategy discussion").is_none());
        assert!(
            leading_date("20.11.2026 visit").is_some(),
            "not an ordered list"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,40}") {
            let _ = parse_date(&s);
            let _ = parse_prefix(&s);
            let _ = parse_partial_prefix(&s);
            let _ = leading_date(&s);
        }

        #[test]
        fn every_real_date_reads_back(y in 1000i16..=9999, m in 1i8..=12, d in 1i8..=28) {
            let date = Date::new(y, m, d).unwrap();
            proptest::prop_assert_eq!(parse_date(&format_uk(date)), Ok(date));
            proptest::prop_assert_eq!(parse_date(&date.to_string()), Ok(date));
        }
    }

    #[test]
    fn formats_day_first_with_leading_zeros() {
        assert_eq!(format_uk(date(2027, 1, 3)), "03/01/2027");
    }
}
