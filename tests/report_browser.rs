//! The board report in a real browser: headless Chromium opens the report of every worked
//! example from a file, as a mail attachment would be opened, and its DOM has every section
//! heading and its four charts, while Chromium's own network log shows that the page asked for
//! nothing; laid out on a phone's width it keeps to the screen, and by its print rules on A4
//! and Letter no table, chart or section is cut across a page. Needs Chromium (`.ci/run` installs
//! Debian's `chromium`; `SKYPIE_CHROMIUM` names another binary).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use skypie::report::board::sections_of;

/// The Chromium binary to drive.
fn chromium() -> String {
    std::env::var("SKYPIE_CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
}

/// Headless Chromium with a fresh `profile` and no networking of its own (updates, sync).
fn headless(profile: &Path) -> Command {
    let mut command = Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The worked examples, `scenarios/*.toml`, in order.
fn worked_examples() -> Vec<String> {
    let mut examples: Vec<String> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .filter_map(|e| e.ok())
        .map(|e| format!("scenarios/{}", e.file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 6, "{examples:?}");
    examples
}

/// What headless Chromium made of a page: its DOM after loading, and its network log.
struct Visit {
    dom: String,
    net_log: Value,
}

/// Opens `page` (a file) in headless Chromium with a fresh profile and no background
/// networking, and dumps its DOM and its network log.
fn visit(page: &Path, scratch: &Path) -> Visit {
    let profile = tempfile::tempdir_in(scratch).expect("a profile folder");
    let net_log = scratch.join(format!(
        "{}.net.json",
        page.file_name().unwrap().to_string_lossy()
    ));
    let output = headless(profile.path())
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "these tests need Chromium ({e}): apt-get install chromium, or set \
                 SKYPIE_CHROMIUM"
            )
        });
    assert!(output.status.success(), "chromium failed: {output:?}");
    let log = std::fs::read_to_string(&net_log).expect("chromium wrote its network log");
    Visit {
        dom: String::from_utf8_lossy(&output.stdout).into_owned(),
        net_log: serde_json::from_str(&log).expect("the network log is JSON"),
    }
}

/// The URLs the page itself asked for: requests started on behalf of a document (their
/// initiator is the page's origin, `null` for a file), not the browser's own (update checks
/// and the like, whose initiator is "not an origin").
fn page_requests(net_log: &Value) -> Vec<String> {
    let start_job = net_log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    let events = net_log["events"].as_array().cloned().unwrap_or_default();
    events
        .iter()
        .filter(|e| e["type"] == start_job && e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// The report of `scenario` written by the binary into `dir`.
fn report(scenario: &str, dir: &Path) -> PathBuf {
    let stem = Path::new(scenario).file_stem().unwrap().to_string_lossy();
    let out = dir.join(format!("{stem}.html"));
    let status = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .args(["report", scenario, "--samples", "2000", "--out"])
        .arg(&out)
        .status()
        .expect("the binary runs");
    assert!(status.success(), "skypie report {scenario}");
    out
}

#[test]
fn the_network_log_catches_a_page_that_fetches() {
    // The check below must be able to fail: a page with an image on a loopback port is caught.
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let page = scratch.path().join("fetches.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><img src=\"http://127.0.0.1:9/x.png\"><p>x</p>",
    )
    .expect("write the probe page");
    let visit = visit(&page, scratch.path());
    assert_eq!(page_requests(&visit.net_log), ["http://127.0.0.1:9/x.png"]);
}

#[test]
fn every_worked_example_renders_every_section_and_fetches_nothing() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    for scenario in &worked_examples() {
        let page = report(scenario, scratch.path());
        let visit = visit(&page, scratch.path());
        let text = std::fs::read_to_string(scenario).expect("the worked example");
        let mut plan = skypie::Scenario::parse(&text, scenario).expect("it parses");
        plan.samples = 2000;
        let verdict = skypie::report::board::evaluate(&plan)
            .evaluation
            .headline
            .verdict;
        for heading in sections_of(verdict) {
            assert!(
                visit.dom.contains(&format!("<h2>{heading}</h2>")),
                "{scenario}: {heading} in the DOM"
            );
        }
        assert_eq!(
            visit.dom.matches("<svg").count(),
            4,
            "{scenario}: four charts"
        );
        assert!(!visit.dom.contains("<script"), "{scenario}: no script");
        for attribute in ["src=\"http", "href=\"http", "url(http"] {
            assert!(!visit.dom.contains(attribute), "{scenario}: {attribute}");
        }
        assert_eq!(
            page_requests(&visit.net_log),
            Vec::<String>::new(),
            "{scenario}: the page fetched something"
        );
    }
}

/// What a script at the end of `page` (a copy with `script` before its `</body>`) posts to
/// the frame it is shown in, `width` CSS pixels wide: as its own `width=device-width` viewport
/// would have it there. Headless Chromium keeps its window wider than a phone, so the frame,
/// not the window, sets the width.
fn posted(page: &Path, script: &str, scratch: &Path, width: u32) -> Value {
    let text = std::fs::read_to_string(page).expect("the page");
    let probe = format!("<script>{script}</script></body>");
    std::fs::write(scratch.join("probe.html"), text.replace("</body>", &probe))
        .expect("write the probe");
    let frame = scratch.join("frame.html");
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><html><body><script>addEventListener('message', \
             e => document.body.setAttribute('data-posted', e.data))</script>\
             <iframe src=\"probe.html\" style=\"width:{width}px;height:3000px;border:0\">\
             </iframe></body></html>"
        ),
    )
    .expect("write the frame");
    let profile = tempfile::tempdir_in(scratch).expect("a profile folder");
    let output = headless(profile.path())
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("file://{}", frame.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let data = dom
        .split("data-posted=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|w| w.replace("&quot;", "\"").replace("&amp;", "&"))
        .unwrap_or_else(|| panic!("the probe did not report: {dom}"));
    serde_json::from_str(&data).expect("the probe posts JSON")
}

/// How wide `page` lays out on a phone `width` CSS pixels wide: (scroll width, client width)
/// of its root.
fn phone_widths(page: &Path, scratch: &Path, width: u32) -> (u64, u64) {
    let script = "parent.postMessage(JSON.stringify([document.documentElement.scrollWidth, \
                  document.documentElement.clientWidth]), '*')";
    let widths = posted(page, script, scratch, width);
    let [scroll, client]: [u64; 2] = serde_json::from_value(widths).expect("two widths");
    (scroll, client)
}

/// How `page` prints on paper `width` × `height` millimetres: its number of pages, and the
/// parts (tables, charts, the header, the footer, a section but the last, the assumptions,
/// which may run longer than a page) cut across two pages. Headless Chromium's
/// PDF says nothing of where things fell, so a copy is laid out by its print rules in columns
/// of a page's printable size (the report's 12 mm margins taken off), which break as pages do
/// (`break-inside: avoid` holds in both), and a script reports the columns each part is in.
fn printed(page: &Path, scratch: &Path, (width, height): (u32, u32)) -> (u64, Vec<String>) {
    let text = std::fs::read_to_string(page).expect("the page");
    assert!(text.contains("@media print"), "the report has print rules");
    let (width, height) = (width - 24, height - 24);
    let paged = text.replace("@media print", "@media all").replacen(
        "<main",
        &format!(
            "<div id=\"pages\" style=\"width:{width}mm;height:{height}mm;columns:{width}mm;\
             column-gap:0;column-fill:auto\"><main"
        ),
        1,
    );
    let paged = paged.replacen("</main>", "</main></div>", 1);
    let copy = scratch.join("paged.html");
    std::fs::write(&copy, paged).expect("write the paged copy");
    let script = "var w = document.getElementById('pages').getBoundingClientRect().width;\
                  var at = r => Math.floor((r.left + 1) / w);\
                  var pages = 0, cut = [];\
                  document.querySelectorAll('main *').forEach(e => {\
                    for (const r of e.getClientRects()) pages = Math.max(pages, at(r) + 1);\
                  });\
                  document.querySelectorAll('table, figure, header, footer, \
                    section:not(:last-of-type)').forEach(e => {\
                    var on = new Set([...e.getClientRects()].map(at));\
                    if (on.size > 1) cut.push(e.tagName + '.' + e.className);\
                  });\
                  parent.postMessage(JSON.stringify([pages, cut]), '*')";
    // Wider than a phone, so that only the print rules and the page's own apply.
    let found = posted(&copy, script, scratch, 1200);
    serde_json::from_value(found).expect("pages and the parts cut")
}

#[test]
fn every_worked_example_prints_on_a4_and_letter_with_no_part_cut_across_a_page() {
    const A4: (u32, u32) = (210, 297);
    const LETTER: (u32, u32) = (216, 279);
    let scratch = tempfile::tempdir().expect("a scratch folder");
    // The probe must be able to fail: a table longer than a page is cut whatever the rules.
    let long = scratch.path().join("long.html");
    let rows = "<tr><td>row</td></tr>".repeat(200);
    std::fs::write(
        &long,
        format!(
            "<!DOCTYPE html><style>@media print {{ }}</style><body><main><table>{rows}</table>\
             </main></body>"
        ),
    )
    .expect("write the long page");
    let (_, cut) = printed(&long, scratch.path(), A4);
    assert_eq!(cut, ["TABLE."]);
    for name in worked_examples() {
        let page = report(&name, scratch.path());
        for paper in [A4, LETTER] {
            let (pages, cut) = printed(&page, scratch.path(), paper);
            assert_eq!(cut, Vec::<String>::new(), "{name} on {paper:?} mm");
            if name.starts_with("scenarios/01-") {
                // Letter's shorter page takes the frontier whole onto a third page.
                let expected = if paper == A4 { 3 } else { 4 };
                assert_eq!(pages, expected, "the anecdote's pages on {paper:?} mm");
            }
        }
    }
}

#[test]
fn every_worked_example_fits_a_phone_screen() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    // The probe must be able to fail: a page wider than a phone is caught.
    let wide = scratch.path().join("wide.html");
    std::fs::write(
        &wide,
        "<!DOCTYPE html><meta name=\"viewport\" content=\"width=device-width\">\
         <body><div style=\"width:600px\">x</div></body>",
    )
    .expect("write the wide page");
    let (scroll, client) = phone_widths(&wide, scratch.path(), 390);
    assert!(scroll > client, "{scroll} against {client}");
    for name in worked_examples() {
        let page = report(&name, scratch.path());
        // An iPhone's 390 pixels, and the 320 of the narrowest phones (and of WCAG's reflow).
        for width in [390, 320] {
            let (scroll, client) = phone_widths(&page, scratch.path(), width);
            assert!(
                scroll <= client,
                "{name}: the page is {scroll} pixels wide on a screen of {client}"
            );
        }
    }
}
