//! Working days: weekends, bank holidays of the chosen part of the UK and the office's own
//! closure days do not count.
//!
//! Bank holidays are data (`dictionaries/calendars/<region>.toml`, 2020 to 2030, from the GOV.UK
//! feed), embedded in the binary and parsed once.

use std::sync::OnceLock;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use super::date::{format_uk, parse_date};
use crate::config::{CalendarConfig, Region};

/// One bank holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub title: String,
    /// A substitute day for a holiday that fell at a weekend.
    pub substitute: bool,
    /// Not yet published in the GOV.UK feed: projected from the usual rules.
    pub projected: bool,
}

/// The bank holidays of one region, as shipped.
#[derive(Debug, Clone, Default)]
pub struct HolidayList {
    pub name: String,
    pub source: String,
    pub first_year: i16,
    pub last_year: i16,
    pub projected_from: i16,
    pub projection_rules: String,
    /// Sorted by date.
    pub holidays: Vec<Holiday>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FileShape {
    name: String,
    source: String,
    first_year: i16,
    last_year: i16,
    projected_from: i16,
    projection_rules: String,
    holiday: Vec<HolidayShape>,
}

#[derive(Deserialize)]
struct HolidayShape {
    date: String,
    title: String,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    projected: bool,
}

const FILES: [&str; 3] = [
    include_str!("../../dictionaries/calendars/england-and-wales.toml"),
    include_str!("../../dictionaries/calendars/scotland.toml"),
    include_str!("../../dictionaries/calendars/northern-ireland.toml"),
];

fn index(region: Region) -> usize {
    match region {
        Region::EnglandAndWales => 0,
        Region::Scotland => 1,
        Region::NorthernIreland => 2,
    }
}

/// Parse one calendar file; an error names the entry.
fn parse_file(src: &str) -> Result<HolidayList, String> {
    let f: FileShape = toml::from_str(src).map_err(|e| e.to_string())?;
    let mut holidays = Vec::with_capacity(f.holiday.len());
    for h in f.holiday {
        let date = parse_date(&h.date).map_err(|e| e.explain(&h.date))?;
        holidays.push(Holiday {
            date,
            title: h.title,
            substitute: h.notes.as_deref() == Some("Substitute day"),
            projected: h.projected,
        });
    }
    holidays.sort_by_key(|h| h.date);
    Ok(HolidayList {
        name: f.name,
        source: f.source,
        first_year: f.first_year,
        last_year: f.last_year,
        projected_from: f.projected_from,
        projection_rules: f.projection_rules,
        holidays,
    })
}

/// The shipped bank holidays of a region (parsed on first use; a file that cannot be read,
/// which a test rules out, gives an empty list rather than a crash).
pub fn bank_holidays(region: Region) -> &'static HolidayList {
    // One cell per region: a council only ever needs its own file parsed.
    static LISTS: [OnceLock<HolidayList>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = index(region);
    LISTS[i].get_or_init(|| {
        FILES
            .get(i)
            .and_then(|src| parse_file(src).ok())
            .unwrap_or_default()
    })
}

/// A bad entry in `calendar.closures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureError {
    /// Which entry (0-based).
    pub index: usize,
    pub message: String,
}

/// The days an office is open.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Sorted, de-duplicated weekdays that are not working days (bank holidays and closures).
    days_off: Vec<i64>,
    first_year: i16,
    last_year: i16,
}

impl Calendar {
    /// A region's bank holidays plus extra closure days.
    pub fn new(region: Region, closures: &[Date]) -> Calendar {
        let list = bank_holidays(region);
        let mut days_off: Vec<i64> = list
            .holidays
            .iter()
            .map(|h| h.date)
            .chain(closures.iter().copied())
            .filter(|d| is_weekday(*d))
            .map(day_number)
            .collect();
        days_off.sort_unstable();
        days_off.dedup();
        Calendar {
            days_off,
            first_year: list.first_year,
            last_year: list.last_year,
        }
    }

    /// The calendar a configuration asks for. Closure dates are dd/mm/yyyy or yyyy-mm-dd.
    pub fn from_config(config: &CalendarConfig) -> Result<Calendar, ClosureError> {
        let mut closures = Vec::with_capacity(config.closures.len());
        for (index, c) in config.closures.iter().enumerate() {
            let d = parse_date(c).map_err(|e| ClosureError {
                index,
                message: format!("calendar.closures: {}", e.explain(c.trim())),
            })?;
            closures.push(d);
        }
        Ok(Calendar::new(config.region, &closures))
    }

    /// The configured calendar, with closure dates that cannot be read left out (the engine
    /// refuses such a configuration before any rule runs).
    pub fn from_config_lenient(config: &CalendarConfig) -> Calendar {
        let closures: Vec<Date> = config
            .closures
            .iter()
            .filter_map(|c| parse_date(c).ok())
            .collect();
        Calendar::new(config.region, &closures)
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        is_weekday(d) && self.days_off.binary_search(&day_number(d)).is_err()
    }

    /// Whether the shipped bank holidays cover this year.
    pub fn covers(&self, year: i16) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// Working days after `from`, up to and including `to`: the day of `from` is day 0, so a
    /// visit on a Monday recorded on the Thursday is 3 working days. 0 if `to` is not later.
    pub fn working_days_after(&self, from: Date, to: Date) -> i64 {
        let (a, b) = (day_number(from), day_number(to));
        let n = b - a;
        if n <= 0 {
            return 0;
        }
        let mut count = n / 7 * 5;
        let mut wd = i64::from(from.weekday().to_monday_zero_offset());
        for _ in 0..n % 7 {
            wd = (wd + 1) % 7;
            if wd < 5 {
                count += 1;
            }
        }
        let lo = self.days_off.partition_point(|d| *d <= a);
        let hi = self.days_off.partition_point(|d| *d <= b);
        count - (hi - lo) as i64
    }
}

fn is_weekday(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Days since 1970-01-01 (proleptic Gregorian), for arithmetic that cannot fail.
pub fn day_number(d: Date) -> i64 {
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Calendar days from `a` to `b` (negative if `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

/// `d` plus whole months (the last day of the month when the day does not exist), saturating.
pub fn add_months(d: Date, months: u32) -> Date {
    d.checked_add(jiff::Span::new().months(i64::from(months.min(1200))))
        .unwrap_or(Date::MAX)
}

/// For messages: "20/11/2026".
pub fn uk(d: Date) -> String {
    format_uk(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn holiday(region: Region, d: Date) -> bool {
        bank_holidays(region).holidays.iter().any(|h| h.date == d)
    }

    #[test]
    fn every_calendar_file_parses_and_covers_2020_to_2030() {
        for src in FILES {
            let list = parse_file(src).expect("calendar file parses");
            assert_eq!((list.first_year, list.last_year), (2020, 2030));
            for y in 2020..=2030 {
                let n = list.holidays.iter().filter(|h| h.date.year() == y).count();
                assert!((8..=12).contains(&n), "{} {y}: {n} holidays", list.name);
            }
            for w in list.holidays.windows(2) {
                assert!(
                    w[0].date < w[1].date,
                    "{}: duplicate or unsorted",
                    list.name
                );
            }
            for h in &list.holidays {
                assert!(
                    is_weekday(h.date),
                    "{} {:?} at a weekend",
                    list.name,
                    h.date
                );
                assert_eq!(h.projected, h.date.year() >= list.projected_from);
            }
            assert!(list.source.contains("gov.uk"));
            assert!(!list.projection_rules.is_empty());
        }
    }

    #[test]
    fn easter_moves_and_scotland_has_no_easter_monday() {
        use Region::*;
        assert!(
            holiday(EnglandAndWales, date(2026, 4, 3)),
            "Good Friday 2026"
        );
        assert!(
            holiday(EnglandAndWales, date(2026, 4, 6)),
            "Easter Monday 2026"
        );
        assert!(
            holiday(EnglandAndWales, date(2027, 3, 26)),
            "Good Friday 2027"
        );
        assert!(
            holiday(EnglandAndWales, date(2027, 3, 29)),
            "Easter Monday 2027"
        );
        assert!(holiday(EnglandAndWales, date(2024, 3, 29)));
        assert!(holiday(EnglandAndWales, date(2025, 4, 21)));
        assert!(holiday(Scotland, date(2026, 4, 3)));
        assert!(!holiday(Scotland, date(2026, 4, 6)));
    }

    #[test]
    fn substitute_days_at_christmas_and_new_year() {
        use Region::*;
        // 26/12/2026 is a Saturday: Boxing Day moves to Monday 28/12/2026.
        assert!(holiday(EnglandAndWales, date(2026, 12, 28)));
        assert!(!holiday(EnglandAndWales, date(2026, 12, 26)));
        // 2027: Christmas on a Saturday, Boxing Day on a Sunday.
        assert!(holiday(EnglandAndWales, date(2027, 12, 27)));
        assert!(holiday(EnglandAndWales, date(2027, 12, 28)));
        // 2022: Christmas on a Sunday: Boxing Day stays on Monday 26, Christmas moves to 27.
        assert!(holiday(EnglandAndWales, date(2022, 12, 26)));
        assert!(holiday(EnglandAndWales, date(2022, 12, 27)));
        // 01/01/2028 is a Saturday.
        assert!(holiday(EnglandAndWales, date(2028, 1, 3)));
    }

    #[test]
    fn scotland_has_2_january_and_st_andrews_day() {
        use Region::*;
        assert!(holiday(Scotland, date(2026, 1, 2)));
        assert!(!holiday(EnglandAndWales, date(2026, 1, 2)));
        // 2027: 2 January is a Saturday, so Monday 4 January.
        assert!(holiday(Scotland, date(2027, 1, 4)));
        assert!(
            holiday(Scotland, date(2026, 11, 30)),
            "St Andrew's Day, a Monday"
        );
        // 30/11/2025 was a Sunday: Monday 01/12/2025.
        assert!(holiday(Scotland, date(2025, 12, 1)));
        // Scotland's summer holiday is the first Monday of August.
        assert!(holiday(Scotland, date(2026, 8, 3)));
        assert!(!holiday(Scotland, date(2026, 8, 31)));
    }

    #[test]
    fn northern_ireland_has_st_patricks_day_and_12_july() {
        use Region::*;
        assert!(holiday(NorthernIreland, date(2026, 3, 17)));
        assert!(!holiday(EnglandAndWales, date(2026, 3, 17)));
        // 12/07/2026 is a Sunday: Monday 13/07/2026.
        assert!(holiday(NorthernIreland, date(2026, 7, 13)));
        assert!(holiday(NorthernIreland, date(2027, 7, 12)));
        assert!(holiday(NorthernIreland, date(2026, 4, 6)), "Easter Monday");
    }

    #[test]
    fn one_off_holidays_are_in_the_data() {
        for r in [
            Region::EnglandAndWales,
            Region::Scotland,
            Region::NorthernIreland,
        ] {
            assert!(holiday(r, date(2020, 5, 8)), "VE day");
            assert!(!holiday(r, date(2020, 5, 4)));
            assert!(holiday(r, date(2022, 6, 3)), "Platinum Jubilee");
            assert!(holiday(r, date(2022, 9, 19)), "State Funeral");
            assert!(holiday(r, date(2023, 5, 8)), "Coronation");
        }
    }

    #[test]
    fn counts_working_days_with_the_contact_day_as_day_0() {
        let cal = Calendar::new(Region::EnglandAndWales, &[]);
        // Monday 16/11/2026 to Thursday 19/11/2026: 3.
        assert_eq!(
            cal.working_days_after(date(2026, 11, 16), date(2026, 11, 19)),
            3
        );
        // Friday 20/11/2026 to Friday 27/11/2026: 5.
        assert_eq!(
            cal.working_days_after(date(2026, 11, 20), date(2026, 11, 27)),
            5
        );
        // The same day, or earlier: 0.
        assert_eq!(
            cal.working_days_after(date(2026, 11, 20), date(2026, 11, 20)),
            0
        );
        assert_eq!(
            cal.working_days_after(date(2026, 11, 20), date(2026, 11, 2)),
            0
        );
        // A Saturday visit recorded on Monday: 1.
        assert_eq!(
            cal.working_days_after(date(2026, 11, 21), date(2026, 11, 23)),
            1
        );
    }

    #[test]
    fn a_bank_holiday_weekend_does_not_count() {
        let cal = Calendar::new(Region::EnglandAndWales, &[]);
        // Thursday 02/04/2026, then Good Friday, the weekend and Easter Monday: Tuesday is day 1.
        assert_eq!(
            cal.working_days_after(date(2026, 4, 2), date(2026, 4, 7)),
            1
        );
        assert_eq!(
            cal.working_days_after(date(2026, 4, 2), date(2026, 4, 9)),
            3
        );
        // In Scotland Easter Monday is a working day.
        let scot = Calendar::new(Region::Scotland, &[]);
        assert_eq!(
            scot.working_days_after(date(2026, 4, 2), date(2026, 4, 7)),
            2
        );
    }

    #[test]
    fn christmas_with_substitute_days_and_closures() {
        let cal = Calendar::new(Region::EnglandAndWales, &[]);
        // Thursday 24/12/2026: 25 (Fri), weekend, 28 (substitute) are off; 29, 30, 31 count.
        assert_eq!(
            cal.working_days_after(date(2026, 12, 24), date(2026, 12, 31)),
            3
        );
        assert!(!cal.is_working_day(date(2026, 12, 28)));
        let closed = CalendarConfig {
            region: Region::EnglandAndWales,
            closures: vec!["29/12/2026".into(), "2026-12-30".into()],
        };
        let cal = Calendar::from_config(&closed).unwrap();
        assert_eq!(
            cal.working_days_after(date(2026, 12, 24), date(2026, 12, 31)),
            1
        );
        assert_eq!(
            cal.working_days_after(date(2026, 12, 24), date(2027, 1, 5)),
            3
        );
    }

    #[test]
    fn a_leap_year_has_29_february() {
        let cal = Calendar::new(Region::EnglandAndWales, &[]);
        // Monday 28/02/2028 is followed by Tuesday 29/02/2028.
        assert_eq!(
            cal.working_days_after(date(2028, 2, 25), date(2028, 3, 1)),
            3
        );
        assert_eq!(days_between(date(2028, 2, 28), date(2028, 3, 1)), 2);
        assert_eq!(days_between(date(2027, 2, 28), date(2027, 3, 1)), 1);
    }

    #[test]
    fn long_spans_are_counted_without_walking_every_day() {
        let cal = Calendar::new(Region::EnglandAndWales, &[]);
        // 2026 has 261 weekdays and 8 bank holidays on weekdays.
        assert_eq!(
            cal.working_days_after(date(2025, 12, 31), date(2026, 12, 31)),
            253
        );
        assert!(cal.working_days_after(Date::MIN, Date::MAX) > 0);
    }

    #[test]
    fn a_bad_closure_names_the_entry() {
        let bad = CalendarConfig {
            region: Region::EnglandAndWales,
            closures: vec!["24/12/2026".into(), "31/02/2026".into()],
        };
        let e = Calendar::from_config(&bad).unwrap_err();
        assert_eq!(e.index, 1);
        assert!(e.message.contains("'31/02/2026' is not a real date"));
    }

    #[test]
    fn months_are_added_to_the_end_of_shorter_months() {
        assert_eq!(add_months(date(2026, 11, 30), 3), date(2027, 2, 28));
        assert_eq!(add_months(date(2026, 8, 1), 3), date(2026, 11, 1));
    }
}

#[cfg(test)]
mod engine_tests {
    use crate::config::Config;
    use crate::engine::Engine;

    #[test]
    fn the_engine_refuses_a_closure_that_is_not_a_date() {
        let config = Config::from_toml(
            "[calendar]\nclosures = [\"24/12/2026\", \"12/31/2026\"]\n",
            None,
        )
        .unwrap();
        let e = Engine::new(config).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("calendar.closures"), "{text}");
        assert!(text.contains("there is no month 31"), "{text}");
        assert!(text.contains("entry 2"), "{text}");
        let ok = Config::from_toml("[calendar]\nclosures = [\"2026-12-24\"]\n", None).unwrap();
        assert!(Engine::new(ok).is_ok());
    }
}
