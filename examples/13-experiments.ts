// A/B readouts per segment on real customers (IBM Telco churn, 7 043 customers, segmented by contract type).
//
// HONEST NOTE: the Telco data hold no experiment. This script SIMULATES one on top of them: every customer is
// assigned to 'control' or 'offer' by a seeded generator; a control customer keeps their real outcome (retained =
// did not churn), and an offer customer who really churned is "saved" with a made-up probability that depends on
// the contract (15 % month-to-month, 5 % one year, none on two-year contracts). The offer is a 10 % discount, so
// retained offer customers pay 0.9 × their real monthly charge. The customers, segments, base rates and charges
// are real; the treatment effect is invented to show what the readout reports.
import { createRng, power, sampleSize, segmentExperiment } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';

const customers = await readCsv('test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const monthToMonth = customers.filter((c) => c.Contract === 'Month-to-month');
const baseline = monthToMonth.filter((c) => c.Churn === 'No').length / monthToMonth.length;

// 1. plan: how many month-to-month customers per group to see retention rise by 5 points (80 % power, 5 % level)?
const plan = sampleSize({ baseline, minimumDetectableEffect: 0.05 });
console.log(
  `month-to-month retention is ${(100 * baseline).toFixed(1)} %; to detect +5 points: ${plan.nControl} customers per group (exact ${plan.nControlExact.toFixed(2)}, Cohen's h ${plan.effectSize.toFixed(4)})`,
);
const perGroup = Math.floor(monthToMonth.length / 2);
console.log(
  `with the ${monthToMonth.length} we have (${perGroup} per group), the power for +5 points is ${power({ baseline, minimumDetectableEffect: 0.05, nControl: perGroup }).toFixed(3)}\n`,
);

// 2. the simulated experiment
const rng = createRng('telco-offer-2024');
const saveRate: Record<string, number> = { 'Month-to-month': 0.15, 'One year': 0.05, 'Two year': 0 };
const records = customers.map((c) => {
  const arm = rng.uniform() < 0.5 ? 'control' : 'offer';
  const churned = c.Churn === 'Yes';
  const saved = arm === 'offer' && churned && rng.uniform() < saveRate[c.Contract as string]!;
  const retained = !churned || saved;
  const charge = c.MonthlyCharges as number;
  return { contract: c.Contract, arm, retained, revenue: retained ? (arm === 'offer' ? 0.9 * charge : charge) : 0 };
});

const options = { segment: 'contract', variant: 'arm', control: 'control' } as const;
const retention = segmentExperiment(records, { ...options, outcome: 'retained', kind: 'conversion' });
console.log(retention.toString());

const monthly = retention.readout('Month-to-month')!.comparisons[0]!;
console.log(
  `\nmonth-to-month: retention ${(100 * monthly.absoluteLift!).toFixed(1)} points higher with the offer ` +
    `(95 % CI ${(100 * monthly.absoluteLiftInterval!.lower).toFixed(1)} to ${(100 * monthly.absoluteLiftInterval!.upper).toFixed(1)}), ` +
    `Holm-adjusted p ${monthly.pValueHolm!.toExponential(2)}, P(offer > control) = ${monthly.probabilityToBeatControl!.toFixed(4)}\n`,
);

// 3. the same experiment on next month's revenue per customer: the discount costs money where it saves nobody
const revenue = segmentExperiment(records, { ...options, outcome: 'revenue', kind: 'revenue' });
console.log(revenue.toString());

if (retention.sampleRatio.mismatch || revenue.warnings.length > 0) console.log('\ncheck the warnings above before acting on the lifts');
