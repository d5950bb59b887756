// The shapes of the treaty model. Pure data: no LSP or VS Code types here.
// Offsets are UTF-16 code-unit indices into the document text (JS string indices);
// the features layer turns them into LSP positions.

export interface Span {
  start: number;
  /** exclusive */
  end: number;
}

/** Lower-case Akoma Ntoso element names (plus `document` for the root). */
export type ProvisionKind =
  | 'document'
  | 'preamble'
  | 'recital'
  | 'part'
  | 'title'
  | 'chapter'
  | 'section'
  | 'subsection'
  | 'article'
  | 'paragraph'
  | 'point'
  | 'annex'
  | 'protocol'
  | 'attachment'
  | 'conclusions';

/**
 * A provision is itself a `Span` (`start`/`end`: the whole provision, from its number line to
 * the end of its last child), so it can be passed wherever a span is expected; numbers on the
 * provision rather than a span object of its own: 30,000 provisions in 5 MB.
 */
export interface Provision extends Span {
  kind: ProvisionKind;
  /** Akoma Ntoso eId, e.g. `art_4__para_1__point_a`; '' for the document root. */
  eId: string;
  /** The number as printed, cleaned: "51", "8 bis", "VII", "a", "iv"; undefined when unnumbered. */
  num?: string;
  /** Position among same-kind siblings (1-based); used for unnumbered paragraphs. */
  ordinal: number;
  heading?: string;
  /**
   * Where the number/heading line(s) end: the label runs from `start` (the root's from
   * `labelStart`) to here — where Go to Definition lands and what the outline selects; see
   * `labelSpan`.
   */
  labelEnd: number;
  /** Only on the root, whose label is its title line, not where the provision starts (0). */
  labelStart?: number;
  /** Where the provision's own text starts (after num and heading). */
  bodyStart: number;
  children: Provision[];
  parent?: Provision;
}

/** One cited target, in the order the citation lists it. */
export interface Target {
  /** eId in the cited document. */
  eId: string;
  /** null for this document, else the cited instrument's title (catalogue title when known). */
  instrument: string | null;
  /** The provision in this document, when the target is internal and exists. */
  provision?: Provision;
}

/**
 * A number written in a reference, with the provision it names at its own level:
 * in "paragraph 3 of Article 52", "3" names art_52__para_3 and "52" names art_52.
 * Renumbering rewrites exactly these characters and nothing else.
 */
export interface NumberToken {
  /** Where the number is written (a NumberToken is itself a Span: no object of its own). */
  start: number;
  /** exclusive */
  end: number;
  /** The number as written ("52", "3", "b", "VII", "8 bis"). */
  num: string;
  /** eId of the provision this number names (in the cited instrument for external references). */
  eId: string;
  /** The provision it names, when internal and resolved. */
  provision?: Provision;
}

export type ReferenceForm = 'single' | 'list' | 'range';

export interface Reference {
  /** Where the reference is written (a Reference is itself a Span: no object of its own). */
  start: number;
  /** exclusive */
  end: number;
  text: string;
  form: ReferenceForm;
  targets: Target[];
  /** The other instrument this reference cites, or null for this document. */
  instrument: InstrumentCitation | null;
  /** True when every target exists (internal) — external targets are checked by `resolveExternal`. */
  resolved: boolean;
  /** Why the reference does not resolve, in words for a person. */
  problem?: string;
  /** True for relative forms ("this Article", "the preceding paragraph", a bare "paragraph 2"). */
  relative: boolean;
  /** Every number written in the reference, in text order (none for "this Article"). */
  numbers?: NumberToken[];
}

export interface InstrumentCitation {
  /** Text as written: "the Charter of the United Nations", "the UN Charter". */
  cited: string;
  /** Canonical title from the catalogue, or the cited text when the catalogue does not know it. */
  title: string;
  /** Catalogue id when known ("un-charter"). */
  id?: string;
}

export interface TreatyDocument {
  text: string;
  /** The title line, when the text has one. */
  title?: string;
  /** The catalogue entry this document is, when its title matches one. */
  instrumentId?: string;
  /**
   * The language the text is written in (ISO 639-1: "en", "ko", "zh", …), from a
   * `pacta: language=…` note, the `language` parse option, or detection; it picks the
   * language pack of the reference grammar.
   */
  language?: string;
  root: Provision;
  byId: Map<string, Provision>;
  references: Reference[];
}
