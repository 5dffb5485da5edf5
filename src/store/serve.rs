//! Queries for `twofa serve`: API tokens and one-time self-enrollment links (schema 9).
//!
//! Both tables hold only SHA-256 hashes of their tokens. Each row carries an integrity tag
//! that the library computes over the row's fields (`api/service.rs`), so that a database
//! writer without the key can neither add a token nor revive a revoked one or a spent link.

use super::sql::{DbResult, Optional, Row, params};

use super::Tx;
use crate::error::Result;

/// An API token row (never the token itself).
#[derive(Debug, Clone)]
pub(crate) struct ApiTokenRow {
    pub id: i64,
    pub name: String,
    pub token_hash: Vec<u8>,
    /// Comma-separated scope names.
    pub scopes: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub tag: Option<Vec<u8>>,
}

const TOKEN_COLUMNS: &str = "id, name, token_hash, scopes, created_at, expires_at, revoked_at, tag";

fn token_from_row(r: &Row<'_>) -> DbResult<ApiTokenRow> {
    Ok(ApiTokenRow {
        id: r.get(0)?,
        name: r.get(1)?,
        token_hash: r.get(2)?,
        scopes: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        revoked_at: r.get(6)?,
        tag: r.get(7)?,
    })
}

/// A self-enrollment link row (never the token itself).
#[derive(Debug, Clone)]
pub(crate) struct EnrollLinkRow {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub token_hash: Vec<u8>,
    pub created_at: i64,
    pub expires_at: i64,
    /// The pending TOTP factor the link's page enrolled, once it was opened.
    pub factor_id: Option<i64>,
    pub used_at: Option<i64>,
    pub tag: Option<Vec<u8>>,
}

const LINK_COLUMNS: &str = "l.id, l.user_id, u.username, l.token_hash, l.created_at, l.expires_at, l.factor_id, l.used_at, l.tag";

fn link_from_row(r: &Row<'_>) -> DbResult<EnrollLinkRow> {
    Ok(EnrollLinkRow {
        id: r.get(0)?,
        user_id: r.get(1)?,
        username: r.get(2)?,
        token_hash: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        factor_id: r.get(6)?,
        used_at: r.get(7)?,
        tag: r.get(8)?,
    })
}

impl Tx<'_> {
    /// Insert a new API token; its id.
    pub(crate) fn insert_api_token(
        &self,
        name: &str,
        token_hash: &[u8],
        scopes: &str,
        now: i64,
        expires_at: Option<i64>,
    ) -> Result<i64> {
        self.conn
            .insert(
                "INSERT INTO api_tokens (name, token_hash, scopes, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, token_hash, scopes, now, expires_at],
            )
            .map_err(|e| self.err(e))
    }

    /// The token whose hash is `token_hash`, revoked or not.
    pub(crate) fn api_token_by_hash(&self, token_hash: &[u8]) -> Result<Option<ApiTokenRow>> {
        self.conn
            .query_row(
                &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?1"),
                params![token_hash],
                token_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The live (not revoked) token named `name`.
    pub(crate) fn live_api_token(&self, name: &str) -> Result<Option<ApiTokenRow>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE name = ?1 AND revoked_at IS NULL"
                ),
                params![name],
                token_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every token, by id; revoked ones too with `all`.
    pub(crate) fn api_tokens(&self, all: bool) -> Result<Vec<ApiTokenRow>> {
        let sql = if all {
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id")
        } else {
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE revoked_at IS NULL ORDER BY id")
        };
        self.rows(&sql, params![], token_from_row)
    }

    /// Mark a token revoked.
    pub(crate) fn revoke_api_token(&self, id: i64, now: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Store a token row's integrity tag.
    pub(crate) fn set_api_token_tag(&self, id: i64, tag: &[u8]) -> Result<()> {
        self.conn
            .execute(
                "UPDATE api_tokens SET tag = ?2 WHERE id = ?1",
                params![id, tag],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Insert a new self-enrollment link; its id.
    pub(crate) fn insert_enroll_link(
        &self,
        user_id: i64,
        token_hash: &[u8],
        now: i64,
        expires_at: i64,
    ) -> Result<i64> {
        self.conn
            .insert(
                "INSERT INTO enroll_links (user_id, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![user_id, token_hash, now, expires_at],
            )
            .map_err(|e| self.err(e))
    }

    /// The link whose hash is `token_hash`.
    pub(crate) fn enroll_link_by_hash(&self, token_hash: &[u8]) -> Result<Option<EnrollLinkRow>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {LINK_COLUMNS} FROM enroll_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?1"
                ),
                params![token_hash],
                link_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The link `id`.
    pub(crate) fn enroll_link(&self, id: i64) -> Result<Option<EnrollLinkRow>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {LINK_COLUMNS} FROM enroll_links l JOIN users u ON u.id = l.user_id WHERE l.id = ?1"
                ),
                params![id],
                link_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Record the pending factor a link's page enrolled, and when the link was used up.
    pub(crate) fn update_enroll_link(
        &self,
        id: i64,
        factor_id: Option<i64>,
        used_at: Option<i64>,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE enroll_links SET factor_id = ?2, used_at = ?3 WHERE id = ?1",
                params![id, factor_id, used_at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Store a link row's integrity tag.
    pub(crate) fn set_enroll_link_tag(&self, id: i64, tag: &[u8]) -> Result<()> {
        self.conn
            .execute(
                "UPDATE enroll_links SET tag = ?2 WHERE id = ?1",
                params![id, tag],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
