//! A guard in front of the transport: tower-lsp-server's reader stops for good at the first
//! message it cannot decode (tokio-util ends a framed stream after a decoder error), which would
//! end the server on one malformed message. This pump reads the frames itself and passes on
//! only messages the transport can decode. A malformed message is logged and dropped, or, if it
//! carries a request id, replaced by a request the server answers with "Invalid request".

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

use super::log::Logger;

/// The method a malformed request with an id is turned into.
pub const INVALID_METHOD: &str = "casenote/invalidMessage";

/// Longest header line accepted; longer lines are garbage.
const MAX_HEADER: usize = 8 * 1024;
/// Largest message accepted (a 100,000-word note is about 600 kB).
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Copy well-formed frames from `input` to `output` until the input ends.
pub async fn pump(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    log: &Logger,
) {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let mut line = Vec::new();
    loop {
        let mut len: Option<usize> = None;
        let mut in_headers = false;
        loop {
            line.clear();
            match (&mut reader)
                .take(MAX_HEADER as u64)
                .read_until(b'\n', &mut line)
                .await
            {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = trim(&line);
            if l.is_empty() {
                if in_headers {
                    break;
                }
                continue;
            }
            in_headers = true;
            if let Some(v) = strip_prefix_ignore_case(l, b"content-length:") {
                len = std::str::from_utf8(v)
                    .ok()
                    .and_then(|v| v.trim().parse().ok());
            }
        }
        let Some(len) = len else {
            log.log(format_args!(
                "a message without a usable Content-Length: skipped"
            ));
            continue;
        };
        if len > MAX_BODY {
            log.log(format_args!("a message of {len} bytes: too large, skipped"));
            let mut skip = (&mut reader).take(len as u64);
            if tokio::io::copy(&mut skip, &mut tokio::io::sink())
                .await
                .is_err()
            {
                return;
            }
            continue;
        }
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Some(body) = check(body, log) else {
            continue;
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            return;
        }
    }
}

fn trim(mut l: &[u8]) -> &[u8] {
    while let [rest @ .., b'\n' | b'\r' | b' '] = l {
        l = rest;
    }
    l
}

fn strip_prefix_ignore_case<'a>(l: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    (l.len() >= prefix.len() && l[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &l[prefix.len()..])
}

/// The body to pass on, if any.
fn check(body: Vec<u8>, log: &Logger) -> Option<Vec<u8>> {
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return Some(body);
    }
    let id = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_string() || id.is_i64());
    match id {
        Some(id) => {
            log.log(format_args!("a malformed request: answered with an error"));
            Some(
                json!({"jsonrpc": "2.0", "id": id, "method": INVALID_METHOD})
                    .to_string()
                    .into_bytes(),
            )
        }
        None => {
            log.log(format_args!("a malformed message: skipped"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> String {
        let mut out = Vec::new();
        pump(input, &mut out, &Logger::default()).await;
        String::from_utf8(out).unwrap()
    }

    #[tokio::test]
    async fn good_frames_pass_and_bad_ones_do_not() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let bad_json = r#"{"jsonrpc": "2.0", "id": 9, "method": "#;
        let bad_shape = r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#;
        let mut input = String::new();
        for body in [good, bad_json, bad_shape, good] {
            input.push_str(&format!("Content-Length: {}\r\n\r\n{}", body.len(), body));
        }
        input.push_str("Garbage-Header: x\r\n\r\n");
        input.push_str(&format!("content-length: {}\r\n\r\n{}", good.len(), good));
        let out = run(input.as_bytes()).await;
        assert_eq!(out.matches(good).count(), 3, "{out}");
        assert!(
            out.contains(INVALID_METHOD) && out.contains("\"id\":7"),
            "{out}"
        );
        assert!(!out.contains("\"id\":9"));
    }
}
