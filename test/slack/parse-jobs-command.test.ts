import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECLINE_REASONS, type DeclineReason } from '../../src/domain/index.ts';
import { JOB_STATUSES } from '../../src/domain/status.ts';
import {
  JOBS_COMMAND_KINDS,
  type JobsCommand,
  type JobsCommandKind,
  matchDeclineReason,
  parseJobsCommand as parse,
} from '../../src/slack/commands/parse-jobs-command.ts';

function problemOf(text: string): string {
  const result = parse(text);
  if (result.kind !== 'usage') throw new Error(`expected usage for ${text}, got ${result.kind}`);
  return result.problem;
}

const list = (statuses: string[] = [], mine = false, unassigned = false): JobsCommand =>
  ({ kind: 'list', statuses, mine, unassigned }) as JobsCommand;

describe('parseJobsCommand: no command', () => {
  it.each(['', ' ', '   \n\t  '])('%j lists the jobs that need action', (text) => {
    expect(parse(text)).toEqual({ kind: 'needs_action' });
  });
});

describe('list', () => {
  it('without filters', () => {
    expect(parse('list')).toEqual(list());
  });

  it.each([
    ['new', 'new'],
    ['opened', 'opened'],
    ['open', 'opened'],
    ['responded', 'responded'],
    ['awaiting', 'awaiting_response'],
    ['awaiting_response', 'awaiting_response'],
    ['awaiting-response', 'awaiting_response'],
    ['awaiting response', 'awaiting_response'],
    ['inactive', 'inactive'],
    ['completed', 'completed'],
    ['complete', 'completed'],
    ['done', 'completed'],
    ['declined', 'declined'],
    ['expired', 'expired'],
  ])('status word %j → %s', (word, status) => {
    expect(parse(`list ${word}`)).toEqual(list([status]));
  });

  it('has a word for every status', () => {
    const words = ['new', 'opened', 'responded', 'awaiting', 'inactive', 'completed'];
    const all = parse(`list ${words.join(' ')} declined expired`);
    expect(all.kind === 'list' && [...all.statuses].sort()).toEqual([...JOB_STATUSES].sort());
  });

  it('mine and unassigned, in any order and case, with commas and repeats', () => {
    expect(parse('list mine')).toEqual(list([], true));
    expect(parse('list unassigned')).toEqual(list([], false, true));
    expect(parse('LIST  Awaiting   MINE  open')).toEqual(
      list(['awaiting_response', 'opened'], true),
    );
    expect(parse('list new,opened, new')).toEqual(list(['new', 'opened']));
  });

  it('`mine` alone is `list mine`, and takes filters too', () => {
    expect(parse('mine')).toEqual(list([], true));
    expect(parse('Mine')).toEqual(list([], true));
    expect(parse('mine awaiting')).toEqual(list(['awaiting_response'], true));
  });

  it('a filter that is not also a command lists directly', () => {
    expect(parse('awaiting')).toEqual(list(['awaiting_response']));
    expect(parse('unassigned')).toEqual(list([], false, true));
    expect(parse('expired mine')).toEqual(list(['expired'], true));
    expect(parse('open')).toEqual(list(['opened']));
    expect(parse('declined')).toEqual(list(['declined']));
    expect(parse('responded')).toEqual(list(['responded']));
  });

  it('refuses mine together with unassigned', () => {
    expect(problemOf('list mine unassigned')).toBe(
      '`mine` and `unassigned` exclude each other — pick one.',
    );
  });

  it('names an unknown filter and suggests a close one', () => {
    expect(parse('list foo')).toEqual({
      kind: 'usage',
      problem:
        '`foo` is not a filter — use a status (new, opened, responded, awaiting, inactive, ' +
        'completed, declined, expired), `mine` or `unassigned`.',
    });
    expect(parse('list awaitng')).toMatchObject({ kind: 'usage', suggestion: 'list awaiting' });
    expect(parse('list Mine,compelted')).toMatchObject({ suggestion: 'list mine completed' });
    expect(parse('mine unasigned')).toMatchObject({ suggestion: 'list mine unassigned' });
  });

  it('points a job given to list at show', () => {
    expect(problemOf('list J-3')).toMatch(/^To see one job: \/jobs show J-3\./);
  });
});

describe('job references', () => {
  it.each(['J-12', 'j-12', 'J12', 'j12', '#12', '12', 'J-12:', '12,'])('%j is job 12', (ref) => {
    expect(parse(`show ${ref}`)).toEqual({ kind: 'show', job: 12 });
  });

  it('a channel link Slack made out of #12 still names the job', () => {
    expect(parse('show <#C0123|12>')).toEqual({ kind: 'show', job: 12 });
  });

  it.each(['J-x', 'J-0', '0', '-3', 'J--2', '1.5', 'J-1234567890', 'twelve'])(
    '%j is not a job number',
    (ref) => {
      expect(problemOf(`show ${ref}`)).toBe(
        `\`${ref}\` is not a job number — write J-12, #12 or 12.`,
      );
    },
  );

  it('a job alone shows it', () => {
    expect(parse('J-12')).toEqual({ kind: 'show', job: 12 });
    expect(parse(' #7 ')).toEqual({ kind: 'show', job: 7 });
  });

  it('a job before the command asks for the command first', () => {
    expect(problemOf('J-12 assign me')).toBe('Put the command first: /jobs assign J-12 …');
    expect(problemOf('J-12 please')).toBe(
      'Start with a command, e.g. /jobs show J-12 — `/jobs help` lists them all.',
    );
  });
});

describe('commands on one job', () => {
  it.each([
    ['show', 'show'],
    ['SHOW', 'show'],
    ['inactive', 'inactive'],
    ['complete', 'complete'],
    ['completed', 'complete'],
    ['done', 'complete'],
    ['reopen', 'reopen'],
    ['reactivate', 'reopen'],
    ['Reactivate', 'reopen'],
  ])('%s J-12 → %s', (word, kind) => {
    expect(parse(`${word} J-12`)).toEqual({ kind, job: 12 });
    expect(parse(`  ${word}   #12  `)).toEqual({ kind, job: 12 });
  });

  it('needs the job', () => {
    expect(problemOf('show')).toBe('`show` needs a job: /jobs show J-12');
    expect(problemOf('reopen')).toBe('`reopen` needs a job: /jobs reopen J-12');
  });

  it('hints at the list when a status command gets no job or only filters', () => {
    expect(problemOf('inactive')).toBe(
      '`inactive` needs a job: /jobs inactive J-12 — to list inactive jobs: /jobs list inactive',
    );
    expect(problemOf('done mine')).toBe(
      '`done` needs a job: /jobs done J-12 — to list completed jobs: /jobs list completed mine',
    );
    expect(problemOf('decline')).toBe(
      '`decline` needs a job: /jobs decline J-12 [reason] — to list declined jobs: /jobs list declined',
    );
  });

  it('takes nothing after the job', () => {
    expect(problemOf('complete J-12 J-13')).toBe(
      '`complete` takes one job and nothing else: /jobs complete J-12',
    );
    expect(problemOf('show J-12 please')).toBe(
      '`show` takes one job and nothing else: /jobs show J-12',
    );
  });
});

describe('assign and unassign', () => {
  it.each([
    ['<@U123ABC>', 'U123ABC'],
    ['<@U123ABC|alice>', 'U123ABC'],
    ['<@U123ABC|Alice Smith>', 'U123ABC'],
    ['<@W0ENTERPRISE1>', 'W0ENTERPRISE1'],
    ['U123ABC', 'U123ABC'],
    ['<@U123ABC>,', 'U123ABC'],
  ])('mention form %j', (mention, id) => {
    expect(parse(`assign J-12 ${mention}`)).toEqual({
      kind: 'assign',
      job: 12,
      users: [id],
      includeMe: false,
    });
  });

  it('several people, deduplicated in typed order, with fillers and glued mentions', () => {
    expect(parse('assign J-12 <@U2|b> <@U1|a> <@U2>')).toEqual({
      kind: 'assign',
      job: 12,
      users: ['U2', 'U1'],
      includeMe: false,
    });
    expect(parse('assign J-12 to <@U1>,<@U2> &amp; <@U3>')).toMatchObject({
      users: ['U1', 'U2', 'U3'],
    });
    expect(parse('assign J-12 <@U1><@U2>')).toMatchObject({ users: ['U1', 'U2'] });
  });

  it('me, alone or mixed with mentions', () => {
    expect(parse('assign J-12 me')).toEqual({
      kind: 'assign',
      job: 12,
      users: [],
      includeMe: true,
    });
    expect(parse('Assign #12 ME')).toMatchObject({ includeMe: true, users: [] });
    expect(parse('assign 12 <@U1|a> me myself')).toEqual({
      kind: 'assign',
      job: 12,
      users: ['U1'],
      includeMe: true,
    });
  });

  it('unassign reads the same', () => {
    expect(parse('unassign J-12 me')).toEqual({
      kind: 'unassign',
      job: 12,
      users: [],
      includeMe: true,
    });
    expect(parse('unassign J-12 from <@U9|z>')).toEqual({
      kind: 'unassign',
      job: 12,
      users: ['U9'],
      includeMe: false,
    });
  });

  it('accepts the job after the people', () => {
    expect(parse('assign <@U1> J-4')).toEqual({
      kind: 'assign',
      job: 4,
      users: ['U1'],
      includeMe: false,
    });
  });

  it('says what is missing', () => {
    expect(problemOf('assign')).toBe(
      '`assign` needs a job and at least one person: /jobs assign J-12 @alice (or me)',
    );
    expect(problemOf('assign J-12')).toBe(
      '`assign` needs a job and at least one person: /jobs assign J-12 @alice (or me)',
    );
    expect(problemOf('unassign J-12')).toBe(
      '`unassign` needs a job and at least one person: /jobs unassign J-12 @alice (or me)',
    );
    expect(problemOf('assign me')).toBe('`assign` needs a job: /jobs assign J-12 @alice (or me)');
  });

  it('says what is wrong with a person or the job', () => {
    expect(problemOf('assign J-x me')).toBe('`J-x` is not a job number — write J-12, #12 or 12.');
    expect(problemOf('assign J-12 alice')).toBe(
      '`alice` is not a person — mention them with @, or write me: /jobs assign J-12 @alice (or me)',
    );
    expect(problemOf('assign alice J-12')).toMatch(/^`alice` is not a person/);
    expect(problemOf('assign J-12 @alice')).toBe(
      "`@alice` didn't come through as a Slack mention — pick the person from the @ suggestions, " +
        'or write their member ID (U…).',
    );
    expect(problemOf('assign J-12 <#C123|general>')).toBe(
      '<#C123|general> is a channel, not a person — mention people with @.',
    );
    expect(problemOf('assign J-12 <!subteam^S123|@devs>')).toBe(
      "User groups like `@devs` can't be assigned — mention people one by one.",
    );
    expect(problemOf('assign J-12 <!here>')).toBe(
      "`@here` can't be assigned — mention people one by one.",
    );
    expect(problemOf('assign J-12 J-13 me')).toBe(
      'One job at a time: /jobs assign J-12 @alice (or me)',
    );
  });
});

describe('decline', () => {
  it('without a reason opens the modal', () => {
    expect(parse('decline J-12')).toEqual({ kind: 'decline', job: 12 });
    expect(parse('Decline #12   ')).toEqual({ kind: 'decline', job: 12 });
  });

  const keys = Object.keys(DECLINE_REASONS).filter((key) => key !== 'other') as DeclineReason[];

  it.each(keys)('names %s by its key, spaced key and label', (key) => {
    for (const text of [
      key,
      key.replace(/_/g, ' '),
      key.replace(/_/g, '-'),
      DECLINE_REASONS[key],
    ]) {
      expect(parse(`decline J-12 ${text}`)).toEqual({ kind: 'decline', job: 12, reason: { key } });
      expect(parse(`decline J-12 ${text.toUpperCase()}`)).toMatchObject({ reason: { key } });
    }
  });

  it.each([
    ['budget', 'budget'],
    ['low budget', 'budget'],
    ['capacity', 'no_capacity'],
    ['busy', 'no_capacity'],
    ['too busy', 'no_capacity'],
    ['timeline', 'timeline'],
    ['deadline', 'timeline'],
    ['fit', 'not_a_fit'],
    ['not a fit', 'not_a_fit'],
    ['unclear', 'unclear'],
    ['vague', 'unclear'],
  ])('obvious word %j → %s without a note', (text, key) => {
    expect(parse(`decline J-12 ${text}`)).toEqual({ kind: 'decline', job: 12, reason: { key } });
  });

  it('a reason then a separator keeps the rest as the note', () => {
    expect(parse('decline J-12 budget: they offered $200')).toEqual({
      kind: 'decline',
      job: 12,
      reason: { key: 'budget', note: 'they offered $200' },
    });
    expect(parse('decline J-12 timeline — launch is tomorrow')).toMatchObject({
      reason: { key: 'timeline', note: 'launch is tomorrow' },
    });
    expect(parse('decline J-12 other: the merchant went quiet')).toMatchObject({
      reason: { key: 'other', note: 'the merchant went quiet' },
    });
  });

  it('a sentence about one reason picks it and keeps the sentence as the note', () => {
    expect(parse("decline J-12 we're fully booked until March")).toMatchObject({
      reason: { key: 'no_capacity', note: "we're fully booked until March" },
    });
    expect(parse('decline J-12 Their budget is $200 for a full store')).toMatchObject({
      reason: { key: 'budget', note: 'Their budget is $200 for a full store' },
    });
  });

  it('anything else is other with the text as the note', () => {
    expect(parse('decline J-12 the merchant was rude')).toEqual({
      kind: 'decline',
      job: 12,
      reason: { key: 'other', note: 'the merchant was rude' },
    });
    // Two reasons at once is not a clear choice.
    expect(parse('decline J-12 budget is fine but the deadline is not')).toMatchObject({
      reason: { key: 'other', note: 'budget is fine but the deadline is not' },
    });
  });

  it('keeps the note as typed, line breaks included', () => {
    expect(parse('decline J-12\nNot for us.\n\nSorry &amp; thanks ')).toMatchObject({
      reason: { key: 'other', note: 'Not for us.\n\nSorry &amp; thanks' },
    });
  });

  it('`other` alone asks why', () => {
    expect(problemOf('decline J-12 other')).toBe(
      'Say why after `other`: /jobs decline J-12 other: the merchant went quiet',
    );
  });

  it('rejects a bad job', () => {
    expect(problemOf('decline budget')).toBe(
      '`budget` is not a job number — write J-12, #12 or 12.',
    );
  });

  it('matchDeclineReason on its own', () => {
    expect(matchDeclineReason('  Timeline too tight ')).toEqual({ key: 'timeline' });
    expect(matchDeclineReason('no-capacity')).toEqual({ key: 'no_capacity' });
    expect(matchDeclineReason('hmm')).toEqual({ key: 'other', note: 'hmm' });
  });
});

describe('reply', () => {
  it('without a message opens the modal', () => {
    expect(parse('reply J-12')).toEqual({ kind: 'reply', job: 12 });
    expect(parse('reply J-12 \n  ')).toEqual({ kind: 'reply', job: 12 });
  });

  it('keeps the message as typed, only trimmed', () => {
    expect(parse('reply J-12 Hi Sam,\n\nWe can start *Monday*.  \n— Ana  ')).toEqual({
      kind: 'reply',
      job: 12,
      message: 'Hi Sam,\n\nWe can start *Monday*.  \n— Ana',
    });
    expect(parse('REPLY #12:\nThanks!')).toEqual({ kind: 'reply', job: 12, message: 'Thanks!' });
    expect(parse('reply 12 reply J-13 list')).toMatchObject({ message: 'reply J-13 list' });
    expect(parse('reply J-12 a &lt;b&gt; <@U1|x>')).toMatchObject({
      message: 'a &lt;b&gt; <@U1|x>',
    });
  });

  it('needs a job', () => {
    expect(problemOf('reply')).toBe('`reply` needs a job: /jobs reply J-12 [message]');
    expect(problemOf('reply hello there')).toBe(
      '`hello` is not a job number — write J-12, #12 or 12.',
    );
  });
});

describe('commands without arguments', () => {
  it.each([
    ['new', 'new'],
    ['NEW', 'new'],
    ['prefs', 'prefs'],
    ['preferences', 'prefs'],
    ['stats', 'stats'],
    ['help', 'help'],
    ['Help', 'help'],
    ['?', 'help'],
    ['help assign', 'help'],
  ])('%j → %s', (text, kind) => {
    expect(parse(text)).toEqual({ kind });
  });

  it('refuses arguments where none belong', () => {
    expect(problemOf('new mine')).toBe(
      '`new` takes nothing after it — it opens the form to log a job by hand. ' +
        'To list new jobs: /jobs list new',
    );
    expect(problemOf('stats week')).toBe('`stats` takes nothing after it: /jobs stats');
    expect(problemOf('preferences x')).toBe(
      '`preferences` takes nothing after it: /jobs preferences',
    );
  });
});

describe('unknown commands', () => {
  it.each([
    ['asign', 'assign'],
    ['assing', 'assign'],
    ['lst', 'list'],
    ['shwo', 'show'],
    ['hepl', 'help'],
    ['unasign', 'unassign'],
    ['delcine', 'decline'],
    ['repyl', 'reply'],
    ['pref', 'prefs'],
    ['stat', 'stats'],
    ['rep', 'reply'],
    ['nw', 'new'],
    ['compelte', 'complete'],
    ['awaitin', 'awaiting'],
    ['ASIGN', 'assign'],
  ])('%j suggests %j', (word, suggestion) => {
    expect(parse(`${word} J-12 me`)).toEqual({
      kind: 'usage',
      problem: `Unknown command \`${word}\`.`,
      suggestion,
    });
  });

  it.each(['xyzzy', 'foo', 'un', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '-'])(
    '%j gets no suggestion',
    (word) => {
      const result = parse(word);
      expect(result).toEqual({ kind: 'usage', problem: `Unknown command \`${word}\`.` });
    },
  );

  it('shows Slack markup back without pinging anyone or breaking formatting', () => {
    expect(problemOf('<!channel> hi')).toBe('Unknown command `@channel`.');
    expect(problemOf('<@U1|bob>')).toBe('Unknown command <@U1|bob>.');
    expect(problemOf('a`b')).toBe("Unknown command `a'b`.");
    expect(problemOf('x'.repeat(100))).toBe(`Unknown command \`${'x'.repeat(39)}…\`.`);
  });
});

describe('admins, channel and personal settings', () => {
  it.each([
    ['admins', { kind: 'admins', action: 'list', users: [], includeMe: false }],
    [
      'admin add <@U0AB12|ann> me',
      { kind: 'admins', action: 'add', users: ['U0AB12'], includeMe: true },
    ],
    [
      'admins remove <@U0AB12>',
      { kind: 'admins', action: 'remove', users: ['U0AB12'], includeMe: false },
    ],
    ['channel', { kind: 'channel' }],
    ['settings', { kind: 'settings' }],
    ['notifications', { kind: 'settings' }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([['admins add'], ['admins promote <@U0AB12>'], ['admins add bob'], ['channel #jobs']])(
    '%s gets usage help',
    (text) => {
      expect(parse(text).kind).toBe('usage');
    },
  );
});

describe('never throws', () => {
  const kinds = new Set<string>(JOBS_COMMAND_KINDS);

  it('lists every kind', () => {
    const all: Record<JobsCommandKind, true> = {
      needs_action: true,
      list: true,
      show: true,
      assign: true,
      unassign: true,
      decline: true,
      inactive: true,
      complete: true,
      reopen: true,
      reply: true,
      new: true,
      prefs: true,
      stats: true,
      help: true,
      settings: true,
      channel: true,
      admins: true,
      outbox: true,
      whoami: true,
      usage: true,
    };
    expect([...kinds].sort()).toEqual(Object.keys(all).sort());
  });

  function wellFormed(result: JobsCommand): void {
    expect(kinds.has(result.kind)).toBe(true);
    if (result.kind === 'usage') expect(result.problem.length).toBeGreaterThan(0);
    if ('job' in result) expect(Number.isInteger(result.job) && result.job > 0).toBe(true);
    if (result.kind === 'assign' || result.kind === 'unassign') {
      expect(result.users.length > 0 || result.includeMe).toBe(true);
    }
  }

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        wellFormed(parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('on strings built from command words, refs, mentions and punctuation', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'list',
        'mine',
        'show',
        'assign',
        'unassign',
        'decline',
        'inactive',
        'complete',
        'done',
        'reopen',
        'reply',
        'new',
        'prefs',
        'stats',
        'help',
        '?',
        'me',
        'to',
        'other',
        'budget',
        'busy',
        'awaiting',
        'unassigned',
        'J-12',
        '#3',
        '0',
        'J-x',
        '<@U1ABC>',
        '<@U2|x y>',
        '<#C1|12>',
        '<!here>',
        '<!subteam^S1|@a>',
        '<',
        '>',
        ':',
        ',',
        '—',
        '&amp;',
        '\n',
        '  ',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.constantFrom(' ', '', '\n'),
        (parts, sep) => {
          wellFormed(parse(parts.join(sep)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on odd inputs', () => {
    for (const text of [
      '<'.repeat(5000),
      `decline J-1 ${' '.repeat(5000)}:`,
      `decline J-1 ${'budget '.repeat(1000)}`,
      'reply J-1 \u0000\uD800',
      undefined as unknown as string,
      null as unknown as string,
      42 as unknown as string,
    ]) {
      wellFormed(parse(text));
    }
  });
});
