// A deterministic (seeded) synthetic treaty of any size, written twice: as treaty text for
// Pacta and as Markdown for vscode-markdown-languageservice (a `##` heading per article, a
// `[text](#slug)` link per reference), so both engines get the same structure and the
// same references.
//
// Shape: a title, a preamble, parts (every ~40 articles) and chapters (every ~10) holding
// numbered articles with headings, numbered paragraphs and points, then annexes with their
// own article numbering, then final clauses. About one reference per 270 characters (UNCLOS
// has one per 500: a denser text is the harder case), in the forms treaties use: "Article 12", "paragraph 2 of Article 7",
// "Articles 3 to 6", "article 9, paragraph 1 (b)", "Article 4, paragraph 2",
// "Articles 2, 5 and 8", "Annex II, article 3", "article 4 of Annex III", "this Article",
// "the preceding paragraph", and — in a small share — references to articles that do not
// exist, so diagnostics have something to report.

export interface SyntheticOptions {
  /** Size to aim at, in characters of treaty text (ASCII, so also bytes); reached within a few per cent. */
  targetChars: number;
  seed?: number;
  title?: string;
  /** Titles of other instruments this treaty may cite ("Article 5 of the <title>"). */
  cites?: readonly string[];
  /** Share of references to articles that do not exist (default 0.01). */
  brokenShare?: number;
  /** Also write the Markdown twin (default true). */
  markdown?: boolean;
}

export interface SyntheticTreaty {
  title: string;
  text: string;
  /** '' when not asked for. */
  markdown: string;
  articles: number;
  annexes: number;
  references: number;
  /** References written to fail (missing articles). */
  broken: number;
  /** References to other instruments. */
  external: number;
  /** Offsets of every reference's first character, in the text (for hover/definition positions). */
  refOffsets: number[];
  /** Offsets inside every reference's `#fragment`, in the Markdown (where its definition request points). */
  mdHrefOffsets: number[];
  /** Offsets of each main article's heading line ("Article 12" / "## Article 12"), index = number - 1. */
  articleOffsets: number[];
  mdArticleOffsets: number[];
  /** A place inside body text near the middle, where benchmarks type a character. */
  editOffset: number;
  mdEditOffset: number;
}

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

// Filler vocabulary. No unit words (article, paragraph, part, chapter, section, annex) and
// no capitalised instrument-like names, so the only references are the ones we write.
const SUBJECTS = ['The States Parties', 'Each State Party', 'The Commission', 'The competent authority', 'The Secretary-General', 'A coastal State', 'The Assembly', 'The Council', 'The Tribunal', 'Member States', 'The flag State', 'The depositary'];
const VERBS = ['shall take', 'may adopt', 'shall ensure', 'shall promote', 'shall notify', 'may request', 'shall establish', 'shall cooperate on', 'shall report on', 'shall facilitate', 'may suspend', 'shall publish'];
const OBJECTS = ['the measures necessary', 'appropriate rules and standards', 'the conservation of living resources', 'the exchange of information', 'the peaceful settlement of disputes', 'technical assistance to developing States', 'the protection of the marine environment', 'reports at regular intervals', 'the rights of third States', 'a register of notifications', 'the transfer of technology', 'scientific research programmes', 'the safety of navigation', 'the prevention of pollution'];
const TAILS = ['within a reasonable time', 'in good faith', 'without delay', 'on a basis of equality', 'with due regard to the interests of other States', 'as far as practicable', 'at the request of any State concerned', 'in consultation with the organizations concerned'];
const HEADINGS = ['Scope of application', 'Use of terms', 'General obligations', 'Cooperation', 'Exchange of information', 'Settlement of disputes', 'Notification', 'Rights of third States', 'Conservation measures', 'Technical assistance', 'Reports', 'Institutional arrangements', 'Financial provisions', 'Review', 'Protection of the environment', 'Safety of navigation', 'Transfer of technology', 'Research', 'Responsibility and liability', 'Relation to other agreements'];
const CONTAINER_TITLES = ['GENERAL PROVISIONS', 'RIGHTS AND DUTIES', 'COOPERATION', 'INSTITUTIONS', 'PROCEDURES', 'IMPLEMENTATION', 'DISPUTES', 'FINAL PROVISIONS OF THIS PART'];
const POINT_LETTERS = 'abcdefgh';

interface ArticlePlan {
  /** Number of numbered paragraphs; 0 means one unnumbered body. */
  paras: number;
  /** Points per paragraph (index = paragraph - 1). */
  points: number[];
}

function planArticle(r: () => number): ArticlePlan {
  const x = r();
  const paras = x < 0.2 ? 0 : 1 + Math.floor(r() * 5);
  const points: number[] = [];
  for (let p = 0; p < Math.max(paras, 1); p++) points.push(paras > 0 && r() < 0.3 ? 2 + Math.floor(r() * 4) : 0);
  return { paras, points };
}

/** Two writers kept in step: the treaty text and its Markdown twin. */
class Writer {
  private readonly t: string[] = [];
  private readonly m: string[] = [];
  tLen = 0;
  mLen = 0;
  constructor(readonly withMarkdown: boolean) {}
  text(s: string): void {
    this.t.push(s);
    this.tLen += s.length;
  }
  md(s: string): void {
    if (!this.withMarkdown) return;
    this.m.push(s);
    this.mLen += s.length;
  }
  both(s: string): void {
    this.text(s);
    this.md(s);
  }
  done(): { text: string; markdown: string } {
    return { text: this.t.join(''), markdown: this.m.join('') };
  }
}

function generateOnce(opts: SyntheticOptions, articleCount: number): SyntheticTreaty {
  const seed = opts.seed ?? 1;
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const title = opts.title ?? 'Convention on Synthetic Cooperation';
  const cites = opts.cites ?? [];
  const brokenShare = opts.brokenShare ?? 0.01;
  const w = new Writer(opts.markdown !== false);

  const N = Math.max(3, articleCount);
  const main: ArticlePlan[] = Array.from({ length: N }, () => planArticle(r));
  const annexCount = Math.max(1, Math.round(N / 150));
  const annexes: ArticlePlan[][] = Array.from({ length: annexCount }, () => Array.from({ length: 4 + Math.floor(r() * 6) }, () => planArticle(r)));

  const out: SyntheticTreaty = {
    title, text: '', markdown: '', articles: N, annexes: annexCount, references: 0, broken: 0, external: 0,
    refOffsets: [], mdHrefOffsets: [], articleOffsets: [], mdArticleOffsets: [], editOffset: 0, mdEditOffset: 0,
  };

  const artSlug = (n: number) => `article-${n}`;
  const annexSlug = (a: number, n: number) => `annex-${roman(a).toLowerCase()}-article-${n}`;
  // Inside an annex a bare "Article 5" means the annex's own Article 5 (annexes have at most
  // 9): main articles cited from annexes are numbered 10 and up, so both engines agree.
  let lowest = 1;
  /** A main article near `from` most of the time, anywhere some of the time. */
  const nearArticle = (from: number): number => {
    if (r() < 0.3) return lowest + Math.floor(r() * (N - lowest + 1));
    const d = Math.floor(r() * 60) - 30;
    return Math.min(N, Math.max(lowest, from + d));
  };
  const withParas = (from: number, min: number): number | undefined => {
    for (let i = 0; i < 8; i++) {
      const k = nearArticle(from);
      if (main[k - 1].paras >= min) return k;
    }
    return undefined;
  };
  const withPoints = (from: number): [number, number] | undefined => {
    for (let i = 0; i < 12; i++) {
      const k = nearArticle(from);
      const p = main[k - 1].points.findIndex((c) => c > 0);
      if (p >= 0 && main[k - 1].paras > 0) return [k, p + 1];
    }
    return undefined;
  };

  /** Writes one reference in both forms; `where` says where it stands (for relative forms). */
  const reference = (where: { annex?: number; article: number; para: number }): void => {
    let text: string;
    let href: string;
    const x = r();
    lowest = where.annex && N > 20 ? 10 : 1;
    const from = where.annex ? nearArticle(1) : where.article;
    if (x < brokenShare) {
      const bad = N + 1 + Math.floor(r() * 50);
      text = `Article ${bad}`;
      href = artSlug(bad);
      out.broken++;
    } else if (cites.length && x < brokenShare + 0.03) {
      const m = 1 + Math.floor(r() * 40);
      text = `Article ${m} of the ${pick(cites)}`;
      href = artSlug(m); // the Markdown twin has no other documents; only treaty text uses these
      out.external++;
    } else if (x < 0.3) {
      const m = nearArticle(from);
      text = `Article ${m}`;
      href = artSlug(m);
    } else if (x < 0.42) {
      const m = withParas(from, 2);
      if (m === undefined) return reference(where);
      text = `paragraph ${1 + Math.floor(r() * main[m - 1].paras)} of Article ${m}`;
      href = artSlug(m);
    } else if (x < 0.52) {
      const a = Math.min(N - 1, nearArticle(from));
      const b = Math.min(N, a + 1 + Math.floor(r() * 4));
      text = `Articles ${a} to ${b}`;
      href = artSlug(a);
    } else if (x < 0.62) {
      const kp = withPoints(from);
      if (!kp) return reference(where);
      const [k, p] = kp;
      text = `article ${k}, paragraph ${p} (${POINT_LETTERS[Math.floor(r() * main[k - 1].points[p - 1])]})`;
      href = artSlug(k);
    } else if (x < 0.7) {
      const m = withParas(from, 1);
      if (m === undefined) return reference(where);
      text = `Article ${m}, paragraph ${1 + Math.floor(r() * main[m - 1].paras)}`;
      href = artSlug(m);
    } else if (x < 0.78) {
      const a = nearArticle(from);
      const b = nearArticle(from);
      const c = nearArticle(from);
      text = `Articles ${a}, ${b} and ${c}`;
      href = artSlug(a);
    } else if (x < 0.88) {
      const a = 1 + Math.floor(r() * annexCount);
      const n = 1 + Math.floor(r() * annexes[a - 1].length);
      text = r() < 0.5 ? `Annex ${roman(a)}, article ${n}` : `article ${n} of Annex ${roman(a)}`;
      href = annexSlug(a, n);
    } else if (where.para >= 2 && r() < 0.5) {
      text = 'the preceding paragraph';
      href = where.annex ? annexSlug(where.annex, where.article) : artSlug(where.article);
    } else {
      text = 'this Article';
      href = where.annex ? annexSlug(where.annex, where.article) : artSlug(where.article);
    }
    out.references++;
    out.refOffsets.push(w.tLen);
    w.text(text);
    w.md(`[${text}](#`);
    out.mdHrefOffsets.push(w.mLen + 1);
    w.md(`${href})`);
  };

  /** One sentence, with a reference in about two of three. */
  const sentence = (where: { annex?: number; article: number; para: number }): void => {
    w.both(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`);
    const y = r();
    if (y < 0.3) {
      w.both(' in accordance with ');
      reference(where);
    } else if (y < 0.5) {
      w.both(', subject to ');
      reference(where);
      w.both(',');
      w.both(` ${pick(TAILS)}`);
    }
    w.both('.');
  };
  const body = (where: { annex?: number; article: number; para: number }): void => {
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      if (i) w.both(' ');
      sentence(where);
    }
  };

  const article = (plan: ArticlePlan, num: number, annex?: number): void => {
    const heading = pick(HEADINGS);
    if (annex === undefined) {
      out.articleOffsets.push(w.tLen);
      out.mdArticleOffsets.push(w.mLen);
    }
    w.text(`Article ${num}\n\n${heading}\n\n`);
    w.md(annex === undefined ? `## Article ${num}\n\n*${heading}*\n\n` : `## Annex ${roman(annex)}, Article ${num}\n\n*${heading}*\n\n`);
    if (annex === undefined && num === Math.ceil(N / 2)) {
      out.editOffset = w.tLen + 3;
      out.mdEditOffset = w.mLen + 3;
    }
    if (plan.paras === 0) {
      body({ annex, article: num, para: 1 });
      w.both('\n\n');
      return;
    }
    for (let p = 1; p <= plan.paras; p++) {
      w.both(`${p}. `);
      body({ annex, article: num, para: p });
      w.both('\n');
      for (let q = 0; q < plan.points[p - 1]; q++) {
        w.both(`(${POINT_LETTERS[q]}) `);
        sentence({ annex, article: num, para: p });
        w.both('\n');
      }
    }
    w.both('\n');
  };

  // Title and preamble.
  w.text(`${title}\n\nThe States Parties to this Convention,\n\n`);
  w.md(`# ${title}\n\nThe States Parties to this Convention,\n\n`);
  for (let i = 0; i < 3; i++) w.both(`${pick(['Recognizing', 'Noting', 'Desiring', 'Affirming'])} that ${pick(OBJECTS)} requires cooperation ${pick(TAILS)},\n\n`);
  w.both('Have agreed as follows:\n\n');

  let chapter = 0;
  for (let i = 1; i <= N; i++) {
    if ((i - 1) % 40 === 0) {
      const part = roman((i - 1) / 40 + 1);
      const name = pick(CONTAINER_TITLES);
      w.text(`PART ${part}\n\n${name}\n\n`);
      w.md(`# Part ${part}: ${name.toLowerCase()}\n\n`);
    }
    if ((i - 1) % 10 === 0) {
      chapter++;
      const name = pick(HEADINGS);
      w.text(`CHAPTER ${chapter}\n\n${name}\n\n`);
      w.md(`# Chapter ${chapter}: ${name}\n\n`);
    }
    article(main[i - 1], i);
  }
  for (let a = 1; a <= annexCount; a++) {
    const name = pick(CONTAINER_TITLES);
    w.text(`ANNEX ${roman(a)}\n\n${name}\n\n`);
    w.md(`# Annex ${roman(a)}: ${name.toLowerCase()}\n\n`);
    annexes[a - 1].forEach((plan, j) => article(plan, j + 1, a));
  }
  w.both('IN WITNESS WHEREOF, the undersigned, being duly authorized thereto, have signed this Convention.\n\nDONE at Geneva, this first day of June one thousand nine hundred and ninety.\n');

  const { text, markdown } = w.done();
  out.text = text;
  out.markdown = markdown;
  return out;
}

/** A treaty of about `targetChars` characters: one trial run sizes the article count. */
export function generateTreaty(opts: SyntheticOptions): SyntheticTreaty {
  const trialArticles = Math.max(3, Math.round(opts.targetChars / 1400));
  const trial = generateOnce({ ...opts, markdown: false }, trialArticles);
  const articles = Math.max(3, Math.round((trialArticles * opts.targetChars) / trial.text.length));
  return generateOnce(opts, articles);
}
