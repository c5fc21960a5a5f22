//! Defences against strangers: who the client is (its address), per-client rate limits on anonymous writes,
//! sign-in throttling by (name, address) and by address, and single-use tokens for anonymous forms.
//!
//! The design is in `docs/decision-sign-in-throttle.md`. Rate-limit buckets and used form tokens live in
//! memory (they are short-lived, and a restart only forgives a few minutes of limits); sign-in failures live in
//! the store, where the old per-name failure tracking was, so that a restart does not reset them.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use vesalius_answer::DraftOutcome;
use vesalius_store::Failures;

use crate::error::AppError;
use crate::AppState;

/// A refill rate with a burst: a client may do `burst` things at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// How many at once.
    pub burst: u32,
    /// How long until one more is allowed.
    pub every: Duration,
}

/// When sign-in attempts are refused: after `free` failures, each further attempt must wait `first_wait`
/// after the latest failure, doubling with every further failure, up to `max_wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The first wait.
    pub first_wait: Duration,
    /// The longest wait.
    pub max_wait: Duration,
}

/// The limits on anonymous clients, each counted per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Questions asked (each stores a conversation turn): `GET /ask?q=` and `POST /api/ask`.
    pub asks: Rate,
    /// New drafts for the review queue that one client's questions may create; beyond it questions are
    /// still answered, but keep no new draft.
    pub drafts: Rate,
    /// Problem reports sent.
    pub reports: Rate,
    /// Failed sign-ins for one name from one address.
    pub sign_in_per_name: Backoff,
    /// Failed sign-ins from one address, whatever the name.
    pub sign_in_per_address: Backoff,
}

impl Default for Limits {
    fn default() -> Self {
        let minute = Duration::from_secs(60);
        let hour = Duration::from_secs(3600);
        Limits {
            asks: Rate { burst: 30, every: Duration::from_secs(4) },
            drafts: Rate { burst: 10, every: 6 * minute },
            reports: Rate { burst: 5, every: 5 * minute },
            sign_in_per_name: Backoff { free: 5, first_wait: minute, max_wait: hour },
            sign_in_per_address: Backoff { free: 20, first_wait: minute, max_wait: hour },
        }
    }
}

/// Failures older than this are not counted (the store forgets them after a day too).
pub(crate) const FAILURE_WINDOW_MINUTES: u32 = 24 * 60;
/// Keys a limiter keeps at most; beyond it, new clients are refused until old buckets refill.
const MAX_KEYS: usize = 100_000;
/// A limiter prunes refilled buckets when it holds more keys than this.
const PRUNE_AT: usize = 10_000;
/// Sign-ins verified at the same time for one address (argon2 is costly; parallel guesses would also slip
/// past the failure count before it is written).
const MAX_CONCURRENT_SIGN_INS: u32 = 2;
/// How long an issued report form stays valid.
const FORM_TTL_SECS: u64 = 2 * 3600;

/// The client a request comes from: its address as a limiter key (IPv4, or an IPv6 /64 network, since one
/// subscriber usually holds a whole /64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Client(pub(crate) String);

impl Client {
    /// The key for an address.
    pub(crate) fn of(ip: IpAddr) -> Client {
        match ip {
            IpAddr::V4(v4) => Client(v4.to_string()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Client(v4.to_string()),
                None => {
                    let s = v6.segments();
                    Client(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
                }
            },
        }
    }
}

/// The address a proxy reports: the last entry of `X-Forwarded-For`, the one our own proxy appended (entries
/// before it were sent by the client and can be forged). When that entry is no address, none (the socket's
/// is used): falling back to an earlier entry would let the client choose.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
    last.rsplit(',').next()?.trim().parse().ok()
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let socket = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let ip = if state.guard.trust_proxy { forwarded_for(&parts.headers).or(socket) } else { socket };
        // Without a socket address (the router driven without `into_make_service_with_connect_info`), all
        // such requests share one key: limited together rather than not at all.
        Ok(ip.map_or_else(|| Client("unknown".into()), Client::of))
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// A token bucket per client.
pub(crate) struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    pub(crate) fn new(rate: Rate) -> Limiter {
        Limiter { rate, buckets: Mutex::new(HashMap::new()) }
    }

    fn every(&self) -> f64 {
        self.rate.every.as_secs_f64().max(0.001)
    }

    fn refill(&self, b: &mut Bucket, now: Instant) {
        let gained = now.saturating_duration_since(b.at).as_secs_f64() / self.every();
        b.tokens = (b.tokens + gained).min(f64::from(self.rate.burst));
        b.at = now;
    }

    fn with_bucket<T>(&self, client: &Client, f: impl FnOnce(&mut Bucket) -> T) -> Result<T, u64> {
        let now = Instant::now();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(&client.0) {
            if map.len() >= PRUNE_AT {
                let burst = f64::from(self.rate.burst);
                let every = self.every();
                map.retain(|_, b| b.tokens + now.saturating_duration_since(b.at).as_secs_f64() / every < burst);
            }
            if map.len() >= MAX_KEYS {
                tracing::warn!(max_keys = MAX_KEYS, "rate limiter full; refusing a new client");
                return Err(self.rate.every.as_secs().max(1));
            }
        }
        let b = map.entry(client.0.clone()).or_insert(Bucket { tokens: f64::from(self.rate.burst), at: now });
        self.refill(b, now);
        Ok(f(b))
    }

    /// Takes one from the client's bucket, or says how many seconds until one is there.
    pub(crate) fn take(&self, client: &Client) -> Result<(), u64> {
        let every = self.every();
        self.with_bucket(client, |b| {
            if b.tokens >= 1.0 {
                b.tokens -= 1.0;
                Ok(())
            } else {
                Err(((1.0 - b.tokens) * every).ceil().max(1.0) as u64)
            }
        })?
    }

    /// Whether the client's bucket has one to take (taking nothing).
    pub(crate) fn available(&self, client: &Client) -> bool {
        self.with_bucket(client, |b| b.tokens >= 1.0).unwrap_or(false)
    }
}

/// How long a (name, address) or address must still wait before another sign-in, in seconds.
pub(crate) fn sign_in_wait(f: Failures, backoff: Backoff) -> Option<u64> {
    if f.count < backoff.free {
        return None;
    }
    let doublings = (f.count - backoff.free).min(30);
    let wait = backoff.first_wait.as_secs().saturating_mul(1u64 << doublings).min(backoff.max_wait.as_secs());
    let since = u64::try_from(f.seconds_since_last.max(0)).unwrap_or(u64::MAX);
    (since < wait).then(|| wait - since)
}

/// A sign-in verification slot of one address; freed when dropped.
pub(crate) struct SignInSlot<'a> {
    guard: &'a Guard,
    client: String,
}

impl Drop for SignInSlot<'_> {
    fn drop(&mut self) {
        let mut map = self.guard.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.client);
            }
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// HMAC-SHA-256 (RFC 2104) of `msg` under a 32-byte key.
fn hmac_sha256(key: &[u8; 32], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    k[..32].copy_from_slice(key);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new().chain_update(&ipad).chain_update(msg).finalize();
    Sha256::new().chain_update(&opad).chain_update(inner).finalize().into()
}

/// Answers a question for `client` within its limits: refused (429) beyond its asks; a new draft for the
/// review queue only while its draft budget lasts (the answer is the same either way).
pub(crate) fn ask(
    state: &AppState,
    client: &Client,
    question: &str,
    audience: vesalius_core::Audience,
    thread: Option<&str>,
) -> Result<vesalius_core::Answer, AppError> {
    let g = &state.guard;
    g.asks.take(client).map_err(|retry_after| AppError::TooMany {
        message: format!("too many questions from your network; try again in {retry_after} second(s)"),
        retry_after,
    })?;
    let may_draft = g.drafts.available(client);
    let (answer, draft) = state.engine().ask_in_thread_with(question, audience, thread, may_draft)?;
    match draft {
        DraftOutcome::New => {
            let _ = g.drafts.take(client);
        }
        DraftOutcome::NotKept => {
            tracing::info!(client = %client.0, "draft budget of the client spent; no draft kept for a new question");
        }
        _ => {}
    }
    state.metrics.answered(&answer);
    Ok(answer)
}

/// Everything the defences keep while the server runs.
pub(crate) struct Guard {
    /// Take the client address from `X-Forwarded-For` (set only behind a proxy that writes it).
    pub(crate) trust_proxy: bool,
    pub(crate) limits: Limits,
    pub(crate) asks: Limiter,
    pub(crate) drafts: Limiter,
    pub(crate) reports: Limiter,
    /// An argon2 hash with the parameters of real ones, verified for unknown names so that a failed sign-in
    /// costs the same whether the name exists or not.
    dummy_hash: String,
    /// How often the dummy hash was verified (diagnostics; the tests read it).
    dummy_checks: AtomicU64,
    in_flight: Mutex<HashMap<String, u32>>,
    form_secret: [u8; 32],
    /// Nonces of report forms already sent, with their expiry.
    used_forms: Mutex<HashMap<String, u64>>,
}

impl Guard {
    pub(crate) fn new(trust_proxy: bool, limits: Limits) -> Result<Guard, String> {
        let mut form_secret = [0u8; 32];
        getrandom::fill(&mut form_secret).map_err(|e| format!("no randomness: {e}"))?;
        let mut dummy = [0u8; 16];
        getrandom::fill(&mut dummy).map_err(|e| format!("no randomness: {e}"))?;
        let dummy_hash = crate::auth::hash_password(&hex(&dummy))?;
        Ok(Guard {
            trust_proxy,
            limits,
            asks: Limiter::new(limits.asks),
            drafts: Limiter::new(limits.drafts),
            reports: Limiter::new(limits.reports),
            dummy_hash,
            dummy_checks: AtomicU64::new(0),
            in_flight: Mutex::new(HashMap::new()),
            form_secret,
            used_forms: Mutex::new(HashMap::new()),
        })
    }

    /// The hash to verify a password against: the account's, or the dummy for an unknown name (counted).
    pub(crate) fn hash_for<'a>(&'a self, account: Option<&'a str>) -> &'a str {
        account.unwrap_or_else(|| {
            self.dummy_checks.fetch_add(1, Ordering::Relaxed);
            &self.dummy_hash
        })
    }

    pub(crate) fn dummy_checks(&self) -> u64 {
        self.dummy_checks.load(Ordering::Relaxed)
    }

    /// A verification slot for this address, or the seconds to wait when it has too many in flight.
    pub(crate) fn sign_in_slot(&self, client: &Client) -> Result<SignInSlot<'_>, AppError> {
        let mut map = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(client.0.clone()).or_insert(0);
        if *n >= MAX_CONCURRENT_SIGN_INS {
            return Err(AppError::TooMany {
                message: "another sign-in from your address is being checked; try again in a moment".into(),
                retry_after: 1,
            });
        }
        *n += 1;
        Ok(SignInSlot { guard: self, client: client.0.clone() })
    }

    fn form_mac(&self, cookie: &str, expires: u64, nonce: &str) -> String {
        hex(&hmac_sha256(&self.form_secret, format!("report|{cookie}|{expires}|{nonce}").as_bytes()))
    }

    /// A single-use token for an anonymous form, bound to the browser's form cookie.
    pub(crate) fn issue_form(&self, cookie: &str) -> Result<String, AppError> {
        let nonce = crate::auth::random_hex(16)?;
        let expires = now_secs() + FORM_TTL_SECS;
        Ok(format!("{expires}.{nonce}.{}", self.form_mac(cookie, expires, &nonce)))
    }

    /// Accepts a form token once: it must have been issued by this server for this browser's cookie, not
    /// have expired, and not have been used before.
    pub(crate) fn redeem_form(&self, cookie: Option<&str>, token: Option<&str>) -> Result<(), AppError> {
        let wrong = || {
            AppError::Forbidden("the form's security token is missing or wrong; reload the page and try again".into())
        };
        let (Some(cookie), Some(token)) = (cookie.filter(|c| !c.is_empty()), token) else { return Err(wrong()) };
        let mut parts = token.splitn(3, '.');
        let (Some(exp), Some(nonce), Some(mac)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(wrong());
        };
        let expires: u64 = exp.parse().map_err(|_| wrong())?;
        if !crate::auth::same(mac, &self.form_mac(cookie, expires, nonce)) {
            return Err(wrong());
        }
        let now = now_secs();
        if expires < now {
            return Err(AppError::Forbidden("this form has expired; reload the page and send it again".into()));
        }
        let mut used = self.used_forms.lock().unwrap_or_else(|p| p.into_inner());
        if used.len() >= PRUNE_AT {
            used.retain(|_, exp| *exp >= now);
        }
        if used.insert(nonce.to_string(), expires).is_some() {
            return Err(AppError::Forbidden(
                "this form was already sent; to send another report, reload the page".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2_shape() {
        // RFC 4231 test case 2 uses a 4-byte key; ours pads a 32-byte key with zeros just the same.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        assert_eq!(
            hex(&hmac_sha256(&key, b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn buckets_refuse_beyond_the_burst_and_say_when() {
        let l = Limiter::new(Rate { burst: 2, every: Duration::from_secs(30) });
        let (a, b) = (Client("a".into()), Client("b".into()));
        assert!(l.take(&a).is_ok() && l.take(&a).is_ok());
        let wait = l.take(&a).unwrap_err();
        assert!((29..=30).contains(&wait), "{wait}");
        assert!(!l.available(&a) && l.available(&b), "clients are counted apart");
    }

    #[test]
    fn waits_double_after_the_free_failures() {
        let b = Backoff { free: 3, first_wait: Duration::from_secs(60), max_wait: Duration::from_secs(600) };
        let f = |count, since| Failures { count, seconds_since_last: since };
        assert_eq!(sign_in_wait(f(2, 0), b), None);
        assert_eq!(sign_in_wait(f(3, 10), b), Some(50));
        assert_eq!(sign_in_wait(f(4, 0), b), Some(120));
        assert_eq!(sign_in_wait(f(4, 120), b), None);
        assert_eq!(sign_in_wait(f(40, 0), b), Some(600), "capped");
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(Client::of(a), Client::of(b));
        assert_eq!(Client::of("::ffff:10.1.2.3".parse().unwrap()).0, "10.1.2.3");
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", "1.2.3.4, not an address".parse().unwrap());
        h.append("x-forwarded-for", "5.6.7.8".parse().unwrap());
        assert_eq!(forwarded_for(&h), Some("5.6.7.8".parse().unwrap()), "the proxy's own entry is the last");
        h.append("x-forwarded-for", "9.9.9.9, garbage".parse().unwrap());
        assert_eq!(forwarded_for(&h), None, "no falling back to entries the client wrote");
    }

    #[test]
    fn form_tokens_work_once_and_only_for_their_cookie() {
        let g = Guard::new(false, Limits::default()).unwrap();
        let t = g.issue_form("cookie-a").unwrap();
        assert!(g.redeem_form(Some("cookie-b"), Some(&t)).is_err(), "bound to the browser");
        assert!(g.redeem_form(Some("cookie-a"), Some("1.2.3")).is_err(), "forged");
        assert!(g.redeem_form(Some("cookie-a"), Some(&t)).is_ok());
        assert!(g.redeem_form(Some("cookie-a"), Some(&t)).unwrap_err().to_string().contains("already sent"));
        assert!(g.hash_for(None).starts_with("$argon2id$") && g.dummy_checks() == 1);
    }
}
