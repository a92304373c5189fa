/**
 * The id of the Høje-Taastrup demo map (`DEMO_MAP_ID` in seed/ids.ts, a UUIDv5). Copied as a
 * constant so the browser bundle does not carry the uuid library; tests/web checks they agree.
 */
export const DEMO_MAP_ID = '686e7b2b-ee03-50fc-b782-f263eb10740e';
