//! The database itself: which backend, its schema and server (`db status`), explicit schema
//! migrations for a shared database (`db migrate`), and moving a site between backends
//! (`db copy`).

use std::path::Path;

use serde::Serialize;

use super::{OpenOptions, Twofa};
use crate::error::Result;
use crate::store::{DbOrigin, Opened, Store};

/// `db status`.
#[derive(Debug, Clone, Serialize)]
pub struct DbStatus {
    /// `sqlite` or `postgresql`.
    pub backend: &'static str,
    /// The file, or the URL without a password.
    pub database: String,
    /// The schema version (the same numbers on both backends).
    pub schema_version: i64,
    /// PostgreSQL: the oldest schema version whose twofa can still use this database.
    pub oldest_reader: Option<i64>,
    /// PostgreSQL: the server's version.
    pub server_version: Option<String>,
    /// PostgreSQL: TLS as configured.
    pub tls: Option<String>,
    /// PostgreSQL: whether this connection is encrypted.
    pub tls_in_use: Option<bool>,
    /// PostgreSQL: the server's clock minus this host's, in milliseconds.
    pub clock_offset_ms: Option<i64>,
}

/// `db migrate`.
#[derive(Debug, Clone, Serialize)]
pub struct DbMigration {
    /// The file, or the URL without a password.
    pub database: String,
    /// The schema version before.
    pub from_version: i64,
    /// The schema version now.
    pub to_version: i64,
}

/// Rows of one table, for `db copy`.
#[derive(Debug, Clone, Serialize)]
pub struct TableRows {
    /// The table.
    pub table: String,
    /// Rows copied.
    pub rows: u64,
}

/// `db copy`.
#[derive(Debug, Clone, Serialize)]
pub struct DbCopy {
    /// The source database.
    pub from: String,
    /// The new copy.
    pub to: String,
    /// Rows per table.
    pub tables: Vec<TableRows>,
    /// Audit rows, checked in the copy under the integrity key before it committed.
    pub audit_rows: u64,
    /// The chain's head, the same in both.
    pub audit_head: String,
}

/// How far a host's clock may be from the PostgreSQL server's before `check` warns: lockout
/// windows, code expiry and sessions compare times written by different hosts.
pub const CLOCK_WARN_MS: i64 = 5_000;

impl Twofa {
    /// The backend, schema and (on PostgreSQL) server of the open database.
    pub fn db_status(&self) -> Result<DbStatus> {
        let store = self.store();
        let schema_version = store.schema_version()?;
        let server = store.server_info()?;
        Ok(DbStatus {
            backend: if store.is_pg() {
                "postgresql"
            } else {
                "sqlite"
            },
            database: self.db_path().display().to_string(),
            schema_version,
            oldest_reader: server.as_ref().map(|s| s.oldest_reader),
            server_version: server.as_ref().map(|s| s.version.clone()),
            tls: server.as_ref().map(|s| s.tls.clone()),
            tls_in_use: server.as_ref().map(|s| s.tls_in_use),
            clock_offset_ms: server.as_ref().map(|s| s.clock_offset_ms),
        })
    }

    /// Copy every user, factor, code, session, policy and the whole audit chain into a new
    /// database at `to` (an SQLite path or a PostgreSQL URL, of the other backend or the
    /// same), checked there under the integrity key before it commits. A target that
    /// already holds a twofa database is refused, so running it twice changes nothing.
    /// The key is not copied: the new database opens with the same key file.
    pub fn copy_database(&self, to: &Path, origin: DbOrigin) -> Result<DbCopy> {
        let key = self.integrity()?;
        let target = match Store::open_with(to, true, &self.config().store, origin)? {
            Opened::Created(s) | Opened::Existing(s) => s,
        };
        let copied = self.store().copy_into(&target, key)?;
        Ok(DbCopy {
            from: self.db_path().display().to_string(),
            to: target.path().display().to_string(),
            tables: copied
                .tables
                .into_iter()
                .map(|(table, rows)| TableRows {
                    table: table.to_string(),
                    rows,
                })
                .collect(),
            audit_rows: copied.audit_rows,
            audit_head: copied.audit_head,
        })
    }
}

/// Bring the database's schema to this build's version. On PostgreSQL this is the only way
/// a schema changes (under a table lock, in one transaction): hosts share it, so it happens
/// once, on purpose. An SQLite file is upgraded whenever a newer twofa opens it; here that
/// is done and said.
pub fn migrate_database(options: &OpenOptions) -> Result<DbMigration> {
    #[cfg(feature = "postgres")]
    if let Some(url) = options
        .db
        .to_str()
        .filter(|s| crate::store::is_postgres_url(s))
    {
        let store = Store::open_to_migrate(url, &options.config.store, options.db_origin)?;
        let (from, to) = store.pg_migrate()?;
        return Ok(DbMigration {
            database: store.path().display().to_string(),
            from_version: from,
            to_version: to,
        });
    }
    let from = crate::store::sqlite_schema_version(&options.db)?;
    let store = match Store::open(&options.db, false)? {
        Opened::Created(s) | Opened::Existing(s) => s,
    };
    Ok(DbMigration {
        database: store.path().display().to_string(),
        from_version: from,
        to_version: store.schema_version()?,
    })
}
