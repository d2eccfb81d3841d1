// Shapes shared by the seeding and inspection scripts (child processes) and the tests.
export interface SeededUser {
  id: string;
  email: string;
  role: string;
  /** `koers.session_token=…`, a real better-auth session cookie. */
  cookie: string;
}

export interface SeedResult {
  users: { leadA: SeededUser; staffA: SeededUser; ownerA: SeededUser; viewerA: SeededUser; leadB: SeededUser };
  /** Draft documents of municipality A, free for the tests to use (one per test). */
  documents: string[];
  /** A document of municipality A with status "approved". */
  approvedDocument: string;
  /** A document of municipality B. */
  otherMunicipalityDocument: string;
}

export interface StoredDocumentInfo {
  /** Rows in document_update not yet folded into document_state. */
  unmerged: number;
  mergedThrough: number;
  hasState: boolean;
  /** The whole stored document (state + log) as one Yjs update, base64. */
  state: string;
  versions: number;
}
