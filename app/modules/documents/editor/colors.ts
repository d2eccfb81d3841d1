// A colour per person for carets, selections and the presence list: derived from the user id, so
// everyone sees the same colour for the same person in every session. Dark enough that white text
// on it (the caret's name label) meets WCAG AA (contrast ≥ 4.5:1).

/** FNV-1a: a small, stable string hash. */
function hash(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255)) as [number, number, number];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG 2.1). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Minimum contrast of white label text on the colour (AA for normal text, with a little margin). */
export const MIN_LABEL_CONTRAST = 4.6;

/** The colour of a person: hue from their id, lightened as far as white text stays readable. */
export function userColor(userId: string): string {
  const h = hash(userId);
  const hue = h % 360;
  const saturation = 0.55 + ((h >>> 9) % 30) / 100; // 0.55–0.84
  for (let lightness = 0.5; lightness > 0.1; lightness -= 0.02) {
    const hex = toHex(hslToRgb(hue, saturation, lightness));
    if (contrastRatio(hex, "#ffffff") >= MIN_LABEL_CONTRAST) return hex;
  }
  return "#1a1a1a";
}
