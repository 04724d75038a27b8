// Import problems name the file, the line and the field, and an import with any problem imports nothing.

export interface ImportProblem {
  file: string;
  line: number | undefined;
  field: string | undefined;
  message: string;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly problems: ImportProblem[]) {
    super(formatProblems(problems));
  }
}

export const formatProblem = (p: ImportProblem): string =>
  `${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.field ? `${p.field}: ` : ''}${p.message}`;

// One line, because every CLI failure is reported in one line; the first problems say the most.
const formatProblems = (problems: ImportProblem[]): string => {
  const shown = problems.slice(0, 5).map(formatProblem).join('; ');
  const rest = problems.length - 5;
  return `Nothing imported: ${shown}${rest > 0 ? `; and ${rest} more problem${rest === 1 ? '' : 's'}` : ''}`;
};
