// Name search (`?q=`) across every named entity; results are filtered by label and map.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Map|Actor|Initiative|Plan|Goal|Area|Forum) ON EACH [n.name, n.title];
