-- Clinic mode, first schema: people, workbooks, versions, sharing, suggestions, notes, audit.
-- Run by the owner role (python -m workbook.store.migrate); the app connects as a member
-- of workbook_app, which is not the owner, so row-level security applies to every query.

DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'workbook_app') THEN
    CREATE ROLE workbook_app NOLOGIN;
  END IF;
END $$;

-- The acting person of this transaction (set_config('app.actor', key, true)); NULL if none.
CREATE FUNCTION app_actor() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.actor', true), '') $$;

CREATE TABLE actors (
    id           text PRIMARY KEY,          -- sha256 of issuer and subject (workbook.store.actor)
    issuer       text NOT NULL,
    subject      text NOT NULL,
    display_name text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);

CREATE TABLE workbooks (
    id         text PRIMARY KEY,
    owner      text NOT NULL REFERENCES actors(id),
    revision   integer NOT NULL,
    label      text NOT NULL,
    updated_at timestamptz NOT NULL,
    data       jsonb NOT NULL,
    questions  integer NOT NULL DEFAULT 0,
    deleted_at timestamptz
);
CREATE INDEX workbooks_owner ON workbooks (owner, updated_at DESC);

CREATE TABLE versions (
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    revision    integer NOT NULL,
    saved_at    timestamptz NOT NULL,
    data        jsonb NOT NULL,
    PRIMARY KEY (workbook_id, revision)
);
CREATE FUNCTION versions_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'versions are append-only'; END $$;
CREATE TRIGGER versions_append_only BEFORE UPDATE ON versions
    FOR EACH ROW EXECUTE FUNCTION versions_append_only();

CREATE TABLE grants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    grantee     text NOT NULL REFERENCES actors(id),
    role        text NOT NULL CHECK (role IN ('read', 'suggest', 'navigator')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX grants_one_active ON grants (workbook_id, grantee) WHERE revoked_at IS NULL;
CREATE INDEX grants_grantee ON grants (grantee) WHERE revoked_at IS NULL;

CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('read', 'suggest', 'navigator')),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),  -- SHA-256; the token is never stored
    created_by  text NOT NULL REFERENCES actors(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     text REFERENCES actors(id),
    revoked_at  timestamptz
);

CREATE TABLE suggestions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    author      text NOT NULL REFERENCES actors(id),
    section     text NOT NULL,
    text        text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_at  timestamptz
);

CREATE TABLE navigator_notes (
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    author      text NOT NULL REFERENCES actors(id),
    text        text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workbook_id, author)
);

-- Who did what, when: never health text (action and role are from fixed lists).
CREATE TABLE audit (
    id          bigserial PRIMARY KEY,
    workbook_id text NOT NULL REFERENCES workbooks(id) ON DELETE CASCADE,
    actor       text NOT NULL REFERENCES actors(id),
    action      text NOT NULL CHECK (action IN ('opened', 'changed', 'exported', 'shared', 'revoked',
                                                'invited', 'joined', 'suggested', 'decided', 'noted')),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_workbook ON audit (workbook_id, at DESC);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Checks that look across tables. SECURITY DEFINER (run as the owner) so a policy on one
-- table can ask about another without recursing through that table's own policies.
CREATE FUNCTION app_owns(wid text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS
$$ SELECT EXISTS (SELECT 1 FROM workbooks w WHERE w.id = wid AND w.owner = app_actor()) $$;

CREATE FUNCTION app_role_on(wid text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS
$$ SELECT g.role FROM grants g JOIN workbooks w ON w.id = g.workbook_id
   WHERE g.workbook_id = wid AND g.grantee = app_actor() AND g.revoked_at IS NULL
     AND w.deleted_at IS NULL $$;

CREATE FUNCTION app_can_read(wid text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS
$$ SELECT app_owns(wid) OR app_role_on(wid) IS NOT NULL $$;

CREATE FUNCTION app_knows(person text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS
$$ SELECT person = app_actor() OR EXISTS (
     SELECT 1 FROM grants g JOIN workbooks w ON w.id = g.workbook_id
     WHERE (w.owner = app_actor() AND g.grantee = person)
        OR (g.grantee = app_actor() AND g.revoked_at IS NULL AND w.owner = person)
     UNION ALL
     SELECT 1 FROM suggestions s JOIN workbooks w ON w.id = s.workbook_id
     WHERE w.owner = app_actor() AND s.author = person
     UNION ALL
     SELECT 1 FROM audit a JOIN workbooks w ON w.id = a.workbook_id
     WHERE w.owner = app_actor() AND a.actor = person) $$;

-- Accepting an invitation: the invitee cannot see the invitation row (it is not theirs),
-- so this one checked step runs as the owner. Single use: the row is locked, then marked.
-- Returns the workbook id, or NULL when the token is unknown, used, revoked or expired.
CREATE FUNCTION app_accept_invitation(hash bytea) RETURNS text LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE inv invitations%ROWTYPE;
BEGIN
  IF app_actor() IS NULL THEN RETURN NULL; END IF;
  SELECT * INTO inv FROM invitations WHERE token_hash = hash FOR UPDATE;
  IF NOT FOUND OR inv.used_at IS NOT NULL OR inv.revoked_at IS NOT NULL OR inv.expires_at <= now()
     OR NOT EXISTS (SELECT 1 FROM workbooks WHERE id = inv.workbook_id AND deleted_at IS NULL)
     OR EXISTS (SELECT 1 FROM workbooks WHERE id = inv.workbook_id AND owner = app_actor()) THEN
    RETURN NULL;
  END IF;
  UPDATE invitations SET used_at = now(), used_by = app_actor() WHERE id = inv.id;
  UPDATE grants SET revoked_at = now()
   WHERE workbook_id = inv.workbook_id AND grantee = app_actor() AND revoked_at IS NULL;
  INSERT INTO grants (workbook_id, grantee, role) VALUES (inv.workbook_id, app_actor(), inv.role);
  INSERT INTO audit (workbook_id, actor, action) VALUES (inv.workbook_id, app_actor(), 'joined');
  RETURN inv.workbook_id;
END $$;

REVOKE ALL ON FUNCTION app_owns(text), app_role_on(text), app_can_read(text), app_knows(text),
    app_accept_invitation(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_actor(), app_owns(text), app_role_on(text), app_can_read(text),
    app_knows(text), app_accept_invitation(bytea) TO workbook_app;

-- Privileges: only what the app does. No UPDATE on versions or audit, no DELETE on grants.
GRANT SELECT, INSERT, UPDATE ON actors TO workbook_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON workbooks TO workbook_app;
GRANT SELECT, INSERT, DELETE ON versions TO workbook_app;
GRANT SELECT, UPDATE ON grants TO workbook_app;
GRANT SELECT, INSERT, UPDATE ON invitations TO workbook_app;
GRANT SELECT, INSERT, UPDATE ON suggestions TO workbook_app;
GRANT SELECT, INSERT, UPDATE ON navigator_notes TO workbook_app;
GRANT SELECT, INSERT ON audit TO workbook_app;
GRANT USAGE ON SEQUENCE audit_id_seq TO workbook_app;

ALTER TABLE actors ENABLE ROW LEVEL SECURITY;
ALTER TABLE workbooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE suggestions ENABLE ROW LEVEL SECURITY;
ALTER TABLE navigator_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;

CREATE POLICY actors_seen ON actors FOR SELECT TO workbook_app USING (app_knows(id));
CREATE POLICY actors_self_in ON actors FOR INSERT TO workbook_app WITH CHECK (id = app_actor());
CREATE POLICY actors_self_up ON actors FOR UPDATE TO workbook_app
    USING (id = app_actor()) WITH CHECK (id = app_actor());

-- A workbook: the owner does everything; someone it is shared with only reads (not deleted).
CREATE POLICY workbooks_read ON workbooks FOR SELECT TO workbook_app
    USING (owner = app_actor() OR (deleted_at IS NULL AND app_role_on(id) IS NOT NULL));
CREATE POLICY workbooks_insert ON workbooks FOR INSERT TO workbook_app WITH CHECK (owner = app_actor());
CREATE POLICY workbooks_update ON workbooks FOR UPDATE TO workbook_app
    USING (owner = app_actor()) WITH CHECK (owner = app_actor());
CREATE POLICY workbooks_delete ON workbooks FOR DELETE TO workbook_app USING (owner = app_actor());

-- Earlier versions: the owner's alone.
CREATE POLICY versions_owner ON versions FOR ALL TO workbook_app
    USING (app_owns(workbook_id)) WITH CHECK (app_owns(workbook_id));

CREATE POLICY grants_read ON grants FOR SELECT TO workbook_app
    USING (app_owns(workbook_id) OR (grantee = app_actor() AND revoked_at IS NULL));
CREATE POLICY grants_revoke ON grants FOR UPDATE TO workbook_app
    USING (app_owns(workbook_id)) WITH CHECK (app_owns(workbook_id));

CREATE POLICY invitations_owner ON invitations FOR ALL TO workbook_app
    USING (app_owns(workbook_id)) WITH CHECK (app_owns(workbook_id) AND created_by = app_actor());

CREATE POLICY suggestions_read ON suggestions FOR SELECT TO workbook_app
    USING (app_owns(workbook_id) OR (author = app_actor() AND app_role_on(workbook_id) = 'suggest'));
CREATE POLICY suggestions_insert ON suggestions FOR INSERT TO workbook_app
    WITH CHECK (author = app_actor() AND app_role_on(workbook_id) = 'suggest' AND status = 'pending');
CREATE POLICY suggestions_decide ON suggestions FOR UPDATE TO workbook_app
    USING (app_owns(workbook_id)) WITH CHECK (app_owns(workbook_id));

CREATE POLICY notes_read ON navigator_notes FOR SELECT TO workbook_app
    USING (app_owns(workbook_id) OR (author = app_actor() AND app_role_on(workbook_id) = 'navigator'));
CREATE POLICY notes_insert ON navigator_notes FOR INSERT TO workbook_app
    WITH CHECK (author = app_actor() AND app_role_on(workbook_id) = 'navigator');
CREATE POLICY notes_update ON navigator_notes FOR UPDATE TO workbook_app
    USING (author = app_actor() AND app_role_on(workbook_id) = 'navigator')
    WITH CHECK (author = app_actor() AND app_role_on(workbook_id) = 'navigator');

-- The audit trail: the owner reads all of it; others only their own lines while the
-- workbook is shared with them; each writes only their own lines, about a workbook they can see.
CREATE POLICY audit_read ON audit FOR SELECT TO workbook_app
    USING (app_owns(workbook_id) OR (actor = app_actor() AND app_can_read(workbook_id)));
CREATE POLICY audit_insert ON audit FOR INSERT TO workbook_app
    WITH CHECK (actor = app_actor() AND app_can_read(workbook_id));
