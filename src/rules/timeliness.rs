//! ## What it flags
//! A case note recorded more than 3 working days after the visit or contact, and urgent
//! information recorded more than 24 hours after it. Urgent means the note is marked
//! `urgent: true`, or it records a disclosure, an injury such as bruising, police involvement, a
//! strategy discussion or a child going missing. The contact date comes from the front matter
//! (`contact-date:`) or the template line "Date of visit:" or "Date of contact:"; the recording
//! date from `recorded:` or "Date recorded:", and is today when neither is given.
//!
//! Working days leave out weekends, bank holidays (England and Wales unless `calendar.region`
//! says otherwise) and the office closures in `calendar.closures`. The day of the contact is
//! day 0: a visit on Monday recorded on Thursday was recorded 3 working days later. A contact
//! date in the future, or a date that cannot exist such as 31/02/2026, is flagged too.
//!
//! The 24 hours for urgent information are clock hours. When both dates give a time
//! ("20/11/2026 at 16:00") the hours are counted; otherwise a note is flagged only when even the
//! shortest reading of the gap is over 24 hours: recorded two or more days after the contact.
//!
//! ## Why it matters
//! The practice standard says: "Case notes should be updated within 3 working days. However, if
//! the information is urgent, it must be recorded immediately or within 24 hours." Notes written
//! days later lose detail, and urgent information that is not on the file cannot protect the
//! child when someone else picks up the case.
//!
//! ## Example
//! - Date of visit: Friday 20/11/2026
//! - Date recorded: Friday 27/11/2026 (5 working days later)
//!
//! ## Instead
//! - Date of visit: Friday 20/11/2026
//! - Date recorded: Wednesday 25/11/2026 (3 working days later), or the same day if anything
//!   urgent was said or seen.
//!
//! If the note was written before today, say when with `recorded: 25/11/2026`; without it,
//! today counts as the day it is recorded.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use jiff::civil::Date;

use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::calendar::days_between;
use crate::record::date::time_after_date;
use crate::record::{format_uk, today, Calendar, DateFact, DocKind};

pub const META: Meta = Meta {
    id: "timeliness",
    default_severity: Severity::Warning,
    summary: "Case notes recorded more than 3 working days (urgent: 24 hours) after the contact",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::CaseNote {
        return;
    }
    let Some(contact) = cx.record.date("contact-date") else {
        return;
    };
    let today = today(cx.meta);
    let range = contact.field.range.clone();
    let contact_date = match &contact.date {
        Ok(d) => *d,
        Err(e) => {
            out.push(Finding::new(
                META.id,
                range,
                format!(
                    "{} Casenote cannot check when this note was due.",
                    e.explain(contact.written())
                ),
            ));
            return;
        }
    };
    let event = event_word(cx, &contact);
    if contact_date > today {
        out.push(Finding::new(
            META.id,
            range,
            format!(
                "The {event} date {} is after today ({}): please check it.",
                format_uk(contact_date),
                format_uk(today)
            ),
        ));
        return;
    }
    let recorded = cx.record.date("recorded");
    let (recorded_date, given) = match &recorded {
        None => (today, false),
        Some(f) => match &f.date {
            Ok(d) => (*d, true),
            Err(e) => {
                out.push(Finding::new(
                    META.id,
                    f.field.range.clone(),
                    e.explain(f.written()),
                ));
                return;
            }
        },
    };
    if recorded_date > today {
        let at = recorded.as_ref().map_or(range, |f| f.field.range.clone());
        out.push(Finding::new(
            META.id,
            at,
            format!(
                "The recorded date {} is after today ({}): please check it.",
                format_uk(recorded_date),
                format_uk(today)
            ),
        ));
        return;
    }
    if recorded_date < contact_date {
        let at = recorded.as_ref().map_or(range, |f| f.field.range.clone());
        out.push(Finding::new(
            META.id,
            at,
            format!(
                "This note says it was recorded on {}, before the {event} on {}: please check \
                 the dates.",
                format_uk(recorded_date),
                format_uk(contact_date)
            ),
        ));
        return;
    }
    let when = if given { "" } else { " (taking today as the day it is recorded)" };
    let settings = &cx.config.rules.timeliness;
    let urgent = match cx.record.urgent() {
        Some(true) => Some(None),
        Some(false) => None,
        None => urgent_cue(cx).map(Some),
    };
    if let Some(why) = urgent {
        let times = (
            time_after_date(contact.written()),
            recorded.as_ref().and_then(|f| time_after_date(f.written())),
        );
        let gap = match times {
            (Some(from), Some(to)) => {
                let minutes = days_between(contact_date, recorded_date) * 24 * 60
                    + i64::from(to)
                    - i64::from(from);
                (minutes > i64::from(settings.urgent_hours) * 60).then_some((minutes / 60, "hours"))
            }
            _ => late_for_urgent(contact_date, recorded_date, settings.urgent_hours)
                .map(|d| (d, "days")),
        };
        if let Some((n, unit)) = gap {
            let hours = settings.urgent_hours;
            let unit = if n == 1 { unit.trim_end_matches('s') } else { unit };
            let date = format_uk(contact_date);
            let message = match why {
                None => format!(
                    "This note is marked urgent but was recorded {n} {unit} after the {event} on \
                     {date}{when}; the standard asks for urgent information within {hours} hours."
                ),
                Some(cue) => format!(
                    "This note records {cue}, which may be urgent, and was recorded {n} {unit} \
                     after the {event} on {date}{when}; the standard asks for urgent information \
                     within {hours} hours. If it was not urgent, add `urgent: false` to the front \
                     matter."
                ),
            };
            out.push(Finding::new(META.id, range, message));
            return;
        }
    }
    let calendar = Calendar::from_config_lenient(&cx.config.calendar);
    let n = calendar.working_days_after(contact_date, recorded_date);
    let allowed = i64::from(settings.working_days);
    if n > allowed {
        out.push(Finding::new(
            META.id,
            range,
            format!(
                "Recorded {n} working days after the {event} on {}{when}; the standard asks for \
                 {allowed}.",
                format_uk(contact_date)
            ),
        ));
    }
}

/// Calendar days between contact and recording when that is surely more than `hours` (the
/// times are not known, so a gap counts as late only if even the shortest reading of it is).
fn late_for_urgent(contact: Date, recorded: Date, hours: u32) -> Option<i64> {
    let days = days_between(contact, recorded);
    // Contact late on day 0 and recording early on day `days`: at least (days - 1) * 24 hours.
    ((days - 1) * 24 >= i64::from(hours) && days > 0).then_some(days)
}

/// "visit" when the template or heading says so, else "contact".
fn event_word(cx: &Context, contact: &DateFact) -> &'static str {
    let start = contact.field.range.start.min(cx.text.len());
    let line_start = cx
        .text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let label = cx.text.get(line_start..start).unwrap_or_default();
    let heading = cx
        .doc
        .blocks
        .iter()
        .find(|b| b.kind == crate::text::BlockKind::Heading)
        .map_or("", |b| cx.doc.slice(&b.range));
    let is_front = cx.record.field("contact-date").is_some();
    let says_visit = |s: &str| s.to_ascii_lowercase().contains("visit");
    if (!is_front && says_visit(label)) || (!says_visit(label) && says_visit(heading)) {
        "visit"
    } else {
        "contact"
    }
}

/// Phrases that show a note records urgent information, with how the message names it. A
/// trailing `*` matches any word ending ("bruis*": bruise, bruising, bruised).
const URGENT_CUES: &[(&str, &str)] = &[
    ("disclosed", "a disclosure"),
    ("disclosure", "a disclosure"),
    ("disclosures", "a disclosure"),
    ("bruis*", "an injury"),
    ("non-accidental injur*", "an injury"),
    ("unexplained injur*", "an injury"),
    ("unexplained mark*", "an injury"),
    ("body map", "an injury"),
    ("burn mark*", "an injury"),
    ("bite mark*", "an injury"),
    ("fractur*", "an injury"),
    ("police were called", "police involvement"),
    ("called the police", "police involvement"),
    ("police attended", "police involvement"),
    ("police officers attended", "police involvement"),
    ("informed the police", "police involvement"),
    ("contacted the police", "police involvement"),
    ("reported to the police", "police involvement"),
    ("police protection", "police involvement"),
    ("was arrested", "police involvement"),
    ("strategy discussion", "a strategy discussion"),
    ("strategy meeting", "a strategy discussion"),
    ("reported missing", "a child missing"),
    ("went missing", "a child missing"),
    ("gone missing", "a child missing"),
    ("missing from home", "a child missing"),
    ("missing from care", "a child missing"),
    ("missing episode", "a child missing"),
    ("missing person", "a child missing"),
];

/// Words that, earlier in the same sentence, mean the cue is denied or only possible.
const GUARDS: &[&str] = &[
    "no", "not", "never", "nor", "without", "nothing", "denied", "denies", "if", "unless",
    "should", "would", "barring", "dbs", "none",
];

/// The first urgent cue in the prose (not in pasted e-mail), if any. One Aho-Corasick pass
/// per sentence over every cue; only the words before a match are lowered for the guards.
fn urgent_cue(cx: &Context) -> Option<&'static str> {
    static CUES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let ac = CUES
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(URGENT_CUES.iter().map(|(cue, _)| cue.trim_end_matches('*')))
                .ok()
        })
        .as_ref()?;
    for s in cx.doc.sentences() {
        if cx.in_email(&s.range) {
            continue;
        }
        let sentence = cx.doc.slice(&s.range);
        for m in ac.find_overlapping_iter(sentence) {
            let (cue, why) = URGENT_CUES[m.pattern().as_usize()];
            let prefix = cue.ends_with('*');
            let before_ok = !sentence[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after_ok = prefix
                || !sentence[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !(before_ok && after_ok) {
                continue;
            }
            let before = sentence[..m.start()].to_lowercase();
            let after = sentence[m.start()..].to_lowercase();
            if !guarded(&before) && !after.contains("and barring") {
                return Some(why);
            }
        }
    }
    None
}

fn guarded(before: &str) -> bool {
    before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| GUARDS.contains(&w) || w.ends_with("n't") || w.ends_with("n’t"))
}

#[cfg(test)]
mod tests {
    use crate::{Config, DocMeta, Engine};
    use jiff::civil::date;

    fn messages_on(text: &str, today: jiff::civil::Date, config: Config) -> Vec<String> {
        let meta = DocMeta {
            path: None,
            today: Some(today),
        };
        Engine::new(config)
            .unwrap()
            .analyse(text, &meta)
            .findings
            .into_iter()
            .filter(|f| f.rule == "timeliness")
            .map(|f| f.message)
            .collect()
    }

    fn messages(text: &str) -> Vec<String> {
        messages_on(text, date(2026, 12, 1), Config::default())
    }

    #[test]
    fn flags_a_note_recorded_5_working_days_after_the_visit() {
        let m = messages("# Home visit\n\nDate of visit: 20/11/2026\nDate recorded: 27/11/2026\n\nAva showed me her room.");
        assert_eq!(
            m,
            vec!["Recorded 5 working days after the visit on 20/11/2026; the standard asks for 3."]
        );
    }

    #[test]
    fn accepts_a_note_recorded_3_working_days_after() {
        // Friday 20/11/2026 to Wednesday 25/11/2026: the weekend does not count.
        assert!(messages(
            "---\ncontact-date: 20/11/2026\nrecorded: 25/11/2026\n---\n\nAva showed me her room."
        )
        .is_empty());
    }

    #[test]
    fn counts_from_today_when_no_recorded_date_is_given() {
        let m = messages("---\ncontact-date: 20/11/2026\n---\n\nAva showed me her room.");
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("Recorded 7 working days after the contact on 20/11/2026 (taking today"),
            "{m:?}"
        );
        let m = messages_on(
            "---\ncontact-date: 20/11/2026\n---\n\nAva showed me her room.",
            date(2026, 11, 23),
            Config::default(),
        );
        assert!(m.is_empty());
    }

    #[test]
    fn bank_holidays_do_not_count() {
        // Thursday 24/12/2026; Christmas, the weekend and the substitute Boxing Day are off.
        let text = "---\ncontact-date: 24/12/2026\nrecorded: 31/12/2026\n---\n\nAva opened presents.";
        assert!(messages_on(text, date(2027, 1, 4), Config::default()).is_empty());
        let mut config = Config::default();
        config.calendar.closures = vec!["29/12/2026".into()];
        assert!(messages_on(text, date(2027, 1, 4), config).is_empty(), "closures help");
        let text = "---\ncontact-date: 23/12/2026\nrecorded: 31/12/2026\n---\n\nAva opened presents.";
        assert_eq!(messages_on(text, date(2027, 1, 4), Config::default()).len(), 1);
    }

    #[test]
    fn the_limit_is_configurable() {
        let mut config = Config::default();
        config.rules.timeliness.working_days = 5;
        let text = "---\ncontact-date: 20/11/2026\nrecorded: 27/11/2026\n---\n\nAva smiled.";
        assert!(messages_on(text, date(2026, 12, 1), config).is_empty());
    }

    #[test]
    fn urgent_information_within_24_hours() {
        let late = "---\ncontact-date: 20/11/2026\nrecorded: 23/11/2026\nurgent: true\n---\n\nAva smiled.";
        let m = messages(late);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("This note is marked urgent but was recorded 3 days after"));
        assert!(m[0].contains("within 24 hours"));
        let next_day = "---\ncontact-date: 20/11/2026\nrecorded: 21/11/2026\nurgent: true\n---\n\nAva smiled.";
        assert!(messages(next_day).is_empty());
    }

    #[test]
    fn with_times_on_both_dates_urgent_hours_are_counted_exactly() {
        let late = "Date of visit: 20/11/2026 at 09:00\nDate recorded: 21/11/2026 at 11:30\n\nAva disclosed that Dad hit her.";
        let m = messages(late);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with(
                "This note records a disclosure, which may be urgent, and was recorded 26 hours \
                 after the visit on 20/11/2026;"
            ),
            "{m:?}"
        );
        let on_time = "Date of visit: 20/11/2026 at 16:00\nDate recorded: 21/11/2026 at 10:00\n\nAva disclosed that Dad hit her.";
        assert!(messages(on_time).is_empty());
    }

    #[test]
    fn a_disclosure_or_bruising_makes_a_note_urgent() {
        for (body, why) in [
            ("Ava disclosed that Dad hit her.", "a disclosure"),
            ("I saw bruising to Ava's upper arm.", "an injury"),
            ("The police were called to the house on Friday night.", "police involvement"),
            ("A strategy discussion was held with the police and school.", "a strategy discussion"),
            ("Ava went missing overnight and was found by the police.", "a child missing"),
        ] {
            let text = format!("---\ncontact-date: 20/11/2026\nrecorded: 23/11/2026\n---\n\n{body}");
            let m = messages(&text);
            assert_eq!(m.len(), 1, "{body}");
            assert!(m[0].contains(why), "{body}: {m:?}");
        }
    }

    #[test]
    fn denied_or_conditional_cues_do_not_make_a_note_urgent() {
        for body in [
            "There were no marks or bruising.",
            "Ava did not disclose anything.",
            "If Ava goes missing again, a strategy discussion will be held.",
            "Mum's DBS disclosure came back clear.",
            "Ava said she was missing her nan.",
            "Ava wants to be a police officer.",
        ] {
            let text = format!("---\ncontact-date: 20/11/2026\nrecorded: 23/11/2026\n---\n\n{body}");
            assert!(messages(&text).is_empty(), "{body}");
        }
        // Marked not urgent by the writer: cues are not used.
        let text = "---\ncontact-date: 20/11/2026\nrecorded: 23/11/2026\nurgent: false\n---\n\nAva disclosed that Dad hit her.";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn a_future_or_impossible_contact_date_is_a_finding() {
        let m = messages("---\ncontact-date: 20/12/2026\n---\n\nAva smiled.");
        assert_eq!(
            m,
            vec!["The contact date 20/12/2026 is after today (01/12/2026): please check it."]
        );
        let m = messages("Date of visit: 31/02/2026\n\nAva smiled.");
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("'31/02/2026' is not a real date: February 2026 has 28 days"));
        let m = messages("Date of visit: 11/20/2026\n\nAva smiled.");
        assert!(m[0].contains("no month 20"));
    }

    #[test]
    fn a_recorded_date_after_today_is_a_finding() {
        let m = messages("---\ncontact-date: 20/11/2026\nrecorded: 23/11/2027\n---\n\nAva smiled.");
        assert_eq!(
            m,
            vec!["The recorded date 23/11/2027 is after today (01/12/2026): please check it."]
        );
    }

    #[test]
    fn recorded_before_the_contact_is_a_finding() {
        let m = messages("---\ncontact-date: 20/11/2026\nrecorded: 18/11/2026\n---\n\nAva smiled.");
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("before the contact on 20/11/2026"));
    }

    #[test]
    fn only_case_notes_with_a_contact_date_are_checked() {
        assert!(messages("Ava smiled.").is_empty());
        assert!(messages("---\ntype: chronology\ncontact-date: 01/01/2026\n---\n\nText.").is_empty());
        assert!(messages("Date of visit: to be confirmed\n\nText.").is_empty());
        let m = messages("---\ncontact-date: soon\n---\n\nText.");
        assert!(m[0].starts_with("'soon' is not a date Casenote can read"), "{m:?}");
    }

    #[test]
    fn the_finding_points_at_the_contact_date() {
        let text = "---\ncontact-date: 20/11/2026\nrecorded: 27/11/2026\n---\n\nAva smiled.";
        let meta = DocMeta {
            path: None,
            today: Some(date(2026, 12, 1)),
        };
        let a = Engine::new(Config::default()).unwrap().analyse(text, &meta);
        let f = a.findings.iter().find(|f| f.rule == "timeliness").unwrap();
        assert_eq!(&text[f.range.clone()], "20/11/2026");
    }
}
