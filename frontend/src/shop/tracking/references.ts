/**
 * Order references as people type and paste them, read the way the server
 * reads them (`ordering.ParseReference`): any case, with or without the ORD
 * prefix and dashes, spaces inside, and the look-alikes I/L (1) and O (0)
 * mapped as Crockford decoding does. The canonical form is ORD-XXXX-XXXX.
 */

/** The most orders one tracking call takes (the server answers 422 beyond it). */
export const maxReferences = 50;

/** Crockford's base-32 alphabet: digits and A–Z without I, L, O and U. */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "ord-7k3f-9qxm" → "ORD-7K3F-9QXM"; null when it cannot be a reference. */
export function parseReference(text: string): string | null {
  let s = text.trim().toUpperCase();
  if (s.startsWith('ORD')) s = s.slice(3);
  let body = '';
  for (const ch of s) {
    if (ch === '-' || ch === ' ') continue;
    const c = ch === 'I' || ch === 'L' ? '1' : ch === 'O' ? '0' : ch;
    if (!crockford.includes(c)) return null;
    body += c;
  }
  return body.length === 8 ? `ORD-${body.slice(0, 4)}-${body.slice(4)}` : null;
}

/**
 * A pasted list → its entries. Commas, semicolons and line breaks always
 * separate; within a piece, spaces separate too unless the whole piece is one
 * reference written with spaces ("ORD 7K3F 9QXM").
 */
export function splitReferences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/[,;\n\r]+/)) {
    const trimmed = piece.trim();
    if (!trimmed) continue;
    if (parseReference(trimmed)) {
      out.push(trimmed);
      continue;
    }
    out.push(...trimmed.split(/\s+/).filter(Boolean));
  }
  return out;
}

/** One entry of the chips input: as typed, and its canonical form (null: not a reference). */
export interface ReferenceChip {
  text: string;
  reference: string | null;
}

/**
 * Adds entries to the chips: valid ones in canonical form, once each (a
 * reference already there is not added again), invalid ones as typed (once
 * each) so they can be flagged and corrected.
 */
export function addChips(chips: ReferenceChip[], entries: string[]): ReferenceChip[] {
  const next = [...chips];
  for (const entry of entries) {
    const text = entry.trim();
    if (!text) continue;
    const reference = parseReference(text);
    const key = reference ?? text.toUpperCase();
    if (next.some((c) => (c.reference ?? c.text.toUpperCase()) === key)) continue;
    next.push({ text: reference ?? text, reference });
  }
  return next;
}

/** What stops these chips from being sent, as a sentence; null when they can go. */
export function chipsError(chips: ReferenceChip[]): string | null {
  if (chips.length === 0) return 'Enter at least one order reference, like ORD-7K3F-9QXM';
  const bad = chips.filter((c) => c.reference === null);
  if (bad.length === 1) return `${bad[0]!.text} is not an order reference (ORD-XXXX-XXXX): correct or remove it`;
  if (bad.length > 1) return `${bad.length} entries are not order references (ORD-XXXX-XXXX): correct or remove them`;
  if (chips.length > maxReferences) return `At most ${maxReferences} orders at a time: remove ${chips.length - maxReferences}`;
  return null;
}

/** The canonical references of valid chips, in order. */
export function chipReferences(chips: ReferenceChip[]): string[] {
  return chips.flatMap((c) => (c.reference ? [c.reference] : []));
}

/** `?r=` of /track: "ORD-AAAA-0001,ORD-BBBB-0002" (the status SMS links here). */
export function trackPath(references: string[]): string {
  return references.length ? `/track?r=${references.join(',')}` : '/track';
}

/** The entries of `?r=`, as written (they may be in any case, or not references at all). */
export function readReferencesParam(value: string | null): string[] {
  return value ? splitReferences(value) : [];
}
