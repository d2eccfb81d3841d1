// The size of a dashboard sparkline, shared by the page (img width/height) and the renderer.
export const SPARKLINE_SIZE = { width: 140, height: 36 } as const;
