// The emoji shortcodes jobdesk writes, and a few common ones, as Slack shows them. Anything else
// stays as its `:code:` text, like an emoji Slack does not know.

const EMOJI: Record<string, string> = {
  alarm_clock: '⏰',
  arrows_counterclockwise: '🔄',
  boom: '💥',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  calendar: '📆',
  clipboard: '📋',
  eyes: '👀',
  envelope: '✉️',
  email: '📧',
  handshake: '🤝',
  heavy_check_mark: '✔️',
  heavy_minus_sign: '➖',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  inbox_tray: '📥',
  incoming_envelope: '📨',
  information_source: 'ℹ️',
  key: '🔑',
  lock: '🔒',
  memo: '📝',
  moneybag: '💰',
  new: '🆕',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  outbox_tray: '📤',
  pushpin: '📌',
  raised_hand: '✋',
  rotating_light: '🚨',
  shopping_bags: '🛍️',
  speech_balloon: '💬',
  star: '⭐',
  sunrise: '🌅',
  bell: '🔔',
  chart_with_upwards_trend: '📈',
  spiral_calendar_pad: '🗓️',
  tada: '🎉',
  thumbsup: '👍',
  '+1': '👍',
  warning: '⚠️',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
  zzz: '💤',
};

/** Replaces known `:shortcodes:` in already-escaped HTML text. */
export function emojify(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}
