// Runs a parsed chat command.
import type { TurnContext, TurnResult } from '../core/turn.js';
import { startFeedback } from '../flows/feedback/start.js';
import { showProgress } from '../flows/progress/view.js';
import { adminCommand } from './admin.js';
import { askFeedbackCommand } from './ask-feedback.js';
import { myFeedbackCommand } from './my-feedback.js';
import { deleteReflectionCommand } from './delete-reflection.js';
import { editReflectionCommand } from './edit-reflection.js';
import { helpCommand } from './help.js';
import { languageCommand } from './language.js';
import { myDataCommand } from './my-data.js';
import { myReflectionsCommand } from './my-reflections.js';
import type { Command } from './parse.js';
import { pauseCommand } from './pause.js';
import { reflectCommand } from './reflect.js';
import { resumeCommand } from './resume.js';
import { skipTodayCommand } from './skip-today.js';
import { stopCommand } from './stop.js';
import { tellShiftCommand } from './tell-shift.js';

export function runCommand(ctx: TurnContext, command: Command): Promise<TurnResult> {
  switch (command.kind) {
    case 'reflect':
      return reflectCommand(ctx);
    case 'help':
      return helpCommand(ctx);
    case 'progress':
      return showProgress(ctx, command.name);
    case 'feedbackFor':
      return startFeedback(ctx, command.name);
    case 'myFeedback':
      return myFeedbackCommand(ctx);
    case 'askFeedback':
      return askFeedbackCommand(ctx, command.name);
    case 'admin':
      return adminCommand(ctx, command.args);
    case 'myReflections':
      return myReflectionsCommand(ctx);
    case 'pause':
      return pauseCommand(ctx, command.date);
    case 'skipToday':
      return skipTodayCommand(ctx);
    case 'resume':
      return resumeCommand(ctx);
    case 'stop':
      return stopCommand(ctx);
    case 'language':
      return languageCommand(ctx, command.language);
    case 'myData':
      return myDataCommand(ctx);
    case 'deleteReflection':
      return deleteReflectionCommand(ctx, command.number);
    case 'editReflection':
      return editReflectionCommand(ctx, command.number);
    case 'tellShift':
      return tellShiftCommand(ctx, command.shift);
  }
}
