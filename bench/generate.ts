// Generated inputs for benchmarks: a large roster and a framework of any size, in the import file formats.
export function generateFramework(indicatorCount: number, perCompetence = 5): string {
  const lines = [
    'programme: {code: BENCH, name_nl: "Benchmark", name_en: "Benchmark"}',
    'scale:',
    '  - {value: 0, code: NA, nl: "Niet aan bod gekomen", en: "Not observed", counts_as_level: false}',
    ...[1, 2, 3, 4].map((v) => `  - {value: ${v}, code: L${v}, nl: "Niveau ${v}", en: "Level ${v}"}`),
    'competences:',
  ];
  for (let c = 0; c * perCompetence < indicatorCount; c++) {
    lines.push(
      `  - id: C${c + 1}`,
      `    nl: "Competentie ${c + 1}"`,
      `    en: "Competence ${c + 1}"`,
      '    indicators:',
    );
    for (let i = 0; i < perCompetence && c * perCompetence + i < indicatorCount; i++) {
      const code = `C${c + 1}.${i + 1}`;
      lines.push(
        `      - {id: ${code}, nl: "Toont gedrag ${code} in de praktijk", en: "Shows behaviour ${code} at work"}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A roster of `people` rows: 4 % coaches, 3 % teachers, 13 % mentors, the rest students with 1–2 mentors. */
export function generateRoster(people: number): string {
  const coaches = Math.max(1, Math.round(people * 0.04));
  const teachers = Math.max(1, Math.round(people * 0.03));
  const mentors = Math.max(1, Math.round(people * 0.13));
  const students = people - coaches - teachers - mentors;
  const rows = ['email,name,roles,cohort,mentors,teachers,coaches,timezone,locale'];
  const staff = (kind: string, n: number, role: string) => {
    for (let i = 0; i < n; i++)
      rows.push(`${kind}${i}@school.example.be,${kind} ${i},${role},,,,,Europe/Brussels,nl-BE`);
  };
  staff('coach', coaches, 'coach');
  staff('teacher', teachers, 'teacher');
  staff('mentor', mentors, 'mentor');
  for (let i = 0; i < students; i++) {
    const m = [`mentor${i % mentors}@school.example.be`];
    if (i % 2 === 0) m.push(`mentor${(i + 1) % mentors}@school.example.be`);
    rows.push(
      [
        `student${i}@student.example.be`,
        `Student ${i}`,
        'student',
        `COHORT-${i % 20}`,
        m.join(';'),
        `teacher${i % teachers}@school.example.be`,
        `coach${i % coaches}@school.example.be`,
        'Europe/Brussels',
        i % 5 === 0 ? 'en' : 'nl-BE',
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}
