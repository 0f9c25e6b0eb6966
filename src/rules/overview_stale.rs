//! ## What it flags
//! An overview (case summary) whose `reviewed` date, or "Last updated:" line, is more than 3
//! months old (you can change the number of months). A review date after today, or one that
//! cannot exist, is flagged too. A document is an overview when its front matter says
//! `type: overview`, its file name ends in `.overview.md`, or its first heading starts with
//! "Overview" or "Case summary".
//!
//! ## Why it matters
//! The practice standard asks that the overview of the child's circumstances "should be up to
//! date and current within 3 months providing a succinct summary of the work undertaken". An
//! old summary is the first thing a new worker, a manager or a court reads, and it tells them
//! about a child who has moved on.
//!
//! ## Example
//! Last updated: 01/06/2026 (read on 01/12/2026).
//!
//! ## Instead
//! Review the overview against the plan, add what has changed (strengths as well as worries),
//! and write the new date: Last updated: 01/12/2026.

use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::{format_uk, today, DocKind, Review};

pub const META: Meta = Meta {
    id: "overview-stale",
    default_severity: Severity::Warning,
    summary: "Overviews last updated more than 3 months ago (configurable)",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::Overview {
        return;
    }
    let today = today(cx.meta);
    let months = cx.config.rules.overview_stale.months;
    let Some((range, review)) = cx.record.review_due(today, months) else {
        return;
    };
    let message = match review {
        Review::Unreadable(explained) => explained,
        Review::AfterToday(d) => format!(
            "The date this overview was updated, {}, is after today ({}): please check it.",
            format_uk(d),
            format_uk(today)
        ),
        Review::Overdue(d) => format!(
            "This overview was last updated on {}, more than {months} months ago; the \
             standard asks for it to be up to date and current within 3 months.",
            format_uk(d)
        ),
    };
    out.push(Finding::new(META.id, range, message));
}

#[cfg(test)]
mod tests {
    use crate::{Config, DocMeta, Engine};
    use jiff::civil::date;

    fn messages_with(text: &str, path: Option<&str>, config: Config) -> Vec<String> {
        let meta = DocMeta {
            path: path.map(Into::into),
            today: Some(date(2026, 12, 1)),
        };
        Engine::new(config)
            .unwrap()
            .analyse(text, &meta)
            .findings
            .into_iter()
            .filter(|f| f.rule == "overview-stale")
            .map(|f| f.message)
            .collect()
    }

    fn messages(text: &str) -> Vec<String> {
        messages_with(text, None, Config::default())
    }

    #[test]
    fn flags_an_overview_last_updated_6_months_ago() {
        let m = messages("# Overview\n\nLast updated: 01/06/2026\n\nAva lives with Nan.");
        assert_eq!(
            m,
            vec![
                "This overview was last updated on 01/06/2026, more than 3 months ago; the \
                 standard asks for it to be up to date and current within 3 months."
            ]
        );
    }

    #[test]
    fn accepts_an_overview_reviewed_within_3_months() {
        assert!(messages("---\ntype: overview\nreviewed: 2026-09-01\n---\n\nAva lives with Nan.").is_empty());
        assert!(messages("# Case summary\n\nLast updated: 15/11/2026\n\nAva lives with Nan.").is_empty());
    }

    #[test]
    fn reads_the_front_matter_and_the_file_name() {
        let m = messages_with(
            "---\nreviewed: 01/01/2026\n---\n\nAva lives with Nan.",
            Some("ava.overview.md"),
            Config::default(),
        );
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn the_number_of_months_is_configurable() {
        let mut c = Config::default();
        c.rules.overview_stale.months = 12;
        assert!(messages_with("# Overview\n\nLast updated: 01/06/2026\n", None, c).is_empty());
    }

    #[test]
    fn future_and_impossible_dates_are_findings() {
        let m = messages("# Overview\n\nLast updated: 01/01/2027\n");
        assert!(m[0].contains("01/01/2027, is after today (01/12/2026)"));
        let m = messages("# Overview\n\nLast updated: 30/02/2026\n");
        assert!(m[0].starts_with("'30/02/2026' is not a real date"));
    }

    #[test]
    fn case_notes_and_overviews_without_a_date_are_not_flagged() {
        assert!(messages("# Home visit\n\nLast updated: 01/01/2026\n\nAva smiled.").is_empty());
        assert!(messages("# Overview\n\nAva lives with Nan.").is_empty());
    }
}
