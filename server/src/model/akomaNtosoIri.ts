// Akoma Ntoso Work IRIs (AKN Naming Convention 1.0, §4) for instruments: the catalogue's
// well-known treaties get their real date and a conventional name; any other instrument
// gets an IRI built from its title, without a date (which the text rarely states in digits).

import { normaliseName } from './catalogue';
import type { InstrumentCitation } from './types';

export interface WorkIdentity {
  /** Work IRI without the portion: `/akn/un/act/treaty/1945-06-26/charter`. */
  iri: string;
  /** The "country" component: `un`, `eu`, `int` (international, no single jurisdiction). */
  country: string;
  /** Date of adoption or signature (xsd:date), when known. */
  date?: string;
  /** FRBRname: a short name. */
  name: string;
}

/** Adoption/signature dates and short names of the catalogue's instruments. */
const KNOWN: Record<string, { country: string; date: string; name: string }> = {
  'un-charter': { country: 'un', date: '1945-06-26', name: 'charter' },
  'icj-statute': { country: 'un', date: '1945-06-26', name: 'icj-statute' },
  'pcij-statute': { country: 'int', date: '1920-12-16', name: 'pcij-statute' },
  vclt: { country: 'un', date: '1969-05-23', name: 'vclt' },
  vcdr: { country: 'un', date: '1961-04-18', name: 'vcdr' },
  vccr: { country: 'un', date: '1963-04-24', name: 'vccr' },
  unclos: { country: 'un', date: '1982-12-10', name: 'unclos' },
  'rome-statute': { country: 'int', date: '1998-07-17', name: 'rome-statute' },
  'gc-1': { country: 'int', date: '1949-08-12', name: 'geneva-convention-1' },
  'gc-2': { country: 'int', date: '1949-08-12', name: 'geneva-convention-2' },
  'gc-3': { country: 'int', date: '1949-08-12', name: 'geneva-convention-3' },
  'gc-4': { country: 'int', date: '1949-08-12', name: 'geneva-convention-4' },
  nato: { country: 'int', date: '1949-04-04', name: 'north-atlantic-treaty' },
  teu: { country: 'eu', date: '1992-02-07', name: 'teu' },
  tfeu: { country: 'eu', date: '1957-03-25', name: 'tfeu' },
  echr: { country: 'int', date: '1950-11-04', name: 'echr' },
  iccpr: { country: 'un', date: '1966-12-16', name: 'iccpr' },
  icescr: { country: 'un', date: '1966-12-16', name: 'icescr' },
};

/** A lower-case ASCII slug of a title, for IRIs ("Treaty on X between A and B" → "treaty-on-x-between-a-and-b"). */
export function slug(title: string): string {
  const s = normaliseName(title)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-') // runs are one "-" now, so at most one at each end
    .replace(/^-/, '')
    .replace(/-$/, '');
  // At most 60 characters, cut between words.
  const cut = s.length <= 60 ? s : s.slice(0, 61).replace(/-[^-]*$/, '');
  return cut || s.slice(0, 60) || 'untitled';
}

/** The Work identity of an instrument known by catalogue id and/or title. */
export function workIdentity(id: string | undefined, title: string | undefined): WorkIdentity {
  const known = id ? KNOWN[id] : undefined;
  if (known) return { ...known, iri: `/akn/${known.country}/act/treaty/${known.date}/${known.name}` };
  const name = id?.startsWith('user:') || !id ? slug(title ?? id ?? '') : slug(id);
  return { country: 'int', name, iri: `/akn/int/act/treaty/${name}` };
}

export function citationWork(citation: InstrumentCitation): WorkIdentity {
  return workIdentity(citation.id, citation.title);
}
