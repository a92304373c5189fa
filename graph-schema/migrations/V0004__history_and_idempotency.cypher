// The change history: every write records one Change per entity it touched, read by map, by
// entity and in order.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE INDEX change_map IF NOT EXISTS FOR (n:Change) ON (n.mapId);
CREATE INDEX change_entity IF NOT EXISTS FOR (n:Change) ON (n.mapId, n.entityId);
// Idempotency-Key of a POST: one stored reply per key, dropped after a day.
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE;
CREATE INDEX idempotency_created IF NOT EXISTS FOR (n:IdempotencyKey) ON (n.createdAt);
