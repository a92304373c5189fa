import type { FastifyInstance } from 'fastify';
import { call, type Json } from './app.ts';

/** Builders of test data through the real API: `buildActor(app, mapId, { sector: 'residents' })`. */

async function post(app: FastifyInstance, url: string, body: Record<string, unknown>) {
  const response = await call(app, 'POST', url, body);
  if (response.status !== 201) {
    throw new Error(`POST ${url} → ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as Record<string, Json> & { id: string; version: number };
}

let counter = 0;
const next = () => ++counter;

export const buildActor = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) =>
  post(app, `/maps/${mapId}/actors`, { name: `Actor ${next()}`, sector: 'municipal', ...fields });

export const buildInitiative = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) =>
  post(app, `/maps/${mapId}/initiatives`, {
    title: `Initiative ${next()}`,
    status: 'active',
    ...fields,
  });

export const buildPlan = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) => post(app, `/maps/${mapId}/plans`, { title: `Plan ${next()}`, status: 'active', ...fields });

export const buildGoal = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) => post(app, `/maps/${mapId}/goals`, { title: `Goal ${next()}`, ...fields });

export const buildArea = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) => post(app, `/maps/${mapId}/areas`, { name: `Area ${next()}`, ...fields });

export const buildForum = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) =>
  post(app, `/maps/${mapId}/forums`, { name: `Forum ${next()}`, kind: 'partnership', ...fields });

export const buildCommitment = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown>,
) => post(app, `/maps/${mapId}/commitments`, { role: 'owner', status: 'agreed', ...fields });

export const buildCollaboration = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown>,
) => post(app, `/maps/${mapId}/collaborations`, { kind: 'partnership', ...fields });

export const buildMembership = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown>,
) => post(app, `/maps/${mapId}/memberships`, { role: 'member', ...fields });

export const buildStance = (app: FastifyInstance, mapId: string, fields: Record<string, unknown>) =>
  post(app, `/maps/${mapId}/stances`, { position: 'supports', ...fields });

export const buildMeeting = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) =>
  post(app, `/maps/${mapId}/meetings`, {
    title: `Meeting ${next()}`,
    date: '2026-03-01',
    kind: 'decision',
    status: 'held',
    ...fields,
  });

export const buildDecision = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) =>
  post(app, `/maps/${mapId}/decisions`, {
    title: `Decision ${next()}`,
    date: '2026-03-01',
    outcome: 'approved',
    ...fields,
  });

export const buildAction = (
  app: FastifyInstance,
  mapId: string,
  fields: Record<string, unknown> = {},
) => post(app, `/maps/${mapId}/actions`, { title: `Action ${next()}`, status: 'open', ...fields });
