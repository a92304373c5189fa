// Saved views: unique ids, read by map.
CREATE CONSTRAINT view_id IF NOT EXISTS FOR (n:View) REQUIRE n.id IS UNIQUE;
CREATE INDEX view_map IF NOT EXISTS FOR (n:View) ON (n.mapId);
// Name search (`?q=`) of the saved views: an index of their own, as the records have (V0006).
CREATE FULLTEXT INDEX view_names IF NOT EXISTS FOR (n:View) ON EACH [n.name];
