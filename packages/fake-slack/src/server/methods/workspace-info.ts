// auth.test, users.info and conversations.open: who the app is, who people are, and the DM
// channel the app uses to reach a person.

import { copy, fail, flag, type Handler, ok, str } from './result.ts';

const authTest: Handler = ({ ws }) => {
  const { identity } = ws;
  return ok({
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamDomain,
    user: ws.users.get(identity.botUserId)?.name ?? 'bot',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  });
};

const usersInfo: Handler = ({ ws }, args) => {
  const user = ws.users.get(str(args.user) ?? '');
  return user ? ok({ user: copy(user) }) : fail('user_not_found');
};

const conversationsOpen: Handler = ({ ws }, args) => {
  const channelId = str(args.channel);
  if (channelId) {
    const channel = ws.channels.get(channelId);
    return channel?.isIm ? ok({ channel: { id: channel.id } }) : fail('channel_not_found');
  }
  const users = (str(args.users) ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) {
    return fail('not_supported_by_fake', [
      '[ERROR] group DMs are not simulated [json-pointer:/users]',
    ]);
  }
  const userId = users[0] as string;
  const user = ws.users.get(userId);
  if (!user) return fail('user_not_found');
  if (user.deleted) return fail('user_disabled');
  const existed = ws.dmOf(userId) !== undefined;
  const channel = ws.openDm(userId);
  const body = flag(args.return_im)
    ? { id: channel.id, is_im: true, user: userId, is_open: true }
    : { id: channel.id };
  return ok({ channel: body, ...(existed ? { no_op: true, already_open: true } : {}) });
};

export const workspaceInfoMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'conversations.open': conversationsOpen,
};
