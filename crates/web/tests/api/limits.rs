//! HTTP limits of the real server: oversized request targets and headers, clients that never finish their
//! headers, and shutdown.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app, spawn_until};

/// Sends `raw` on a new connection and returns everything the server sends back before it closes (or 15 s).
async fn exchange(addr: std::net::SocketAddr, raw: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    // The server may answer and close before it has read everything: a failed write is not an error here.
    let _ = s.write_all(raw).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(15), s.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn an_oversized_uri_gets_414_and_oversized_headers_431() {
    let app = spawn_app().await;
    let long = format!("GET /ask?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a".repeat(20_000));
    let r = exchange(app.addr, long.as_bytes()).await;
    assert!(r.starts_with("HTTP/1.1 414"), "{}", &r[..r.len().min(80)]);
    assert!(r.contains(&vesalius_web::MAX_URI_BYTES.to_string()), "the message names the limit");
    let huge = format!("GET /ask?q={} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(1 << 20));
    let r = exchange(app.addr, huge.as_bytes()).await;
    assert!(r.starts_with("HTTP/1.1 414") || r.starts_with("HTTP/1.1 431"), "a 1 MB URI: {}", &r[..r.len().min(80)]);
    let big = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "b".repeat(40_000));
    let r = exchange(app.addr, big.as_bytes()).await;
    assert!(r.starts_with("HTTP/1.1 431"), "{}", &r[..r.len().min(80)]);
    let ok = exchange(app.addr, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(ok.starts_with("HTTP/1.1 200"), "normal requests still work");
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let config = vesalius_web::ServeConfig { header_read_timeout: Duration::from_secs(1), ..Default::default() };
    let (app, _server) = spawn_until(config, std::future::pending()).await;
    let mut s = TcpStream::connect(app.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let mut buf = [0u8; 64];
    let closed = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf)).await;
    assert!(matches!(closed, Ok(Ok(0)) | Ok(Err(_))), "the connection stays open: {closed:?}");
}

#[tokio::test]
async fn shutdown_stops_accepting_and_the_server_returns() {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (app, server) = spawn_until(vesalius_web::ServeConfig::default(), async {
        let _ = rx.await;
    })
    .await;
    let ok = exchange(app.addr, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(ok.starts_with("HTTP/1.1 200"));
    tx.send(()).unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(30), server).await;
    assert!(matches!(ended, Ok(Ok(Ok(())))), "serve_until did not return: {ended:?}");
    assert!(TcpStream::connect(app.addr).await.is_err(), "still accepting after shutdown");
}
