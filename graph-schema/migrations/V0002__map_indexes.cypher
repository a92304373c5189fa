// Everything is read by map: one index on mapId per label and per fact type.
CREATE INDEX actor_map IF NOT EXISTS FOR (n:Actor) ON (n.mapId);
CREATE INDEX initiative_map IF NOT EXISTS FOR (n:Initiative) ON (n.mapId);
CREATE INDEX plan_map IF NOT EXISTS FOR (n:Plan) ON (n.mapId);
CREATE INDEX goal_map IF NOT EXISTS FOR (n:Goal) ON (n.mapId);
CREATE INDEX area_map IF NOT EXISTS FOR (n:Area) ON (n.mapId);
CREATE INDEX forum_map IF NOT EXISTS FOR (n:Forum) ON (n.mapId);
CREATE INDEX committed_to_map IF NOT EXISTS FOR ()-[r:COMMITTED_TO]-() ON (r.mapId);
CREATE INDEX collaborates_with_map IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() ON (r.mapId);
CREATE INDEX member_of_map IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.mapId);
CREATE INDEX stance_map IF NOT EXISTS FOR ()-[r:STANCE]-() ON (r.mapId);
CREATE INDEX actor_sector IF NOT EXISTS FOR (n:Actor) ON (n.mapId, n.sector);
CREATE INDEX initiative_status IF NOT EXISTS FOR (n:Initiative) ON (n.mapId, n.status);
