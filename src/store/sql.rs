//! The one way the query modules reach a database, whichever backend holds it.
//!
//! Queries are written once, in the SQL both SQLite and PostgreSQL understand, with `?N`
//! placeholders; [`Conn`] runs them on the open backend (turning `?N` into `$N` for
//! PostgreSQL, see `pg::translate`), binds [`Param`]s and hands rows out as [`Row`]s whose
//! values are the four kinds both backends share: NULL, integer, text and blob. Booleans
//! and integers of every width are stored as 64-bit integers on both, so a row reads back the
//! same (and carries the same integrity tag) wherever it lives.

use std::fmt;

/// What a query can fail with, before it becomes a [`crate::error::Error`].
#[derive(Debug)]
pub(crate) enum DbError {
    Sqlite(rusqlite::Error),
    #[cfg(feature = "postgres")]
    Pg(postgres::Error),
    /// `query_row` found no row.
    NoRow,
    /// A column held a value of the wrong kind (or one no enrollment could have made).
    Convert {
        column: usize,
        message: String,
    },
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Sqlite(e) => e.fmt(f),
            #[cfg(feature = "postgres")]
            DbError::Pg(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}: {}", db.code().code(), db.message()),
                None => e.fmt(f),
            },
            DbError::NoRow => f.write_str("the query returned no row"),
            DbError::Convert { column, message } => write!(f, "column {column}: {message}"),
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbError::NoRow,
            e => DbError::Sqlite(e),
        }
    }
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Pg(e)
    }
}

impl DbError {
    /// Whether the failure rolled the transaction back for certain, so that running it again
    /// is safe: a PostgreSQL serialization failure (40001) or deadlock (40P01), or a
    /// connection that was closed (the commit was then never sent: commits report their own
    /// errors apart and are never retried).
    pub(crate) fn rolled_back(&self) -> bool {
        match self {
            #[cfg(feature = "postgres")]
            DbError::Pg(e) => {
                e.is_closed()
                    || e.code().is_some_and(|c| {
                        *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
                            || *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                    })
            }
            _ => false,
        }
    }

    /// A value that does not fit what the column should hold.
    pub(crate) fn convert(column: usize, message: impl Into<String>) -> DbError {
        DbError::Convert {
            column,
            message: message.into(),
        }
    }
}

pub(crate) type DbResult<T> = std::result::Result<T, DbError>;

/// `query_row`'s "no row" as `None`, like rusqlite's `OptionalExtension`.
pub(crate) trait Optional<T> {
    fn optional(self) -> DbResult<Option<T>>;
}

impl<T> Optional<T> for DbResult<T> {
    fn optional(self) -> DbResult<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRow) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A bound parameter. NULLs keep their kind, so that PostgreSQL can be told what they are.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
    Blob(Option<&'a [u8]>),
}

/// A value that can be bound to a `?N`.
pub(crate) trait ToParam {
    fn param(&self) -> Param<'_>;
}

/// The kind of a bindable type, for its NULL (`None` of an `Option`).
pub(crate) trait Kind {
    const NULL: Param<'static>;
}

macro_rules! param_kinds {
    ($($t:ty => $null:expr, |$v:ident| $param:expr;)*) => {$(
        impl ToParam for $t {
            fn param(&self) -> Param<'_> {
                let $v = self;
                $param
            }
        }
        impl Kind for $t {
            const NULL: Param<'static> = $null;
        }
    )*};
}

// Every integer twofa stores fits in an i64; one that does not saturates rather than wrapping
// into a different (possibly smaller) number.
param_kinds! {
    i64 => Param::Int(None), |v| Param::Int(Some(*v));
    i32 => Param::Int(None), |v| Param::Int(Some(i64::from(*v)));
    u32 => Param::Int(None), |v| Param::Int(Some(i64::from(*v)));
    u8 => Param::Int(None), |v| Param::Int(Some(i64::from(*v)));
    u64 => Param::Int(None), |v| Param::Int(Some(i64::try_from(*v).unwrap_or(i64::MAX)));
    usize => Param::Int(None), |v| Param::Int(Some(i64::try_from(*v).unwrap_or(i64::MAX)));
    bool => Param::Int(None), |v| Param::Int(Some(i64::from(*v)));
    str => Param::Text(None), |v| Param::Text(Some(v));
    String => Param::Text(None), |v| Param::Text(Some(v));
    [u8] => Param::Blob(None), |v| Param::Blob(Some(v));
    Vec<u8> => Param::Blob(None), |v| Param::Blob(Some(v));
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn param(&self) -> Param<'_> {
        (**self).param()
    }
}

impl<T: Kind + ?Sized> Kind for &T {
    const NULL: Param<'static> = T::NULL;
}

impl<T: ToParam + Kind> ToParam for Option<T> {
    fn param(&self) -> Param<'_> {
        match self {
            Some(v) => v.param(),
            None => T::NULL,
        }
    }
}

impl<T: Kind> Kind for Option<T> {
    const NULL: Param<'static> = T::NULL;
}

/// `params![a, b]`: the parameters of one query, in `?1, ?2` order.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::store::sql::ToParam]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::store::sql::ToParam),+] as &[&dyn $crate::store::sql::ToParam]
    };
}
pub(crate) use params;

/// One column value, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ValueRef<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A column value of one's own (a row copied from one database to another).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl ValueRef<'_> {
    pub(crate) fn to_owned(self) -> Value {
        match self {
            ValueRef::Null => Value::Null,
            ValueRef::Int(i) => Value::Int(i),
            ValueRef::Text(t) => Value::Text(t.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }
}

impl ToParam for Value {
    fn param(&self) -> Param<'_> {
        match self {
            // Both backends take an untyped NULL for a column of any type.
            Value::Null => Param::Int(None),
            Value::Int(i) => Param::Int(Some(*i)),
            Value::Text(t) => Param::Text(Some(t)),
            Value::Blob(b) => Param::Blob(Some(b)),
        }
    }
}

/// A value read out of a column.
pub(crate) trait FromValue<'a>: Sized {
    fn from_value(column: usize, v: ValueRef<'a>) -> DbResult<Self>;
}

fn wrong(column: usize, want: &str, got: ValueRef<'_>) -> DbError {
    let got = match got {
        ValueRef::Null => "NULL",
        ValueRef::Int(_) => "an integer",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "a blob",
    };
    DbError::convert(column, format!("expected {want}, found {got}"))
}

macro_rules! int_value {
    ($($t:ty),*) => {$(
        impl FromValue<'_> for $t {
            fn from_value(column: usize, v: ValueRef<'_>) -> DbResult<Self> {
                match v {
                    ValueRef::Int(i) => <$t>::try_from(i).map_err(|_| {
                        DbError::convert(column, format!("{i} is out of range for {}", stringify!($t)))
                    }),
                    other => Err(wrong(column, "an integer", other)),
                }
            }
        }
    )*};
}
int_value!(i64, i32, u32, u8, u64, usize);

impl FromValue<'_> for bool {
    fn from_value(column: usize, v: ValueRef<'_>) -> DbResult<Self> {
        match v {
            ValueRef::Int(i) => Ok(i != 0),
            other => Err(wrong(column, "a boolean", other)),
        }
    }
}

impl FromValue<'_> for String {
    fn from_value(column: usize, v: ValueRef<'_>) -> DbResult<Self> {
        match v {
            ValueRef::Text(t) => Ok(t.to_string()),
            other => Err(wrong(column, "text", other)),
        }
    }
}

impl<'a> FromValue<'a> for &'a str {
    fn from_value(column: usize, v: ValueRef<'a>) -> DbResult<Self> {
        match v {
            ValueRef::Text(t) => Ok(t),
            other => Err(wrong(column, "text", other)),
        }
    }
}

impl FromValue<'_> for Vec<u8> {
    fn from_value(column: usize, v: ValueRef<'_>) -> DbResult<Self> {
        match v {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            other => Err(wrong(column, "a blob", other)),
        }
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Option<T> {
    fn from_value(column: usize, v: ValueRef<'a>) -> DbResult<Self> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_value(column, v).map(Some),
        }
    }
}

/// One row of a result.
pub(crate) struct Row<'r>(RowInner<'r>);

enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    #[cfg(feature = "postgres")]
    Pg(&'r postgres::Row),
}

impl<'r> Row<'r> {
    /// How many columns the row has.
    pub(crate) fn len(&self) -> usize {
        match &self.0 {
            RowInner::Sqlite(r) => r.as_ref().column_count(),
            #[cfg(feature = "postgres")]
            RowInner::Pg(r) => r.len(),
        }
    }

    /// Column `i` as a `T`.
    pub(crate) fn get<T: FromValue<'r>>(&self, i: usize) -> DbResult<T> {
        T::from_value(i, self.value(i)?)
    }

    /// Column `i` as it is stored.
    pub(crate) fn value(&self, i: usize) -> DbResult<ValueRef<'r>> {
        match &self.0 {
            RowInner::Sqlite(r) => Ok(match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => ValueRef::Null,
                rusqlite::types::ValueRef::Integer(n) => ValueRef::Int(n),
                rusqlite::types::ValueRef::Text(t) => ValueRef::Text(
                    std::str::from_utf8(t)
                        .map_err(|_| DbError::convert(i, "text that is not UTF-8"))?,
                ),
                rusqlite::types::ValueRef::Blob(b) => ValueRef::Blob(b),
                rusqlite::types::ValueRef::Real(_) => {
                    return Err(DbError::convert(i, "a floating-point value"));
                }
            }),
            #[cfg(feature = "postgres")]
            RowInner::Pg(r) => super::pg::value(r, i),
        }
    }
}

/// An open connection to one backend.
pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    #[cfg(feature = "postgres")]
    Pg(Box<super::pg::PgConn>),
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as V};
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Int(Some(i)) => V::Integer(i),
            Param::Text(Some(t)) => V::Text(t.as_bytes()),
            Param::Blob(Some(b)) => V::Blob(b),
            Param::Int(None) | Param::Text(None) | Param::Blob(None) => V::Null,
        }))
    }
}

fn sqlite_params<'p>(params: &'p [&'p dyn ToParam]) -> impl rusqlite::Params + 'p {
    rusqlite::params_from_iter(params.iter().map(|p| p.param()))
}

impl Conn {
    /// Whether this is a PostgreSQL connection (for the few statements that differ).
    pub(crate) fn is_pg(&self) -> bool {
        !matches!(self, Conn::Sqlite(_))
    }

    /// Run statements that take no parameters (schema steps, `BEGIN`).
    pub(crate) fn batch(&self, sql: &str) -> DbResult<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            #[cfg(feature = "postgres")]
            Conn::Pg(c) => c.batch(sql),
        }
    }

    /// Run one statement; the number of rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: &[&dyn ToParam]) -> DbResult<usize> {
        match self {
            Conn::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(sqlite_params(params))?),
            #[cfg(feature = "postgres")]
            Conn::Pg(c) => c.execute(sql, params),
        }
    }

    /// Run an `INSERT` and return the new row's `id` (the statement gets `RETURNING id`).
    pub(crate) fn insert(&self, sql: &str, params: &[&dyn ToParam]) -> DbResult<i64> {
        self.query_row(&format!("{sql} RETURNING id"), params, |r| r.get(0))
    }

    /// Hand each row of a query to `f`, in order, without holding them all; stops early
    /// when `f` returns `false`.
    pub(crate) fn each(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        mut f: impl FnMut(&Row<'_>) -> DbResult<bool>,
    ) -> DbResult<()> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(sqlite_params(params))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row(RowInner::Sqlite(r)))? {
                        break;
                    }
                }
                Ok(())
            }
            #[cfg(feature = "postgres")]
            Conn::Pg(c) => c.each(sql, params, &mut |r| f(&Row(RowInner::Pg(r)))),
        }
    }

    /// Every row of a query, mapped by `f`.
    pub(crate) fn query_map<T>(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        mut f: impl FnMut(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, |r| {
            out.push(f(r)?);
            Ok(true)
        })?;
        Ok(out)
    }

    /// The first row of a query, mapped by `f`; [`DbError::NoRow`] when there is none.
    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        f: impl FnOnce(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<T> {
        let mut f = Some(f);
        let mut out = None;
        self.each(sql, params, |r| {
            if let Some(f) = f.take() {
                out = Some(f(r)?);
            }
            Ok(false)
        })?;
        out.ok_or(DbError::NoRow)
    }
}
