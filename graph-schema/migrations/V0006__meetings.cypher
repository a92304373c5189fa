// Meetings, decisions and follow-up actions: unique ids, read by map, listed by status.
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.id IS UNIQUE;
CREATE INDEX meeting_map IF NOT EXISTS FOR (n:Meeting) ON (n.mapId);
CREATE INDEX decision_map IF NOT EXISTS FOR (n:Decision) ON (n.mapId);
CREATE INDEX action_map IF NOT EXISTS FOR (n:Action) ON (n.mapId);
CREATE INDEX action_status IF NOT EXISTS FOR (n:Action) ON (n.mapId, n.status);
// Title search (`?q=`) of the records. A full-text index cannot take new labels, and dropping
// `entity_names` to make it again would break searches while it is rebuilt, so they get their own.
CREATE FULLTEXT INDEX record_titles IF NOT EXISTS FOR (n:Meeting|Decision|Action) ON EACH [n.title];
