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
// - Quoted speech is skipped when nothing before it in the sentence is first person: 'De cliënt zei: "ik wil
//   dood"' does not trigger, 'Ik dacht: "ik kan niet meer"' does. Unquoted reported speech in the first person
//   ("ze zei ik kan niet meer") does trigger.
// - Only Dutch and English. Other languages are not detected at all.
// - A positive is a reason to offer human contact, never a diagnosis; nothing here is stored as a "risk flag".

const FIRST_PERSON_BEFORE_QUOTE = /\b(ik|me|mij|mijn|mezelf|i|my|myself)\b/;

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

/** Removes quotations that someone else says, keeping those framed by the student ("ik dacht: …"). */
function dropOthersQuotes(text: string): string {
  return text.replace(QUOTED, (quote, offset: number) => {
    const before = text.slice(0, offset);
    const sentenceStart = Math.max(
      before.lastIndexOf('.'),
      before.lastIndexOf('!'),
      before.lastIndexOf('?'),
      before.lastIndexOf('\n'),
    );
    return FIRST_PERSON_BEFORE_QUOTE.test(before.slice(sentenceStart + 1)) ? quote : ' ';
  });
}

/** True when the text suggests the writer's own wellbeing is at risk (see the limits above). */
export function detectWellbeingRisk(text: string): boolean {
  if (!text.trim()) return false;
  const prepared = dropOthersQuotes(normalise(text));
  return PATTERNS.some((p) => p.test(prepared));
}
