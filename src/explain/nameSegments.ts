import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { SegmentProfile } from './profileSegments';
import type { Distinction, SegmentId, SegmentSummary } from './profileTypes';

/** The words for one feature's two directions ("High spend" / "Low spend"). */
export interface FeatureWords {
  /** When the segment is above the rest. */
  readonly higher: string;
  /** When it is below. */
  readonly lower: string;
}

/** The words of a language: per common feature, and for the generic cases. */
export interface NamingLanguage {
  /** Words for known feature names (matched case-insensitively). */
  readonly features: Readonly<Record<string, FeatureWords>>;
  /** Words for any other numeric feature. */
  readonly higher: (feature: string) => string;
  /** Words for any other numeric feature when the segment is below the rest. */
  readonly lower: (feature: string) => string;
  /** A categorical distinction: the over-represented category. */
  readonly category: (feature: string, category: string) => string;
  /** A segment that differs in nothing significant. */
  readonly typical: string;
  /** The noise group. */
  readonly noise: string;
}

const ENGLISH: NamingLanguage = {
  features: {
    monetary: { higher: 'high spend', lower: 'low spend' },
    spend: { higher: 'high spend', lower: 'low spend' },
    revenue: { higher: 'high revenue', lower: 'low revenue' },
    monetarymean: { higher: 'big baskets', lower: 'small baskets' },
    frequency: { higher: 'frequent', lower: 'infrequent' },
    orders: { higher: 'frequent', lower: 'infrequent' },
    recency: { higher: 'lapsed', lower: 'recent' },
    dayssincelast: { higher: 'lapsed', lower: 'recent' },
    tenure: { higher: 'long-standing', lower: 'new' },
    activedays: { higher: 'long-active', lower: 'short-lived' },
    age: { higher: 'older', lower: 'younger' },
    income: { higher: 'high income', lower: 'low income' },
  },
  higher: (feature) => `high ${feature}`,
  lower: (feature) => `low ${feature}`,
  category: (feature, category) => `${feature} ${category}`,
  typical: 'typical',
  noise: 'unusual',
};

const GERMAN: NamingLanguage = {
  features: {
    monetary: { higher: 'hoher Umsatz', lower: 'niedriger Umsatz' },
    spend: { higher: 'hoher Umsatz', lower: 'niedriger Umsatz' },
    frequency: { higher: 'häufig', lower: 'selten' },
    recency: { higher: 'inaktiv', lower: 'kürzlich aktiv' },
    tenure: { higher: 'langjährig', lower: 'neu' },
  },
  higher: (feature) => `hohe(r) ${feature}`,
  lower: (feature) => `niedrige(r) ${feature}`,
  category: (feature, category) => `${feature} ${category}`,
  typical: 'typisch',
  noise: 'auffällig',
};

/**
 * The built-in languages of {@link nameSegments}.
 *
 * @example
 * NAMING_LANGUAGES.en.features.recency; // => { higher: 'lapsed', lower: 'recent' }
 */
export const NAMING_LANGUAGES: Readonly<Record<'en' | 'de', NamingLanguage>> = /* @__PURE__ */ Object.freeze({ en: ENGLISH, de: GERMAN });

/** Options of {@link nameSegments}. */
export interface NameSegmentsOptions {
  /** How many distinctions a name uses at most. Default 3. */
  readonly maxTerms?: number;
  /** Words per feature (overriding the language's), e.g. `{ tenure: { higher: 'loyal', lower: 'new' } }`. */
  readonly vocabulary?: Readonly<Record<string, FeatureWords>>;
  /** `'en'` (default), `'de'`, or a whole {@link NamingLanguage}. */
  readonly language?: 'en' | 'de' | NamingLanguage;
  /** Keep segments that already have names (RFM's "Champions", string labels) as they are. Default `true`. */
  readonly keepNamedSegments?: boolean;
  /** Between terms. Default `' · '`. */
  readonly separator?: string;
}

/** A segment's name, and the words it is made of. */
export interface SegmentName {
  /** The segment. */
  readonly segment: SegmentId;
  /** "High spend · frequent · recent". */
  readonly name: string;
  /** The terms, strongest difference first. */
  readonly terms: readonly string[];
}

function wordFor(distinction: Distinction, language: NamingLanguage, vocabulary: Readonly<Record<string, FeatureWords>>): string {
  if (distinction.kind === 'categorical') return language.category(distinction.feature, String(distinction.category));
  const own = Object.hasOwn(vocabulary, distinction.feature) ? vocabulary[distinction.feature] : undefined;
  const key = distinction.feature.toLowerCase().replace(/[^a-z0-9]/g, '');
  const known = own ?? (Object.hasOwn(language.features, key) ? language.features[key] : undefined);
  if (known !== undefined) return distinction.direction === 'higher' ? known.higher : known.lower;
  return distinction.direction === 'higher' ? language.higher(distinction.feature) : language.lower(distinction.feature);
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toLocaleUpperCase() + text.slice(1);
}

/**
 * Name every segment of a {@link SegmentProfile} in plain words from its strongest differences ("High spend ·
 * frequent · recent"): short (at most `maxTerms` terms), unique (a clash takes the next term, then a number)
 * and deterministic (the same profile always gives the same names). Segments that already carry names (RFM
 * segments, string labels) keep them; one that differs in nothing is "Typical", the noise group "Unusual".
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an unknown option, a `maxTerms` below 1, or an unknown language.
 * @example
 * const rows = [{ spend: 10, visits: 1 }, { spend: 12, visits: 2 }, { spend: 11, visits: 1 }, { spend: 90, visits: 9 }, { spend: 95, visits: 8 }, { spend: 99, visits: 9 }];
 * const profile = profileSegments(rows, [0, 0, 0, 1, 1, 1], { alpha: 1 });
 * nameSegments(profile).map((s) => s.name); // => ['Low spend · low visits', 'High spend · high visits']
 */
export function nameSegments(profile: SegmentProfile, options: NameSegmentsOptions = {}): SegmentName[] {
  const context = 'nameSegments';
  assertKnownOptions(context, options, ['maxTerms', 'vocabulary', 'language', 'keepNamedSegments', 'separator']);
  if (profile === null || typeof profile !== 'object' || !Array.isArray((profile as { segments?: unknown }).segments)) {
    throw new SegmentkitError('E_PARAM', `${context}: pass the result of profileSegments`);
  }
  const maxTerms = options.maxTerms ?? 3;
  if (!Number.isInteger(maxTerms) || maxTerms < 1)
    throw new SegmentkitError('E_PARAM', `${context}: maxTerms must be an integer ≥ 1, got ${describeValue(maxTerms)}`);
  const languageOption = options.language ?? 'en';
  const language =
    typeof languageOption === 'string'
      ? Object.hasOwn(NAMING_LANGUAGES, languageOption)
        ? NAMING_LANGUAGES[languageOption]
        : undefined
      : languageOption;
  if (
    language === undefined ||
    language === null ||
    typeof language !== 'object' ||
    typeof language.features !== 'object' ||
    language.features === null ||
    typeof language.higher !== 'function' ||
    typeof language.lower !== 'function' ||
    typeof language.category !== 'function'
  )
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: unknown language ${describeValue(languageOption)}; use 'en', 'de' or pass a NamingLanguage`,
    );
  const vocabulary = options.vocabulary ?? {};
  const keepNamed = options.keepNamedSegments ?? true;
  const separator = options.separator ?? ' · ';

  const candidates = profile.segments.map((summary: SegmentSummary) => {
    if (summary.isNoise) return { fixed: capitalise(language.noise), words: [] as string[] };
    if (keepNamed && typeof summary.segment === 'string') return { fixed: summary.segment, words: [] as string[] };
    // one word per feature, strongest first; a word already used (two features with the same word) is skipped
    const words: string[] = [];
    for (const d of summary.distinguishing) {
      const word = wordFor(d, language, vocabulary);
      if (!words.includes(word)) words.push(word);
    }
    return { fixed: null, words };
  });
  const names = candidates.map(
    (c) => c.fixed ?? (c.words.length === 0 ? capitalise(language.typical) : capitalise(c.words.slice(0, maxTerms).join(separator))),
  );
  const terms = candidates.map((c) => (c.fixed !== null ? [c.fixed] : c.words.slice(0, maxTerms)));
  // clashes: extend each clashing generated name by its next terms, then number what still clashes
  for (let extra = 1; extra <= 3; extra++) {
    const seen = new Map<string, number[]>();
    names.forEach((name, g) => seen.set(name, [...(seen.get(name) ?? []), g]));
    for (const group of seen.values()) {
      if (group.length < 2) continue;
      for (const g of group) {
        const c = candidates[g]!;
        if (c.fixed !== null || c.words.length <= maxTerms + extra - 1) continue;
        terms[g] = c.words.slice(0, maxTerms + extra);
        names[g] = capitalise(terms[g]!.join(separator));
      }
    }
  }
  const counts = new Map<string, number>();
  const total = new Map<string, number>();
  for (const name of names) total.set(name, (total.get(name) ?? 0) + 1);
  return profile.segments.map((summary, g) => {
    let name = names[g]!;
    if (total.get(name)! > 1) {
      const n = (counts.get(name) ?? 0) + 1;
      counts.set(name, n);
      name = `${name} (${n})`;
    }
    return { segment: summary.segment, name, terms: terms[g]! };
  });
}
