//! Invariants over generated requests: parts add up, nothing is negative,
//! payouts are bounded and never shrink when a bill grows, and no input
//! panics.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use proptest::prelude::*;
use yibao::request::{Amount, Amounts, Bill, Request};

fn amount() -> impl Strategy<Value = Option<Amount>> {
    prop_oneof![
        Just(None),
        (0i64..200_000_000).prop_map(|fen| Some(Amount::from_fen(fen))),
        (0i64..100_000).prop_map(|y| Some(Amount::from_yuan(y))),
    ]
}

/// The responsibility ids of the (one) payout plan on file.
fn ids() -> Vec<String> {
    let plan = yibao::policy_sets().iter().find_map(|p| p.yongningbao.as_ref()).map(|y| &y.payout);
    plan.map(|p| p.responsibilities.iter().map(|r| r.id.to_string()).collect()).unwrap_or_default()
}

fn amounts() -> impl Strategy<Value = Amounts> {
    proptest::collection::vec(amount(), 5)
        .prop_map(|v| Amounts(ids().into_iter().zip(v).filter_map(|(id, a)| a.map(|a| (id, a))).collect()))
}

fn bill() -> impl Strategy<Value = Bill> {
    (amounts(), proptest::option::of(amounts()), proptest::option::of(amounts())).prop_map(|(now, before, outside)| {
        // The part outside Ningbo is a part of each amount.
        let outside = outside.map(|o| {
            let parts = o.0.into_iter().map(|(id, x)| {
                let own = now.get(&id);
                (id, x.min(own))
            });
            ("outside_ningbo".to_string(), Amounts(parts.collect()))
        });
        Bill { amounts: now, outside, counted_before: before, date: None }
    })
}

fn date(lo: i32, hi: i32) -> impl Strategy<Value = String> {
    (lo..=hi, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        let d = d.min(28);
        format!("{y:04}-{m:02}-{d:02}")
    })
}

/// Requests against a real policy set: its year, its identities, its
/// districts, so that most of them get an answer to check.
fn request() -> impl Strategy<Value = Request> {
    let sets = yibao::policy_sets();
    let school = prop_oneof![Just("none"), Just("primary_secondary"), Just("college")];
    (
        (0..sets.len(), proptest::option::of(date(2022, 2030)), 0usize..5, any::<bool>(), any::<bool>()),
        (date(1920, 2023), any::<bool>(), any::<bool>(), school, proptest::bool::weighted(0.2)),
        proptest::collection::vec(0usize..16, 0..4),
        (any::<bool>(), 0u32..30, any::<bool>()),
        proptest::option::of(bill()),
    )
        .prop_map(
            move |(
                (set, date, district, qianwan, by_date),
                (birth, local, permit, school, employee),
                ids,
                (pp, months, normal),
                bill,
            )| {
                let p = &sets[set % sets.len()];
                Request {
                    context: yibao::request::Context {
                        region: Some(p.region.to_string()),
                        // Half the requests leave the year to the date (which may
                        // be after the newest notice).
                        benefit_year: (!by_date || date.is_none()).then(|| p.benefit_year.into()),
                        date,
                        district: p.districts.get(district % p.districts.len().max(1)).map(|d| d.id.to_string()),
                        subarea: p
                            .subareas
                            .first()
                            .filter(|_| qianwan)
                            .map(|s| yibao::request::Asked { value: s.id.to_string(), field: "subarea".into() }),
                    },
                    person: yibao::request::Person {
                        birth_date: Some(birth),
                        hukou: Some(if local { "local" } else { "nonlocal" }.into()),
                        residence_permit: Some(permit),
                        school: Some(school.into()),
                        employee_insurance: Some(employee),
                        identities: Some(
                            ids.into_iter()
                                .filter_map(|i| p.identities.get(i % p.identities.len()).map(|x| x.id.to_string()))
                                .collect(),
                        ),
                        newborn_parent: Some(yibao::request::NewbornParent {
                            residence_permit: Some(pp),
                            employee_insurance_months: Some(months),
                            insured_normal: Some(normal),
                        }),
                        bill,
                        change: None,
                        insured_elsewhere: None,
                    },
                }
            },
        )
}

/// The invariants of an answer, shared with the fuzz targets.
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn parts_add_up_and_nothing_is_negative(req in request()) {
        let Ok(q) = yibao::quote(&req) else { return Ok(()) };
        if let Err(broken) = fuzz::quote_invariants(&q) {
            prop_assert!(false, "{}", broken);
        }
    }

    /// Issue 23 point 2: every eligible answer has its next step, the
    /// summary's first sentence; a date to do it by is the window's last
    /// day, and only where that window is the year's own (not projected).
    #[test]
    fn every_eligible_answer_has_its_next_step(req in request()) {
        let Ok(q) = yibao::quote(&req) else { return Ok(()) };
        if q.eligible == Some(true) {
            let n = q.next_step.as_ref();
            prop_assert!(n.is_some_and(|n| !n.text.is_empty() && !n.source.is_empty()), "{}", q.summary);
            let n = n.unwrap();
            prop_assert!(q.summary.starts_with(&*n.text), "{}", q.summary);
            if let Some(by) = &n.by {
                prop_assert_eq!(by, &q.enrollment.end);
                prop_assert!(q.benefit_year <= q.as_of.newest_benefit_year, "a date to act by for a projected year");
            }
        }
    }

    /// Issue 23 point 1: `in_force` is null exactly when the benefit year
    /// in force on the date of the question is `benefit_year`. The oracle:
    /// every notice on file gives its benefit year as 1 January to 31
    /// December (checked here), so the year in force is the date's year.
    #[test]
    fn in_force_is_null_exactly_when_the_year_in_force_is_the_year_answered(req in request()) {
        use chrono::Datelike;
        for p in yibao::policy_sets() {
            let (s, e) = (p.benefit_period.start.day(), p.benefit_period.end.day());
            prop_assert!((s.year(), s.month(), s.day(), e.year(), e.month(), e.day()) == (p.benefit_year, 1, 1, p.benefit_year, 12, 31));
        }
        let Ok(q) = yibao::quote(&req) else { return Ok(()) };
        let Some(d) = req.context.date.as_deref().and_then(yibao::date::parse) else {
            prop_assert!(q.in_force.is_none(), "no date, no year in force");
            return Ok(());
        };
        prop_assert_eq!(q.in_force.is_none(), d.year() == q.benefit_year, "{:?}", q.in_force);
        if let Some(f) = &q.in_force {
            prop_assert_eq!(f.benefit_year, d.year());
            prop_assert_eq!(f.beyond_newest, f.benefit_year > q.as_of.newest_benefit_year);
            match &f.period {
                Some(p) => prop_assert!(p.start.day() <= d && d <= p.end.day()),
                // Only a year before every notice on file has no period.
                None => prop_assert!(yibao::policy_sets().iter().filter(|p| p.region == q.policy.region).all(|p| p.benefit_year > f.benefit_year)),
            }
            prop_assert!(q.summary.ends_with(&*f.text));
        }
    }

    #[test]
    fn payouts_never_shrink_when_a_bill_grows(b in bill(), extra in 0i64..5_000_000, which in 0usize..5) {
        let plan = yibao::policy_sets().iter().find_map(|p| p.yongningbao.as_ref()).map(|y| &y.payout).unwrap();
        let ids = ids();
        let id = &ids[which % ids.len()];
        let full = yibao::answer::Detail::Full;
        let before = yibao::payout::estimate(plan, &b, full);
        let mut grown = b.clone();
        grown.amounts.set(id, b.amounts.get(id) + yibao::money::Money::from_fen(extra));
        let after = yibao::payout::estimate(plan, &grown, full);
        prop_assert!(after.total >= before.total, "{} → {}", before.total.fixed(), after.total.fixed());
        for i in after.items.iter().chain(&before.items) {
            prop_assert!(i.payout >= yibao::money::Money::ZERO && i.payout <= i.amount && i.payout <= i.cap_left && i.cap_left <= i.cap);
            prop_assert_eq!(i.bands.iter().map(|b| b.amount).sum::<yibao::money::Money>().min(i.cap_left), i.payout);
        }
    }

    /// A real birth date is never refused because the newest notice is
    /// older than the question: without a year, any day up to the date works.
    #[test]
    fn no_real_birth_date_is_refused(set in 0usize..8, birth in 0u64..45_000, ask in 0u64..4_000) {
        let sets = yibao::policy_sets();
        let p = &sets[set % sets.len()];
        let day = |n: u64| chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(n);
        let date = day(45_000) + chrono::Days::new(ask); // 2023-03-15 onwards
        let birth = day(birth).min(date);
        let district = p.districts.first().map(|d| format!(r#","district":"{}""#, d.id)).unwrap_or_default();
        let json = format!(r#"{{"region":"{}","date":"{date}","birth_date":"{birth}","hukou":"local"{district}}}"#, p.region);
        let q = yibao::quote_json(&json);
        prop_assert!(q.is_ok(), "{}: {:?}", json, q.err());
    }

    #[test]
    fn no_input_panics(s in "\\PC{0,200}") {
        let _ = yibao::quote_json(&s);
    }

    #[test]
    fn no_json_shaped_input_panics(
        keys in proptest::collection::vec(prop_oneof![Just("region"), Just("birth_date"), Just("hukou"), Just("date"), Just("bill"), Just("identities"), Just("district"), Just("benefit_year"), Just("newborn_parent"), Just("x")], 0..6),
        vals in proptest::collection::vec(prop_oneof![Just("\"yuyao\"".to_string()), Just("\"baiyin\"".to_string()), Just("\"2023-02-29\"".to_string()), Just("\"2023-11-01\"".to_string()), Just("null".to_string()), Just("-1".to_string()), Just("1e999".to_string()), Just("[\"dibao\"]".to_string()), Just("{\"in_scope\":\"9.999\"}".to_string()), Just("{}".to_string()), Just("\"local\"".to_string()), any::<i64>().prop_map(|i| i.to_string())], 0..6),
    ) {
        let body: Vec<String> = keys.iter().zip(vals.iter()).map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let _ = yibao::quote_json(&format!("{{{}}}", body.join(",")));
    }
}
