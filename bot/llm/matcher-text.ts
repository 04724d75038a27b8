// Text analysis for the indicator matcher: words, stop words, negation, stems and concepts, for Dutch and
// English. Both the indicator texts and the reflections go through here, so the two sides always agree.
import { newStemmer } from 'snowball-stemmers';
import { IRREGULAR_FORMS, SYNONYM_GROUPS } from './synonyms.js';

export type MatchLanguage = 'nl' | 'en';

export const STOP_NL = new Set(
  (
    'de het een en of maar dan dat die dit deze daar hier er ik je jij u hij zij ze we wij jullie hun hen haar ' +
    'zijn mijn me mij zich ons onze is was waren ben bent heb hebt heeft had hadden wordt werd worden ' +
    'zal zou zullen kan kon kunnen moet moest wil wou ga gaat ging gegaan doe doet deed gedaan ' +
    'van voor met aan op in uit om naar bij door over tot toe te ten ter als zo ook nog al wel ' +
    'heel erg veel meer zeer wat wie waar hoe waarom wanneer welke omdat want dus toen nu even echt gewoon ' +
    'vandaag gisteren morgen daarna eerst samen iets alles iemand andere ander goed beter mee tegen ' +
    // Flemish and chat spellings that carry no content.
    'da dak ist nen ne ge gij uw allee amai enzo ipv bv nog ok oke oké zeker toch eigenlijk nadien achteraf ' +
    'keer dag week beetje tijdje hem hen wel wat waren zodat terwijl tijdens na sinds even mss misschien ' +
    'tussen iedereen alle elke elk ieder steeds weer pas net precies direct meteen later eerder waardoor ' +
    'daarvoor daarom hoewel via volgens binnen buiten boven onder achter erop eraan ervan erover ' +
    'vooral alleen nadat voordat zelfs nogal best verder'
  ).split(/\s+/),
);

export const STOP_EN = new Set(
  (
    'a an the and or but if then that this these those there here i me my mine you your he him his she her ' +
    'it its we us our they them their is are was were be been being am have has had do does did done ' +
    'will would shall should can could may might must to of in on at by for with from into about as so ' +
    'also yes very much more most what who where how why when which because while today yesterday ' +
    'tomorrow first then just really some any all something someone other another up out over ' +
    'off again own same too well good better ll ve re im its tbh like got get day week bit lot after before ' +
    'through instead along back down across around away each every everyone anyone both either only even ' +
    'still yet already ever since until during within per via rather quite almost maybe perhaps actually'
  ).split(/\s+/),
);

// Everyday verbs, nouns and adverbs that turn up in any text about work. In a framework of a dozen indicators
// one of them may occur under a single indicator by chance ("gezegd" in one look-for, "time" in "timely") and
// would then look specific; they carry no cue about what a reflection is about.
const GENERIC = new Set(
  (
    'doen gedaan zeggen gezegd zegt zei maken gemaakt maakt maak komen gekomen kwam gaan staan zien gezien ' +
    'kennen kent weten wist vinden vond denken dacht nemen genomen houden gehouden hield krijgen gekregen kreeg ' +
    'geven gegeven gaf geeft laten liet eerste tweede derde nieuwe nieuw grote groot kleine klein juist juiste ' +
    'maakte maakten neemt nam proberen probeerde geprobeerd lukken lukt lukte gelukt kijken keek gekeken ' +
    'mogelijk altijd soms vaak zoveel zoals bijvoorbeeld mensen persoon ding dingen manier tijd moment ' +
    'say says saying make makes making do doing get gets getting take takes taking go goes going come came ' +
    'know knew think thought want wanted need needs needed time times thing things way new first second ' +
    'third right left big small whole people person part moment always sometimes often such example ' +
    'try tried trying look looked looking manage managed set put start started starts starting ' +
    'beginnen begon begonnen starten startte gestart let lets letting ' +
    // Every student has a mentor and mentions them all the time: not a cue for any one indicator.
    'mentor mentors'
  ).split(/\s+/),
);

/** Words that negate what follows in the same clause ("ik heb níet samengevat", "I didn't refer"). */
const NEGATORS = new Set(
  (
    'niet nie geen nooit niks niets niemand zonder ' +
    'not no never without nobody nothing none didn don doesn wasn weren couldn wouldn haven hasn hadn isn aren cannot'
  ).split(/\s+/),
);
/** How many content words after a negator it reaches. */
const NEGATION_REACH = 3;

// Saying, telling or sharing with a negation close by ("ik mag daar niks over zeggen", "I couldn't tell her",
// "deelt geen informatie") is what keeping a confidence sounds like: such a clause adds the term WITHHELD, on both
// sides, so a framework whose look-fors describe it is found however the reflection words it.
const DISCLOSE = new Set(
  (
    'zeggen zeg zegt zei zeiden gezegd vertellen vertel vertelt vertelde vertelden verteld doorvertellen ' +
    'doorvertelt doorverteld delen deel deelt deelde deelden gedeeld doorgeven doorgeeft doorgaf doorgegeven ' +
    'say says said tell tells telling told share shares shared sharing disclose discloses disclosed disclosing'
  ).split(/\s+/),
);
/** How many words apart a negator and a verb of telling may be. */
const WITHHOLD_WINDOW = 4;
export const WITHHELD = 'withheld';

/** Whether a clause (its words in order) says that something was not told or shared. */
function withholds(words: string[]): boolean {
  return words.some((w, i) => {
    if (!NEGATORS.has(w)) return false;
    // "wel en niet", "can and cannot", "whether or not": a contrast, not a refusal.
    const before = words[i - 1];
    if (before === 'en' || before === 'and' || before === 'of' || before === 'or') return false;
    for (let j = Math.max(0, i - WITHHOLD_WINDOW); j <= Math.min(words.length - 1, i + WITHHOLD_WINDOW); j++)
      if (DISCLOSE.has(words[j]!)) return true;
    return false;
  });
}

/** "can't" → "cannot", "didn't" → "did not": the negation must survive splitting into words. */
const expandContractions = (text: string): string =>
  text
    .replace(/\bcan['\u2019]t\b/g, 'cannot')
    .replace(/\bwon['\u2019]t\b/g, 'will not')
    .replace(/n['\u2019]t\b/g, ' not');

// Dutch separable and compound-forming particles: "doorvragen" should meet "vraagt door", "samenvatten" "vat samen".
const NL_PARTICLES = ['samen', 'terug', 'door', 'over', 'voor', 'aan', 'mee', 'uit', 'bij', 'toe', 'op', 'af', 'na'];

const stemmers = { nl: newStemmer('dutch'), en: newStemmer('english') };

/** Lower case, no diacritics ("cliënt" → "client"), words of letters and digits only. */
export function tokenise(text: string): string[] {
  return normalise(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

export interface Word {
  word: string;
  /** Clause number: negation and word pairs do not reach across punctuation. */
  clause: number;
  negated: boolean;
  /**
   * A separated Dutch verb particle ("ik vat het samen", "ze vroeg door"): not a content word itself, but joined
   * to a verb before it, it may form one ("samenvatten", "doorvragen").
   */
  particle?: boolean;
  /** The clause has a reflexive pronoun ("ik stelde me voor"). */
  reflexive?: boolean;
}

const REFLEXIVE = new Set(['me', 'mij', 'mezelf', 'mijzelf', 'zich', 'zichzelf', 'ons', 'onszelf', 'jezelf']);

/**
 * "Voorstellen" is introducing oneself only with a reflexive pronoun ("ik heb me voorgesteld"); without one it is
 * proposing ("ik heb voorgesteld om het te melden"), which belongs to other indicators.
 */
export function dutchSense(word: string, reflexive: boolean): string {
  return !reflexive && /^voor(?:stel|gesteld)/.test(word) ? 'proposal' : word;
}

/** Separable verb particles: stop words on their own. */
const SEPARABLE = new Set([
  'samen',
  'door',
  'op',
  'uit',
  'voor',
  'mee',
  'terug',
  'na',
  'aan',
  'af',
  'bij',
  'toe',
  'in',
  'over',
]);

/** Content words (no stop words, no negators) with their clause and whether a negator reaches them. */
export function contentWords(text: string): Word[] {
  const out: Word[] = [];
  const clauses = expandContractions(normalise(text)).split(/[.!?;:,()\n\u2013\u2014]+|\s-\s|\bmaar\b|\bbut\b/u);
  clauses.forEach((clause, i) => {
    let reach = 0;
    const words = clause.split(/[^\p{L}\p{N}]+/u);
    const reflexive = words.some((w) => REFLEXIVE.has(w));
    if (withholds(words)) out.push({ word: WITHHELD, clause: i, negated: false });
    for (const word of words) {
      if (word.length < 2) continue;
      if (NEGATORS.has(word)) {
        reach = NEGATION_REACH;
        continue;
      }
      if (SEPARABLE.has(word)) {
        out.push({ word, clause: i, negated: false, particle: true, reflexive });
        continue;
      }
      if (STOP_NL.has(word) || STOP_EN.has(word) || GENERIC.has(word)) continue;
      out.push({ word: dutchSense(word, reflexive), clause: i, negated: reach > 0 });
      if (reach > 0) reach -= 1;
    }
  });
  return out;
}

/** Content words of a text in a known language (indicator labels and look-fors). */
export function labelWords(text: string, language: MatchLanguage): string[] {
  const stop = language === 'nl' ? STOP_NL : STOP_EN;
  const words = tokenise(expandContractions(normalise(text)));
  const reflexive = words.some((w) => REFLEXIVE.has(w));
  const content = words
    .filter((w) => !stop.has(w) && !NEGATORS.has(w) && !GENERIC.has(w))
    .map((w) => dutchSense(w, reflexive));
  return withholds(words) ? [WITHHELD, ...content] : content;
}

// Snowball Dutch leaves verb endings it cannot see from the word alone ("vraagt", "luistert", "verwijst"), and
// spelling alternations between singular and plural stems (verwijs/verwijz, vraag/vrag, legg/leg). These
// normalisations are applied to every Dutch stem on both sides, so they only need to be consistent.
function normaliseDutchStem(stem: string): string {
  let s = stem;
  if (s.length > 4 && /[^t][td]$/.test(s)) s = s.slice(0, -1);
  s = s.replace(/z$/, 's').replace(/v$/, 'f');
  s = s.replace(/([aeou])\1/g, '$1');
  return s.replace(/([^aeiou])\1$/, '$1');
}

const irregular = (word: string): string => IRREGULAR_FORMS[word] ?? word;

function stemDutch(word: string): string[] {
  const forms = [irregular(word)];
  const particle = NL_PARTICLES.find((p) => word.startsWith(p) && word.length - p.length >= 4);
  if (particle) {
    const rest = word.slice(particle.length);
    forms.push(irregular(rest));
    // A participle with its particle in front means the particle verb: "doorgenomen" → "doornemen", "doorgevraagd"
    // → "doorvraagd" (stems like "doorvragen").
    if (rest.startsWith('ge') && rest.length >= 5 && /(?:[dt]|en)$/.test(rest))
      forms.push(particle + (IRREGULAR_FORMS[rest] ?? rest.slice(2)));
  }
  // Past participles: "geluisterd" → "luisterd", "doorgevraagd" → "gevraagd" → "vraagd". Only words shaped like
  // one (-d, -t, -en): "gezin" is not "zin", "gesprek" not "sprek", "gezondheid" not "zondheid".
  for (const f of [...forms])
    if (f.startsWith('ge') && f.length >= 6 && /(?:[dt]|en)$/.test(f) && !f.endsWith('heid'))
      forms.push(irregular(f.slice(2)));
  return [...new Set(forms.map((f) => normaliseDutchStem(stemmers.nl.stem(f))))];
}

function stemEnglish(word: string): string[] {
  // British and American spellings ("summarise"/"summarize") are common in students' English.
  const w = irregular(word).replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1');
  return [stemmers.en.stem(w)];
}

// Built lazily so importing the module costs nothing until the first match.
let conceptOfStem: Map<string, string> | undefined;
function concepts(): Map<string, string> {
  if (!conceptOfStem) {
    conceptOfStem = new Map();
    for (const group of SYNONYM_GROUPS) {
      for (const word of group.words) {
        for (const w of tokenise(word.replace(/-/g, ''))) {
          // Only the whole word's stem, not its particle-split forms: "opvolgen" must not claim every "volg".
          conceptOfStem.set(stemDutch(w)[0]!, `~${group.concept}`);
          conceptOfStem.set(stemEnglish(w)[0]!, `~${group.concept}`);
        }
      }
    }
  }
  return conceptOfStem;
}

const toTerm = (stem: string): string => concepts().get(stem) ?? stem;

// The stems of the generic words, so that their inflected and compound forms ("doorgenomen" → "nem") are
// dropped as well.
let genericStemSet: Set<string> | undefined;
function genericStems(): Set<string> {
  if (!genericStemSet) {
    genericStemSet = new Set();
    for (const w of GENERIC) {
      genericStemSet.add(stemDutch(w)[0]!);
      genericStemSet.add(stemEnglish(w)[0]!);
    }
  }
  return genericStemSet;
}

/** The terms a word stands for in one language, or in both when the language is unknown (reflections). */
export function wordTerms(word: string, language: MatchLanguage | 'both'): string[] {
  const all =
    language === 'nl'
      ? stemDutch(word)
      : language === 'en'
        ? stemEnglish(word)
        : [...stemDutch(word), ...stemEnglish(word)];
  const stems = all.filter((s) => !genericStems().has(s));
  // A concept found for the whole word wins over its particle-split forms ("doorverwijzen" is `~refer`, not "verwijs").
  const whole = stems.map(toTerm).find((t) => t.startsWith('~'));
  return whole ? [whole] : [...new Set(stems.map(toTerm))];
}

/** All words the word lists know (synonyms, strong-verb forms), for typo and compound look-ups. */
export function synonymWords(): string[] {
  const words = [
    ...SYNONYM_GROUPS.flatMap((g) => g.words),
    ...Object.keys(IRREGULAR_FORMS),
    ...Object.values(IRREGULAR_FORMS),
  ];
  return [...new Set(words.map((w) => normalise(w.replace(/-/g, ''))))].filter((w) => !GENERIC.has(w));
}
