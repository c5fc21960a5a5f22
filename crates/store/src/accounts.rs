//! Accounts and sign-in sessions. The store keeps password hashes and session-token hashes only; hashing
//! is the caller's job.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Store, StoreError};

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Display name (unique); also the actor name in the review log.
    pub name: String,
    /// `reader`, `editor`, `reviewer` or `admin`.
    pub role: String,
    /// Professional credentials, e.g. "MD, FRCP".
    pub credentials: String,
    /// Specialty, e.g. "Neurology".
    pub specialty: String,
    /// When the account was created.
    pub created_at: String,
    /// The password hash (PHC string); never shown.
    #[serde(skip)]
    pub password_hash: String,
}

/// Recent failed sign-ins of one kind (see [`Store::sign_in_failures`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// How many.
    pub count: u32,
    /// Seconds since the latest of them (`i64::MAX` when there is none).
    pub seconds_since_last: i64,
}

/// Recent failed sign-ins for a (name, address) pair and for the address alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInFailures {
    /// For this name from this address.
    pub pair: Failures,
    /// From this address, for any name.
    pub address: Failures,
}

/// Failures are kept by trimmed, lowercased name, so "Ed" and " ed" count together.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

const ROLES: [&str; 4] = ["reader", "editor", "reviewer", "admin"];

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        credentials: r.get(3)?,
        specialty: r.get(4)?,
        created_at: r.get(5)?,
        password_hash: r.get(6)?,
    })
}

const USER_COLUMNS: &str = "u.id, u.name, u.role, u.credentials, u.specialty, u.created_at, u.password_hash";

impl Store {
    /// Creates an account.
    ///
    /// # Errors
    /// [`StoreError::Empty`] for a blank name, [`StoreError::Conflict`] for a taken name or an unknown role,
    /// or a database error.
    pub fn add_user(
        &self,
        name: &str,
        role: &str,
        credentials: &str,
        specialty: &str,
        password_hash: &str,
    ) -> Result<User, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Empty("name"));
        }
        if !ROLES.contains(&role) {
            return Err(StoreError::Conflict(format!("unknown role `{role}`: use reader, editor, reviewer or admin")));
        }
        let conn = self.conn();
        let taken: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)", [name], |r| r.get(0))?;
        if taken {
            return Err(StoreError::Conflict(format!("a user called `{name}` already exists")));
        }
        conn.execute(
            "INSERT INTO users (name, role, credentials, specialty, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role, credentials.trim(), specialty.trim(), password_hash],
        )?;
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = last_insert_rowid()");
        Ok(conn.query_row(&sql, [], user_from_row)?)
    }

    /// The account with this name.
    ///
    /// # Errors
    /// A database error.
    pub fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.name = ?1");
        Ok(self.conn().query_row(&sql, [name.trim()], user_from_row).optional()?)
    }

    /// All accounts, by name.
    ///
    /// # Errors
    /// A database error.
    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name"))?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Opens a session for `user_id`, valid for `hours`.
    ///
    /// # Errors
    /// A database error.
    pub fn create_session(&self, token_hash: &str, user_id: i64, csrf: &str, hours: u32) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.execute("DELETE FROM sessions WHERE expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [])?;
        conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, expires_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?4))",
            params![token_hash, user_id, csrf, format!("+{hours} hours")],
        )?;
        Ok(())
    }

    /// The user and CSRF token of an unexpired session.
    ///
    /// # Errors
    /// A database error.
    pub fn session(&self, token_hash: &str) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1 AND s.expires_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        );
        Ok(self.conn().query_row(&sql, [token_hash], |r| Ok((user_from_row(r)?, r.get(7)?))).optional()?)
    }

    /// Ends a session.
    ///
    /// # Errors
    /// A database error.
    pub fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }

    /// Records a failed sign-in for `name` from the client address `addr` (any stable text key). Failures
    /// older than a day are forgotten.
    ///
    /// # Errors
    /// A database error.
    pub fn record_sign_in_failure(&self, name: &str, addr: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.execute("DELETE FROM sign_in_failures WHERE at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')", [])?;
        conn.execute("INSERT INTO sign_in_failures (name, addr) VALUES (?1, ?2)", params![name_key(name), addr])?;
        Ok(())
    }

    /// Failed sign-ins of the last `minutes`: for `name` from `addr`, and from `addr` for any name.
    ///
    /// # Errors
    /// A database error.
    pub fn sign_in_failures(&self, name: &str, addr: &str, minutes: u32) -> Result<SignInFailures, StoreError> {
        let conn = self.conn();
        let since = format!("-{minutes} minutes");
        let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Failures> {
            Ok(Failures { count: r.get(0)?, seconds_since_last: r.get::<_, Option<i64>>(1)?.unwrap_or(i64::MAX) })
        };
        const SINCE_LAST: &str =
            "COUNT(*), CAST(strftime('%s', 'now') AS INTEGER) - CAST(strftime('%s', MAX(at)) AS INTEGER)";
        let pair = conn.query_row(
            &format!(
                "SELECT {SINCE_LAST} FROM sign_in_failures
                 WHERE name = ?1 AND addr = ?2 AND at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3)"
            ),
            params![name_key(name), addr, since],
            row,
        )?;
        let address = conn.query_row(
            &format!(
                "SELECT {SINCE_LAST} FROM sign_in_failures
                 WHERE addr = ?1 AND at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2)"
            ),
            params![addr, since],
            row,
        )?;
        Ok(SignInFailures { pair, address })
    }

    /// Forgets the failed sign-ins for `name` from `addr` (after a successful sign-in).
    ///
    /// # Errors
    /// A database error.
    pub fn clear_sign_in_failures(&self, name: &str, addr: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM sign_in_failures WHERE name = ?1 AND addr = ?2", params![name_key(name), addr])?;
        Ok(())
    }

    /// Today's date (UTC), `YYYY-MM-DD`, by the database clock.
    ///
    /// # Errors
    /// A database error.
    pub fn today(&self) -> Result<String, StoreError> {
        Ok(self.conn().query_row("SELECT strftime('%Y-%m-%d', 'now')", [], |r| r.get(0))?)
    }

    /// Stores a reference added by an editor.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the id is taken, or a database error.
    pub fn add_reference(&self, reference: &vesalius_core::Reference, author: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        let taken: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM added_references WHERE id = ?1)", [&reference.id], |r| {
                r.get(0)
            })?;
        if taken {
            return Err(StoreError::Conflict(format!("a reference with id `{}` already exists", reference.id)));
        }
        conn.execute(
            "INSERT INTO added_references (id, document, author) VALUES (?1, ?2, ?3)",
            params![reference.id, serde_json::to_string(reference)?, author],
        )?;
        Ok(())
    }

    /// References added by editors, by id.
    ///
    /// # Errors
    /// A database error.
    pub fn added_references(&self) -> Result<Vec<vesalius_core::Reference>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT document FROM added_references ORDER BY id")?;
        let docs: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        docs.iter().map(|d| Ok(serde_json::from_str(d)?)).collect()
    }
}
