// People and access (docs/access.md). Every secret is stored only as a SHA-256 hash
// (`tokenHash`), and passwords as argon2id hashes; lookups are by hash.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_email IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT session_token IF NOT EXISTS FOR (n:Session) REQUIRE n.tokenHash IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_token IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.tokenHash IS UNIQUE;
CREATE CONSTRAINT share_link_id IF NOT EXISTS FOR (n:ShareLink) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT share_link_token IF NOT EXISTS FOR (n:ShareLink) REQUIRE n.tokenHash IS UNIQUE;
CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT invitation_token IF NOT EXISTS FOR (n:Invitation) REQUIRE n.tokenHash IS UNIQUE;
CREATE CONSTRAINT sign_in_link_id IF NOT EXISTS FOR (n:SignInLink) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sign_in_link_token IF NOT EXISTS FOR (n:SignInLink) REQUIRE n.tokenHash IS UNIQUE;
// A map's share links go with the map when it is deleted (MAP_CONTENT_LABELS).
CREATE INDEX share_link_map IF NOT EXISTS FOR (n:ShareLink) ON (n.mapId);
