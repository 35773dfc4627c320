// Random requests for the CLI = WASM equivalence test (not a test file
// itself): mostly of the values the policy sets know, often not, from a
// seeded generator so that a failure can be replayed. Only values JSON
// carries (no undefined, NaN or Infinity: equivalence.test.mjs tries those
// on their own).

/** A generator of numbers in [0, 1) from a seed (mulberry32). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A maker of random requests over the policy sets `sets` (policies()). */
export function requests(sets, seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  const day = (from, to) => {
    const y = from + Math.floor(r() * (to - from + 1));
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const identities = [...new Set(sets.flatMap((p) => p.identities.map((i) => i.id)))];
  const duties = [...new Set(sets.flatMap((p) => p.yongningbao?.responsibilities.map((x) => x.id) || []))];
  const amount = () => (chance(0.9) ? pick([
    () => Math.floor(r() * 200000),
    () => Math.round(r() * 5000000) / 100,
    () => String(Math.floor(r() * 100000)),
    () => (r() * 1000).toFixed(2),
    () => pick([0, '', ' 12 ', null, '12000.50']),
  ])() : pick([-5, 0.001, 1e13, '1.234', 'abc', true, [1], { x: 1 }, '0'.repeat(40) + '1']));
  const amounts = (n) => Object.fromEntries(Array.from({ length: n }, () => [chance(0.97) ? pick(duties) : 'wig', amount()]));
  const fields = {
    region: () => (chance(0.97) ? pick(sets).region : pick(['ningbo', 5, null, ''])),
    benefit_year: () => (chance(0.95) ? pick([2023, 2024, 2024, 2025, 2027, null]) : pick([2022, 2101, 2024.5, '2024', 1e300])),
    date: () => (chance(0.97) ? day(2021, 2028) : pick(['2023-02-29', 'tomorrow', '2023/11/01', 20231101, '2100-01-01'])),
    district: () => (chance(0.8) ? pick(sets.flatMap((p) => p.districts.map((d) => d.id)).concat(['x'])) : null),
    subarea: () => pick(['qianwan', 'x', 5]),
    qianwan: () => pick([true, false, 'yes', null]),
    birth_date: () => (chance(0.97) ? day(1900, 2027) : pick(['1980-13-01', '1899-12-31', 19800101, 'x', null])),
    hukou: () => (chance(0.97) ? pick(['local', 'nonlocal']) : pick(['beijing', 1, null])),
    residence_permit: () => (chance(0.95) ? pick([true, false, null]) : pick(['yes', 1])),
    school: () => (chance(0.95) ? pick(['none', 'primary_secondary', 'college', null]) : pick(['university', 3])),
    employee_insurance: () => (chance(0.95) ? pick([true, false, false, null]) : 'no'),
    identities: () => (chance(0.9)
      ? Array.from({ length: Math.floor(r() * 3) }, () => (chance(0.95) ? pick(identities) : pick(['foo', 1, null])))
      : pick(['dibao', 5, {}])),
    newborn_parent: () => (chance(0.9)
      ? Object.fromEntries([
        ['residence_permit', pick([true, false, null, 'yes'])],
        ['employee_insurance_months', pick([0, 6, 12, 14, -1, 1.5, 'x', null, 4294967296])],
        ['insured_normal', pick([true, false, null, 1])],
        ...(chance(0.05) ? [['mother', true]] : []),
      ].filter(() => chance(0.7)))
      : pick([true, [], 'x'])),
    bill: () => {
      if (chance(0.05)) return pick([true, [], 'x', 5]);
      const b = amounts(Math.floor(r() * 4));
      if (chance(0.3)) b[chance(0.95) ? 'outside_ningbo' : 'outside_x'] = amounts(Math.floor(r() * 3));
      if (chance(0.3)) b.counted_before = chance(0.95) ? amounts(Math.floor(r() * 3)) : 5;
      return b;
    },
    change: () => (chance(0.9)
      ? Object.fromEntries([
        ['registered_on', day(2021, 2027)],
        ['identities_then', chance(0.9) ? [pick(identities)].filter(() => chance(0.6)) : 'x'],
        ['changed_on', day(2021, 2027)],
        ...(chance(0.05) ? [['when', 1]] : []),
      ].filter(() => chance(0.85)))
      : pick([1, []])),
    birthdate: () => '1980-01-01',
  };
  // How often a request has each key.
  const often = { region: 0.97, benefit_year: 0.5, date: 0.7, district: 0.3, subarea: 0.03, qianwan: 0.08, birth_date: 0.97, hukou: 0.95,
    residence_permit: 0.3, school: 0.25, employee_insurance: 0.2, identities: 0.35, newborn_parent: 0.15, bill: 0.35, change: 0.12, birthdate: 0.01 };
  return () => {
    if (chance(0.003)) return pick(['a string', 5, null, [], true]);
    const req = {};
    // Keys in a shuffled order: the first error in the text is the one reported.
    const keys = Object.keys(fields).filter((k) => chance(often[k])).sort(() => r() - 0.5);
    for (const k of keys) req[k] = fields[k]();
    return req;
  };
}
