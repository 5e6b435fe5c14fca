/**
 * What the TMX reader (tmx-sax.ts) makes of a `tu` once its elements are read: each `tuv` sorted into the unit's ar,
 * en or zh, or kept apart with its reason; non-empty `tuv`s counted by language family; and the unit yielded or
 * counted as skipped, with why. Language tags are parsed once per distinct tag.
 */
import { languageFamily, parseLanguageTag, type LanguageTag } from './language-tags';
import { ScriptSample } from './source-script';
import { emptyCounts, type ApartVariant, type TmxTu, type TmxVariant } from './tmx-model';

const MAX_FAMILIES = 256;
/** Distinct language tags remembered (a file uses a handful; the cap only guards against a hostile one). */
const MAX_CACHED_TAGS = 1024;
/** Anything but white space and placeables. */
const CONTENT = /[^\s\uE000-\uF8FF]/;

/** Why the reader skips a `tu` whatever its languages: too long, or breaking the DTD in a way that loses text. */
export type TuFault = 'too-long' | 'invalid' | undefined;

export class TuTally {
  /** Some `tuv` in the file held Arabic text. */
  sawArabic = false;
  /** Until then, the script of each language's texts. */
  readonly scripts = new ScriptSample();
  readonly counts = emptyCounts();
  /** The `tu` being read has an Arabic `tuv` without content. */
  private emptyArabic = false;
  private readonly tags = new Map<string, { parsed: LanguageTag; family: string }>();

  /** A new `tu` begins. */
  openTu(): void {
    this.emptyArabic = false;
  }

  /** Sorts a `tuv` just read into its `tu`: its language, apart, or nowhere when it has no content. */
  closeTuv(tu: TmxTu, tuv: TmxVariant): void {
    const { parsed, family } = this.language(tuv.tag);
    if (!CONTENT.test(tuv.text)) {
      if ('lang' in parsed && parsed.lang === 'ar') this.emptyArabic = true;
      return;
    }
    this.countFamily(family);
    if (!this.sawArabic) this.scripts.add(family, tuv.text);
    if (!('lang' in parsed)) {
      tu.apart.push(Object.assign(tuv, { reason: parsed.variant ? 'traditional' : 'unsupported' }) as ApartVariant);
    } else if (tu.langs[parsed.lang]) {
      tu.apart.push(Object.assign(tuv, { reason: 'duplicate' }) as ApartVariant);
    } else {
      tu.langs[parsed.lang] = tuv;
      if (parsed.lang === 'ar') this.sawArabic = true;
    }
  }

  /** Counts a `tu` just read; true when it is a unit to hand out, false when it is counted as skipped. */
  closeTu(tu: TmxTu, fault: TuFault): boolean {
    const counts = this.counts;
    counts.tus++;
    if (fault) counts.skipped[fault]++;
    else if (!tu.langs.ar) counts.skipped[this.emptyArabic || !hasContent(tu) ? 'empty' : 'no-arabic']++;
    else if (!tu.langs.en && !tu.langs.zh && !tu.apart.some((v) => v.reason === 'traditional'))
      counts.skipped['no-target']++;
    else {
      counts.units++;
      return true;
    }
    return false;
  }

  private language(tag: string): { parsed: LanguageTag; family: string } {
    let known = this.tags.get(tag);
    if (!known) {
      known = { parsed: parseLanguageTag(tag), family: languageFamily(tag) };
      if (this.tags.size < MAX_CACHED_TAGS) this.tags.set(tag, known);
    }
    return known;
  }

  private countFamily(name: string): void {
    const languages = this.counts.languages;
    let family = name;
    if (languages[family] === undefined && Object.keys(languages).length >= MAX_FAMILIES) family = '*';
    languages[family] = (languages[family] ?? 0) + 1;
  }
}

const hasContent = (tu: TmxTu) => tu.apart.length > 0 || tu.langs.en !== undefined || tu.langs.zh !== undefined;
