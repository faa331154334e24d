//! The JavaScript binding of saring (the npm package `saring`): the only crate that knows about
//! wasm-bindgen.
//!
//! Offsets cross the boundary as UTF-16 code units, so `text.slice(start, end)` in JavaScript
//! is exactly the original characters that matched. Every bad input becomes a real `Error`
//! whose message names the field and what was expected; nothing panics across the boundary.

use std::fmt;
use std::str::FromStr;

use js_sys::{Array, Error, JsString, Object, Reflect};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use saring::{Filter as CoreFilter, Term, UnknownValue, Verdict as CoreVerdict};

// The TypeScript declarations in `saring.d.ts` come from the types below (`#[derive(Tsify)]`):
// the options are deserialized into `FilterOptions`; the verdict is written as JSON by
// `verdict_json` in the shape of `Verdict` and `Match`. The tests at the end hold the fields the
// writer writes to those declarations, and the vocabulary unions to the core's own lists.

/// A category of harm.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Category {
    Profanity,
    Insult,
    Sexual,
    Hate,
    Violence,
    SelfHarm,
    Drugs,
    Gambling,
    PersonalInfo,
    Link,
}

/// Who the filter protects.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Profile {
    Child,
    Teen,
    Adult,
}

/// What to do with a text.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Action {
    Allow,
    Warn,
    Block,
}

// The languages come from the core's registry (one folder under `lang/` each), so their union
// is not spelled out here: `make pkg` narrows this line to the registered codes, read from
// `languages()`, and adding a language needs no change in this crate.
#[wasm_bindgen(typescript_custom_section)]
const LANGUAGE_TYPES: &str = r#"
/** A lexicon language code, one folder under `lang/` each; the package build narrows this
 *  line to the union of the registered codes (`languages()` lists them). */
export type Language = string;
/** A language this build knows, as listed by `languages()`. */
export interface LanguageInfo {
  /** The code accepted in `languages: [...]`. */
  code: Language;
  /** The language's English name ("Javanese"). */
  name: string;
  /** Whether it is on when `languages` is left out. */
  default: boolean;
}
"#;

/// A disguise the normalizer undid.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Evasion {
    Diacritics,
    StyledLetters,
    Homoglyphs,
    Leetspeak,
    InvisibleCharacters,
    Separators,
    Repetition,
    Masking,
    Reduplication,
    InformalSpelling,
}

/// 1 mild, 2 strong, 3 severe.
#[derive(Tsify)]
#[allow(dead_code)]
struct Severity(#[tsify(type = "1 | 2 | 3")] u8);

/// Options of `new Filter(options)`; every field is optional. Read from the object's own
/// properties only.
#[derive(Deserialize, Tsify, Default)]
#[serde(rename_all = "camelCase")]
struct FilterOptions {
    /// Default "teen".
    #[tsify(optional, type = "Profile")]
    #[serde(default, deserialize_with = "vocabulary")]
    profile: Option<saring::Profile>,
    /// Default ["id", "en"].
    #[tsify(optional, type = "Language[]")]
    #[serde(default, deserialize_with = "vocabulary_list")]
    languages: Option<Vec<saring::Language>>,
    /// Custom terms.
    #[tsify(optional)]
    #[serde(default)]
    extra_terms: Option<Vec<ExtraTerm>>,
    /// Words that never hit, nor anything inside them.
    #[tsify(optional)]
    #[serde(default, deserialize_with = "string_list")]
    allow_terms: Option<Vec<String>>,
}

/// A custom term.
#[derive(Deserialize, Tsify)]
struct ExtraTerm {
    /// The word.
    #[serde(deserialize_with = "required_string")]
    term: String,
    /// Default "insult".
    #[tsify(optional, type = "Category")]
    #[serde(default, deserialize_with = "vocabulary")]
    category: Option<saring::Category>,
    /// Default 2 (strong).
    #[tsify(optional, type = "Severity")]
    #[serde(default, deserialize_with = "severity")]
    severity: Option<saring::Severity>,
}

/// A compiled filter for JavaScript.
#[wasm_bindgen]
pub struct Filter {
    inner: CoreFilter,
}

/// One thing found; `text.slice(start, end)` is the original characters (UTF-16 offsets).
#[derive(Tsify)]
#[allow(dead_code)]
struct Match {
    start: u32,
    end: u32,
    #[tsify(type = "Category")]
    category: &'static str,
    #[tsify(type = "Severity")]
    severity: u8,
    /// The canonical lexicon term, or the detector's name ("phone-number", "url", …).
    term: String,
    #[tsify(type = "Evasion[]")]
    evasions: Vec<&'static str>,
    /// Which construction or detector fired ("phone-number", …); absent for a plain lexicon hit.
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

/// The languages this build knows, in registry order:
/// `[{ code: "id", name: "Indonesian", default: true }, …]`. Option pages and guards build their
/// language choices from it instead of spelling codes out.
#[wasm_bindgen(js_name = languages, unchecked_return_type = "LanguageInfo[]")]
pub fn languages() -> Result<JsValue, Error> {
    parse_json(&languages_json())
}

/// What `languages()` returns, as JSON text.
fn languages_json() -> String {
    let mut out = String::from("[");
    for (i, language) in saring::Language::ALL.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        json::string(&mut out, language.as_str());
        out.push_str(",\"name\":");
        json::string(&mut out, language.name());
        out.push_str(if language.is_default() {
            ",\"default\":true}"
        } else {
            ",\"default\":false}"
        });
    }
    out.push(']');
    out
}

/// The outcome of a check.
#[derive(Tsify)]
#[allow(dead_code)]
struct Verdict {
    #[tsify(type = "Action")]
    action: &'static str,
    matches: Vec<Match>,
}

#[wasm_bindgen]
impl Filter {
    /// Builds a filter; throws an `Error` naming the bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "FilterOptions")] options: Option<JsValue>,
    ) -> Result<Filter, Error> {
        #[cfg(feature = "debug-panics")]
        console_error_panic_hook::set_once();
        let mut builder = CoreFilter::builder();
        let options = match options {
            None => None,
            Some(value) if value.is_undefined() || value.is_null() => None,
            Some(value) if value.is_object() && !Array::is_array(&value) => Some(value),
            Some(value) => {
                return Err(Error::new(&format!(
                    "options: expected an object, got {}",
                    type_name(&value)
                )))
            }
        };
        if let Some(options) = options {
            check_known_fields(&options)?;
            let options = read_options(&options)?;
            if let Some(profile) = options.profile {
                builder = builder.profile(profile);
            }
            if let Some(languages) = options.languages {
                builder = builder.languages(languages);
            }
            if let Some(terms) = options.extra_terms {
                let mut parsed = Vec::with_capacity(terms.len());
                for term in terms {
                    parsed.push(Term::new(
                        term.term,
                        term.category.unwrap_or(saring::Category::Insult),
                        term.severity.unwrap_or(saring::Severity::Strong),
                    ));
                }
                builder = builder.extra_terms(parsed);
            }
            if let Some(words) = options.allow_terms {
                builder = builder.allow_terms(words);
            }
        }
        let inner = builder.build().map_err(to_error)?;
        Ok(Filter { inner })
    }

    /// The profile in use.
    #[wasm_bindgen(getter, unchecked_return_type = "Profile")]
    pub fn profile(&self) -> String {
        self.inner.profile().as_str().to_owned()
    }

    /// Changes the profile; cheap, as the compiled lexicon is kept. Throws an `Error` naming
    /// the accepted profiles.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue,
    ) -> Result<(), Error> {
        let text = expect_string(&profile, "setProfile(profile)")?;
        self.inner
            .set_profile(text.parse::<saring::Profile>().map_err(to_error)?);
        Ok(())
    }

    /// Checks a text: `{ action, matches: [{ start, end, category, severity, term, evasions }] }`.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, Error> {
        let text = text_argument(&text, "check(text)")?;
        let verdict = self.inner.check(&text);
        to_js(&text, &verdict)
    }

    /// The text with every matched character masked; the UTF-16 length is unchanged.
    pub fn censor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, Error> {
        let text = text_argument(&text, "censor(text)")?;
        Ok(self.inner.censor(&text))
    }
}

/// The verdict as the object `check` returns. It crosses the boundary as one JSON text and one
/// `JSON.parse`: building it field by field from Rust costs a call into JavaScript per object,
/// per field and per string, which took longer than the parse for any verdict with a match.
fn to_js(text: &str, verdict: &CoreVerdict) -> Result<JsValue, Error> {
    if verdict.matches.is_empty() {
        // Most texts match nothing: their JSON is kept in JavaScript, one per action, so that
        // it is not decoded from the module's memory on every call.
        let parsed = EMPTY_VERDICTS.with(|list| {
            list.iter()
                .find(|(action, _)| *action == verdict.action)
                .map(|(_, json)| parse_js_string(json))
        });
        if let Some(parsed) = parsed {
            return parsed.map_err(|_| not_json());
        }
    }
    parse_json(&verdict_json(text, verdict))
}

thread_local! {
    static EMPTY_VERDICTS: Vec<(saring::Action, JsString)> = saring::Action::ALL
        .iter()
        .map(|&action| {
            let mut empty = CoreVerdict::default();
            empty.action = action;
            (action, JsString::from(verdict_json("", &empty)))
        })
        .collect();
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_js_string(text: &JsString) -> Result<JsValue, JsValue>;
}

fn parse_json(json: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(json).map_err(|_| not_json())
}

fn not_json() -> Error {
    Error::new("internal error: a result was not valid JSON")
}

/// The verdict as JSON text, fields in the order of the TypeScript `Verdict` and `Match`:
/// `{"action":…,"matches":[{"start":…,"end":…,"category":…,"severity":…,"term":…,
/// "evasions":[…],"rule":…}]}`, offsets in UTF-16 code units, `rule` left out when there is none.
fn verdict_json(text: &str, verdict: &CoreVerdict) -> String {
    let action = verdict.action.as_str();
    if verdict.matches.is_empty() {
        let mut out = String::with_capacity(32);
        out.push_str("{\"action\":");
        json::string(&mut out, action);
        out.push_str(",\"matches\":[]}");
        return out;
    }
    let mut out = String::with_capacity(32 + 128 * verdict.matches.len());
    out.push_str("{\"action\":");
    json::string(&mut out, action);
    out.push_str(",\"matches\":[");
    let mut offsets = Utf16Offsets::new(text);
    for (i, m) in verdict.matches.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"start\":");
        json::number(&mut out, offsets.at(m.span.start));
        out.push_str(",\"end\":");
        json::number(&mut out, offsets.at(m.span.end));
        out.push_str(",\"category\":");
        json::string(&mut out, m.category.as_str());
        out.push_str(",\"severity\":");
        json::number(&mut out, u32::from(m.severity.level()));
        out.push_str(",\"term\":");
        json::string(&mut out, &m.term);
        out.push_str(",\"evasions\":[");
        for (j, name) in m.evasions.names().enumerate() {
            if j > 0 {
                out.push(',');
            }
            json::string(&mut out, name);
        }
        out.push(']');
        if let Some(rule) = &m.rule {
            out.push_str(",\"rule\":");
            json::string(&mut out, rule);
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// The two kinds of JSON value the results hold besides literals, written without `core::fmt`.
mod json {
    /// A JSON string: `"` and `\` escaped, and every control character (U+0000–U+001F) as
    /// `\u00XX`; all else, astral characters included, as UTF-8, which `JSON.parse` reads as
    /// is.
    pub fn string(out: &mut String, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push('"');
        let mut plain = 0;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            // An ASCII byte is always a char boundary, so both slices are whole characters.
            out.push_str(&s[plain..i]);
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                _ => {
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
            }
            plain = i + 1;
        }
        out.push_str(&s[plain..]);
        out.push('"');
    }

    /// A whole number in decimal.
    pub fn number(out: &mut String, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            out.push(char::from(d));
        }
    }
}

/// Converts increasing byte offsets to UTF-16 offsets in one walk over the text.
struct Utf16Offsets<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of a byte offset on a char boundary; offsets may repeat or grow, and
    /// a smaller one restarts the walk.
    fn at(&mut self, byte: usize) -> u32 {
        if byte < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        for ch in self.text[self.byte..byte].chars() {
            self.unit += ch.len_utf16() as u32;
        }
        self.byte = byte;
        self.unit
    }
}

const OPTION_FIELDS: &[&str] = &["profile", "languages", "extraTerms", "allowTerms"];

fn check_known_fields(options: &JsValue) -> Result<(), Error> {
    let keys = Object::keys(options.unchecked_ref::<Object>());
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        if !OPTION_FIELDS.contains(&name.as_str()) {
            return Err(Error::new(&format!(
                "unknown option {name:?}: expected \"profile\", \"languages\", \"extraTerms\" or \"allowTerms\""
            )));
        }
    }
    Ok(())
}

/// The longest text `check` and `censor` take, in UTF-16 code units (JavaScript's
/// `text.length`): 16 Mi, the command line's default limit per line. A longer text is an
/// error, never a trap of the module's memory.
const MAX_TEXT_LENGTH: u32 = 1 << 24;

/// The text argument of `check` or `censor`: a string no longer than [`MAX_TEXT_LENGTH`],
/// measured before it is copied into the module's memory.
fn text_argument(value: &JsValue, name: &str) -> Result<String, Error> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        let length = text.length();
        if length > MAX_TEXT_LENGTH {
            return Err(Error::new(&format!(
                "{name}: the text is {length} characters long, over the limit of \
                 {MAX_TEXT_LENGTH} (UTF-16 code units); check it in parts"
            )));
        }
    }
    expect_string(value, name)
}

fn expect_string(value: &JsValue, name: &str) -> Result<String, Error> {
    value.as_string().ok_or_else(|| {
        Error::new(&format!(
            "{name}: expected a string, got {}",
            type_name(value)
        ))
    })
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

fn to_error(error: impl std::fmt::Display) -> Error {
    Error::new(&error.to_string())
}

/// How deep an options object may nest (`options.extraTerms[i].term` is 3 levels).
const MAX_OPTIONS_DEPTH: usize = 8;

/// Reads the options from a copy that holds the object's own enumerable properties only, at
/// every level: what is inherited from a prototype (`Object.prototype.allowTerms = [...]` set
/// by another script, `{ __proto__: { profile: "adult" } }`, an array hole filled from
/// `Array.prototype`) never reaches the deserializer. A bad field gives an `Error` that names
/// it: `extraTerms[0].severity: expected 1, 2 or 3, got 7`.
fn read_options(options: &JsValue) -> Result<FilterOptions, Error> {
    let own = own_copy(options, "options", 0)?;
    let deserializer = serde_wasm_bindgen::Deserializer::from(own);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        // serde-wasm-bindgen's errors are JavaScript `Error`s, shown as "Error: message".
        let shown = error.inner().to_string();
        let message = shown.strip_prefix("Error: ").unwrap_or(&shown).to_owned();
        // "unknown profile …" names its field already: prefix only the object it is in.
        let prefix = if message.starts_with("unknown ") {
            path.rsplit_once('.').map(|(parent, _)| parent.to_owned())
        } else {
            Some(path.clone())
        };
        // serde's "missing field `term`" reads as "extraTerms[0].term: missing".
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'));
        match (missing, prefix) {
            (Some(field), _) => Error::new(&format!("{path}.{field}: missing")),
            (None, Some(prefix)) => Error::new(&format!("{prefix}: {message}")),
            (None, None) => Error::new(&message),
        }
    })
}

/// A copy of a JSON-like value with only own properties: objects become prototype-less objects
/// of their own enumerable string keys, arrays new arrays of their own elements (a hole is
/// `undefined`); other values are themselves.
fn own_copy(value: &JsValue, name: &str, depth: usize) -> Result<JsValue, Error> {
    if depth > MAX_OPTIONS_DEPTH {
        return Err(Error::new(&format!("{name}: nested too deeply")));
    }
    let unreadable = |_| Error::new(&format!("{name}: could not be read"));
    if Array::is_array(value) {
        let list: &Array = value.unchecked_ref();
        let copy = Array::new();
        for i in 0..list.length() {
            let key = JsString::from(i.to_string());
            let item =
                if Object::has_own_str(list.unchecked_ref::<Object>(), &key).map_err(unreadable)? {
                    own_copy(&list.get(i), &format!("{name}[{i}]"), depth + 1)?
                } else {
                    JsValue::UNDEFINED
                };
            copy.push(&item);
        }
        return Ok(copy.into());
    }
    if value.is_object() && !value.is_function() {
        let copy: Object = Object::create(&JsValue::NULL.unchecked_into::<Object>());
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let field = key.as_string().unwrap_or_default();
            let item = Reflect::get(value, &key).map_err(unreadable)?;
            if item.is_undefined() {
                // `{ profile: undefined }` is no profile, as in any JavaScript options object.
                continue;
            }
            let item = own_copy(&item, &field, depth + 1)?;
            Reflect::set(&copy, &key, &item).map_err(unreadable)?;
        }
        return Ok(copy.into());
    }
    Ok(value.clone())
}

/// A value of the wanted type, or the name of the type that was given instead, for
/// "expected …, got …" messages.
struct Described<T>(Result<T, &'static str>);

/// What a visitor found, when it was not what it wanted.
fn got(what: &'static str, expected: &str) -> String {
    format!("expected {expected}, got {what}")
}

/// A string, or an error naming what was given instead.
struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Described<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Described(Ok(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Described(Ok(v)))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Described(Err("boolean")))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Described(Err("number")))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Described(Err("number")))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Described(Err("number")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Described(Err("undefined or null")))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Described(Err("undefined or null")))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Ok(Described(Err("an array")))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Ok(Described(Err("object")))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Ok(Described(Err("object")))
    }
}

/// A string field.
fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match d.deserialize_any(StringVisitor)?.0 {
        Ok(text) => Ok(Some(text)),
        Err(what) => Err(de::Error::custom(got(what, "a string"))),
    }
}

/// A required string field.
fn required_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(string(d)?.unwrap_or_default())
}

/// A vocabulary field (`"teen"`, `"insult"`, `"id"`): the core's own message for an unknown
/// value, which lists every accepted one.
fn vocabulary<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = UnknownValue>,
{
    let text = string(d)?.unwrap_or_default();
    text.parse().map(Some).map_err(de::Error::custom)
}

/// An array, or an error naming what was given instead.
struct ListVisitor<F>(F);

impl<'de, T, F> Visitor<'de> for ListVisitor<F>
where
    F: Fn(&str) -> Result<T, String>,
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<StringItem>()? {
            match item.0 {
                Ok(text) => out.push((self.0)(&text).map_err(de::Error::custom)?),
                Err(message) => return Err(de::Error::custom(message)),
            }
        }
        Ok(out)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(E::custom(got("string", "an array")))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(E::custom(got("boolean", "an array")))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(E::custom(got("number", "an array")))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(E::custom(got("number", "an array")))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(E::custom(got("number", "an array")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom(got("undefined or null", "an array")))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(got("object", "an array")))
    }
}

/// One item of a list of strings; its error is kept as a message so the path names the item.
struct StringItem(Result<String, String>);

impl<'de> Deserialize<'de> for StringItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(StringVisitor)?.0 {
            Ok(text) => Ok(StringItem(Ok(text))),
            Err(what) => Err(de::Error::custom(got(what, "a string"))),
        }
    }
}

/// A list of strings (`allowTerms`).
fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    d.deserialize_any(ListVisitor(|text: &str| Ok(text.to_owned())))
        .map(Some)
}

/// A list of vocabulary strings (`languages`).
fn vocabulary_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = UnknownValue>,
{
    d.deserialize_any(ListVisitor(|text: &str| {
        text.parse::<T>().map_err(|e| e.to_string())
    }))
    .map(Some)
}

/// A severity: the number 1, 2 or 3.
fn severity<'de, D: Deserializer<'de>>(d: D) -> Result<Option<saring::Severity>, D::Error> {
    struct Level;
    impl<'de2> Visitor<'de2> for Level {
        type Value = Result<f64, &'static str>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("1, 2 or 3")
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Ok(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Ok(v as f64))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Ok(v as f64))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Err("string"))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Err("boolean"))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Err("undefined or null"))
        }
        fn visit_seq<A: de::SeqAccess<'de2>>(self, _: A) -> Result<Self::Value, A::Error> {
            Ok(Err("an array"))
        }
        fn visit_map<A: de::MapAccess<'de2>>(self, _: A) -> Result<Self::Value, A::Error> {
            Ok(Err("object"))
        }
    }
    let level = d.deserialize_any(Level)?;
    let severity = level
        .ok()
        .filter(|n| n.fract() == 0.0 && (1.0..=3.0).contains(n));
    match (severity, level) {
        (Some(n), _) => Ok(saring::Severity::from_level(n as u8)),
        (None, Ok(n)) => Err(de::Error::custom(format!("expected 1, 2 or 3, got {n}"))),
        (None, Err(what)) => Err(de::Error::custom(got(what, "1, 2 or 3"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string values of a generated union: `type Profile = "child" | "teen" | "adult";`.
    fn union(decl: &str) -> Vec<String> {
        let body = decl.split_once('=').expect("a type alias").1;
        body.trim()
            .trim_end_matches(';')
            .split('|')
            .map(|v| v.trim().trim_matches(['"', ';']).to_owned())
            .collect()
    }

    fn names<T: fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }

    /// The TypeScript unions are generated from the binding's enums; each must list exactly the
    /// core's values, in order, so a value added to the core fails here until it is typed.
    #[test]
    fn typescript_unions_are_the_core_vocabulary() {
        let pairs = [
            (Category::DECL, names(saring::Category::ALL)),
            (Profile::DECL, names(saring::Profile::ALL)),
            (Action::DECL, names(saring::Action::ALL)),
            (Evasion::DECL, names(saring::Evasion::ALL)),
            (Severity::DECL, names(saring::Severity::ALL)),
        ];
        for (decl, core) in pairs {
            assert_eq!(union(decl), core, "{decl}");
        }
    }

    /// The field names of a generated interface, in order: `start: number;`, `rule?: string;`.
    fn fields(decl: &str) -> Vec<String> {
        decl.lines()
            .filter_map(|line| line.trim().split_once(':'))
            .filter(|(name, _)| !name.contains(['{', ' ', '*', '/']))
            .map(|(name, _)| name.trim_end_matches('?').to_owned())
            .collect()
    }

    fn keys(value: &serde_json::Value) -> Vec<String> {
        value
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect()
    }

    /// The writer and the TypeScript declarations name the same fields in the same order.
    #[test]
    fn written_verdicts_have_the_declared_fields() {
        let filter = CoreFilter::builder().build().unwrap();
        let text = "dasar anjing, WA 0812-3456-7890";
        let written = verdict_json(text, &filter.check(text));
        let verdict: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(keys(&verdict), fields(Verdict::DECL), "{written}");
        let matches = verdict["matches"].as_array().unwrap();
        assert_eq!(matches.len(), 2, "{written}");
        // The lexicon hit has no rule; the phone number has one.
        let mut declared = fields(Match::DECL);
        assert_eq!(keys(&matches[1]), declared, "{written}");
        declared.retain(|name| name != "rule");
        assert_eq!(keys(&matches[0]), declared, "{written}");
    }

    #[test]
    fn json_strings_escape_what_json_requires_and_nothing_else() {
        let table = [
            ("", r#""""#),
            ("anjing", r#""anjing""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            ("back\\slash\\", r#""back\\slash\\""#),
            (
                "\n\r\t\u{0}\u{1}\u{1f}",
                r#""\u000a\u000d\u0009\u0000\u0001\u001f""#,
            ),
            // DEL, U+2028/U+2029 and astral characters need no escape in JSON.
            (
                "\u{7f}é\u{2028}\u{2029}😀𝐏",
                "\"\u{7f}é\u{2028}\u{2029}😀𝐏\"",
            ),
            ("a\"\u{1}😀\\", r#""a\"\u0001😀\\""#),
        ];
        for (text, expected) in table {
            let mut out = String::new();
            json::string(&mut out, text);
            assert_eq!(out, expected, "{text:?}");
        }
    }

    /// Every character, written among others, reads back as itself.
    #[test]
    fn every_character_survives_a_json_round_trip() {
        let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for chunk in all.chunks(4096) {
            let text: String = chunk.iter().collect();
            let mut out = String::new();
            json::string(&mut out, &text);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn json_numbers_are_plain_decimals() {
        for (n, expected) in [
            (0, "0"),
            (7, "7"),
            (10, "10"),
            (1 << 24, "16777216"),
            (u32::MAX, "4294967295"),
        ] {
            let mut out = String::new();
            json::number(&mut out, n);
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn languages_are_listed_as_json() {
        let list: serde_json::Value = serde_json::from_str(&languages_json()).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), saring::Language::ALL.len());
        for (item, language) in list.iter().zip(saring::Language::ALL) {
            assert_eq!(keys(item), ["code", "name", "default"]);
            assert_eq!(item["code"], language.as_str());
            assert_eq!(item["name"], language.name());
            assert_eq!(item["default"], language.is_default());
        }
    }
}
