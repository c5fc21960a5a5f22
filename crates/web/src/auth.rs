//! Accounts on the web: password hashing (argon2id), session cookies, CSRF tokens and the signed-in user.
//!
//! A session cookie holds a random token; the store keeps only its SHA-256, with the session's CSRF token.
//! Forms of signed-in users carry that CSRF token; the anonymous sign-in form uses a double-submit token (a
//! random cookie that the form must repeat), and the problem-report form a single-use token bound to that
//! cookie (see `guard`). Cookies are HttpOnly and SameSite=Lax,
//! and Secure when the request came over TLS (directly or as reported by a proxy's `X-Forwarded-Proto`).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};
use vesalius_store::{Store, User};

use crate::error::AppError;

/// Name of the session cookie.
pub(crate) const SESSION_COOKIE: &str = "vesalius_session";
/// Name of the double-submit CSRF cookie for anonymous forms.
pub(crate) const FORM_COOKIE: &str = "vesalius_form";
/// Hours a session lasts.
const SESSION_HOURS: u32 = 12;

/// `n` random bytes as lowercase hex.
pub(crate) fn random_hex(n: usize) -> Result<String, AppError> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with argon2id and a random salt (PHC string).
///
/// # Errors
/// No randomness available, or a hashing failure.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// True when `password` matches the PHC `hash`.
pub(crate) fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Compares two strings in time independent of where they differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of cookie `name`, if sent.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// True when the request came over TLS, directly or through a proxy that says so.
fn secure(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value with the house attributes; `max_age` 0 deletes the cookie.
pub(crate) fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: u32) -> HeaderValue {
    let secure = if secure(headers) { "; Secure" } else { "" };
    let v = format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// A signed-in user and the CSRF token their forms must carry.
pub(crate) struct Signed {
    pub(crate) user: User,
    pub(crate) csrf: String,
}

/// The signed-in user of a request, if any.
pub(crate) fn current(store: &Store, headers: &HeaderMap) -> Result<Option<Signed>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else { return Ok(None) };
    Ok(store.session(&sha256_hex(&token))?.map(|(user, csrf)| Signed { user, csrf }))
}

/// Starts a session for `user`; returns the cookie to set.
pub(crate) fn start_session(store: &Store, headers: &HeaderMap, user: &User) -> Result<HeaderValue, AppError> {
    let token = random_hex(32)?;
    store.create_session(&sha256_hex(&token), user.id, &random_hex(16)?, SESSION_HOURS)?;
    Ok(set_cookie(headers, SESSION_COOKIE, &token, SESSION_HOURS * 3600))
}

/// Ends the request's session, if any; returns the cookie that deletes it.
pub(crate) fn end_session(store: &Store, headers: &HeaderMap) -> Result<HeaderValue, AppError> {
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        store.end_session(&sha256_hex(&token))?;
    }
    Ok(set_cookie(headers, SESSION_COOKIE, "", 0))
}

/// Checks a signed-in user's form token (the form's `csrf` field).
pub(crate) fn check_csrf(signed: &Signed, form: &std::collections::HashMap<String, String>) -> Result<(), AppError> {
    match form.get("csrf") {
        Some(t) if same(t, &signed.csrf) => Ok(()),
        _ => Err(AppError::Forbidden(
            "the form's security token is missing or wrong; reload the page and try again".into(),
        )),
    }
}

/// Checks an anonymous form's double-submit token against its cookie.
pub(crate) fn check_form_token(headers: &HeaderMap, sent: Option<&str>) -> Result<(), AppError> {
    match (cookie(headers, FORM_COOKIE), sent) {
        (Some(c), Some(t)) if !c.is_empty() && same(&c, t) => Ok(()),
        _ => Err(AppError::Forbidden(
            "the form's security token is missing or wrong; reload the page and try again".into(),
        )),
    }
}

/// The double-submit token of this browser (reusing its cookie) and, when new, the cookie to set.
pub(crate) fn form_token(headers: &HeaderMap) -> Result<(String, Option<HeaderValue>), AppError> {
    match cookie(headers, FORM_COOKIE).filter(|c| c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit())) {
        Some(t) => Ok((t, None)),
        None => {
            let t = random_hex(16)?;
            let c = set_cookie(headers, FORM_COOKIE, &t, 86400);
            Ok((t, Some(c)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_and_verify() {
        let a = hash_password("correct horse").unwrap();
        let b = hash_password("correct horse").unwrap();
        assert!(a.starts_with("$argon2id$") && a != b);
        assert!(verify_password(&a, "correct horse"));
        assert!(!verify_password(&a, "wrong"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_behind_tls() {
        let mut h = HeaderMap::new();
        let plain = set_cookie(&h, "a", "b", 10);
        assert_eq!(plain.to_str().unwrap(), "a=b; Path=/; Max-Age=10; HttpOnly; SameSite=Lax");
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(set_cookie(&h, "a", "b", 10).to_str().unwrap().ends_with("; Secure"));
    }
}
