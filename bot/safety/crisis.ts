// Flags a student's own wellbeing risk in free text so the bot can point to a human (competentiecoach, student
// counsellor, Zelfmoordlijn 1813 / Tele-Onthaal 106) instead of carrying on with the reflection (METHOD.md §5.4
// item 10: escalation to a person, never LLM advice).
//
// How it works: a small Dutch + English phrase lexicon, matched on whole words in text that is lower-cased,
// stripped of accents ("suïcidaal" = "suicidaal") and with apostrophes and contractions normalised. Almost every
// phrase is anchored in the first person ("ik", "me", "mijn", "I", "my") because social-work students write all
// the time about clients in crisis, with suicidal thoughts or facing violence: "de cliënt was in crisis" or
// "we bespraken zelfmoordgedachten met de cliënt" must not trigger; "ik wil dood" must.
//
// Limits, on purpose and known:
// - It is a phrase list, not understanding. It misses distress phrased any other way ("alles is zwart",
//   irony, dialect, spelling errors beyond the variants listed) and it cannot tell hypotheticals
//   ("stel dat ik niet meer kan") from real statements. A miss is worse than a false alarm, but a bot that
//   alarms on every shift report gets ignored, so phrases are specific rather than broad.
// - Someone else's words do not count: a quotation framed by a speech verb or another speaker ('de cliënt zei
//   tegen mij: "ik wil er niet meer zijn"'), and reported speech with a speaker and a colon. The student's own
//   framed thoughts do ('ik dacht: "ik kan niet meer"'). A risk phrase in a quotation without a speaker, or in
//   reported speech without a colon ("ze zei ik kan niet meer"), is 'unsure': the bot asks once.
// - Only Dutch and English. Other languages are not detected at all.
// - A positive is a reason to offer human contact, never a diagnosis; nothing here is stored as a "risk flag".

// Optional fillers ("echt", "gewoon", "soms") are allowed where students naturally put them.
const FILL_NL = '(?:(?:echt|gewoon|soms|vaak|al|zo|nu|nog|helemaal|bijna|eigenlijk|liever|de laatste tijd)\\s+)*';
const FILL_EN = '(?:(?:really|just|sometimes|often|honestly|actually|totally|completely|literally|seriously)\\s+)*';
// A clause end: punctuation, a line break, the end of the text, or a new clause ("en", "maar", "ik", "and"…).
const CLAUSE_END = '(?=[ \\t]*(?:[.!?,;:)"\u201d\u00bb\\n]|$)|\\s+(?:en|and|ik|i|maar|but|want|because)\\b)';
/** "ik wil" and, after an opening adverbial (Dutch verb-second order), "soms wil ik". */
const ik = (verbs: string): string => `(?:ik ${FILL_NL}(?:${verbs})|(?:${verbs}) ik)`;
// One optional word between auxiliary and participle ("ik ben gisteren bedreigd"), but never a negation.
const ONE_WORD = '(?:(?!niet\\b|nooit\\b|not\\b|never\\b)\\w+ )?';
const HARM_NL =
  '(?:geslagen|mishandeld|misbruikt|aangerand|verkracht|bedreigd|gestalkt|geintimideerd|lastiggevallen|geschopt|gewurgd)';
const HARM_EN = '(?:hit|beaten|abused|assaulted|raped|threatened|harassed|stalked|choked|strangled|kicked)';

const PATTERNS: RegExp[] = [
  // Suicidal thoughts (nl)
  new RegExp(`\\b${ik('wil|wou|zou')} ${FILL_NL}(?:willen )?${FILL_NL}(?:dood|sterven|er niet meer zijn)\\b`),
  /\bik wou dat ik dood was\b/,
  /\bwas ik maar dood\b/,
  new RegExp(`\\b${ik('wil')} ${FILL_NL}niet meer leven\\b`),
  new RegExp(
    `\\bik ${FILL_NL}(?:wil|ga|zou willen|denk erover om|dacht erover om|overweeg om) ${FILL_NL}er (?:een )?einde? aan (?:te )?maken\\b`,
  ),
  /\beinde? (?:aan mijn leven (?:te )?maken|(?:te )?maken aan mijn leven)\b/,
  /\bik (?:wil|ga) mezelf (?:van kant maken|doden|iets aandoen|ombrengen)\b/,
  /\bmezelf (?:van kant|iets aan) te (?:maken|doen)\b/,
  new RegExp(
    `\\b${ik('heb|had|krijg|kreeg')} ${FILL_NL}(?:zelfmoordgedachten|suicidale gedachten|doodsgedachten|gedachten aan zelfmoord|gedachten aan zelfdoding)\\b`,
  ),
  new RegExp(`\\b${ik('denk|dacht')} ${FILL_NL}(?:aan|over) (?:zelfmoord|zelfdoding|suicide)\\b`),
  new RegExp(`\\b${ik('ben|voel me|voel')} ${FILL_NL}(?:me )?suicidaal\\b`),
  // Self-harm (nl)
  /\bik (?:snij|sneed|kras|kraste|verwond|verwondde|beschadig|beschadigde) mezelf\b/,
  /\bmezelf (?:(?:weer|opnieuw|al|ook|soms|vaak) )*(?:gesneden|gekrast|verwond|beschadigd|pijn gedaan)\b/,
  /\bik (?:wil|ga) mezelf (?:pijn doen|snijden|verwonden)\b/,
  /\b(?:mijn|ik doe aan) zelfbeschadiging\b/,
  // Can't go on / burn-out (nl). "Ik kan niet meer" only at a clause end: "ik kan niet meer dan twee" is fine.
  new RegExp(`\\b${ik('kan')} ${FILL_NL}(?:het |dit )?niet meer${CLAUSE_END}`),
  /\bik kan (?:het|dit|dat) (?:echt )?niet meer aan\b/,
  /\bik (?:trek|hou|houd) het (?:echt )?niet meer\b/,
  /\bik zie het (?:echt |gewoon |allemaal )?niet meer zitten\b/,
  // "ik ben op" = exhausted, but not "ik ben op huisbezoek" or "ik ben op en neer gereden".
  new RegExp(`\\b${ik('ben')} ${FILL_NL}(?:totaal |compleet |volledig )?op(?! en neer\\b)${CLAUSE_END}`),
  /\bik ben (?:echt |totaal |compleet |volledig |helemaal )*(?:opgebrand|uitgeblust|overspannen)\b/,
  /\bik zit (?:er ?)?(?:echt |helemaal |volledig )*door(?:heen)?\b(?! (?:de|het|een|die|dat|mijn)\b)/,
  /\bik (?:heb|zit in|zit tegen|krijg|ben in|sta aan de rand van) (?:een |mijn )?burn ?-?out\b/,
  /\bik (?:zit|ben|was|zat) (?:zelf |echt |helemaal )*in (?:een |de )?crisis\b/,
  // Abuse or violence against the student (nl), by anyone, a client included.
  new RegExp(`\\bik (?:word|werd|ben|wordt) ${ONE_WORD}${HARM_NL}\\b`),
  new RegExp(`\\b(?:heeft|hebben|had|hadden) (?:me|mij) ${ONE_WORD}${HARM_NL}\\b`),
  /\b(?:slaat|sloeg|mishandelt|mishandelde|misbruikt|misbruikte|bedreigt|bedreigde|schopt|schopte|wurgt|wurgde) (?:me|mij)\b/,
  /\bik (?:voel|voelde) me (?:thuis |hier |op het werk |op mijn werk )?niet (?:meer )?veilig\b/,
  // Suicidal thoughts (en)
  new RegExp(`\\bi ${FILL_EN}(?:want|wish|would like) ${FILL_EN}(?:to die|i was dead|i were dead|to be dead)\\b`),
  new RegExp(`\\bi ${FILL_EN}don't ${FILL_EN}want to (?:live|be alive|be here any ?more|wake up)\\b`),
  /\b(?:kill|killing) myself\b/,
  /\b(?:end|ending) (?:my life|it all)\b/,
  /\btake my (?:own )?life\b/,
  new RegExp(
    `\\bi ${FILL_EN}(?:am|feel|have been|have been having|was|have|had|keep having) ${FILL_EN}(?:suicidal|suicidal thoughts|thoughts of suicide)\\b`,
  ),
  new RegExp(
    `\\bi ${FILL_EN}(?:think|thought|keep thinking|have been thinking) about (?:suicide|killing myself|dying)\\b`,
  ),
  // Self-harm (en)
  /\b(?:want to|going to|wanted to|urge to|think about|thought about|thinking about) (?:hurt|harm|cut|injure) myself\b/,
  /\b(?:harming|cutting|hurting) myself\b/,
  /\bi (?:cut|harm) myself\b/,
  /\bi (?:self-? ?harm|have been self-? ?harming|am self-? ?harming)\b/,
  // Can't go on / burn-out (en)
  new RegExp(
    `\\bi ${FILL_EN}can't ${FILL_EN}(?:go on|do this any ?more|take (?:it|this) any ?more|cope any ?more|cope${CLAUSE_END})`,
  ),
  /\bi (?:am|feel) (?:completely |totally |so |really )?(?:burnt out|burned out|at (?:my )?breaking point|falling apart)\b/,
  /\bi (?:have|am getting|am heading for|think i have) (?:a )?burn-? ?out\b/,
  /\bi (?:am|was) (?:myself )?in (?:a )?crisis\b/,
  // Abuse or violence against the student (en). Not "it hit me that …" (a realisation) nor "beat me to it".
  new RegExp(`\\bi (?:am|was|got|have been|am being|keep getting) ${ONE_WORD}${HARM_EN}\\b`),
  /(?<!\b(?:it|that|this|what|which|reality) )\b(?:hits|hit) me\b/,
  /\b(?:beats|beat)(?! me to\b) me\b/,
  /\b(?:abuses|abused|assaults|assaulted|raped|threatens|threatened|harasses|harassed|stalks|stalked|chokes|choked|kicks|kicked) me\b/,
  /\bi don't feel safe\b/,
];

/** Lower case, no accents, one kind of apostrophe, "can't"/"cant"/"can not" all as "can't", single spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\b(?:cannot|can not|cant)\b/g, "can't")
    .replace(/\b(?:dont|do not)\b/g, "don't")
    .replace(/\bi'm\b|\bim\b/g, 'i am')
    .replace(/\bi've\b/g, 'i have')
    .replace(/\bwanna\b/g, 'want to')
    .replace(/\bgonna\b/g, 'going to')
    .replace(/[ \t]+/g, ' ');
}

// Double-quoted spans of every common kind; single quotes are left alone because they double as apostrophes.
const QUOTED = /"[^"\n]*"|\u201c[^\u201d\n]*\u201d|\u201e[^\u201d\u201c\n]*[\u201d\u201c]|\u00ab[^\u00bb\n]*\u00bb/g;

// Verbs that frame someone's words: what follows is what that person said, not what the student says.
const SPEECH =
  '(?:zei|zeiden|zegt|zeggen|zeggend|vertelde|vertelt|vertellen|riep|roept|schreeuwde|fluisterde|antwoordde|antwoordt|vroeg|vraagt|schreef|schrijft|huilde|snikte|herhaalde|herhaalt|uitte|uitte zich|sms(?:te|t)|appte|mailde|noemde|verklaarde|beweerde|gaf aan|geeft aan|said|says|say|told|tells|tell|asked|asks|shouted|screamed|whispered|cried|answered|replied|wrote|writes|texted|repeated|kept saying|mentioned|stated|disclosed)';
const SPEECH_RE = new RegExp(`\\b${SPEECH}\\b`);
// The student framing their own thought or words: "ik dacht: …", "I thought …", "dacht ik".
const OWN_FRAME =
  /\b(?:ik (?:\w+ )?(?:dacht|denk|denken|zei|zeg|voelde|voel|schreef|riep|fluisterde|hoorde mezelf)|(?:dacht|denk|zei|zeg|voelde|voel) ik|i (?:\w+ )?(?:thought|think|thinking|said|say|felt|feel|wrote|told myself|heard myself))\b/;
// Someone else (a client, a colleague, "she") is the subject of the sentence before the match.
const THIRD_PERSON =
  /\b(?:de|het|een|die|mijn|onze|haar|zijn|the|a|an|my|our|her|his) (?:client|clienten|clients|bewoner|bewoonster|patient|patiente|jongere|man|vrouw|mevrouw|meneer|moeder|vader|dochter|zoon|collega|colleague|resident|woman|lady|mother|father|daughter|son|partner|kind|child|gebruiker|service user|jongen|meisje|boy|girl|persoon|person|tiener|teenager|begeleide|deelnemer|participant)\b|\b(?:hij|zij|ze|he|she|they|mevrouw|meneer|mr|mrs|ms)\b/;

const CLAUSE_BREAK = /[;]|,?\s\b(?:but|maar|want|because|though|although|hoewel)\b/g;

export type WellbeingAssessment = 'self' | 'unsure' | 'none';

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[^a-z0-9]*[a-z0-9"\u201c\u201e\u00ab])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const matches = (text: string): boolean => PATTERNS.some((p) => p.test(text));

/** Where in `text` the first pattern matches (the smallest index), or -1. */
function firstMatch(text: string): number {
  let best = -1;
  for (const p of PATTERNS) {
    const m = p.exec(text);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

/**
 * One sentence: 'self' when the student speaks about themselves; 'none' for a quote or reported words of
 * someone else; 'unsure' when a risk phrase stands in a quote or reported speech whose speaker is unclear.
 */
function assessSentence(sentence: string): WellbeingAssessment {
  let unsure = false;
  // First the words outside quotation marks: those are the student's own.
  const outside = sentence.replace(QUOTED, ' " ');
  // "ze zei ik kan niet meer" / "de cliënt zei: ik wil dood": reported speech without quotation marks.
  const at = firstMatch(outside);
  if (at >= 0) {
    // Only the clause the phrase stands in: "the client said I did well, but I want to die" is the student's.
    const before = outside.slice(0, at);
    const clauseStart = Math.max(...[...before.matchAll(CLAUSE_BREAK)].map((m) => m.index + m[0].length), 0);
    const frame = before.slice(clauseStart);
    const colon = frame.lastIndexOf(':');
    const framed = SPEECH_RE.test(frame) && !OWN_FRAME.test(frame);
    if (!framed) return 'self';
    // A speech verb with a clear other speaker and a colon is direct speech; without a colon it may be either.
    if (!(colon >= 0 && THIRD_PERSON.test(frame))) unsure = true;
  }
  for (const match of sentence.matchAll(QUOTED)) {
    const quote = match[0];
    if (!matches(quote)) continue;
    const frame = sentence.slice(0, match.index) + sentence.slice(match.index + quote.length);
    if (OWN_FRAME.test(frame)) return 'self';
    const other =
      SPEECH_RE.test(frame) || THIRD_PERSON.test(frame) || /\b[a-z]+ ?:\s*$/.test(sentence.slice(0, match.index));
    if (!other) unsure = true;
  }
  return unsure ? 'unsure' : 'none';
}

/**
 * Whether the text shows a risk to the writer's own wellbeing ('self'), quotes or describes someone else
 * ('none'), or cannot be told apart ('unsure': ask the student once). See the limits above.
 */
export function assessWellbeing(text: string): WellbeingAssessment {
  if (!text.trim()) return 'none';
  const prepared = normalise(text);
  if (!matches(prepared) && !matches(prepared.replace(QUOTED, (q) => q.slice(1, -1)))) return 'none';
  let unsure = false;
  for (const sentence of sentencesOf(prepared)) {
    const verdict = assessSentence(sentence);
    if (verdict === 'self') return 'self';
    if (verdict === 'unsure') unsure = true;
  }
  return unsure ? 'unsure' : 'none';
}

/** True when the text is about the writer's own wellbeing (see the limits above). */
export function detectWellbeingRisk(text: string): boolean {
  return assessWellbeing(text) === 'self';
}
