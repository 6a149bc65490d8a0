/**
 * Laboratory tests for synthetic data: a test's name, units, normal range and result range
 * belong together, so a row is drawn from one of these profiles rather than column by column.
 */
import type { Rng } from './random';

interface LabTest {
  name: string;
  units: string;
  normal: [number, number];
  /** Range of ordinary results. */
  results: [number, number];
  decimals: number;
  /** Special results (below or above the assay's limits) and how often they occur. */
  specials?: { value: string; interpretation: string; p: number }[];
}

const TESTS: LabTest[] = [
  { name: 'Abs CD4', units: 'cells/uL', normal: [500, 1500], results: [15, 1400], decimals: 0 },
  { name: 'CD4 %', units: '%', normal: [30, 60], results: [2, 55], decimals: 0 },
  {
    name: 'HIV-1 RNA',
    units: 'copies/mL',
    normal: [0, 20],
    results: [50, 450000],
    decimals: 0,
    specials: [
      { value: '<50', interpretation: 'BLQ', p: 0.35 },
      { value: '<20', interpretation: 'BLQ', p: 0.15 },
      { value: 'BLQ', interpretation: 'BLQ', p: 0.03 },
      // Contains a comma: the writer must quote it.
      { value: '>75,000', interpretation: 'ALQ', p: 0.02 },
    ],
  },
  { name: 'Albumin', units: 'g/dL', normal: [3.5, 5], results: [2.4, 5.3], decimals: 1 },
  { name: 'Creatinine', units: 'mg/dL', normal: [0.6, 1.3], results: [0.4, 3.2], decimals: 2 },
  { name: 'Hemoglobin', units: 'g/dL', normal: [12, 17.5], results: [8.5, 18], decimals: 1 },
  { name: 'ALT', units: 'U/L', normal: [7, 56], results: [5, 180], decimals: 0 },
  { name: 'AST', units: 'U/L', normal: [10, 40], results: [8, 160], decimals: 0 },
  { name: 'Glucose', units: 'mg/dL', normal: [70, 99], results: [55, 310], decimals: 0 },
  { name: 'Hemoglobin A1c', units: '%', normal: [4, 5.6], results: [4.2, 11.5], decimals: 1 },
  {
    name: 'Total cholesterol',
    units: 'mg/dL',
    normal: [125, 200],
    results: [110, 320],
    decimals: 0,
  },
  { name: 'Platelets', units: 'K/uL', normal: [150, 400], results: [40, 520], decimals: 0 },
];

/** One laboratory row's related values, keyed by variable name. */
export function labRow(rng: Rng): Record<string, string> {
  const t = rng.pick(TESTS);
  const [lo, hi] = t.normal;
  const normalMin = lo.toFixed(t.decimals);
  const normalMax = hi.toFixed(t.decimals);
  let x = rng();
  for (const s of t.specials ?? []) {
    if (x < s.p)
      return {
        testName: t.name,
        result: s.value,
        units: t.units,
        normalMin,
        normalMax,
        interpretation: s.interpretation,
      };
    x -= s.p;
  }
  const value = t.results[0] + rng() * (t.results[1] - t.results[0]);
  const result = value.toFixed(t.decimals);
  const n = Number(result);
  const interpretation =
    n < lo ? 'Low' : n > hi ? 'High' : rng.chance(0.05) ? 'baseline' : 'Normal';
  return { testName: t.name, result, units: t.units, normalMin, normalMax, interpretation };
}
