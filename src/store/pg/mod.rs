//! The PostgreSQL backend (cargo feature `postgres`, on by default).
//!
//! [`connect`] turns a `postgres://` URL and the `[store]` config into a [`connect::PgTarget`]
//! (hosts, user, database, where the password comes from, the TLS rules) and opens
//! connections with the session limits every twofa connection carries. [`PgConn`] runs the
//! query modules' SQL over one connection, with the statements it prepared, and the few places
//! where PostgreSQL's SQL differs from the SQLite the query modules are written in.

pub(crate) mod connect;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::{IsNull, ToSql, Type};

use super::sql::{DbError, DbResult, Param, ToParam, ValueRef};

/// An open PostgreSQL connection with its prepared statements, by their SQLite text.
pub(crate) struct PgConn {
    client: RefCell<postgres::Client>,
    /// Where it is connected to, and how.
    pub(crate) target: connect::PgTarget,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

/// A query is being run while another one's rows are still being read: the callers never do
/// this, so it is a bug, reported as an error rather than a panic.
fn busy() -> DbError {
    DbError::convert(
        0,
        "a query was started while another one's rows were being read",
    )
}

impl PgConn {
    pub(crate) fn new(client: postgres::Client, target: connect::PgTarget) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            target,
            statements: RefCell::new(HashMap::new()),
        }
    }

    fn client(&self) -> DbResult<std::cell::RefMut<'_, postgres::Client>> {
        self.client.try_borrow_mut().map_err(|_| busy())
    }

    /// The prepared statement for `sql` (prepared the first time it is used).
    fn statement(&self, sql: &str) -> DbResult<postgres::Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let statement = self.client()?.prepare(&translate(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    /// After a lost connection: connect again (the prepared statements went with the old
    /// connection).
    pub(crate) fn reconnect_if_closed(&self) -> Result<()> {
        let closed = self.client().map(|c| c.is_closed()).unwrap_or(false);
        if closed {
            let client = self.target.connect()?;
            *self.client.borrow_mut() = client;
            self.statements.borrow_mut().clear();
            self.client()
                .map_err(|e| crate::error::Error::Database {
                    path: PathBuf::from(self.target.redacted()),
                    message: e.to_string(),
                    hint: None,
                })?
                .batch_execute("SET search_path TO twofa")
                .map_err(|e| crate::error::Error::Database {
                    path: PathBuf::from(self.target.redacted()),
                    message: DbError::Pg(e).to_string(),
                    hint: None,
                })?;
        }
        Ok(())
    }

    pub(crate) fn batch(&self, sql: &str) -> DbResult<()> {
        Ok(self.client()?.batch_execute(sql)?)
    }

    pub(crate) fn execute(&self, sql: &str, params: &[&dyn ToParam]) -> DbResult<usize> {
        let statement = self.statement(sql)?;
        let values: Vec<Param<'_>> = params.iter().map(|p| p.param()).collect();
        let refs: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let n = self.client()?.execute(&statement, &refs)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    pub(crate) fn each(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        f: &mut dyn FnMut(&postgres::Row) -> DbResult<bool>,
    ) -> DbResult<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let statement = self.statement(sql)?;
        let values: Vec<Param<'_>> = params.iter().map(|p| p.param()).collect();
        let mut client = self.client()?;
        let mut rows = client.query_raw(&statement, values.iter().map(|v| v as &dyn ToSql))?;
        while let Some(row) = rows.next()? {
            if !f(&row)? {
                break;
            }
        }
        Ok(())
    }
}

/// The SQLite text of a query as PostgreSQL takes it: `?N` placeholders become `$N` (outside
/// quoted literals and identifiers), and SQLite's `group_concat(x, char(31))` becomes
/// `string_agg(x, chr(31))`. Everything else the query modules write is common SQL.
pub(crate) fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                '?' => out.push('$'),
                c => out.push(c),
            },
        }
    }
    out.replace("group_concat(", "string_agg(")
        .replace("char(31)", "chr(31)")
}

/// Column `i` of a PostgreSQL row, as one of the kinds both backends share.
pub(crate) fn value(r: &postgres::Row, i: usize) -> DbResult<ValueRef<'_>> {
    let Some(column) = r.columns().get(i) else {
        return Err(DbError::convert(i, "no such column"));
    };
    let int = |v: Option<i64>| v.map_or(ValueRef::Null, ValueRef::Int);
    Ok(match *column.type_() {
        Type::INT8 => int(r.try_get::<_, Option<i64>>(i)?),
        Type::INT4 => int(r.try_get::<_, Option<i32>>(i)?.map(i64::from)),
        Type::INT2 => int(r.try_get::<_, Option<i16>>(i)?.map(i64::from)),
        Type::BOOL => int(r.try_get::<_, Option<bool>>(i)?.map(i64::from)),
        Type::OID => int(r.try_get::<_, Option<u32>>(i)?.map(i64::from)),
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR => r
            .try_get::<_, Option<&str>>(i)?
            .map_or(ValueRef::Null, ValueRef::Text),
        Type::BYTEA => r
            .try_get::<_, Option<&[u8]>>(i)?
            .map_or(ValueRef::Null, ValueRef::Blob),
        ref other => {
            return Err(DbError::convert(
                i,
                format!("a column of type {other}, which twofa does not store"),
            ));
        }
    })
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Int(None) | Param::Text(None) | Param::Blob(None) => Ok(IsNull::Yes),
            // The server decides a parameter's type from where it stands; integers are bound
            // as whatever integer (or boolean) it asked for, refusing what does not fit.
            Param::Int(Some(v)) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().as_str().to_sql(ty, out),
                ref other => Err(format!("an integer cannot be bound as {other}").into()),
            },
            Param::Text(Some(t)) => t.to_sql(ty, out),
            Param::Blob(Some(b)) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

#[cfg(test)]
mod translate_tests {
    use super::translate;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            translate("SELECT '?1', x FROM t WHERE a = ?1 AND \"q?\" = ?12"),
            "SELECT '?1', x FROM t WHERE a = $1 AND \"q?\" = $12"
        );
        assert_eq!(
            translate("SELECT group_concat(name, char(31)) FROM g"),
            "SELECT string_agg(name, chr(31)) FROM g"
        );
    }
}

pub(crate) mod schema;

use std::path::PathBuf;

use super::{Opened, ServerInfo, Store};
use crate::error::{Error, Result};

// Both backends are at the same version, with the same meaning.
const _: () = assert!(schema::CURRENT_VERSION == super::schema::CURRENT_VERSION);

/// What `twofa.twofa_schema` says.
#[derive(Debug, Clone, Copy)]
struct SchemaRow {
    application_id: i64,
    version: i64,
    oldest_reader: i64,
}

impl Store {
    /// Open the twofa schema over a PostgreSQL connection to `target`; with `create`, create
    /// it where the database has none.
    ///
    /// A database whose schema is older than this build's is used only after an explicit
    /// `twofa db migrate` (a shared database is migrated once, on purpose, not by whichever
    /// host runs first); a newer one only while its oldest reader is not newer than this
    /// build.
    pub(crate) fn open_pg(
        client: postgres::Client,
        target: connect::PgTarget,
        create: bool,
        allow_older: bool,
    ) -> Result<Opened> {
        let store = Store {
            path: PathBuf::from(target.redacted()),
            conn: super::sql::Conn::Pg(Box::new(PgConn::new(client, target))),
            checkpoint_bytes: std::cell::Cell::new(u64::MAX),
            batch: std::cell::Cell::new(false),
        };
        store
            .conn
            .batch("SET search_path TO twofa")
            .map_err(|e| store.error(e))?;
        match store.pg_schema_row()? {
            Some(row) => {
                store.pg_check_schema(row, allow_older)?;
                Ok(Opened::Existing(store))
            }
            None if !create => Err(store.error_msg_hint(
                "this PostgreSQL database has no twofa schema".into(),
                "create it with `twofa init --db URL` (once, from one host)",
            )),
            None => match store.pg_create() {
                Ok(()) => Ok(Opened::Created(store)),
                // Another host created it at the same moment: use theirs.
                Err(e) => match store.pg_schema_row() {
                    Ok(Some(row)) => {
                        store.pg_check_schema(row, false)?;
                        Ok(Opened::Existing(store))
                    }
                    _ => Err(e),
                },
            },
        }
    }

    fn pg_schema_row(&self) -> Result<Option<SchemaRow>> {
        let exists: bool = self
            .conn
            .query_row(
                "SELECT to_regclass('twofa.twofa_schema') IS NOT NULL",
                super::sql::params![],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        if !exists {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT application_id, version, oldest_reader FROM twofa.twofa_schema",
                super::sql::params![],
                |r| {
                    Ok(SchemaRow {
                        application_id: r.get(0)?,
                        version: r.get(1)?,
                        oldest_reader: r.get(2)?,
                    })
                },
            )
            .map(Some)
            .map_err(|e| self.error(e))
    }

    /// Refuse a schema that is not twofa's, or that this build must not use.
    fn pg_check_schema(&self, row: SchemaRow, migrating: bool) -> Result<()> {
        if row.application_id != i64::from(super::APPLICATION_ID) {
            return Err(self.not_twofa("its schema `twofa` belongs to another program"));
        }
        let ours = schema::CURRENT_VERSION;
        if row.version > ours && row.oldest_reader > ours {
            return Err(self.error_msg_hint(
                format!(
                    "the database has schema version {}, which twofa releases older than schema {} cannot use (this one knows {ours})",
                    row.version, row.oldest_reader
                ),
                "upgrade twofa on this host",
            ));
        }
        if row.version < ours && !migrating {
            return Err(self.error_msg_hint(
                format!(
                    "the database has schema version {}, older than this twofa's ({ours})",
                    row.version
                ),
                "run `twofa db migrate` once, from one host; hosts still on the older release keep working during a rolling upgrade",
            ));
        }
        Ok(())
    }

    /// Create the schema at this build's version, in one transaction.
    fn pg_create(&self) -> Result<()> {
        let tx = self.begin(true)?;
        let ddl = format!(
            "CREATE SCHEMA twofa;
             CREATE TABLE twofa.twofa_schema (
                 application_id BIGINT NOT NULL,
                 version        BIGINT NOT NULL,
                 oldest_reader  BIGINT NOT NULL,
                 one            BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one)
             );
             INSERT INTO twofa.twofa_schema (application_id, version, oldest_reader)
                 VALUES ({}, {}, {});
             {}",
            super::APPLICATION_ID,
            schema::BASELINE_VERSION,
            schema::BASELINE_VERSION,
            schema::BASELINE
        );
        self.conn.batch(&ddl).map_err(|e| self.error(e))?;
        for (i, step) in schema::MIGRATIONS.iter().enumerate() {
            self.pg_step(schema::BASELINE_VERSION + 1 + i as i64, step)?;
        }
        tx.commit()
    }

    fn pg_step(&self, version: i64, step: &schema::Migration) -> Result<()> {
        self.conn
            .batch(step.sql)
            .map_err(|e| self.error_msg(format!("migration {version}: {e}")))?;
        self.conn
            .execute(
                "UPDATE twofa.twofa_schema SET version = ?1, oldest_reader = ?2",
                super::sql::params![version, schema::oldest_reader(version)],
            )
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// `twofa db migrate` on PostgreSQL: bring the schema to this build's version under a
    /// table lock, in one transaction. Returns the versions before and after.
    pub(crate) fn pg_migrate(&self) -> Result<(i64, i64)> {
        let tx = self.begin(true)?;
        self.conn
            .batch("SET LOCAL statement_timeout = 0; LOCK TABLE twofa.twofa_schema IN ACCESS EXCLUSIVE MODE")
            .map_err(|e| self.error(e))?;
        let Some(row) = self.pg_schema_row()? else {
            return Err(self.error_msg("this PostgreSQL database has no twofa schema".into()));
        };
        self.pg_check_schema(row, true)?;
        let from = row.version;
        for version in from + 1..=schema::CURRENT_VERSION {
            let step = &schema::MIGRATIONS[(version - schema::BASELINE_VERSION - 1) as usize];
            self.pg_step(version, step)?;
        }
        tx.commit()?;
        Ok((from, schema::CURRENT_VERSION.max(from)))
    }

    /// The version and oldest reader of the PostgreSQL schema.
    pub(crate) fn pg_schema_version(&self) -> Result<(i64, i64)> {
        match self.pg_schema_row()? {
            Some(row) => Ok((row.version, row.oldest_reader)),
            None => Err(self.error_msg("this PostgreSQL database has no twofa schema".into())),
        }
    }

    fn error_msg_hint(&self, message: String, hint: &str) -> Error {
        Error::Database {
            path: self.path.clone(),
            message,
            hint: Some(hint.into()),
        }
    }
}

/// Connect to the database at `url` and open its twofa schema.
pub(crate) fn open_url(
    url: &str,
    create: bool,
    settings: &crate::config::StoreConfig,
    origin: super::DbOrigin,
    allow_older: bool,
) -> Result<Opened> {
    let origin = match origin {
        super::DbOrigin::CommandLine => connect::UrlOrigin::CommandLine,
        super::DbOrigin::Environment => connect::UrlOrigin::Environment,
        super::DbOrigin::Config => connect::UrlOrigin::Config,
    };
    let target = connect::PgTarget::parse(url, origin, settings)?;
    let client = target.connect()?;
    Store::open_pg(client, target, create, allow_older)
}

impl Store {
    /// The server's version, TLS, and how far its clock is from this host's; `None` for
    /// SQLite.
    pub(crate) fn server_info(&self) -> Result<Option<ServerInfo>> {
        let super::sql::Conn::Pg(pg) = &self.conn else {
            return Ok(None);
        };
        let tls_in_use = connect::session_uses_tls(&mut *pg.client().map_err(|e| self.error(e))?)?;
        let before = unix_millis();
        let (version, server_ms): (String, i64) = self
            .conn
            .query_row(
                "SELECT current_setting('server_version'), CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT)",
                super::sql::params![],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.error(e))?;
        let after = unix_millis();
        let (_, oldest_reader) = self.pg_schema_version()?;
        Ok(Some(ServerInfo {
            version,
            tls: pg.target.describe_tls(),
            tls_in_use,
            clock_offset_ms: server_ms - (before + after) / 2,
            oldest_reader,
        }))
    }

    /// Open a PostgreSQL database whose schema may be older than this build's, for
    /// `twofa db migrate` alone.
    pub(crate) fn open_to_migrate(
        url: &str,
        settings: &crate::config::StoreConfig,
        origin: super::DbOrigin,
    ) -> Result<Store> {
        match open_url(url, false, settings, origin, true)? {
            Opened::Existing(s) | Opened::Created(s) => Ok(s),
        }
    }
}

/// This host's clock, in milliseconds since 1970: the real one, not the injected `Clock`,
/// since it is the host's clock that is compared with the server's.
fn unix_millis() -> i64 {
    #[allow(clippy::disallowed_methods)]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
