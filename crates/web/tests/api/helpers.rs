//! A real server on a free port over a real SQLite file, and a minimal HTTP/1.1 client.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use vesalius_answer::{Engine, EngineConfig};
use vesalius_content::Corpus;
use vesalius_store::Store;
use vesalius_web::{AppState, WebConfig};

pub struct TestApp {
    pub addr: std::net::SocketAddr,
    pub store: Arc<Store>,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Starts the app on 127.0.0.1:0 with the built-in knowledge base.
pub async fn spawn_app() -> TestApp {
    spawn_with(Corpus::builtin().unwrap()).await
}

/// Starts the app with the built-in knowledge base and `config`, until `stop` completes; the handle ends
/// when the server has stopped.
pub async fn spawn_until(
    config: vesalius_web::ServeConfig,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> (TestApp, tokio::task::JoinHandle<std::io::Result<()>>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.db")).unwrap();
    store.sync_corpus(&Corpus::builtin().unwrap(), "test").unwrap();
    let store = Arc::new(store);
    let engine = Engine::build(store.clone(), EngineConfig::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(Arc::new(engine), vesalius_web::WebConfig::default()).unwrap();
    let server = tokio::spawn(vesalius_web::serve_until(listener, state.clone(), config, stop));
    (TestApp { addr, store, state, _dir: dir }, server)
}

/// Starts the app with the given content.
pub async fn spawn_with(corpus: Corpus) -> TestApp {
    spawn_configured(corpus, EngineConfig::default(), WebConfig::default(), |_| {}).await
}

/// Starts the app with the given content and settings; `prepare` may fill the store before the engine is
/// built (e.g. with Q&A pairs).
pub async fn spawn_configured(
    corpus: Corpus,
    engine: EngineConfig,
    web: WebConfig,
    prepare: impl FnOnce(&Store),
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.db")).unwrap();
    store.sync_corpus(&corpus, "test").unwrap();
    prepare(&store);
    let store = Arc::new(store);
    let engine = Engine::build(store.clone(), engine).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(Arc::new(engine), web).unwrap();
    tokio::spawn(vesalius_web::serve(listener, state.clone()));
    TestApp { addr, store, state, _dir: dir }
}

/// A tiny corpus from inline text, for tests that need their own content.
pub fn corpus(references: &str, articles: &[&str]) -> Corpus {
    let mut files = vec![(PathBuf::from("c/references.toml"), references.to_string())];
    for (i, a) in articles.iter().enumerate() {
        files.push((PathBuf::from(format!("c/articles/{i}.md")), a.to_string()));
    }
    Corpus::from_files(files).unwrap()
}

impl TestApp {
    pub async fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Response {
        self.request_from([127, 0, 0, 1], method, path, headers, body).await
    }

    /// A request from the loopback address `from` (any of 127.0.0.0/8 on Linux), as another client would.
    pub async fn request_from(
        &self,
        from: [u8; 4],
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(std::net::SocketAddr::from((from, 0))).unwrap();
        let mut stream = socket.connect(self.addr).await.unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(b) = body {
            req.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
        req.push_str("\r\n");
        req.push_str(body.unwrap_or(""));
        stream.write_all(req.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let body = if headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
        {
            dechunk(body)
        } else {
            body.to_string()
        };
        Response { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[], None).await
    }

    pub async fn post_json(&self, path: &str, body: &str) -> Response {
        self.request("POST", path, &[("Content-Type", "application/json")], Some(body)).await
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}
