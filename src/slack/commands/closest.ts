/**
 * "Did you mean": the known word closest to a mistyped one. Pure, and shared by the command
 * words and the list filters.
 */

/**
 * The candidate closest to `word` by optimal-string-alignment distance (Damerau–Levenshtein
 * with adjacent transpositions), when close enough: distance ≤ 1 for words of up to 3
 * characters, ≤ 2 for longer ones, or one is a prefix of the other (`pref` → `prefs`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const length = Array.from(word).length;
  if (length === 0 || length > 30) return undefined;
  const limit = length <= 3 ? 1 : 2;
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.length < 2) continue;
    const distance = editDistance(word, candidate);
    const prefix =
      (length >= 3 && candidate.startsWith(word)) ||
      (candidate.length >= 4 && word.startsWith(candidate));
    if (distance > limit && !prefix) continue;
    // Prefer close words; among equals, prefix matches; among those, the earlier candidate.
    const score = distance * 2 + (prefix ? 0 : 1);
    if (!best || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}

export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  // rows[i][j] = distance between the first i chars of s and the first j chars of t
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= t.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}
