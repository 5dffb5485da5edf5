//! The schema, as ordered migrations. Append only: never edit a migration that has shipped;
//! add the next one. `PRAGMA user_version` holds how many have run.

/// The schema version this build writes.
pub(crate) const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: users, groups, TOTP factors, lockout, audit.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        username   TEXT NOT NULL UNIQUE,
        email      TEXT,
        phone      TEXT,
        disabled   INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE groups (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE memberships (
        user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, group_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX memberships_by_group ON memberships (group_id, user_id);

    CREATE TABLE factors (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'active')),
        algorithm     TEXT,
        digits        INTEGER,
        period        INTEGER,
        key_id        TEXT,
        sealed_secret BLOB,
        last_step     INTEGER,
        created_at    INTEGER NOT NULL,
        confirmed_at  INTEGER,
        last_used_at  INTEGER
    ) STRICT;
    CREATE INDEX factors_by_user ON factors (user_id, kind);

    CREATE TABLE failures (
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        at      INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX failures_by_user ON failures (user_id, at);

    CREATE TABLE locks (
        user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        locked_until INTEGER,
        lockouts     INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE audit (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        username  TEXT,
        outcome   TEXT NOT NULL,
        source    TEXT,
        detail    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_user ON audit (username, id);
    CREATE INDEX audit_by_time ON audit (at);
    "#,
    // 2: email and SMS factors (their address), codes sent to them, recovery codes.
    r#"
    ALTER TABLE factors ADD COLUMN destination TEXT;

    CREATE TABLE codes (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        factor_id  INTEGER NOT NULL REFERENCES factors (id) ON DELETE CASCADE,
        code_hash  BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0,
        state      TEXT NOT NULL CHECK (state IN ('sending', 'valid', 'used', 'dead'))
    ) STRICT;
    CREATE INDEX codes_by_user ON codes (user_id, created_at);

    CREATE TABLE recovery_codes (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash  BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        used_at    INTEGER
    ) STRICT;
    CREATE INDEX recovery_by_user ON recovery_codes (user_id);
    "#,
    // 3: passwords, enforcement policies, sessions and login challenges.
    r#"
    ALTER TABLE users ADD COLUMN password_hash TEXT;
    ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

    CREATE TABLE policies (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id       INTEGER UNIQUE REFERENCES groups (id) ON DELETE CASCADE,
        required       INTEGER NOT NULL,
        methods        TEXT,
        grace          INTEGER,
        required_since INTEGER,
        updated_at     INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX policies_one_global ON policies ((group_id IS NULL)) WHERE group_id IS NULL;

    CREATE TABLE sessions (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash   BLOB NOT NULL UNIQUE,
        bind_hash    BLOB,
        method       TEXT,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        revoked_at   INTEGER
    ) STRICT;
    CREATE INDEX sessions_by_user ON sessions (user_id);

    CREATE TABLE challenges (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
    ) STRICT;
    "#,
    // 4: a support reset can grant a fresh grace period.
    r#"
    ALTER TABLE users ADD COLUMN grace_until INTEGER;
    "#,
    // 5: the integrity key (rows and audit records tagged under a key sealed by the master
    // key). The key itself is made by the library on open, which this mark asks for.
    r#"
    INSERT INTO meta (key, value) VALUES ('integrity', 'pending');
    "#,
    // 6: integrity tags: a user's over their row, memberships, factors and recovery codes;
    // one per session, login challenge and sent code (the policy set's lives in `meta`).
    r#"
    ALTER TABLE users ADD COLUMN tag BLOB;
    ALTER TABLE sessions ADD COLUMN tag BLOB;
    ALTER TABLE challenges ADD COLUMN tag BLOB;
    ALTER TABLE codes ADD COLUMN tag BLOB;
    "#,
    // 7: throttling per source and kind (second factor or password), and a hard limit of
    // consecutive second-factor failures per user (`streak`), instead of one doubling lock
    // per user that any anonymous caller could trigger.
    r#"
    CREATE TABLE throttles (
        user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('code', 'password')),
        source          TEXT NOT NULL,
        failures        INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL,
        blocked_until   INTEGER,
        PRIMARY KEY (user_id, kind, source)
    ) STRICT, WITHOUT ROWID;
    ALTER TABLE locks ADD COLUMN streak INTEGER NOT NULL DEFAULT 0;
    "#,
    // 8: retired master keys. A process that read the key ring before a rotation still
    // seals under the old primary; once that key is retired, the database itself refuses
    // such a seal (the write fails) instead of keeping a secret no key file opens.
    r#"
    CREATE TABLE retired_keys (
        key_id     TEXT PRIMARY KEY,
        retired_at INTEGER NOT NULL
    ) STRICT;
    CREATE TRIGGER factors_never_under_a_retired_key_insert
    BEFORE INSERT ON factors
    WHEN NEW.key_id IN (SELECT key_id FROM retired_keys)
    BEGIN SELECT RAISE(ABORT, 'sealed under a retired key'); END;
    CREATE TRIGGER factors_never_under_a_retired_key_update
    BEFORE UPDATE OF key_id, sealed_secret ON factors
    WHEN NEW.key_id IN (SELECT key_id FROM retired_keys)
    BEGIN SELECT RAISE(ABORT, 'sealed under a retired key'); END;
    CREATE TRIGGER meta_never_under_a_retired_key
    BEFORE INSERT ON meta
    WHEN NEW.key IN ('code_hash_key', 'integrity_key')
        AND instr(NEW.value, ':') > 0
        AND substr(NEW.value, 1, instr(NEW.value, ':') - 1) IN (SELECT key_id FROM retired_keys)
    BEGIN SELECT RAISE(ABORT, 'sealed under a retired key'); END;
    CREATE TRIGGER meta_never_under_a_retired_key_update
    BEFORE UPDATE ON meta
    WHEN NEW.key IN ('code_hash_key', 'integrity_key')
        AND instr(NEW.value, ':') > 0
        AND substr(NEW.value, 1, instr(NEW.value, ':') - 1) IN (SELECT key_id FROM retired_keys)
    BEGIN SELECT RAISE(ABORT, 'sealed under a retired key'); END;
    "#,
    // 9: each factor's issuer as given at enrollment or import (`enroll totp --issuer`, the
    // source's issuer), so that `factor export` writes it back instead of the config's.
    // NULL for factors enrolled before: they get the config's issuer, as before.
    r#"
    ALTER TABLE factors ADD COLUMN issuer TEXT;
    "#,
    // 10: `twofa serve`: API tokens for its callers (stored as SHA-256 of the token) and
    // one-time self-enrollment links (likewise), each row with an integrity tag.
    r#"
    CREATE TABLE api_tokens (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        token_hash BLOB NOT NULL UNIQUE,
        scopes     TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER,
        tag        BLOB
    ) STRICT;
    CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;

    CREATE TABLE enroll_links (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        factor_id  INTEGER,
        used_at    INTEGER,
        tag        BLOB
    ) STRICT;
    CREATE INDEX enroll_links_by_user ON enroll_links (user_id);
    "#,
    // 11: a requirement of the user's own (`user set USER --require-2fa [--grace D]`):
    // since when, and the grace counted from then. NULL: none. Under the user's integrity
    // tag, so that a writer without the key cannot lift it.
    r#"
    ALTER TABLE users ADD COLUMN required_since INTEGER;
    ALTER TABLE users ADD COLUMN required_grace INTEGER;
    "#,
    // 12: the key ids secrets are sealed under, found without reading every factor: each
    // open checks that the key file holds them all, which scanned the whole table (110 ms
    // at a million factors, on every verify).
    r#"
    CREATE INDEX factors_by_key ON factors (key_id) WHERE sealed_secret IS NOT NULL;
    "#,
];
