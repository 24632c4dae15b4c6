import { defineSubcommand } from '../command.ts';
import { type JobAndPeople, readJobAndPeople } from '../read.ts';
import { changeAssignees } from './assign.ts';

export interface UnassignCommand extends JobAndPeople {
  kind: 'unassign';
}

/** `/jobs unassign J-12 @a me`. */
export const unassignCommand = defineSubcommand<UnassignCommand>({
  kind: 'unassign',
  words: ['unassign'],
  help: [['unassign J-12 @a | me', 'Take people (or yourself) off a job']],
  parse({ word, args }) {
    const found = readJobAndPeople(word, args);
    return 'kind' in found ? found : { kind: 'unassign', ...found };
  },
  run: (ctx, command) => changeAssignees(ctx, command, 'remove'),
});
