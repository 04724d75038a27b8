import { describe, expect, it } from 'vitest';
import { detectWellbeingRisk } from '../../bot/safety/crisis.js';

describe('detectWellbeingRisk', () => {
  const positives: [string, string][] = [
    ['nl: wants to die', 'Ik wil dood.'],
    ['nl: wants to die, verb-second order', 'Eerlijk gezegd wil ik soms gewoon dood.'],
    ['nl: suicidal thoughts', 'Ik heb de laatste tijd zelfmoordgedachten.'],
    ['nl: suicidal, with diaeresis', 'Ik voel me suïcidaal na die dienst.'],
    ['nl: end it', 'Soms denk ik: ik wil er een einde aan maken.'],
    ['nl: not wanting to live', 'Ik wil niet meer leven zo.'],
    ['nl: self-harm', 'Gisteren heb ik mezelf weer gesneden.'],
    ['nl: cannot go on', 'Ik kan niet meer.'],
    ['nl: cannot go on, mid-sentence', 'Ik kan echt niet meer en niemand ziet het'],
    ['nl: cannot go on, verb-second order', 'Eigenlijk kan ik niet meer, ik slaap slecht.'],
    ['nl: worn out', 'Ik zit er helemaal door.'],
    ['nl: cannot cope', 'Ik kan het niet meer aan met al die diensten.'],
    ['nl: exhausted', 'Ik ben op.'],
    ['nl: exhausted, intensified', 'Na drie nachtdiensten ben ik... nee: ik ben helemaal op, ik slaap niet meer.'],
    ['nl: burned out', 'Ik denk dat ik tegen een burn-out zit, ik zit in een burn-out'],
    ['nl: own crisis', 'Ik zit zelf in een crisis.'],
    ['nl: does not see it anymore', 'Ik zie het niet meer zitten.'],
    ['nl: violence at home', 'Mijn vriend slaat me als ik laat thuiskom.'],
    ['nl: threatened by a client', 'De cliënt heeft me gisteren bedreigd met een mes.'],
    ['nl: being abused', 'Ik word thuis mishandeld.'],
    ['nl: unsafe', 'Ik voel me thuis niet veilig.'],
    ['nl: own thought, quoted', 'Ik dacht alleen maar: "ik kan niet meer".'],
    ['en: want to die', 'I want to die.'],
    ['en: wanna die', 'honestly i wanna die'],
    ['en: kill myself', "Sometimes I think I'll kill myself."],
    ['en: suicidal', "I've been having suicidal thoughts."],
    ['en: self-harm', 'I have been cutting myself again.'],
    ['en: cannot go on, curly apostrophe', 'I can’t go on like this.'],
    ['en: cannot take it', "I can't take it anymore."],
    ['en: burned out', "I'm completely burnt out."],
    ['en: abuse', 'My partner hits me when he is drunk.'],
    ['en: assaulted', 'I was assaulted by a client last week.'],
    ['en: unsafe', "I don't feel safe at home."],
  ];
  it.each(positives)('flags %s', (_label, text) => {
    expect(detectWellbeingRisk(text)).toBe(true);
  });

  const negatives: [string, string][] = [
    ['nl: client in crisis', 'De cliënt was in crisis toen ik aankwam.'],
    ['nl: crisis vocabulary', 'We hebben een crisisoverleg gehouden en de crisisopvang gebeld.'],
    [
      'nl: client with suicidal thoughts',
      'De cliënt vertelde over zelfmoordgedachten; ik heb de Zelfmoordlijn 1813 voorgesteld.',
    ],
    ['nl: client says it, reported', 'Mevrouw zei dat ze niet meer kon en dat ze dood wilde.'],
    ['nl: client says it, quoted', 'De cliënt zei: "Ik wil dood." Ik heb haar mentor verwittigd.'],
    ['nl: client was threatened', 'De cliënt werd bedreigd door haar partner, ik heb het CAW gebeld.'],
    ['nl: cannot more than', 'Ik kan niet meer dan twee huisbezoeken per dag plannen.'],
    ['nl: on a home visit', 'Ik ben op huisbezoek geweest en ik ben op tijd vertrokken.'],
    ['nl: up and down', 'Ik ben op en neer gereden naar het OCMW.'],
    ['nl: on weekdays', 'Ik zit door de week op kot en werk in het weekend.'],
    ['nl: question', 'Wat kan ik niet meer doen zonder toestemming van de cliënt?'],
    ['nl: well informed', 'Ik ben helemaal op de hoogte van het dossier.'],
    ['nl: not threatened', 'Ik ben nooit bedreigd op het werk, ik voel me er veilig.'],
    [
      'nl: ordinary reflection',
      'Ik heb actief geluisterd, samengevat en doorgevraagd. Volgende keer vraag ik meer feedback.',
    ],
    ['nl: tired but fine', 'Het was een drukke dag, ik ben moe maar tevreden.'],
    ['en: client in crisis', 'The client was in crisis and talked about suicide; I called the crisis team.'],
    ['en: client abused', 'Her husband hits her, so we discussed a safety plan.'],
    ['en: realisation', 'It hit me that the client was very lonely.'],
    ['en: beat me to it', 'My colleague beat me to it and called the GP first.'],
    ['en: cannot more', "I can't do more than two intakes a day."],
    ['en: not suicidal', 'I was not threatened at all.'],
    ['en: ordinary', 'I referred the client to another service and followed up the next week.'],
    ['empty', '   '],
  ];
  it.each(negatives)('does not flag %s', (_label, text) => {
    expect(detectWellbeingRisk(text)).toBe(false);
  });
});
