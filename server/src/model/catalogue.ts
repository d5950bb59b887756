// Well-known instruments, with the names, short names and abbreviations treaties and
// commentary use for them. Users extend it through the `pacta.instruments` setting.

export interface CatalogueEntry {
  id: string;
  title: string;
  aliases: string[];
}

export const WELL_KNOWN_INSTRUMENTS: readonly CatalogueEntry[] = [
  {
    id: 'un-charter',
    title: 'Charter of the United Nations',
    aliases: [
      'United Nations Charter', 'UN Charter', 'U.N. Charter', 'Charter of the UN',
      // The names in the other languages of languages/*.ts (declined forms are matched there).
      'Устав ООН', 'Устав Организации Объединенных Наций', '유엔헌장', '유엔 헌장', '국제연합헌장', '국제연합 헌장',
      '国际连合宪章', '联合国宪章', '聯合國憲章', 'Charte des Nations Unies', 'Carta de las Naciones Unidas',
      'ميثاق الأمم المتحدة', 'UN-Charta', 'Charta der Vereinten Nationen', 'Handvest van de Verenigde Naties', 'VN-Handvest',
    ],
  },
  {
    id: 'icj-statute',
    title: 'Statute of the International Court of Justice',
    aliases: [
      'ICJ Statute', 'Statute of the ICJ',
      'Статут Международного Суда', '국제사법재판소 규정', '国际法院规约', '國際法院規約',
      'Statut de la Cour internationale de Justice', 'Estatuto de la Corte Internacional de Justicia',
      'النظام الأساسي لمحكمة العدل الدولية', 'Statut des Internationalen Gerichtshofs', 'Statuut van het Internationaal Gerechtshof',
    ],
  },
  {
    id: 'pcij-statute',
    title: 'Statute of the Permanent Court of International Justice',
    aliases: ['PCIJ Statute'],
  },
  {
    id: 'vclt',
    title: 'Vienna Convention on the Law of Treaties',
    aliases: [
      'VCLT', 'Vienna Convention of the law of treaties', 'Vienna Convention on the Law of Treaties 1969', '조약법에 관한 비엔나협약',
      '조약법에 관한 비엔나 협약', 'Венская конвенция о праве международных договоров', '维也纳条约法公约', '維也納條約法公約',
      'Convention de Vienne sur le droit des traités', 'Convención de Viena sobre el Derecho de los Tratados',
      'اتفاقية فيينا لقانون المعاهدات', 'Wiener Übereinkommen über das Recht der Verträge', 'Wiener Vertragsrechtskonvention',
      'WVK', 'Verdrag van Wenen inzake het verdragenrecht',
    ],
  },
  {
    id: 'vcdr',
    title: 'Vienna Convention on Diplomatic Relations',
    aliases: ['VCDR'],
  },
  {
    id: 'vccr',
    title: 'Vienna Convention on Consular Relations',
    aliases: ['VCCR'],
  },
  {
    id: 'unclos',
    title: 'United Nations Convention on the Law of the Sea',
    aliases: ['UNCLOS', 'Convention on the Law of the Sea', 'Law of the Sea Convention', 'LOSC'],
  },
  {
    id: 'rome-statute',
    title: 'Rome Statute of the International Criminal Court',
    aliases: ['Rome Statute', 'ICC Statute', 'Statute of the International Criminal Court'],
  },
  {
    id: 'gc-1',
    title:
      'Geneva Convention for the Amelioration of the Condition of the Wounded and Sick in Armed Forces in the Field',
    aliases: ['First Geneva Convention', 'Geneva Convention I', 'GC I'],
  },
  {
    id: 'gc-2',
    title:
      'Geneva Convention for the Amelioration of the Condition of Wounded, Sick and Shipwrecked Members of Armed Forces at Sea',
    aliases: ['Second Geneva Convention', 'Geneva Convention II', 'GC II'],
  },
  {
    id: 'gc-3',
    title: 'Geneva Convention relative to the Treatment of Prisoners of War',
    aliases: ['Third Geneva Convention', 'Geneva Convention III', 'GC III'],
  },
  {
    id: 'gc-4',
    title: 'Geneva Convention relative to the Protection of Civilian Persons in Time of War',
    aliases: ['Fourth Geneva Convention', 'Geneva Convention IV', 'GC IV'],
  },
  {
    id: 'nato',
    title: 'North Atlantic Treaty',
    aliases: ['Washington Treaty', 'NATO Treaty', 'Treaty of Washington'],
  },
  {
    id: 'teu',
    title: 'Treaty on European Union',
    aliases: ['TEU', 'EU Treaty'],
  },
  {
    id: 'tfeu',
    title: 'Treaty on the Functioning of the European Union',
    aliases: ['TFEU'],
  },
  {
    id: 'echr',
    title: 'Convention for the Protection of Human Rights and Fundamental Freedoms',
    aliases: ['European Convention on Human Rights', 'ECHR'],
  },
  {
    id: 'iccpr',
    title: 'International Covenant on Civil and Political Rights',
    aliases: ['ICCPR'],
  },
  {
    id: 'icescr',
    title: 'International Covenant on Economic, Social and Cultural Rights',
    aliases: ['ICESCR'],
  },
];

/** Lower case, no leading article, single spaces, straight quotes: how names are compared. */
export function normaliseName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(the|this|that) /, '');
  return trimPunctuation(n);
}

/** Drops closing punctuation; a loop rather than /[.,;:]+$/, which is quadratic on long runs. */
function trimPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && '.,;: '.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

export class Catalogue {
  readonly entries: CatalogueEntry[];
  private readonly byName = new Map<string, CatalogueEntry>();

  constructor(extra: readonly CatalogueEntry[] = []) {
    // Later entries win, so a user's entry can override a built-in one with the same name.
    this.entries = [...WELL_KNOWN_INSTRUMENTS, ...extra];
    for (const e of this.entries) {
      for (const n of [e.title, ...e.aliases]) this.byName.set(normaliseName(n), e);
    }
  }

  /** The entry a name (full title, short name or abbreviation) denotes. */
  identify(name: string): CatalogueEntry | undefined {
    return this.byName.get(normaliseName(name));
  }

  /**
   * Every name and alias, longest first: what the reference grammar looks for after "of the".
   * Made once: every parse asks for it (a sort of 140 names per file indexed).
   */
  allNames(): readonly string[] {
    this.names ??= Object.freeze([...new Set(this.entries.flatMap((e) => [e.title, ...e.aliases]))].sort((a, b) => b.length - a.length));
    return this.names;
  }

  private names: readonly string[] | undefined;
}

export const DEFAULT_CATALOGUE = new Catalogue();
