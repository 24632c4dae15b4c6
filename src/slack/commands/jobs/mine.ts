import { defineSubcommand } from '../command.ts';
import { type ListCommand, readFilters } from '../read.ts';
import { listJobs } from './list.ts';

/** `/jobs mine [filters…]`: `/jobs list mine …`, the word itself being the first filter. */
export const mineCommand = defineSubcommand<ListCommand>({
  kind: 'list',
  words: ['mine'],
  help: [['mine', 'Jobs assigned to you']],
  shortcut: true,
  parse: ({ tokens }) => readFilters(tokens),
  run: listJobs,
});
