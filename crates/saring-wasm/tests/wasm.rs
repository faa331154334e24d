//! The JavaScript binding, run as WebAssembly under Node and in headless Chromium
//! (`make test` runs this file in both; see the Makefile).

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Object, Reflect};
use saring_wasm::Filter;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn options(json: &str) -> Option<JsValue> {
    Some(js_sys::JSON::parse(json).expect("test options are JSON"))
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn error_message(result: Result<impl Sized, Error>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(error) => {
            assert!(error.is_instance_of::<Error>(), "a real Error object");
            error.message().into()
        }
    }
}

/// The text, the UTF-16 slices `text.slice(start, end)` of every match, and the action.
fn slices(filter: &Filter, text: &str) -> (String, Vec<String>) {
    let verdict = filter.check(JsValue::from_str(text)).unwrap();
    let js_text = js_sys::JsString::from(text);
    let matches: Array = get(&verdict, "matches").unchecked_into();
    let covered = matches
        .iter()
        .map(|m| {
            let start = get(&m, "start").as_f64().unwrap() as u32;
            let end = get(&m, "end").as_f64().unwrap() as u32;
            String::from(js_text.slice(start, end))
        })
        .collect();
    (get(&verdict, "action").as_string().unwrap(), covered)
}

#[wasm_bindgen_test]
fn spans_are_utf16_slices_of_the_original() {
    let filter = Filter::new(None).unwrap();
    // (text, action, the original characters each match covers)
    let table: &[(&str, &str, &[&str])] = &[
        ("dasar anjing lu", "block", &["anjing"]),
        ("😀😀 dasar anjing lu 🇮🇩", "block", &["anjing"]),
        ("𝐛𝐚𝐧𝐠𝐬𝐚𝐭 👋", "block", &["𝐛𝐚𝐧𝐠𝐬𝐚𝐭"]),
        ("🙂 ｋｏｎｔｏｌ 🙂", "block", &["ｋｏｎｔｏｌ"]),
        ("main ke pantai 🏖️", "allow", &[]),
        ("", "allow", &[]),
    ];
    for (text, action, expected) in table {
        let (got_action, covered) = slices(&filter, text);
        assert_eq!(&got_action, action, "{text}");
        assert_eq!(&covered, expected, "{text}");
    }
}

#[wasm_bindgen_test]
fn options_shape_the_filter() {
    let filter = Filter::new(options(
        r#"{"profile":"child","languages":["id"],"extraTerms":[{"term":"kampungan","category":"insult","severity":1}],"allowTerms":["anjing"]}"#,
    ))
    .unwrap();
    assert_eq!(filter.profile(), "child");
    assert_eq!(slices(&filter, "dasar kampungan").0, "block");
    assert_eq!(slices(&filter, "dasar anjing").0, "allow");
    assert_eq!(slices(&filter, "fuck").0, "allow", "English not loaded");
    let empty = Filter::new(Some(Object::new().into())).unwrap();
    assert_eq!(empty.profile(), "teen");
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_that_name_the_field() {
    // (options JSON, the error message must contain)
    let table: &[(&str, &str)] = &[
        (
            r#"{"profile":"tean"}"#,
            r#"unknown profile "tean": expected "child", "teen" or "adult""#,
        ),
        (r#"{"profile":5}"#, "profile: expected a string, got number"),
        (
            r#"{"profile":{}}"#,
            "profile: expected a string, got object",
        ),
        (
            r#"{"languages":"id"}"#,
            "languages: expected an array, got string",
        ),
        (r#"{"languages":["id","fr"]}"#, r#"unknown language "fr""#),
        (r#"{"languages":[]}"#, "no language chosen"),
        (
            r#"{"extraTerms":[{"term":"x","category":"rude","severity":1}]}"#,
            r#"extraTerms[0]: unknown category "rude""#,
        ),
        (
            r#"{"extraTerms":[{"term":"kampungan","severity":7}]}"#,
            "extraTerms[0].severity: expected 1, 2 or 3, got 7",
        ),
        (
            r#"{"extraTerms":[{"category":"insult"}]}"#,
            "extraTerms[0].term: missing",
        ),
        (
            r#"{"extraTerms":[{"term":"!!!"}]}"#,
            "extraTerms: a term is empty",
        ),
        (
            r#"{"allowTerms":[1]}"#,
            "allowTerms[0]: expected a string, got number",
        ),
        (r#"{"profil":"teen"}"#, r#"unknown option "profil""#),
        (
            r#"{"extraTerms":["kampungan"]}"#,
            "extraTerms[0]: expected an object, got string",
        ),
        (
            r#"{"extraTerms":{"term":"kampungan"}}"#,
            "extraTerms: expected an array, got object",
        ),
        (
            r#"{"extraTerms":[{"term":"kampungan","severity":2.5}]}"#,
            "extraTerms[0].severity: expected 1, 2 or 3, got 2.5",
        ),
        (r#""teen""#, "options: expected an object, got string"),
        (r#"[]"#, "options: expected an object, got an array"),
    ];
    for (json, needle) in table {
        let message = error_message(Filter::new(options(json)));
        assert!(message.contains(needle), "{json}: {message}");
    }
}

#[wasm_bindgen_test]
fn hostile_input_never_panics() {
    let filter = Filter::new(None).unwrap();
    for value in [
        JsValue::from_f64(5.0),
        JsValue::NULL,
        JsValue::UNDEFINED,
        Object::new().into(),
    ] {
        let message = error_message(filter.check(value.clone()));
        assert!(
            message.starts_with("check(text): expected a string"),
            "{message}"
        );
        assert!(filter.censor(value).is_err());
    }
    // Lone surrogates arrive as U+FFFD, one code unit each: offsets stay consistent.
    let lone: JsValue = js_sys::JsString::from_char_code(&[0xD800, 0x61, 0xDC00]).into();
    assert_eq!(
        get(&filter.check(lone).unwrap(), "action")
            .as_string()
            .unwrap(),
        "allow"
    );
    let paste = "kata biasa dan dasar anjing lu ".repeat(35_000);
    let verdict = filter.check(JsValue::from_str(&paste)).unwrap();
    let matches: Array = get(&verdict, "matches").unchecked_into();
    assert_eq!(matches.length(), 35_000);
}

#[wasm_bindgen_test]
fn censor_keeps_the_utf16_length() {
    let filter = Filter::new(None).unwrap();
    for text in ["dasar anjing lu", "𝐛𝐚𝐧𝐠𝐬𝐚𝐭 😀", "k0nt0l 🇮🇩 pantai"] {
        let censored = filter.censor(JsValue::from_str(text)).unwrap();
        assert_eq!(
            js_sys::JsString::from(censored.as_str()).length(),
            js_sys::JsString::from(text).length(),
            "{text} → {censored}"
        );
        assert_ne!(censored, text);
    }
}
