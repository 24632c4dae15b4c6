import { mention } from '../../mrkdwn.ts';
import { actorOf } from '../../payload.ts';
import { defineSubcommand } from '../command.ts';
import { display, readPerson, usage, withoutFillers } from '../read.ts';

/** `/jobs admins`, `/jobs admins add @a`, `/jobs admins remove @a` (me allowed). */
export interface AdminsCommand {
  kind: 'admins';
  action: 'list' | 'add' | 'remove';
  users: string[];
  includeMe: boolean;
}

const EXAMPLE = '/jobs admins add @alice (or remove)';

export const adminsCommand = defineSubcommand<AdminsCommand>({
  kind: 'admins',
  words: ['admins', 'admin'],
  help: [['admins [add|remove @a]', 'See or change who the admins are (admins change them)']],
  parse({ args }) {
    const [first, ...rest] = args;
    if (!first) return { kind: 'admins', action: 'list', users: [], includeMe: false };
    const action = first.text.toLowerCase();
    if (action !== 'add' && action !== 'remove') {
      return usage(`\`admins\` lists the admins, or changes them: ${EXAMPLE}`);
    }
    const users: string[] = [];
    let includeMe = false;
    for (const token of withoutFillers(rest)) {
      const person = readPerson(token.text);
      if (person && 'me' in person) includeMe = true;
      else if (person && 'id' in person) {
        if (!users.includes(person.id)) users.push(person.id);
      } else if (person) return usage(person.problem);
      else return usage(`${display(token.text)} is not a person — mention them with @: ${EXAMPLE}`);
    }
    if (users.length === 0 && !includeMe) return usage(`Say who: ${EXAMPLE}`);
    return { kind: 'admins', action, users, includeMe };
  },
  async run(ctx, command) {
    const { services, workspaceId } = ctx.deps;
    if (command.action === 'list') {
      const list = await services.listAdmins(workspaceId);
      await ctx.reply({
        text: list.length
          ? `jobdesk admins: ${list.map(mention).join(', ')}`
          : 'jobdesk has no admins yet: list one in JOBDESK_ADMINS.',
      });
      return;
    }
    const users = [...command.users, ...(command.includeMe ? [ctx.userId] : [])];
    const now = await services.changeAdmins(actorOf(ctx.deps, ctx.userId), users, command.action);
    await ctx.reply({ text: `:key: jobdesk admins now: ${now.map(mention).join(', ')}` });
  },
});
